import type { StartTrainingWorker } from '../../../src/nn/threads/TrainingThreads.js';

/** How many threads #/mnist trains on, and why. */
export interface MnistThreads {
  threads: 1 | 2;
  /** `isolated`: two threads; `notIsolated`: the host sends no COOP/COEP; `url`: ?threads=1. */
  why: 'isolated' | 'notIsolated' | 'url';
}

/**
 * Two threads where the page is cross-origin isolated (the headers `xent lab` sends:
 * SharedArrayBuffer exists), one elsewhere. `?threads=1` before the hash
 * (`/?threads=1#/mnist`) asks for one thread anyway: the results are the same bit for
 * bit, which the end-to-end test checks that way.
 */
export function mnistThreads(isolated = globalThis.crossOriginIsolated === true, search = globalThis.location?.search ?? ''): MnistThreads {
  if (new URLSearchParams(search).get('threads') === '1') return { threads: 1, why: 'url' };
  return isolated && typeof SharedArrayBuffer === 'function' ? { threads: 2, why: 'isolated' } : { threads: 1, why: 'notIsolated' };
}

/** How long the second thread may take to load before a run trains on one thread. */
const READY_TIMEOUT_MS = 10_000;

/**
 * Starts the second thread's Web Worker and resolves once it listens, so that the trainer,
 * which blocks its thread while it waits for the worker to begin, finds it running (a
 * worker started from a blocked thread might never load). The StartTrainingWorker posts
 * the trainer's data to it. Resolves undefined if it cannot start: the run then trains on
 * one thread and says so.
 */
export async function startMnistTrainingThread(): Promise<StartTrainingWorker | undefined> {
  let worker: Worker | undefined;
  const channel = new MessageChannel();
  try {
    const w = new Worker(new URL('./mnistTrainingThread.worker.ts', import.meta.url), { type: 'module' });
    worker = w;
    w.postMessage(channel.port2, [channel.port2]);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS);
      w.addEventListener('message', () => (clearTimeout(timer), resolve()), { once: true });
      w.addEventListener('error', () => (clearTimeout(timer), reject(new Error('error'))), { once: true });
    });
  } catch {
    worker?.terminate();
    return undefined;
  }
  const ready = worker;
  let used = false;
  return (data) => {
    if (used) throw new Error('this thread has already been started');
    used = true;
    channel.port1.postMessage(data);
    return { terminate: () => ready.terminate() };
  };
}
