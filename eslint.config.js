import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import { configs as wcConfigs } from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'packages/*/lib/**',
      '.tmp/**',
      'data/**',
      'packages/widgets/src/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['packages/widgets/**/*.ts', 'packages/server/console/src/**/*.ts'],
    ...litConfigs['flat/recommended'],
  },
  {
    files: ['packages/widgets/**/*.ts', 'packages/server/console/src/**/*.ts'],
    ...wcConfigs['flat/recommended'],
  },
  {
    files: ['packages/widgets/**/*.ts', 'packages/server/console/src/**/*.ts'],
    ...litA11y.configs.recommended,
  },
);
