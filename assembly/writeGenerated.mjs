// The last step of the scripts that embed a WebAssembly binary as base64 in a generated
// TypeScript file: write `source` to `target` only when its text changed (through a
// temporary file, so that a build stopped halfway leaves the old file whole), or, with
// `--check` on the command line, only compare and exit 1 when the committed file is stale.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** @param {string} target @param {string} source @param {string} script the script to run when stale */
export function writeGenerated(target, source, script) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current === source) return;
  if (process.argv.includes('--check')) {
    process.stderr.write(`${target} is stale: run node ${script}\n`);
    process.exitCode = 1;
    return;
  }
  writeFileSync(`${target}.tmp`, source);
  renameSync(`${target}.tmp`, target);
  process.stderr.write(`build:wasm: wrote ${target}\n`);
}
