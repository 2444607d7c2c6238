/** The far end of barrierRoundTrip: answers every signal of the main thread with its own. */
import { parentPort, workerData } from 'node:worker_threads';
import { raise, SLOT_STRIDE, waitFor } from '../../src/nn/threads/signal.js';

const { buffer, rounds, spins } = workerData as { buffer: SharedArrayBuffer; rounds: number; spins: number };
const ints = new Int32Array(buffer);
parentPort!.postMessage('ready');
for (let i = 1; i <= rounds; i++) {
  waitFor(ints, 0, i, spins);
  raise(ints, SLOT_STRIDE, i);
}
