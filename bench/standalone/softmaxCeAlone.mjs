// xent's softmax cross-entropy kernel on its own, outside the harness: the counterpart of
// `softmax_ce_alone.py`, for checking the harness's figures of both against plain runs.
// Run from the repository root after `npm run build`, pinned like the harness:
//   taskset -c 0 node bench/standalone/softmaxCeAlone.mjs
// Prints, per shape, the median and minimum CPU time of 30 steps after 50 warm-up steps.
import { createKernelArena, softmaxCrossEntropyKernel } from '../../dist/index.js';

const SHAPES = [
  [4096, 1000],
  [65536, 10],
  [64, 50257],
];
let seed = 1;
const uniform = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed + 0.5) / 2 ** 32;
};
for (const [rows, cols] of SHAPES) {
  const arena = createKernelArena(rows * cols * 8 + rows * 4 + (1 << 20));
  const logits = arena === null ? new Float32Array(rows * cols) : arena.float32(rows * cols);
  const targets = arena === null ? new Int32Array(rows) : arena.int32(rows);
  const grad = arena === null ? new Float32Array(rows * cols) : arena.float32(rows * cols);
  // Standard normal logits (Box–Muller), as torch.randn gives the peer.
  for (let i = 0; i < logits.length; i++) logits[i] = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  for (let r = 0; r < rows; r++) targets[r] = Math.floor(uniform() * cols);
  const step = () => softmaxCrossEntropyKernel(logits, targets, rows, cols, { grad });
  for (let i = 0; i < 50; i++) step();
  const ms = [];
  for (let i = 0; i < 30; i++) {
    const c0 = process.cpuUsage();
    step();
    const c = process.cpuUsage(c0);
    ms.push((c.user + c.system) / 1000);
  }
  ms.sort((a, b) => a - b);
  console.log(`(${rows}, ${cols}) xent: median ${ms[15].toFixed(2)} ms, min ${ms[0].toFixed(2)} ms (${arena === null ? 'JS arrays' : 'kernel arena'})`);
}
