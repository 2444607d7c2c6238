import { softmaxCrossEntropyKernel } from '../../src/core/kernels/softmaxCrossEntropyKernel.js';
import { createRng } from '../../src/core/random/createRng.js';
import type { BenchCase } from '../BenchResult.js';
import { jsRunner } from '../interleave.js';
import { tfSoftmaxCe } from '../peers/tfjs.js';
import { streamingRunners } from '../streamingLimit.js';
import { runCase } from './runCase.js';

/**
 * Softmax cross-entropy forward + backward on float32 logits (rows, cols) with
 * class-index targets and mean reduction: the loss and the full gradient, every rep.
 * Ours writes the gradient into a buffer allocated once (the kernel allocates nothing);
 * the peers allocate theirs, as their APIs do. The TypeScript kernel (the fallback where
 * WebAssembly SIMD is missing) is reported as a variant.
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
      return runCase({
        name,
        shape: `(${rows}, ${cols}) float32, int targets, mean`,
        notes: 'ours: softmaxCrossEntropyKernel, float32, WebAssembly SIMD, grad buffer reused',
        reps,
        warmup: 2,
        ours: jsRunner('xent', () => softmaxCrossEntropyKernel(logits, targets, rows, cols, { grad })),
        variants: [jsRunner('xent typescript', () => softmaxCrossEntropyKernel(logits, targets, rows, cols, { grad, backend: 'typescript' }))],
        ...streamingRunners(logits.byteLength),
        tfjs: (backend) => tfSoftmaxCe(backend, rows, cols),
        clock,
        torchSpec: { kind: 'softmax-ce', rows, cols },
      });
    },
  };
}
