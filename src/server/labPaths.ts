import { fileURLToPath } from 'node:url';

// This file sits at src/server/ (and compiled, at dist/server/): two levels below the
// package root either way.
const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Where the lab's sources and its built files live. */
export const labPaths = {
  packageRoot,
  /** The Vite config that builds the lab. */
  viteConfig: fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url)),
  /** The built lab, the only directory the server exposes. */
  dist: fileURLToPath(new URL('../../web/dist/', import.meta.url)),
};
