// Builds the console served by the server at /admin: packages/server/console/dist, its own page
// and hashed assets. The widget bundle (vite.config.ts) is untouched by it.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const consoleRoot = fileURLToPath(new URL('./packages/server/console/', import.meta.url));

export default defineConfig({
  root: consoleRoot,
  base: '/admin/',
  publicDir: false,
  build: {
    outDir: `${consoleRoot}dist`,
    emptyOutDir: true,
    target: 'es2022',
    // No inline script or style anywhere: the console runs under the server's strict CSP.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
