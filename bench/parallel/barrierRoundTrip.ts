import { Worker } from 'node:worker_threads';
import { median } from '../timing.js';
import { raise, SLOT_STRIDE, waitFor } from '../../src/nn/threads/signal.js';

/** Round trips of a signal between two threads, in µs per round trip. */
export interface RoundTrip {
  spins: number;
  rounds: number;
  medianUs: number;
  /** Medians of `batches` batches of rounds/batches round trips each: [min, max]. */
  spreadUs: [number, number];
}

/**
 * The cost of one synchronisation of ThreadedTrainer (src/nn/threads) and
 * SoftmaxCeWorkers, measured: the main thread raises a counter, a worker that waits on it
 * (signal.ts waitFor with `spins` polls, then Atomics.wait) raises its own, and the main
 * thread waits for that.
 * With spins = 0 every hand-over is a futex sleep and wake-up; with polling, a partner
 * that is running on the other core answers without entering the kernel. Times `rounds`
 * round trips in 10 batches and reports the median batch.
 */
export async function barrierRoundTrip(spins: number, rounds = 20_000): Promise<RoundTrip> {
  const buffer = new SharedArrayBuffer(8 * SLOT_STRIDE);
  const ints = new Int32Array(buffer);
  const worker = new Worker(new URL('./pingWorker.js', import.meta.url), { workerData: { buffer, rounds, spins } });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  const batches = 10;
  const per = Math.floor(rounds / batches);
  const perBatchUs: number[] = [];
  let i = 0;
  for (let b = 0; b < batches; b++) {
    const t0 = performance.now();
    for (let r = 0; r < per; r++) {
      i++;
      raise(ints, 0, i);
      waitFor(ints, SLOT_STRIDE, i, spins);
    }
    perBatchUs.push(((performance.now() - t0) * 1000) / per);
  }
  while (i < rounds) {
    i++;
    raise(ints, 0, i);
    waitFor(ints, SLOT_STRIDE, i, spins);
  }
  await worker.terminate();
  const r3 = (x: number): number => Number(x.toPrecision(3));
  return { spins, rounds, medianUs: r3(median(perBatchUs)), spreadUs: [r3(Math.min(...perBatchUs)), r3(Math.max(...perBatchUs))] };
}
