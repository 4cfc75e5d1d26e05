// `npm run manifest`: custom-elements.json from the JSDoc of the element classes. Paths name the
// published JavaScript (lib/…/*.js), which is what a consumer of the package can import.
const toPublished = (path) => path.replace(/^(\.\/)?src\//, '$1lib/').replace(/\.ts$/, '.js');

export default {
  globs: ['src/**/*.ts'],
  exclude: [
    'src/**/*.test.ts',
    'src/**/xss-corpus.ts',
    'src/**/draft-test-support.ts',
    'src/generated/**',
  ],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'parvis-published-paths',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) mod.path = toPublished(mod.path);
      },
    },
  ],
};
