// A build-time transform for the CDN bundle: squeezes the whitespace out of Lit's html`` and
// css`` literals in the widgets' own sources. The JS minifier leaves template literal text alone,
// so without this every indentation and CSS comment ships to the citizen's browser.
//
// It is deliberately conservative:
// - html``: every run of whitespace becomes one space (or the newlines it held). Browsers collapse
//   whitespace that way when rendering, so text between inline elements keeps its separating
//   space and nothing moves.
// - css``: comments go, whitespace collapses, and the spaces around `{ } ; , >` and after `:`
//   are dropped. Quoted strings are left untouched; spaces around `+`, `-` and `*` stay (calc()).
// Newlines are kept, so every line of the module keeps its number and the source maps stay right
// without a map of this step (it costs under 100 B gzip). Literals with expressions are handled
// piece by piece. The tests run the unminified sources; the end-to-end check runs this output.
import { parseSync, Visitor, type Plugin } from 'vite';

/** The newlines of a run of whitespace, or one space when it has none. */
const squeeze = (space: string): string => space.replace(/[^\n]/g, '') || ' ';
/** The newlines only: whitespace that can go entirely. */
const newlines = (space: string): string => space.replace(/[^\n]/g, '');

export function minifyHtml(text: string): string {
  return text.replace(/\s+/g, squeeze);
}

export function minifyCss(text: string): string {
  // Split on quoted strings: odd indexes are strings and stay as they are.
  return text
    .split(/('[^']*'|"[^"]*")/)
    .map((part, index) =>
      index % 2
        ? part
        : part
            .replace(/\/\*[\s\S]*?\*\//g, newlines)
            .replace(/\s+/g, squeeze)
            .replace(/\s*([{};,>])\s*/g, (_, mark: string) => mark + newlines(_))
            .replace(/:[ \t]+/g, ':')
            .replace(/;(\s*)}/g, '$1}'),
    )
    .join('');
}

const minifiers: Record<string, (text: string) => string> = { html: minifyHtml, css: minifyCss };

/** Rewrites the html`` and css`` literals of the files whose path matches `include`. */
export function minifyLiterals(include: RegExp): Plugin {
  return {
    name: 'parvis:minify-literals',
    apply: 'build',
    transform(code, id) {
      if (!include.test(id) || !/\b(html|css)`/.test(code)) return null;
      const { program, errors } = parseSync(id, code, { lang: id.endsWith('.ts') ? 'ts' : 'js' });
      if (errors.length > 0) return null;
      const edits: Array<{ start: number; end: number; text: string }> = [];
      new Visitor({
        TaggedTemplateExpression(node) {
          const minify = node.tag.type === 'Identifier' ? minifiers[node.tag.name] : undefined;
          if (!minify) return;
          for (const quasi of node.quasi.quasis) {
            // A quasi's range includes its delimiters (` or } before, ` or ${ after).
            const start = quasi.start + 1;
            const end = start + quasi.value.raw.length;
            edits.push({ start, end, text: minify(quasi.value.raw) });
          }
        },
      }).visit(program);
      if (edits.length === 0) return null;
      edits.sort((a, b) => b.start - a.start);
      let output = code;
      for (const { start, end, text } of edits) {
        output = output.slice(0, start) + text + output.slice(end);
      }
      return { code: output, map: null };
    },
  };
}
