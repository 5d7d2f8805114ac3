import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The engine, parsers, analysis and model are plain TypeScript shared with the CLI:
// no DOM frameworks and no D3 there (design-notes: "pure core, thin UI").
const pureCore = {
  files: ['src/engine/**/*.ts', 'src/formats/**/*.ts', 'src/analysis/**/*.ts', 'src/model/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'The core is framework-free.' },
          { group: ['d3-*', 'd3'], message: 'D3 lives in the view layer only.' },
          { group: ['zustand', 'zustand/*'], message: 'State lives in src/store.' },
          { group: ['**/components/**', '**/store/**', '**/view/**'], message: 'The core does not import the UI.' },
        ],
      },
    ],
    'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage'],
  },
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'playwright-report', 'test-results', 'fuzz-failures'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { property: 'innerHTML', message: 'Uploaded text is never HTML.' }, { property: 'outerHTML', message: 'Uploaded text is never HTML.' }],
    },
  },
  pureCore,
  {
    // Node entry points (the CLI shim, bench and script runners).
    files: ['bin/**/*.mjs', 'bench/**/*.mjs', 'scripts/**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
  },
);
