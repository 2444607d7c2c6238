/**
 * A worker thread of MnistThreads: trains its slice of the first layer's units
 * (HiddenSlice) and, for a network with one hidden layer, runs the output layer for its
 * share of each batch's examples (OutputRows), one command at a time (see
 * mnistControl.ts). The weights of its first-layer units live in this thread for the
 * whole epoch; they pass through the shared staging copy only on load and save.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { costs, type CostName } from '../../src/nn/Cost.js';
import { HiddenSlice } from './HiddenSlice.js';
import { CMD, doneSlot, mnistLayout, OP, partRange, SCALE_BYTE, type MnistWorkerData } from './mnistControl.js';
import { OutputRows } from './OutputRows.js';
import { raise, waitFor } from './signal.js';
import { threadCpuMs } from './threadCpu.js';

const { buffer, worker, workers, sizes, capacity, cost, spins, unitRange } = workerData as MnistWorkerData;
const [nIn, units] = sizes;
const classes = sizes[sizes.length - 1];
const layout = mnistLayout(workers, sizes, capacity);
const ctl = new Int32Array(buffer, 0, layout.ctlInts);
const f64 = new Float64Array(buffer);
const view = (at: number, n: number): Float64Array => f64.subarray(at, at + n);
const inputs = layout.inputsAt.map((at) => view(at, capacity * nIn));
const targets = layout.targetsAt.map((at) => view(at, capacity * classes));
const activations = layout.activationsAt.map((at) => view(at, capacity * units));
const deltas = view(layout.deltasAt, capacity * units);
const [u0, u1] = unitRange;
const slice = new HiddenSlice(nIn, units, u0, u1, capacity);
const output =
  sizes.length === 3
    ? new OutputRows(
        costs[cost as CostName],
        units,
        classes,
        view(layout.outZAt, capacity * classes),
        view(layout.outAAt, capacity * classes),
        view(layout.outDeltaAt, capacity * classes),
        view(layout.costsAt, capacity),
        view(layout.outWeightsAt, classes * units),
        view(layout.outBiasAt, classes),
      )
    : null;
const weights = view(layout.weightsAt, units * nIn);
const bias = view(layout.biasAt, units);
const scale = new Float64Array(buffer, SCALE_BYTE, 1);

const cpu = view(layout.cpuAt + worker, 1);
let cpuAtLoad = 0;

parentPort!.postMessage('ready');
for (let seq = 1; ; seq++) {
  waitFor(ctl, CMD.seq, seq, spins);
  const op = ctl[CMD.op];
  if (op === OP.exit) break;
  if (op === OP.load) {
    cpuAtLoad = threadCpuMs();
    slice.load(weights, bias);
  } else if (op === OP.save) {
    slice.save(weights, bias);
    cpu[0] = threadCpuMs() - cpuAtLoad;
  }
  else if (op === OP.output) {
    const count = ctl[CMD.count];
    const [b0, b1] = partRange(worker + 1, workers + 1, count);
    output!.run(b0, b1, activations[ctl[CMD.buffer]], targets[ctl[CMD.buffer]], deltas);
  } else {
    const prevCount = ctl[CMD.prevCount];
    if (prevCount > 0) slice.backward(deltas, inputs[ctl[CMD.prevBuffer]], prevCount, scale[0]);
    const count = ctl[CMD.count];
    if (count > 0) slice.forward(inputs[ctl[CMD.buffer]], count, activations[ctl[CMD.buffer]]);
  }
  raise(ctl, doneSlot(worker), seq);
}
