import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { measure, type Runner } from '../interleave.js';

export type TfBackend = 'cpu' | 'wasm';

let wasmPathSet = false;

/**
 * Switches TensorFlow.js to `backend` in this process. The wasm backend needs to be told
 * where its .wasm files are; in Node they sit beside the package's entry point. It picks
 * the SIMD binary when the runtime has SIMD (Node 20 does), single-threaded in Node.
 * Switching between initialised backends is cheap and moves no data.
 */
export async function useBackend(backend: TfBackend): Promise<void> {
  if (backend === 'wasm' && !wasmPathSet) {
    const dir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
    setWasmPaths(`${dir}/`);
    wasmPathSet = true;
  }
  if (tf.getBackend() === backend) return;
  const ok = await tf.setBackend(backend);
  if (!ok || tf.getBackend() !== backend) throw new Error(`tfjs backend ${backend} failed to initialise`);
}

export type DisposableRunner = Runner & { dispose(): void };

/**
 * A runner on `backend`: build() makes the case's tensors on that backend (once), work()
 * does one repetition. Each repetition switches to the backend first, outside the timing,
 * and reads its results back (dataSync) inside it, so the work happens in the timed call.
 */
async function tfRunner(backend: TfBackend, build: () => { work: () => void; dispose: () => void }): Promise<DisposableRunner> {
  await useBackend(backend);
  const { work, dispose } = build();
  return {
    name: `tfjs-${backend}`,
    // tfjs-cpu takes seconds per repetition at these sizes; one warm rep suffices for wasm.
    rewarm: backend === 'cpu' ? 0 : 1,
    async rep() {
      await useBackend(backend);
      return measure(work);
    },
    dispose,
  };
}

/**
 * One repetition of a loss and its gradient with respect to `x`: both are read back
 * (dataSync) inside the timed call, so tfjs cannot defer the work past the timing.
 * `owned` are the case's tensors, freed by dispose().
 */
function lossWithGrad(loss: (logits: tf.Tensor) => tf.Scalar, x: tf.Tensor, owned: tf.Tensor[]): { work: () => void; dispose: () => void } {
  const f = tf.valueAndGrad(loss);
  return {
    work() {
      const { value, grad } = f(x);
      value.dataSync();
      grad.dataSync();
      value.dispose();
      grad.dispose();
    },
    dispose() {
      for (const t of owned) t.dispose();
    },
  };
}

/**
 * tf.losses.softmaxCrossEntropy forward and backward (tf.valueAndGrad), mean over rows.
 * tfjs has no class-index form, so the one-hot labels are built once, outside the timing.
 */
export function tfSoftmaxCe(backend: TfBackend, rows: number, cols: number): Promise<DisposableRunner> {
  return tfRunner(backend, () => {
    const x = tf.randomNormal([rows, cols], 0, 1, 'float32', 0);
    const labels = tf.tidy(() => tf.oneHot(tf.randomUniform([rows], 0, cols, 'int32', 1), cols).toFloat());
    return lossWithGrad((logits) => tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar, x, [x, labels]);
  });
}

/** tf.losses.sigmoidCrossEntropy (with logits) forward and backward, mean over elements. */
export function tfBceWithLogits(backend: TfBackend, n: number): Promise<DisposableRunner> {
  return tfRunner(backend, () => {
    const x = tf.tidy(() => tf.randomNormal([n], 0, 3, 'float32', 0));
    const z = tf.tidy(() => tf.randomUniform([n], 0, 2, 'int32', 1).toFloat());
    return lossWithGrad((logits) => tf.losses.sigmoidCrossEntropy(z, logits) as tf.Scalar, x, [x, z]);
  });
}

/**
 * One epoch of the MNIST case in TensorFlow.js: sigmoid layers, per-example cost
 * Σ_j BCE(a_j, y_j), plain SGD with rate η on the batch mean, mini-batches of `batch`
 * in a fresh random order: the same work as the xent and PyTorch versions.
 */
export function tfMnistEpoch(
  backend: TfBackend,
  sizes: readonly number[],
  images: Float32Array,
  labels: Uint8Array,
  batch: number,
  eta: number,
): Promise<DisposableRunner> {
  return tfRunner(backend, () => {
    const n = labels.length;
    const classes = sizes[sizes.length - 1];
    const xAll = tf.tensor2d(images, [n, sizes[0]]);
    const yAll = tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(labels), 'int32'), classes).toFloat());
    const ws: tf.Variable[] = [];
    const bs: tf.Variable[] = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      ws.push(tf.variable(tf.randomNormal([sizes[l], sizes[l + 1]], 0, 1 / Math.sqrt(sizes[l]), 'float32', l)));
      bs.push(tf.variable(tf.randomNormal([sizes[l + 1]], 0, 1, 'float32', 100 + l)));
    }
    const optimizer = tf.train.sgd(eta);
    return {
      work() {
        const order = tf.util.createShuffledIndices(n);
        for (let start = 0; start < n; start += batch) {
          const idx = tf.tensor1d(Int32Array.from(order.subarray(start, Math.min(start + batch, n))), 'int32');
          const cost = optimizer.minimize(() => {
            const x = tf.gather(xAll, idx);
            const y = tf.gather(yAll, idx);
            let a: tf.Tensor = x;
            for (let l = 0; l + 1 < ws.length; l++) a = tf.sigmoid(tf.add(tf.matMul(a, ws[l]), bs[l]));
            const z = tf.add(tf.matMul(a, ws[ws.length - 1]), bs[bs.length - 1]);
            const sum = tf.losses.sigmoidCrossEntropy(y, z, undefined, 0, tf.Reduction.SUM);
            return tf.div(sum, idx.shape[0]) as tf.Scalar;
          }, true);
          cost?.dataSync();
          cost?.dispose();
          idx.dispose();
        }
      },
      dispose() {
        xAll.dispose();
        yAll.dispose();
        for (const v of [...ws, ...bs]) v.dispose();
        optimizer.dispose();
      },
    };
  });
}
