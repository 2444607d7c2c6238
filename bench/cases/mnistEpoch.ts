import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMnist } from '../../src/data/loadMnist.js';
import { createRng } from '../../src/core/random/createRng.js';
import { createNetwork } from '../../src/nn/Network.js';
import { createSgdTrainer } from '../../src/nn/EpochTrainer.js';
import type { BenchCase } from '../BenchResult.js';
import { jsRunner } from '../interleave.js';
import { tfMnistEpoch } from '../peers/tfjs.js';
import { runCase } from './runCase.js';

const BATCH = 10;
const ETA = 0.5;

/**
 * One epoch of mini-batch SGD over the 8,000 training digits of the `mnist` package:
 * sigmoid layers `sizes`, the cross-entropy cost, batch 10, η = 0.5, a fresh shuffle each
 * epoch (Nielsen's network2.py set-up). Ours is an epoch of src/nn's one-thread trainer,
 * as trainNetwork runs it (float64 weights, the dense kernels of src/core/kernels). PyTorch does the same SGD in float32 on one thread,
 * tfjs with tf.train.sgd.
 */
export function mnistEpochCase(name: string, sizes: readonly number[]): BenchCase {
  return {
    name,
    title: `MNIST epoch, [${sizes.join(', ')}], batch ${BATCH}, 8,000 digits`,
    async run({ reps, clock }) {
      const { train } = loadMnist();
      const rng = createRng(3);
      const network = createNetwork({ sizes, cost: 'cross-entropy', rng });
      const trainer = createSgdTrainer(network, train, { eta: ETA, lambda: 0, trainingSize: train.n, batchSize: BATCH });
      const dir = mkdtempSync(join(tmpdir(), 'xent-bench-'));
      try {
        const imagesPath = join(dir, 'images.f32');
        const labelsPath = join(dir, 'labels.u8');
        writeFileSync(imagesPath, new Uint8Array(train.inputs.buffer, train.inputs.byteOffset, train.inputs.byteLength));
        writeFileSync(labelsPath, train.labels);
        return await runCase({
          name,
          shape: `[${sizes.join(', ')}], batch ${BATCH}, ${train.n} digits`,
          notes: 'ours: src/nn createSgdTrainer, one epoch (float64 weights); torch and tfjs in float32',
          reps,
          warmup: 1,
          ours: jsRunner('xent', () => trainer.runEpoch(rng)),
          tfjs: (backend) => tfMnistEpoch(backend, sizes, train.inputs, train.labels, BATCH, ETA),
          clock,
          torchSpec: { kind: 'mnist-epoch', sizes, n: train.n, batch: BATCH, eta: ETA, imagesPath, labelsPath },
        });
      } finally {
        trainer.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
