// The page server of the look scripts: the sources through esbuild, as the browser tests see
// them, and MSW's service worker at the root (the real api app runs in the page behind it).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';

export const root = fileURLToPath(new URL('../../../../', import.meta.url));

export function startLookServer(port) {
  return startDevServer({
    config: {
      rootDir: root,
      port,
      nodeResolve: { exportConditions: ['browser', 'development'] },
      plugins: [
        esbuildPlugin({ ts: true, target: 'es2022', tsconfig: `${root}tsconfig.base.json` }),
      ],
      middleware: [
        async (context, next) => {
          if (context.path === '/mockServiceWorker.js') {
            context.type = 'application/javascript';
            context.body = await readFile(
              `${root}node_modules/msw/lib/mockServiceWorker.js`,
              'utf8',
            );
            return;
          }
          await next();
        },
      ],
    },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
}
