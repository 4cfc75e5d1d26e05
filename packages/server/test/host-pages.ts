// A city's website for the embedding tests: an HTTP server on its own origin that serves the
// pages (and their scripts and headers) a test gives it. Every request it gets is recorded.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostPage {
  body: string;
  type?: string;
  headers?: Record<string, string>;
}

export interface HostSite {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  pages: Map<string, HostPage>;
  /** URL prefix → folder whose .js files are served as they are (e.g. a copy of Lit). */
  folders: Map<string, string>;
  close(): Promise<void>;
}

export async function startHostSite(): Promise<HostSite> {
  const pages = new Map<string, HostPage>();
  const folders = new Map<string, string>();
  const fromFolder = (path: string): HostPage | undefined => {
    for (const [prefix, folder] of folders) {
      const rest = path.slice(prefix.length);
      if (!path.startsWith(prefix) || !/^[\w@/.-]+\.js$/.test(rest) || rest.includes('..'))
        continue;
      try {
        return { type: 'text/javascript', body: readFileSync(`${folder}/${rest}`, 'utf8') };
      } catch {
        return undefined;
      }
    }
    return undefined;
  };
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    const page = pages.get(path) ?? fromFolder(path);
    if (!page) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response
      .writeHead(200, {
        'content-type': page.type ?? 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        ...page.headers,
      })
      .end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    pages,
    folders,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A page of the city's site around some body HTML. */
export function hostHtml(body: string, head = ''): string {
  return `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <title>Ville de Verte – page d’essai</title>
    <link rel="icon" href="data:," />
    ${head}
  </head>
  <body>
    <main>
      <h1>Page d’essai</h1>
      ${body}
    </main>
  </body>
</html>
`;
}
