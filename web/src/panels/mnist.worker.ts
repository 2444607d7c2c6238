// #/mnist's worker: it decodes the digits and runs the library's training loop
// (trainNetwork, the very loop of `xent train`), posting each epoch's results, so the page
// never waits on arithmetic. It holds no training logic of its own.
import { inputMajorSimdAvailable } from '../../../src/core/kernels/denseInputMajorWasm.js';
import { mnistDigitsFromIdx } from '../../../src/formats/mnistDigits.js';
import { createRng } from '../../../src/core/random/createRng.js';
import { createNetwork } from '../../../src/nn/Network.js';
import { predict } from '../../../src/nn/predict.js';
import { splitDataset } from '../../../src/nn/splitDataset.js';
import { trainNetwork } from '../../../src/nn/trainNetwork.js';
import type { Dataset } from '../../../src/nn/Dataset.js';
import { startMnistTrainingThread } from './mnistThreads.js';
import { GRID_DIGITS, MNIST_SPLIT_SEED, MNIST_TEST_SIZE, UNITS_SHOWN, type TrainRequest, type WorkerMessage } from './mnistProtocol.js';

// The project compiles against the DOM library; these are the two members of the worker's
// global scope used here.
interface WorkerScope {
  postMessage(message: WorkerMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<TrainRequest>) => void): void;
}
const scope = self as unknown as WorkerScope;

/** Progress messages at most this often, in ms: enough for a smooth bar. */
const PROGRESS_EVERY_MS = 250;

let digits: Promise<Dataset> | undefined;

async function gunzipUrl(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok || response.body === null) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  return new Uint8Array(await new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
}

function post(message: WorkerMessage): void {
  scope.postMessage(message);
}

async function train(request: TrainRequest): Promise<void> {
  const t0 = performance.now();
  digits ??= Promise.all([gunzipUrl(request.imagesUrl), gunzipUrl(request.labelsUrl)]).then(([images, labels]) => mnistDigitsFromIdx(images, labels));
  const all = await digits;
  const { train, test } = splitDataset(all, { trainSize: request.trainSize, testSize: MNIST_TEST_SIZE, seed: MNIST_SPLIT_SEED });
  const kernels = inputMajorSimdAvailable() ? 'wasm-simd' : 'scalar';
  post({ type: 'loaded', seconds: (performance.now() - t0) / 1000, trainSize: train.n, testSize: test.n, kernels });
  const gridInputs = test.inputs.slice(0, GRID_DIGITS * test.inputSize);
  post({ type: 'testDigits', pixels: gridInputs, labels: test.labels.slice(0, GRID_DIGITS), testLabels: Uint8Array.from(test.labels) });
  for (const run of request.runs) {
    // The weights the run starts from, as trainNetwork draws them (its first use of the
    // seed's generator), so the page has them before the first mini-batch.
    const [inputs, hidden] = run.config.sizes;
    const units = Math.min(UNITS_SHOWN, hidden);
    const start = createNetwork({ sizes: run.config.sizes, cost: run.config.cost, init: run.config.init, rng: createRng(run.config.seed) });
    post({ type: 'units', run: run.id, epoch: 0, done: 0, total: train.n, units, inputs, weights: Float32Array.from(start.weights[0].subarray(0, units * inputs)) });
    let lastProgress = 0;
    // On two threads the first layer lives in both and cannot be read mid-epoch: its
    // units are then shown after each epoch.
    let live = false;
    const startWorker = request.threads > 1 ? await startMnistTrainingThread() : undefined;
    const result = trainNetwork({ ...run.config, threads: request.threads }, train, test, {
      startWorker,
      onBatch(epoch, done, total, readFirstLayerUnits) {
        const now = performance.now();
        if (now - lastProgress < PROGRESS_EVERY_MS && done < total) return;
        lastProgress = now;
        post({ type: 'progress', run: run.id, epoch, done, total });
        // The first hidden units' weights as they are now, at the pace of the progress bar
        // (8 × 784 float32 is 25 KB). Copied, not transferred: see the epoch message below.
        if (readFirstLayerUnits) {
          live = true;
          const weights = new Float32Array(units * inputs);
          readFirstLayerUnits(units, weights);
          post({ type: 'units', run: run.id, epoch, done, total, units, inputs, weights });
        }
      },
      onEpoch(record, network) {
        if (!live) {
          const weights = Float32Array.from(network.weights[0].subarray(0, units * inputs));
          post({ type: 'units', run: run.id, epoch: record.epoch, done: train.n, total: train.n, units, inputs, weights });
        }
        const predictions = predict(network, test.inputs);
        const confusion = new Array<number>(test.classes * test.classes).fill(0);
        predictions.forEach((p, i) => confusion[test.labels[i] * test.classes + p.label]++);
        // Copied by structured clone, not transferred: detaching an ArrayBuffer makes V8
        // check every typed-array access afterwards, and training would slow down.
        const weights = network.weights;
        const biases = network.biases;
        post(
          {
            type: 'epoch',
            run: run.id,
            record,
            network: { sizes: [...network.sizes], cost: network.cost.name, weights, biases },
            confusion,
            gridProbabilities: predictions.slice(0, GRID_DIGITS).map((p) => p.probabilities),
            testProbabilities: Float64Array.from(predictions.flatMap((p) => p.probabilities)),
          },
        );
      },
    });
    post({ type: 'threads', run: run.id, ...result.threads });
  }
  post({ type: 'done' });
}

scope.addEventListener('message', (event) => {
  if (event.data.type !== 'train') return;
  train(event.data).catch((e: unknown) => post({ type: 'error', message: e instanceof Error ? e.message : String(e) }));
});
