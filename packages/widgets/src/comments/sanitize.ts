// The last gate before user text becomes DOM: DOMPurify with an allowlist of the Markdown
// subset's elements. DOMPurify and the Markdown renderer are lazy chunks, fetched while the
// thread or board itself loads, by the comment and idea widgets only, never the poll.
import type { Config } from 'dompurify';

/** Turns a comment's Markdown source into a sanitized fragment ready to insert. */
export type RenderBody = (source: string) => DocumentFragment;

const allowedTags = ['p', 'br', 'em', 'strong', 'ul', 'ol', 'li', 'a'];
const rel = 'nofollow ugc noopener';

let loading: Promise<RenderBody> | null = null;

/** Loads DOMPurify once per page and returns the renderer; rejects when the chunk cannot load. */
export function loadBodyRenderer(): Promise<RenderBody> {
  loading ??= Promise.all([import('dompurify'), import('./markdown.js')])
    .then(([{ default: DOMPurify }, { renderMarkdown }]) => {
      // An instance of our own: hooks set here never reach a host page's DOMPurify.
      const purify = DOMPurify(window);
      purify.addHook('afterSanitizeAttributes', (node) => {
        if (node.nodeName !== 'A') return;
        const href = node.getAttribute('href') ?? '';
        if (!/^(?:https?:|mailto:)/i.test(href)) node.removeAttribute('href');
        node.setAttribute('rel', rel);
      });
      const config: Config & { RETURN_DOM_FRAGMENT: true } = {
        ALLOWED_TAGS: allowedTags,
        ALLOWED_ATTR: ['href'],
        ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
        ALLOW_DATA_ATTR: false,
        ALLOW_ARIA_ATTR: false,
        ALLOW_UNKNOWN_PROTOCOLS: false,
        SAFE_FOR_TEMPLATES: false,
        KEEP_CONTENT: true,
        RETURN_DOM_FRAGMENT: true,
      };
      return (source: string) => purify.sanitize(renderMarkdown(source), config);
    })
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}
