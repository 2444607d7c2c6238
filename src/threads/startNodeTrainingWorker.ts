import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { StartTrainingWorker } from '../nn/threads/TrainingThreads.js';

/** The compiled worker entry, beside this module in dist (the path also holds from the CLI bundle in dist/bin). */
export const TRAINING_WORKER_URL = new URL('../threads/trainingWorker.js', import.meta.url);

/**
 * Node's way to start the worker threads of trainNetwork (TrainCallbacks.startWorker):
 * a worker_threads Worker running `entry` (default: the built trainingWorker.js). Throws
 * when the entry is missing, as it is when this module runs from TypeScript sources
 * (then training falls back to one thread and says so). Use:
 * trainNetwork({ ...config, threads: 2 }, train, test, { startWorker: nodeTrainingWorkers() }).
 */
export function nodeTrainingWorkers(entry: URL = TRAINING_WORKER_URL): StartTrainingWorker {
  return (workerData) => {
    if (entry.protocol === 'file:' && !existsSync(fileURLToPath(entry))) throw new Error(`${fileURLToPath(entry)} is missing (build the package first)`);
    const worker = new Worker(entry, { workerData });
    // The trainer notices a worker that does not start (it waits with a deadline); the
    // listener keeps Node from treating the worker's error as this thread's.
    worker.on('error', () => {});
    // The worker ends when the trainer closes; until then it must not keep the process alive on its own.
    worker.unref();
    return { terminate: () => void worker.terminate() };
  };
}
