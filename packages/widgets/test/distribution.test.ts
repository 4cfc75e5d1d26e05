// The packages as npm users get them. Every publishable workspace is packed; each tarball holds
// compiled JavaScript and types only, and `npm publish --dry-run` accepts it. The tarballs are
// installed into an empty project (their dependencies from the registry), a consumer's files
// that use the elements and the React, Vue and Svelte typings pass `tsc`, and the installed
// `parvis-server` starts and answers. The examples are built from the same tarballs with their
// real bundlers and render their widgets in Chromium against that installed server.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { chromiumFlags } from '../../../scripts/chromium.mjs';
import { bundledExamples, buildExample, prepareExample } from '../../../scripts/examples.mjs';
import { packAll } from '../../../scripts/pack-all.mjs';
import { repositoryRoot } from '../../server/src/config.js';
import { startChildServer, type ChildServer } from '../../server/test/helpers.js';

const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const tsc = join(repositoryRoot, 'node_modules/typescript/bin/tsc');
const pollOption = 'Des pistes cyclables séparées de la circulation';

/** The files in a tarball, without npm's `package/` prefix. */
function tarballFiles(tarball: string): string[] {
  return execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.replace(/^package\//, ''));
}

function tarballManifest(tarball: string): Record<string, unknown> {
  const text = execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], {
    encoding: 'utf8',
  });
  return JSON.parse(text) as Record<string, unknown>;
}

/** The tags that the packed custom-elements.json declares: every widget of the package. */
function manifestTags(widgetsTarball: string): string[] {
  const text = execFileSync('tar', ['-xzOf', widgetsTarball, 'package/custom-elements.json'], {
    encoding: 'utf8',
  });
  const manifest = JSON.parse(text) as {
    modules: { declarations?: { tagName?: string }[] }[];
  };
  return manifest.modules
    .flatMap((m) => m.declarations ?? [])
    .flatMap((d) => (d.tagName ? [d.tagName] : []))
    .sort();
}

/**
 * A consumer file that imports every widget's entry and lists every tag as a `ParvisTag`: it
 * type-checks only when the entries, the tag map and the typings cover the same widgets.
 */
function everyWidgetFile(tags: string[]): string {
  const imports = tags.map((tag) => `import '@parvis/widgets/${tag.replace(/^parvis-/, '')}';`);
  const entries = tags.map((tag) => `  '${tag}': true,`);
  return [
    ...imports,
    `import type { ParvisTag } from '@parvis/widgets';`,
    `export const everyTag: Record<ParvisTag, true> = {`,
    ...entries,
    `};`,
    `export const elements = [${tags.map((t) => `document.createElement('${t}')`).join(', ')}];`,
    '',
  ].join('\n');
}

/** Every path an `exports` map names (patterns with `*` are returned as they are). */
function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports];
  if (typeof exports !== 'object' || exports === null) return [];
  return Object.values(exports).flatMap(exportTargets);
}

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
};

/** Serves `site(path)` on a free loopback port; null is a 404. */
async function serve(
  site: (path: string) => Promise<Buffer | null>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    site(path).then(
      (body) => {
        if (body === null) response.writeHead(404).end();
        else {
          const type = contentTypes[extname(path)] ?? 'text/html';
          response.writeHead(200, { 'content-type': type }).end(body);
        }
      },
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const consumerFiles: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      jsx: 'react-jsx',
      strict: true,
      noEmit: true,
      types: [],
    },
    include: ['*.ts', '*.tsx'],
  }),
  // Bundler users: per-widget entries, the configure entry, the classes, the tag map.
  'widgets.ts': `
import '@parvis/widgets/poll';
import '@parvis/widgets/comments';
import '@parvis/widgets/ideas';
import { configure } from '@parvis/widgets/configure.js';
import { ParvisPoll as PollClass } from '@parvis/widgets/poll/poll.js';
import { ParvisVoteEvent, type ParvisTag } from '@parvis/widgets';
configure({ api: 'https://consult.example.fr/api', messages: { 'poll.submit': 'Je vote' } });
const poll: PollClass = document.createElement('parvis-poll');
poll.poll = 'cycle-lanes';
poll.addEventListener('parvis-vote', (event) => event.optionIds satisfies readonly string[]);
export const tag: ParvisTag = 'parvis-poll';
export const isVote = (event: Event) => event instanceof ParvisVoteEvent;
// @ts-expect-error poll is a string
poll.poll = 42;
`,
  'react.tsx': `
/// <reference types="@parvis/widgets/react" />
import type { ParvisVoteEvent } from '@parvis/widgets';
export const page = (
  <main>
    <parvis-poll poll="cycle-lanes" withChart onparvis-vote={(event) => event.optionIds} />
    <parvis-comments thread="cycle-lanes" className="wide" />
    <parvis-ideas board="place-du-marche" onparvis-error={(event) => event.code} />
  </main>
);
// @ts-expect-error parvis-poll has no such property
export const typo = <parvis-poll pol="cycle-lanes" />;
// @ts-expect-error Lit's own members are not props
export const internal = <parvis-poll renderRoot={document.body} />;
// @ts-expect-error a vote is not a mouse event
export const wrong = <parvis-poll onparvis-vote={(event: MouseEvent) => event.button} />;
export const typed = (event: ParvisVoteEvent) => event.changed;
`,
  'vue.ts': `
/// <reference types="@parvis/widgets/vue" />
import type { GlobalComponents } from 'vue';
type PollProps = InstanceType<GlobalComponents['parvis-poll']>['$props'];
export const props: PollProps = { poll: 'cycle-lanes', onParvisVote: (event) => event.optionIds };
// @ts-expect-error poll is a string
export const wrong: PollProps = { poll: 42 };
`,
  'svelte.ts': `
/// <reference types="@parvis/widgets/svelte" />
import type { SvelteHTMLElements } from 'svelte/elements';
type PollAttributes = SvelteHTMLElements['parvis-poll'];
export const attributes: PollAttributes = {
  poll: 'cycle-lanes',
  'onparvis-vote': (event) => event.optionIds,
};
// @ts-expect-error poll is a string
export const wrong: PollAttributes = { poll: 42 };
`,
};

describe('the published packages', { timeout: 1_200_000 }, () => {
  let tmp: string;
  let tarballs: string[];

  before(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'parvis-dist-'));
    tarballs = packAll(join(tmp, 'packs'));
  });

  after(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('hold compiled JavaScript with types, their licence and metadata, and no sources', () => {
    const root = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as {
      repository: { url: string };
    };
    assert.deepEqual(
      tarballs.map((t) => tarballManifest(t).name),
      ['@parvis/contract', '@parvis/api', '@parvis/server', '@parvis/widgets'],
    );
    for (const tarball of tarballs) {
      const files = tarballFiles(tarball);
      const manifest = tarballManifest(tarball);
      const name = String(manifest.name);
      assert.ok(files.includes('LICENSE'), `${name} has a LICENSE`);
      assert.equal(manifest.license, 'MIT', name);
      assert.equal((manifest.repository as { url: string }).url, root.repository.url, name);
      assert.ok((manifest.engines as { node?: string }).node, `${name} states its node version`);
      const sources = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
      assert.deepEqual(sources, [], `${name} ships no TypeScript sources`);
      assert.deepEqual(
        files.filter((f) => /(^|\/)(test|src|\.vite)\/|\.map$|\.test\./.test(f)),
        [],
        `${name} ships no tests, sources, build manifests or source maps`,
      );
      for (const target of exportTargets(manifest.exports)) {
        const file = target.replace(/^\.\//, '');
        if (file.includes('*')) {
          const [head = '', tail = ''] = file.split('*');
          assert.ok(
            files.some((f) => f.startsWith(head) && f.endsWith(tail)),
            `${name} exports ${target}, which matches files`,
          );
        } else assert.ok(files.includes(file), `${name} exports ${target}, which it holds`);
      }
    }
    const widgets = tarballFiles(tarballs[3]!);
    assert.ok(widgets.includes('custom-elements.json') && widgets.includes('dist/parvis.js'));
    for (const tag of manifestTags(tarballs[3]!)) {
      const entry = tag.replace(/^parvis-/, '');
      assert.ok(widgets.includes(`lib/${entry}/define.js`), `@parvis/widgets/${entry}`);
      assert.ok(widgets.includes(`lib/${entry}/define.d.ts`), `types of @parvis/widgets/${entry}`);
    }
  });

  it('are accepted by npm publish --dry-run', () => {
    for (const tarball of tarballs) {
      const result = spawnSync('npm', ['publish', '--dry-run', tarball], {
        cwd: tmp,
        encoding: 'utf8',
      });
      assert.equal(result.status, 0, `npm publish --dry-run ${tarball}:\n${result.stderr}`);
      assert.match(result.stderr, /Publishing to .* \(dry-run\)/);
    }
  });

  describe('installed into an empty project', () => {
    let consumer: string;
    let server: ChildServer;
    let browser: Browser | undefined;

    before(async () => {
      consumer = join(tmp, 'consumer');
      await mkdir(consumer);
      await writeFile(
        join(consumer, 'package.json'),
        JSON.stringify({
          name: 'parvis-consumer',
          private: true,
          type: 'module',
          // better-sqlite3 compiles its native module on install (see docs/server.md).
          allowScripts: { 'better-sqlite3': true },
        }),
      );
      execFileSync(
        'npm',
        [
          'install',
          '--no-audit',
          '--no-fund',
          '--prefer-offline',
          ...tarballs,
          '@types/react@^19.3.0',
          'vue@^3.5.45',
          'svelte@^5.57.3',
        ],
        { cwd: consumer, stdio: ['ignore', process.stderr, 'inherit'] },
      );
      for (const [file, text] of Object.entries(consumerFiles)) {
        await writeFile(join(consumer, file), text);
      }
      await writeFile(
        join(consumer, 'every-widget.ts'),
        everyWidgetFile(manifestTags(tarballs[3]!)),
      );
      server = await startChildServer(join(tmp, 'data'), {}, [], {
        bin: join(consumer, 'node_modules/@parvis/server/bin/parvis-server.js'),
        cwd: consumer,
      });
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('type-check a consumer of the elements and of the React, Vue and Svelte typings', () => {
      const result = spawnSync(process.execPath, [tsc, '-p', join(consumer, 'tsconfig.json')], {
        encoding: 'utf8',
      });
      assert.equal(result.status, 0, result.stdout + result.stderr);
    });

    it('run in node: the contract client, the api app, the configure entry', () => {
      const script = `
        const { createClient } = await import('@parvis/contract/client');
        const { createApp, MemoryStore } = await import('@parvis/api');
        const { configure } = await import('@parvis/widgets/configure.js');
        const app = createApp({ store: new MemoryStore(), signingKey: 'a-signing-key-of-32-characters!!' });
        const response = await app.request('/v1/polls/no-such-poll');
        console.log(typeof createClient, typeof configure, response.status, response.headers.get('content-type'));
      `;
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: consumer,
        encoding: 'utf8',
      });
      assert.equal(
        result.stdout.trim(),
        'function function 404 application/problem+json',
        result.stderr,
      );
    });

    it('start parvis-server, which answers /api/health and serves the bundle and the contract', async () => {
      const health = await fetch(`${server.url}/api/health`);
      assert.equal(health.status, 200);
      const bundle = await fetch(`${server.url}/parvis.js`);
      assert.equal(bundle.status, 200);
      assert.match(bundle.headers.get('content-type') ?? '', /javascript/);
      const openapi = await fetch(`${server.url}/api/v1/openapi.json`);
      assert.equal(((await openapi.json()) as { openapi: string }).openapi, '3.1.0');
    });

    it('build the examples from the tarballs; each page renders a poll and a thread', async () => {
      assert.ok(existsSync(executablePath), `no Chromium at ${executablePath}: set CHROME_PATH`);
      browser = await chromium.launch({
        executablePath,
        args: chromiumFlags,
      });
      const api = `${server.url}/api`;
      const parvisTarballs = tarballs.filter((t) => /parvis-(widgets|contract)-/.test(t));
      const sites: Record<string, (path: string) => Promise<Buffer | null>> = {
        // The plain HTML sample loads parvis.js from the server: point it at this one.
        html: async (path) =>
          path === '/'
            ? Buffer.from(
                (
                  await readFile(join(repositoryRoot, 'examples/html/index.html'), 'utf8')
                ).replaceAll('http://localhost:8080', server.url),
              )
            : null,
      };
      for (const name of bundledExamples()) {
        const folder = join(repositoryRoot, '.tmp', 'examples-test', name);
        const dist = buildExample(prepareExample(name, parvisTarballs, folder), {
          VITE_PARVIS_API: api,
        });
        sites[name] = async (path) => {
          const file = join(dist, path === '/' ? 'index.html' : path);
          return existsSync(file) ? readFile(file) : null;
        };
      }
      assert.deepEqual(Object.keys(sites).sort(), ['html', 'react', 'svelte', 'vue']);
      for (const [name, site] of Object.entries(sites)) {
        // Each site on a loopback origin of its own, like `vite preview` (Chromium refuses
        // requests from an origin it cannot place to a loopback server).
        const origin = await serve(site);
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        page.on('console', (message) => {
          if (message.type() === 'error') errors.push(message.text());
        });
        await page.goto(`${origin.url}/`);
        const rendered = (what: string) => (error: Error) => {
          throw new Error(`${name}: ${what} (${errors.join('; ')}): ${error.message}`);
        };
        await page
          .locator('parvis-poll')
          .getByText(pollOption)
          .waitFor({ timeout: 30_000 })
          .catch(rendered('the poll never showed its answers'));
        await page
          .locator('parvis-comments')
          .getByRole('textbox')
          .first()
          .waitFor({ timeout: 30_000 })
          .catch(rendered('the thread never showed its form'));
        const shadowed = await page.evaluate(() =>
          ['parvis-poll', 'parvis-comments'].map(
            (tag) => !!document.querySelector(tag)?.shadowRoot,
          ),
        );
        assert.deepEqual(shadowed, [true, true], `${name}: both elements upgraded`);
        assert.deepEqual(errors, [], `${name}: no script error`);
        await page.close();
        await origin.close();
      }
    });
  });
});
