import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The data files src/ reads beside its compiled code, which tsc does not emit: the MNIST
 * asset, that src/data/loadMnist.ts finds at ../../src/data/mnist/ from its own module
 * (the package root in the source tree and in dist/). The harness runs compiled into
 * node_modules/.cache/xent-bench, where that path points inside the cache, so run.ts
 * copies them there (when missing or older than the source) before any case runs.
 */
const ASSET_DIRS = ['src/data/mnist'];

/** Copies the assets from the source tree `root` into the compiled tree `outRoot`; returns how many were copied. */
export function copyBenchAssets(root: string, outRoot: string): number {
  if (root === outRoot) return 0;
  let copied = 0;
  for (const dir of ASSET_DIRS) {
    const from = join(root, dir);
    if (!existsSync(from)) continue;
    const to = join(outRoot, dir);
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(from)) {
      if (!name.endsWith('.gz')) continue;
      const src = join(from, name);
      const dst = join(to, name);
      if (existsSync(dst) && statSync(dst).mtimeMs >= statSync(src).mtimeMs && statSync(dst).size === statSync(src).size) continue;
      copyFileSync(src, dst);
      copied++;
    }
  }
  return copied;
}

/** The source tree's root and the compiled tree's, seen from this module (bench/ in either). */
export function benchRoots(): { root: string; outRoot: string } {
  const outRoot = fileURLToPath(new URL('..', import.meta.url));
  // Compiled: <root>/node_modules/.cache/xent-bench/bench/benchAssets.js.
  const compiled = outRoot.includes(`${join('node_modules', '.cache', 'xent-bench')}`);
  return { root: compiled ? fileURLToPath(new URL('../../../../', import.meta.url)) : outRoot, outRoot };
}
