// The last gate before user text becomes DOM: the Markdown subset rendered to escaped HTML,
// then DOMPurify with an allowlist of the subset's elements. One lazy chunk with DOMPurify in
// it, fetched by the comment widget while its thread loads and by the idea board when a
// citizen first opens an idea; never by the poll. Import it with `import()`.
import DOMPurify, { type Config } from 'dompurify';
import { renderMarkdown } from './markdown.js';

/** Turns a comment's Markdown source into a sanitized fragment ready to insert. */
export type RenderBody = (source: string) => DocumentFragment;

const allowedTags = ['p', 'br', 'em', 'strong', 'ul', 'ol', 'li', 'a'];
const rel = 'nofollow ugc noopener';

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

export const renderBody: RenderBody = (source) => purify.sanitize(renderMarkdown(source), config);
