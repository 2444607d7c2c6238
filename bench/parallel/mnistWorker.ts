/**
 * A worker thread of MnistThreads: trains its slice of the first layer's units
 * (HiddenSlice) on the batches the main thread gathers into shared memory, one command
 * at a time (see mnistControl.ts). The weights of its units live in this thread for the
 * whole epoch; they pass through the shared staging copy only on load and save.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { HiddenSlice } from './HiddenSlice.js';
import { CMD, doneSlot, mnistLayout, OP, unitRange, type MnistWorkerData } from './mnistControl.js';
import { raise, waitFor } from './signal.js';

const { buffer, worker, workers, nIn, units, capacity, spins } = workerData as MnistWorkerData;
const layout = mnistLayout(workers, nIn, units, capacity);
const ctl = new Int32Array(buffer, 0, layout.ctlInts);
const f64 = new Float64Array(buffer);
const inputs = layout.inputsAt.map((at) => f64.subarray(at, at + capacity * nIn));
const activations = f64.subarray(layout.activationsAt, layout.activationsAt + capacity * units);
const deltas = f64.subarray(layout.deltasAt, layout.deltasAt + capacity * units);
const weights = f64.subarray(layout.weightsAt, layout.weightsAt + units * nIn);
const bias = f64.subarray(layout.biasAt, layout.biasAt + units);
const [u0, u1] = unitRange(worker + 1, workers + 1, units);
const slice = new HiddenSlice(nIn, units, u0, u1, capacity);

parentPort!.postMessage('ready');
for (let seq = 1; ; seq++) {
  waitFor(ctl, CMD.seq, seq, spins);
  const op = ctl[CMD.op];
  if (op === OP.exit) break;
  if (op === OP.load) slice.load(weights, bias);
  else if (op === OP.save) slice.save(weights, bias);
  else {
    const prevCount = ctl[CMD.prevCount];
    if (prevCount > 0) slice.backward(deltas, inputs[ctl[CMD.prevBuffer]], prevCount, f64[layout.scaleAt]);
    const count = ctl[CMD.count];
    if (count > 0) slice.forward(inputs[ctl[CMD.buffer]], count, activations);
  }
  raise(ctl, doneSlot(worker), seq);
}
