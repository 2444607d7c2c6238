import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'web/dist/', 'coverage/', 'bench/results/', 'docs/api/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // bin/xent.js is CommonJS (bin/package.json): an ES module entry costs start-up time.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The pure layers must stay portable and deterministic (docs/design.md).
    files: ['src/core/**/*.ts', 'src/coding/**/*.ts', 'src/nn/**/*.ts', 'src/experiments/**/*.ts', 'src/eval/**/*.ts', 'src/calibration/**/*.ts', 'src/formats/**/*.ts', 'src/plot/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'zlib'], message: 'pure layers import no Node built-ins' }] }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'randomness comes in as a seeded generator' }],
      'no-console': 'error',
    },
  },
);
