import { mkdtempSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/**
 * For the tests: Node 20 cannot run a TypeScript worker, so the worker entry `entry` (a
 * .ts file) is bundled into a temporary .mjs; the CLI runs the one tsc compiles into
 * dist, and the benchmark the one bench/tsconfig.json compiles. Returns its URL and a
 * function that deletes it.
 */
export async function bundleWorker(entry: URL): Promise<{ url: URL; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'xent-worker-'));
  const path = fileURLToPath(entry);
  const outfile = join(dir, basename(path).replace(/\.ts$/, '.mjs'));
  await build({ entryPoints: [path], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error' });
  return { url: pathToFileURL(outfile), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
