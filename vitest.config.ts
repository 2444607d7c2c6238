import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts', 'bench/**/*.test.ts'],
    // The CLI tests spawn `node bin/xent.js`, which runs the built dist/: `npm test`
    // builds first through `pretest`.
    testTimeout: 30_000,
  },
});
