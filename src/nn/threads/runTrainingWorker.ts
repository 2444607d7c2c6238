import { costs, type CostName } from '../Cost.js';
import { HiddenSlice } from './HiddenSlice.js';
import { OutputRows } from './OutputRows.js';
import { raise, waitFor } from './signal.js';
import { runBatchedWorker } from './runBatchedWorker.js';
import { CMD, doneSlot, OP, partRange, READY, SCALE_BYTE, trainingLayout, type TrainingWorkerData } from './trainingLayout.js';

/**
 * The body of a worker thread of ThreadedTrainer, whatever started it (an edge's
 * StartTrainingWorker): trains its slice of the first layer's units (HiddenSlice) and,
 * for a network with one hidden layer, runs the output layer for its share of each
 * batch's examples (OutputRows), one command at a time (see trainingLayout.ts), until it
 * is told to exit. The weights of its first-layer units live in this thread from "load"
 * on; they pass through the shared staging copy only on load and save. `cpuMs` is this
 * thread's CPU clock, if the runtime has one (it is reported per epoch). Node's worker
 * entry, src/threads/trainingWorker.ts, is this call and nothing else. Data with
 * precision 'float32' start a worker of the batched trainer instead (runBatchedWorker).
 */
export function runTrainingWorker(data: TrainingWorkerData, cpuMs: () => number = () => NaN): void {
  if (data.precision === 'float32') return runBatchedWorker(data, cpuMs);
  const { buffer, worker, workers, sizes, capacity, cost, spins, unitRange } = data;
  const [nIn, units] = sizes;
  const classes = sizes[sizes.length - 1];
  const layout = trainingLayout(workers, sizes, capacity);
  const ctl = new Int32Array(buffer, 0, layout.ctlInts);
  const f64 = new Float64Array(buffer);
  const view = (at: number, n: number): Float64Array => f64.subarray(at, at + n);
  const inputs = layout.inputsAt.map((at) => view(at, capacity * nIn));
  const targets = layout.targetsAt.map((at) => view(at, capacity * classes));
  const activations = layout.activationsAt.map((at) => view(at, capacity * units));
  const deltas = view(layout.deltasAt, capacity * units);
  const slice = new HiddenSlice(nIn, units, unitRange[0], unitRange[1], capacity);
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
  let cpuAtEpochStart = 0;

  raise(ctl, doneSlot(worker), READY);
  for (let seq = 1; ; seq++) {
    waitFor(ctl, CMD.seq, seq, spins);
    const op = ctl[CMD.op];
    if (op === OP.exit) break;
    if (op === OP.load) {
      cpuAtEpochStart = cpuMs();
      slice.load(weights, bias);
    } else if (op === OP.save) slice.save(weights, bias);
    else if (op === OP.output) {
      const count = ctl[CMD.count];
      const [b0, b1] = partRange(worker + 1, workers + 1, count);
      output!.run(b0, b1, activations[ctl[CMD.buffer]], targets[ctl[CMD.buffer]], deltas);
    } else {
      const prevCount = ctl[CMD.prevCount];
      if (prevCount > 0) slice.backward(deltas, inputs[ctl[CMD.prevBuffer]], prevCount, scale[0]);
      const count = ctl[CMD.count];
      if (count > 0) slice.forward(inputs[ctl[CMD.buffer]], count, activations[ctl[CMD.buffer]]);
      else {
        // A step without a batch ends an epoch (it only finishes the last batch's update).
        const now = cpuMs();
        cpu[0] = now - cpuAtEpochStart;
        cpuAtEpochStart = now;
      }
    }
    raise(ctl, doneSlot(worker), seq);
  }
}
