// Builds the CDN bundle of the widgets: `packages/widgets/dist/parvis.js`, an ES module whose
// widgets, locales and Chart.js live in hashed lazy chunks under `dist/chunks/`. The server
// serves it at `/parvis.js` and `/chunks/*`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { minifyLiterals } from './packages/widgets/scripts/minify-literals.js';
import { widgetImports } from './packages/widgets/scripts/widget-imports.js';

const widgets = fileURLToPath(new URL('./packages/widgets/', import.meta.url));

export default defineConfig({
  publicDir: false,
  plugins: [minifyLiterals(/\/packages\/widgets\/src\/.*\.ts$/), widgetImports()],
  build: {
    outDir: `${widgets}dist`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: true,
    // Read by packages/widgets/scripts/size.mjs to tell the first payload from lazy chunks.
    manifest: true,
    lib: {
      entry: `${widgets}src/parvis.ts`,
      formats: ['es'],
      fileName: () => 'parvis.js',
    },
    rolldownOptions: {
      // @lit/localize has no `sideEffects` field: without this its unused runtime (which the
      // widgets never call, see docs/decisions) would land in every page's first payload.
      treeshake: {
        moduleSideEffects: (id: string) => !id.includes('/node_modules/@lit/localize/'),
      },
      output: {
        chunkFileNames: 'chunks/[name]-[hash].js',
        // Library builds keep whitespace by default; the CDN file must be small.
        minify: { compress: true, mangle: true, codegen: true },
        // Annotations (/* @__PURE__ */) are for bundlers; nobody bundles this file again.
        comments: false,
      },
    },
  },
});
