import { softmaxCrossEntropyKernel } from '../../src/core/kernels/softmaxCrossEntropyKernel.js';
import { createKernelArena } from '../../src/core/kernels/wasm/kernelArena.js';
import { createRng } from '../../src/core/random/createRng.js';
import type { BenchCase } from '../BenchResult.js';
import { jsRunner } from '../interleave.js';
import { tfSoftmaxCe } from '../peers/tfjs.js';
import { streamingRunners } from '../streamingLimit.js';
import { runCase } from './runCase.js';

/**
 * Softmax cross-entropy forward + backward on float32 logits (rows, cols) with
 * class-index targets and mean reduction: the loss and the full gradient, every rep.
 * Ours owns its buffers the way the kernel API lets a caller: logits, targets and
 * gradient allocated once in a kernel arena (createKernelArena), which the SIMD kernel
 * reads and writes in place; the peers allocate their gradients, as their APIs do. The
 * same kernel on ordinary JS arrays (staged through WebAssembly memory) and the
 * TypeScript kernel (the fallback where WebAssembly SIMD is missing) are variants.
 */
export function softmaxCeCase(name: string, rows: number, cols: number): BenchCase {
  return {
    name,
    title: `softmax cross-entropy fwd+bwd, float32 (${rows}, ${cols}), mean`,
    async run({ reps, clock }) {
      const rng = createRng(1);
      const logits = new Float32Array(rows * cols);
      for (let i = 0; i < logits.length; i++) logits[i] = rng.normal();
      const targets = new Int32Array(rows);
      for (let r = 0; r < rows; r++) targets[r] = rng.int(cols);
      const grad = new Float32Array(rows * cols);
      const arena = createKernelArena(2 * logits.byteLength + targets.byteLength + 1024);
      if (arena === null) throw new Error('this runtime has no WebAssembly SIMD');
      const arenaLogits = arena.float32(logits.length);
      arenaLogits.set(logits);
      const arenaTargets = arena.int32(rows);
      arenaTargets.set(targets);
      const arenaGrad = arena.float32(logits.length);
      return runCase({
        name,
        shape: `(${rows}, ${cols}) float32, int targets, mean`,
        notes: 'ours: softmaxCrossEntropyKernel, float32, WebAssembly SIMD on arrays in a kernel arena (read and written in place), grad buffer reused',
        reps,
        warmup: 2,
        ours: jsRunner('xent', () => softmaxCrossEntropyKernel(arenaLogits, arenaTargets, rows, cols, { grad: arenaGrad })),
        variants: [
          jsRunner('xent on JS arrays (staged)', () => softmaxCrossEntropyKernel(logits, targets, rows, cols, { grad })),
          jsRunner('xent typescript', () => softmaxCrossEntropyKernel(logits, targets, rows, cols, { grad, backend: 'typescript' })),
        ],
        ...streamingRunners(logits.byteLength),
        tfjs: (backend) => tfSoftmaxCe(backend, rows, cols),
        clock,
        torchSpec: { kind: 'softmax-ce', rows, cols },
      });
    },
  };
}
