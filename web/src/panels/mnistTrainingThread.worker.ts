// The second thread of #/mnist's training when the page is cross-origin isolated: started
// by mnist.worker.ts before a run, it says it is ready, then runs the library's worker
// body (runTrainingWorker, as Node's src/threads/trainingWorker.ts does) on the data the
// trainer posts, with SharedArrayBuffer, until the trainer ends it.
import { runTrainingWorker } from '../../../src/nn/threads/runTrainingWorker.js';
import type { TrainingWorkerData } from '../../../src/nn/threads/trainingLayout.js';

interface ThreadScope {
  postMessage(message: 'ready'): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<MessagePort>) => void, options: { once: true }): void;
}
const scope = self as unknown as ThreadScope;

// The data comes through a MessagePort: Chromium delivers a port's messages even while the
// sender blocks (the trainer waits for this thread in Atomics.wait), a Worker's not.
scope.addEventListener(
  'message',
  (event) => {
    const port = event.data;
    port.onmessage = (m: MessageEvent<TrainingWorkerData>) => runTrainingWorker(m.data);
    scope.postMessage('ready');
  },
  { once: true },
);
