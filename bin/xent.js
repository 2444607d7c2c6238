#!/usr/bin/env node
// Entry point: the CLI is compiled to dist/ by `npm run build` (run by `npm ci` via `prepare`).
// Commands that write files run as a child of a small supervisor that removes their
// temporary files whatever ends them, signals included (src/cli/output/superviseCli.ts).
import { fileURLToPath } from 'node:url';
import { needsSupervisor, superviseCli } from '../dist/cli/output/superviseCli.js';

const argv = process.argv.slice(2);
if (needsSupervisor(argv)) {
  superviseCli(fileURLToPath(import.meta.url), argv);
} else {
  const { main } = await import('../dist/cli/main.js');
  process.exitCode = await main(argv);
}
