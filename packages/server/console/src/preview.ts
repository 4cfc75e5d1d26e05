// The live preview: the real <parvis-poll> and <parvis-budget>, loaded on demand, rendering the
// unsaved definition. The widgets take a page-wide `fetch` (configure()); the console gives them
// one that answers their read of the preview address with the draft, as the contract's view of an
// open consultation, and refuses every write. Nothing leaves the page, nothing is stored.
// See docs/decisions/0014-console-preview.md.
import { html, type TemplateResult } from 'lit';
import { t } from './i18n.js';
import type { Draft } from './form-kit.js';

/** The address the preview widgets believe their backend is at. It is never requested. */
export const previewApi = '/admin/preview';
export const previewId = 'apercu';

const views = new Map<string, unknown>();
let widgets: Promise<typeof import('@parvis/widgets/configure.js')> | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

function answer(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
}

const previewFetch: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input), location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith(`${previewApi}/`)) {
    return fetch(input, init);
  }
  const method = (init?.method ?? 'GET').toUpperCase();
  const view = views.get(url.pathname.slice(previewApi.length));
  if (method === 'GET' && view) return answer(200, view);
  return answer(
    403,
    { type: 'about:blank', title: 'Preview', status: 403, code: 'forbidden', detail: 'preview' },
    'application/problem+json',
  );
};

/** Loads the widgets (a chunk of their own) and hands them the preview fetch, once. */
function load(): Promise<typeof import('@parvis/widgets/configure.js')> {
  widgets ??= Promise.all([
    import('@parvis/widgets/configure.js'),
    import('@parvis/widgets/poll'),
    import('@parvis/widgets/budget'),
  ]).then(([configure]) => {
    configure.configure({ fetch: previewFetch, retries: 0 });
    return configure;
  });
  return widgets;
}

/** Shows the new definition; the widgets reload a moment after the last keystroke. */
function show(path: string, view: unknown): void {
  views.set(path, view);
  clearTimeout(timer);
  timer = setTimeout(() => {
    // A new configuration makes every widget on the page load its data again.
    void load().then((configure) => configure.configure({}));
  }, 250);
}

const stamps = () => {
  const now = new Date().toISOString();
  return { id: previewId, createdAt: now, updatedAt: now };
};

export function pollPreview(body: Draft): void {
  show(`/v1/polls/${previewId}`, {
    poll: { ...body, ...stamps(), opensAt: null, closesAt: null, privacyUrl: body.privacyUrl },
    status: 'open',
    myVote: null,
    results: null,
    canVote: true,
  });
}

export function budgetPreview(body: Draft): void {
  show(`/v1/budgets/${previewId}`, {
    budget: { ...body, ...stamps(), opensAt: null, closesAt: null },
    status: 'open',
    mySubmission: null,
    results: null,
    canSubmit: true,
  });
}

/** The preview column: what the citizens will see, announced as a preview. */
export function renderPreview(kind: 'poll' | 'budget', ready: boolean): TemplateResult {
  void load();
  if (!ready) {
    return html`<section class="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">${t('preview.title')}</h2>
      <p class="hint">${t('preview.waiting')}</p>
    </section>`;
  }
  return html`<section class="preview" aria-labelledby="preview-title">
    <h2 id="preview-title">${t('preview.title')}</h2>
    <p class="hint">${t('preview.hint')}</p>
    ${
      kind === 'poll'
        ? html`<parvis-poll poll=${previewId} api=${previewApi}></parvis-poll>`
        : html`<parvis-budget budget=${previewId} api=${previewApi}></parvis-budget>`
    }
  </section>`;
}
