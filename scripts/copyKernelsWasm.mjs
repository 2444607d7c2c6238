// Copies the kernels' FMA builds (src/core/kernels/wasm/*.wasm, written by
// assembly/build.mjs) to the same place under a compiled tree, beside the compiled loader
// that reads them from there (src/core/kernels/wasm/loadWasmKernels.ts): tsc copies no
// .wasm. `node scripts/copyKernelsWasm.mjs dist` for the package (run by `npm run build`),
// `… node_modules/.cache/xent-bench/src` for the bench.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const outRoot = process.argv[2];
if (outRoot === undefined) {
  process.stderr.write('usage: node scripts/copyKernelsWasm.mjs OUT_ROOT (dist, or the bench cache’s src)\n');
  process.exit(2);
}
const from = join(root, 'src/core/kernels/wasm');
const to = join(root, outRoot, 'core/kernels/wasm');
mkdirSync(to, { recursive: true });
for (const file of readdirSync(from).filter((f) => f.endsWith('.wasm'))) copyFileSync(join(from, file), join(to, file));
