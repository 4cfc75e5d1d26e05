// A build step for the CDN loader: writes into `parvis.js` the chunks each widget chunk imports
// statically (Lit, the shared tokens…) and its French messages, so the loader asks for them
// together with the widget's chunk. Without it the browser learns of the imports only once that
// chunk has arrived and been parsed, and of the messages once it has run: two more round trips,
// in series, before a widget can render. Vite adds no preload helper in library builds, and the
// chunk names are known only once the bundle is written, hence this `generateBundle` step (file
// names only: the loader importing the message modules itself would change how they are split).
// The loader reads `globalThis.__PARVIS_PRELOADS__`, which stays undefined (nothing preloaded)
// when the sources run unbuilt, as in the tests.
import type { OutputBundle, OutputChunk } from 'rolldown';
import type { Plugin } from 'vite';

const marker = 'globalThis.__PARVIS_PRELOADS__';

/** Every chunk a chunk imports statically, directly or through another. */
function staticImports(bundle: OutputBundle, name: string, seen = new Set<string>()): Set<string> {
  const chunk = bundle[name];
  if (chunk?.type !== 'chunk') return seen;
  for (const file of chunk.imports) {
    if (seen.has(file)) continue;
    seen.add(file);
    staticImports(bundle, file, seen);
  }
  return seen;
}

export function widgetImports(): Plugin {
  return {
    name: 'parvis-widget-imports',
    apply: 'build',
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find(
        (file): file is OutputChunk => file.type === 'chunk' && file.isEntry,
      );
      if (!entry) return;
      // What is loaded before any widget's chunk is asked for: the loader's static imports, and
      // the chunk it shares with the widgets (every dynamic import of the loader that is not a
      // widget's or a locale's), with their own imports.
      const loaded = staticImports(bundle, entry.fileName);
      for (const name of entry.dynamicImports) {
        const chunk = bundle[name];
        const id = chunk?.type === 'chunk' ? (chunk.facadeModuleId ?? '') : '';
        if (/\/define\.ts$|\/generated\/locales\//.test(id)) continue;
        loaded.add(name);
        staticImports(bundle, name, loaded);
      }
      const imports: Record<string, string[]> = {};
      const fr: Record<string, string> = {};
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        const id = file.facadeModuleId ?? '';
        const widget = /\/src\/([\w-]+)\/define\.ts$/.exec(id)?.[1];
        if (widget) {
          imports[widget] = [...staticImports(bundle, file.fileName)]
            .filter((name) => !loaded.has(name) && name !== entry.fileName)
            .map((name) => `./${name}`);
        }
        const messages = /\/generated\/locales\/fr\/([\w-]+)\.ts$/.exec(id)?.[1];
        if (messages) fr[messages] = `./${file.fileName}`;
      }
      if (!entry.code.includes(marker)) {
        this.error(`${marker} is missing from ${entry.fileName}: the loader no longer reads it`);
      }
      // Same line, so the source map of the loader stays right up to the end of that line.
      entry.code = entry.code.replace(marker, JSON.stringify({ imports, fr }));
    },
  };
}
