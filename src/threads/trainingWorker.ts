/**
 * The entry script of a Node worker thread of multi-threaded training: what
 * startNodeTrainingWorker starts, built into dist beside it.
 */
import { workerData } from 'node:worker_threads';
import { runTrainingWorker } from '../nn/threads/runTrainingWorker.js';
import type { TrainingWorkerData } from '../nn/threads/trainingLayout.js';
import { threadCpuMs } from './threadCpuMs.js';

runTrainingWorker(workerData as TrainingWorkerData, threadCpuMs);
