#!/usr/bin/env node
// Entry point: the CLI is compiled to dist/ by `npm run build` (run by `npm ci` via `prepare`),
// and bundled into dist/bin as CommonJS, one file per command, loaded only when it runs:
// start-up is most of a short command's time (src/cli/runBin.ts, scripts/bundleCli.mjs).
import module from 'node:module';

// Node 22.1 and later keep V8's compiled code of these files on disk for the next start;
// Node 20 has no such cache. It goes in the user's cache directory (XDG's), not in TMPDIR,
// which the CLI's own temporary files leave as they found it. NODE_COMPILE_CACHE, when set,
// chooses the directory instead, and NODE_DISABLE_COMPILE_CACHE turns it off.
const cacheHome = process.env.XDG_CACHE_HOME || (process.env.HOME ? `${process.env.HOME}/.cache` : undefined);
if (cacheHome !== undefined) module.enableCompileCache?.(process.env.NODE_COMPILE_CACHE || `${cacheHome}/xent/node-compile-cache`);
module.createRequire(import.meta.url)('../dist/bin/xent.cjs');
