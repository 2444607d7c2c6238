import { Worker } from 'node:worker_threads';
import { classTargetDivisor } from '../../src/core/kernels/classTargetDivisor.js';
import { softmaxCrossEntropyRowF64 } from '../../src/core/kernels/softmaxCrossEntropyRowF64.js';
import type { KernelArena } from '../../src/core/kernels/wasm/kernelArena.js';
import { instantiateKernels, type WasmKernelExports } from '../../src/core/kernels/wasm/loadWasmKernels.js';
import { CONTROL } from './control.js';
import { DEFAULT_SPINS, raise, waitFor } from '../../src/nn/threads/signal.js';

/**
 * Softmax cross-entropy (mean, no weights) on `threads` threads over one shared kernel
 * arena: the main thread checks the targets (classTargetDivisor, as the kernel does),
 * splits the rows into `threads` equal parts, hands parts 1… to worker threads through
 * their control blocks (a counter raised on shared memory, no message copies: signal.ts)
 * and sweeps part 0 itself, then waits for the workers, adds their sums and redoes flagged
 * rows (a maximum that is not finite) with the float64 row. The workers read and write
 * the very arrays the caller allocated in the arena.
 */
export class SoftmaxCeWorkers {
  private jobs = 0;

  private constructor(
    private readonly kernels: WasmKernelExports,
    private readonly workers: Worker[],
    private readonly controls: { ints: Int32Array; f64: Float64Array }[],
    private readonly flags: Int32Array,
  ) {}

  /** Starts threads − 1 workers on `arena` (created with { shared: true }); `maxRows` sizes
   * the row flags; `workerUrl` is the compiled kernelWorker.js (default: beside this file). */
  static async start(arena: KernelArena, threads: number, maxRows: number, workerUrl?: URL): Promise<SoftmaxCeWorkers> {
    const kernels = instantiateKernels(arena.module, arena.memory);
    const flags = arena.int32(maxRows);
    const workers: Worker[] = [];
    const controls: { ints: Int32Array; f64: Float64Array }[] = [];
    for (let i = 1; i < threads; i++) {
      const block = arena.int32(CONTROL.bytes / 4);
      const controlOffset = block.byteOffset;
      controls.push({ ints: block, f64: new Float64Array(arena.memory.buffer, controlOffset + CONTROL.f64Offset, 2) });
      const worker = new Worker(workerUrl ?? new URL('./kernelWorker.js', import.meta.url), {
        workerData: { module: arena.module, memory: arena.memory, controlOffset, spins: DEFAULT_SPINS },
      });
      await new Promise<void>((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
      });
      workers.push(worker);
    }
    return new SoftmaxCeWorkers(kernels, workers, controls, flags);
  }

  /** The mean loss; the gradient goes into `grad`. All three arrays must live in the arena. */
  run(logits: Float32Array, targets: Int32Array, rows: number, cols: number, grad: Float32Array, ignoreIndex = -100): number {
    const divisor = classTargetDivisor(targets, rows, cols, null, ignoreIndex);
    const gradScale = 1 / divisor;
    const parts = this.workers.length + 1;
    const per = Math.ceil(rows / parts);
    const job = ++this.jobs;
    for (let p = 1; p < parts; p++) {
      const r0 = Math.min(rows, p * per);
      const n = Math.min(rows, r0 + per) - r0;
      const { ints, f64 } = this.controls[p - 1];
      ints[1] = logits.byteOffset + 4 * r0 * cols;
      ints[2] = targets.byteOffset + 4 * r0;
      ints[3] = ignoreIndex;
      ints[4] = this.flags.byteOffset + 4 * r0;
      ints[5] = grad.byteOffset + 4 * r0 * cols;
      ints[6] = n;
      ints[7] = cols;
      f64[0] = gradScale;
      raise(ints, 0, job);
    }
    const n0 = Math.min(rows, per);
    let sum = this.kernels.softmaxCeRowsF32(logits.byteOffset, targets.byteOffset, 0, ignoreIndex, gradScale, this.flags.byteOffset, grad.byteOffset, n0, cols);
    for (const { ints, f64 } of this.controls) {
      waitFor(ints, CONTROL.done, job);
      sum += f64[1];
    }
    const flags = this.flags.subarray(0, rows);
    for (let r = flags.indexOf(1); r !== -1; r = flags.indexOf(1, r + 1)) {
      sum += softmaxCrossEntropyRowF64(logits, r * cols, cols, targets[r], 1, gradScale, grad);
    }
    return Math.fround(sum / divisor);
  }

  async stop(): Promise<void> {
    for (const { ints } of this.controls) {
      ints[CONTROL.exit] = 1;
      raise(ints, 0, ++this.jobs);
    }
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
