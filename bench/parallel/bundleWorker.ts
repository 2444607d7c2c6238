import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/**
 * For the tests: Node 20 cannot run a TypeScript worker, so `entry` (a worker's .ts,
 * beside this file) is bundled into a temporary .mjs; the benchmark runs the one tsc
 * compiles instead (bench/tsconfig.json). Returns its URL and a function that deletes it.
 */
export async function bundleWorker(entry: string): Promise<{ url: URL; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'xent-worker-'));
  const outfile = join(dir, entry.replace(/\.ts$/, '.mjs'));
  await build({ entryPoints: [fileURLToPath(new URL(`./${entry}`, import.meta.url))], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error' });
  return { url: pathToFileURL(outfile), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
