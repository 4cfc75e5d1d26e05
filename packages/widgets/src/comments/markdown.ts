// A small, safe Markdown subset for comments: paragraphs, line breaks, *emphasis*, **strong**,
// bullet and numbered lists, autolinks (<https://…>, bare https:// URLs) and [text](https://…)
// links. Everything else (headings, quotes, code, tables, raw HTML) stays text. The output is an
// HTML string in which every character of the source is escaped; it still goes through DOMPurify
// (purify.ts) before it reaches the page.

/** Deepest list nesting rendered as nested lists; deeper items stay at this level. */
const maxNesting = 10;

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Backslash-escaped punctuation is parked in the Private Use Area until it is written out. */
const parkBase = 0xe000;
const park = (text: string) =>
  text.replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, (_, mark: string) =>
    String.fromCharCode(parkBase + mark.charCodeAt(0)),
  );
const unpark = (text: string) =>
  text.replace(/[\ue000-\ue07f]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - parkBase));

/** Source text as HTML text: parked marks restored, then every special character escaped. */
export function escapeHtml(text: string): string {
  return unpark(text).replace(/[&<>"']/g, (ch) => escapes[ch] ?? ch);
}

/** The URL when it is an absolute http(s) or mailto URL, else null. */
export function safeUrl(raw: string): string | null {
  const text = unpark(raw);
  // No control characters or whitespace anywhere: browsers strip them, filters should not guess.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f]/.test(text)) return null;
  if (!/^(?:https?:\/\/|mailto:)/i.test(text)) return null;
  try {
    const url = new URL(text);
    if (url.protocol === 'mailto:') return /^mailto:[^@\s]+@[^@\s]+$/i.test(text) ? url.href : null;
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname
      ? url.href
      : null;
  } catch {
    return null;
  }
}

function link(href: string, label: string): string {
  return `<a href="${escapeHtml(href)}" rel="nofollow ugc noopener">${label}</a>`;
}

/** *em*, _em_ and **strong** in a run of text without links. */
function emphasis(text: string): string {
  const pattern =
    /\*\*(?=\S)([\s\S]{0,500}?\S)\*\*|\*(?=[^\s*])([\s\S]{0,500}?[^\s*])\*|(?<![\p{L}\p{N}_])_(?=\S)([\s\S]{0,500}?\S)_(?![\p{L}\p{N}_])/u;
  let out = '';
  let rest = text;
  for (let match = pattern.exec(rest); match; match = pattern.exec(rest)) {
    out += escapeHtml(rest.slice(0, match.index));
    if (match[1] !== undefined) out += `<strong>${emphasis(match[1])}</strong>`;
    else out += `<em>${emphasis(match[2] ?? match[3] ?? '')}</em>`;
    rest = rest.slice(match.index + match[0].length);
  }
  return out + escapeHtml(rest);
}

// [label](url), <url>, or a bare URL. A link label may not contain brackets (no nesting).
const linkPattern =
  /\[([^[\]\n]{1,500})\]\(\s*([^\s()<>]{1,2000})\s*\)|<((?:https?:\/\/|mailto:)[^\s<>]{1,2000})>|\b(https?:\/\/[^\s<>]{1,2000})/i;

/** Trailing punctuation is usually the sentence's, not the URL's. */
function trimBareUrl(url: string): string {
  const count = (text: string, ch: string) => text.split(ch).length - 1;
  let end = url.length;
  while (end > 0) {
    const ch = url[end - 1] ?? '';
    if (ch === ')') {
      // Keep a parenthesis that closes one opened inside the URL (Wikipedia links).
      const head = url.slice(0, end);
      if (count(head, '(') >= count(head, ')')) break;
    } else if (!/[.,;:!?'"\]*_]/.test(ch)) break;
    end--;
  }
  return url.slice(0, end);
}

/** One line (or joined lines) of inline Markdown as HTML. */
export function inline(text: string): string {
  let out = '';
  let rest = text;
  for (let match = linkPattern.exec(rest); match; match = linkPattern.exec(rest)) {
    let consumed = match[0];
    let html: string;
    if (match[1] !== undefined) {
      const href = safeUrl(match[2] ?? '');
      // An unsafe or relative target: the whole construct stays as text.
      html = href ? link(href, emphasis(match[1])) : escapeHtml(consumed);
    } else if (match[3] !== undefined) {
      const href = safeUrl(match[3]);
      html = href ? link(href, escapeHtml(match[3])) : escapeHtml(consumed);
    } else {
      const url = trimBareUrl(match[4] ?? '');
      consumed = url;
      const href = safeUrl(url);
      html = href ? link(href, escapeHtml(url)) : escapeHtml(url);
    }
    out += emphasis(rest.slice(0, match.index)) + html;
    rest = rest.slice(match.index + Math.max(consumed.length, 1));
  }
  return out + emphasis(rest);
}

interface ListNode {
  ordered: boolean;
  indent: number;
  items: Array<{ lines: string[]; children: ListNode[] }>;
}

const listItem = /^([ \t]*)([-*+]|\d{1,9}[.)])[ \t]+(.*)$/;
const indentOf = (space: string) => space.replace(/\t/g, '    ').length;

function renderList(list: ListNode): string {
  const tag = list.ordered ? 'ol' : 'ul';
  const items = list.items
    .map(
      (item) =>
        `<li>${item.lines.map(inline).join('<br>')}${item.children.map(renderList).join('')}</li>`,
    )
    .join('');
  return `<${tag}>${items}</${tag}>`;
}

/** Markdown source → HTML of the allowed subset, every other character escaped. */
export function renderMarkdown(source: string): string {
  const lines = park(source.replace(/\r\n?/g, '\n')).split('\n');
  const blocks: string[] = [];
  let paragraph: string[] = [];
  // The open lists, outermost first.
  let stack: ListNode[] = [];

  const closeParagraph = () => {
    if (paragraph.length) blocks.push(`<p>${paragraph.map(inline).join('<br>')}</p>`);
    paragraph = [];
  };
  const closeLists = () => {
    if (stack[0]) blocks.push(renderList(stack[0]));
    stack = [];
  };

  for (const line of lines) {
    if (!line.trim()) {
      closeParagraph();
      closeLists();
      continue;
    }
    const item = listItem.exec(line);
    if (item) {
      closeParagraph();
      const indent = indentOf(item[1] ?? '');
      const ordered = /\d/.test(item[2] ?? '');
      const text = (item[3] ?? '').trim();
      // Close lists indented deeper than this item.
      while (stack.length > 1 && indent < (stack[stack.length - 1]?.indent ?? 0)) stack.pop();
      let current = stack[stack.length - 1];
      if (current && indent > current.indent + 1 && stack.length < maxNesting) {
        const parent = current.items[current.items.length - 1];
        if (parent) {
          const child: ListNode = { ordered, indent, items: [] };
          parent.children.push(child);
          stack.push(child);
          current = child;
        }
      } else if (current && current.ordered !== ordered && stack.length === 1) {
        // Another kind of list at the top level: a new list.
        closeLists();
        current = undefined;
      }
      if (!current) {
        current = { ordered, indent, items: [] };
        stack = [current];
      }
      current.items.push({ lines: [text], children: [] });
      continue;
    }
    const last = stack[stack.length - 1];
    const lastItem = last?.items[last.items.length - 1];
    if (lastItem && /^[ \t]/.test(line)) {
      // An indented line continues the list item above.
      lastItem.lines.push(line.trim());
      continue;
    }
    closeLists();
    paragraph.push(line.trim());
  }
  closeParagraph();
  closeLists();
  return blocks.join('');
}
