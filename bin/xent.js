#!/usr/bin/env node
// Entry point: the CLI is compiled to dist/ by `npm run build` (run by `npm ci` via `prepare`),
// and bundled into dist/bin as CommonJS, one file per command, loaded only when it runs:
// start-up is most of a short command's time (src/cli/runBin.ts, scripts/bundleCli.mjs).
import module from 'node:module';

// Node 22.1 and later keep V8's compiled code of these files on disk (in the system's
// temporary directory) for the next start; Node 20 has no such cache.
module.enableCompileCache?.();
module.createRequire(import.meta.url)('../dist/bin/xent.cjs');
