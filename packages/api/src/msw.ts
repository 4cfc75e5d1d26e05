import { http } from 'msw';

export interface MswOptions {
  /** Where the widgets think the backend is, e.g. https://consult.example.fr/api */
  baseUrl: string;
  /** The app from createApp(), usually over a MemoryStore. */
  app: { fetch: (request: Request) => Response | Promise<Response> };
}

/** MSW handlers that put the real api app behind any URL, so a mock can never drift. */
export function createMswHandlers({ baseUrl, app }: MswOptions) {
  const base = new URL(baseUrl.replace(/\/+$/, ''));
  return [
    http.all(`${base.href}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const path = url.pathname.slice(base.pathname.replace(/\/$/, '').length) || '/';
      const inner = new Request(new URL(path + url.search, 'http://parvis.api'), request);
      return app.fetch(inner);
    }),
  ];
}
