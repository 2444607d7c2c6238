/**
 * A worker thread of SoftmaxCeWorkers: instantiates the kernels on the shared arena it is
 * given and runs softmaxCeRowsF32 on the rows the main thread posts into its control block
 * (see SoftmaxCeWorkers for the protocol). Nothing is copied: the rows, targets, flags and
 * gradient are the arena's.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { instantiateKernels } from '../../src/core/kernels/wasm/loadWasmKernels.js';
import { CONTROL, DONE, EXIT, POSTED } from './control.js';

const { module, memory, controlOffset } = workerData as { module: WebAssembly.Module; memory: WebAssembly.Memory; controlOffset: number };
const k = instantiateKernels(module, memory);
const ctl = new Int32Array(memory.buffer, controlOffset, CONTROL.ints);
const f64 = new Float64Array(memory.buffer, controlOffset + CONTROL.f64Offset, 2);
parentPort!.postMessage('ready');
for (;;) {
  let state = Atomics.load(ctl, 0);
  while (state !== POSTED && state !== EXIT) {
    Atomics.wait(ctl, 0, state);
    state = Atomics.load(ctl, 0);
  }
  if (state === EXIT) break;
  f64[1] = k.softmaxCeRowsF32(ctl[1], ctl[2], 0, ctl[3], f64[0], ctl[4], ctl[5], ctl[6], ctl[7]);
  Atomics.store(ctl, 0, DONE);
  Atomics.notify(ctl, 0);
}
