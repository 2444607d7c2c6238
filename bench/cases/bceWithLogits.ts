import { bceWithLogitsKernel } from '../../src/core/kernels/bceWithLogitsKernel.js';
import { createKernelArena } from '../../src/core/kernels/wasm/kernelArena.js';
import { createRng } from '../../src/core/random/createRng.js';
import type { BenchCase } from '../BenchResult.js';
import { jsRunner } from '../interleave.js';
import { tfBceWithLogits } from '../peers/tfjs.js';
import { streamingRunners } from '../streamingLimit.js';
import { runCase } from './runCase.js';

/** Binary cross-entropy with logits, forward + backward, float32, 0/1 targets, mean over n elements. */
export function bceWithLogitsCase(name: string, n: number): BenchCase {
  return {
    name,
    title: `binary cross-entropy with logits fwd+bwd, float32, ${n} elements, mean`,
    async run({ reps, clock }) {
      const rng = createRng(2);
      const x = new Float32Array(n);
      const z = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        x[i] = 3 * rng.normal();
        z[i] = rng.nextUint32() & 1;
      }
      const grad = new Float32Array(n);
      const arena = createKernelArena(3 * x.byteLength + 1024);
      if (arena === null) throw new Error('this runtime has no WebAssembly SIMD');
      const [ax, az, ag] = [arena.float32(n), arena.float32(n), arena.float32(n)];
      ax.set(x);
      az.set(z);
      return runCase({
        name,
        shape: `(${n}) float32, 0/1 float targets, mean`,
        notes:
          'ours: bceWithLogitsKernel, float32, WebAssembly SIMD on arrays in a kernel arena (in place), grad buffer reused; the limit copies the input once (the targets are a second read it does not count)',
        reps,
        warmup: 1,
        ours: jsRunner('xent', () => bceWithLogitsKernel(ax, az, { grad: ag })),
        variants: [
          jsRunner('xent on JS arrays (staged)', () => bceWithLogitsKernel(x, z, { grad })),
          jsRunner('xent typescript', () => bceWithLogitsKernel(x, z, { grad, backend: 'typescript' })),
        ],
        ...streamingRunners(x.byteLength),
        tfjs: (backend) => tfBceWithLogits(backend, n),
        clock,
        torchSpec: { kind: 'bce-with-logits', n },
      });
    },
  };
}
