/**
 * A worker thread of SoftmaxCeWorkers: instantiates the kernels on the shared arena it is
 * given and runs softmaxCeRowsF32 on the rows the main thread posts into its control block
 * (see control.ts for the protocol). Nothing is copied: the rows, targets, flags and
 * gradient are the arena's.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { instantiateKernels } from '../../src/core/kernels/wasm/loadWasmKernels.js';
import { CONTROL } from './control.js';
import { raise, waitFor } from '../../src/nn/threads/signal.js';

const { module, memory, controlOffset, spins } = workerData as { module: WebAssembly.Module; memory: WebAssembly.Memory; controlOffset: number; spins: number };
const k = instantiateKernels(module, memory);
const ctl = new Int32Array(memory.buffer, controlOffset, CONTROL.ints);
const f64 = new Float64Array(memory.buffer, controlOffset + CONTROL.f64Offset, 2);
parentPort!.postMessage('ready');
for (let job = 1; ; job++) {
  waitFor(ctl, 0, job, spins);
  if (ctl[CONTROL.exit] !== 0) break;
  f64[1] = k.softmaxCeRowsF32(ctl[1], ctl[2], 0, ctl[3], f64[0], ctl[4], ctl[5], ctl[6], ctl[7]);
  raise(ctl, CONTROL.done, job);
}
