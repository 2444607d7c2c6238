import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { relaxedSimdAvailable } from '../../src/core/kernels/denseBatchedWasm.js';
import { createRng } from '../../src/core/random/createRng.js';
import { loadMnist } from '../../src/data/loadMnist.js';
import { createBatchedSgdTrainer } from '../../src/nn/BatchedTrainer.js';
import { createSgdTrainer } from '../../src/nn/EpochTrainer.js';
import { createNetwork } from '../../src/nn/Network.js';
import { hasTaskset, ONE_CORE } from '../affinity.js';
import { log, makeResult, type BenchCase, type BenchResult, type PeerCheck } from '../BenchResult.js';
import { interleave, jsRunner, type Clock, type Runner } from '../interleave.js';
import { torchRunner, torchStandalone } from '../peers/torch.js';
import { AGREEMENT } from './runCase.js';

const ETA = 0.5;

/**
 * One epoch of mini-batch SGD over the 8,000 training digits (the mnist-epoch set-up:
 * sigmoid layers, the cross-entropy cost, η = 0.5, a fresh shuffle each epoch) at one batch
 * size, xent against PyTorch on one thread, both pinned to core 0. Ours is src/nn's
 * float32 batched trainer (`xent train --precision float32`: BatchedTrainer.ts, with FMA
 * where the runtime has relaxed SIMD), the arithmetic of the PyTorch peer; the variants are
 * the float64 per-example trainer (`xent train`'s default) and, where FMA runs, the
 * float32 trainer without it. tfjs is left out: the mnist-epoch cases time it at batch 10,
 * and its seconds per epoch would make this case take most of a run.
 */
export function mnistEpochBatchCase(name: string, sizes: readonly number[], batch: number): BenchCase {
  return {
    name,
    title: `MNIST epoch, [${sizes.join(', ')}], batch ${batch}, 8,000 digits, float32 batched trainer and float64 per-example`,
    async run({ reps, clock }) {
      const { train } = loadMnist();
      const settings = { eta: ETA, lambda: 0, trainingSize: train.n, batchSize: batch };
      const make = (kind: 'float32' | 'float32 no FMA' | 'float64'): Runner => {
        const rng = createRng(3);
        const network = createNetwork({ sizes, cost: 'cross-entropy', rng });
        const trainer = kind === 'float64' ? createSgdTrainer(network, train, settings) : createBatchedSgdTrainer(network, train, settings, { fma: kind === 'float32' });
        if (trainer === null) throw new Error('this runtime has no WebAssembly SIMD');
        return jsRunner(kind === 'float32' ? 'xent' : `xent ${kind}`, () => trainer.runEpoch(rng));
      };
      const fma = relaxedSimdAvailable();
      const ours = make('float32');
      const variants = [make('float64'), ...(fma ? [make('float32 no FMA')] : [])];
      const dir = mkdtempSync(join(tmpdir(), 'xent-bench-'));
      try {
        const imagesPath = join(dir, 'images.f32');
        const labelsPath = join(dir, 'labels.u8');
        writeFileSync(imagesPath, new Uint8Array(train.inputs.buffer, train.inputs.byteOffset, train.inputs.byteLength));
        writeFileSync(labelsPath, train.labels);
        const torchSpec = { kind: 'mnist-epoch', sizes, n: train.n, batch, eta: ETA, imagesPath, labelsPath };
        const torch = await torchRunner(torchSpec, 1);
        const runners = [ours, ...variants, ...(torch === null ? [] : [torch])];
        log(`${name}: 1 warm-up and ${reps} timed rounds of ${runners.map((r) => r.name).join(', ')}`);
        try {
          const t = await interleave(runners, reps, 1);
          const peerChecks: Record<string, PeerCheck> = {};
          if (torch !== null) {
            const alone = torchStandalone(torchSpec, 1, reps);
            const inHarnessMs = t.get('torch')![clock].medianMs;
            const standaloneMs = alone === null ? null : clock === 'cpu' ? alone.cpuMs : alone.wallMs;
            const ratio = standaloneMs === null ? null : Number((standaloneMs / inHarnessMs).toPrecision(3));
            const agrees = ratio !== null && Math.abs(ratio - 1) <= AGREEMENT;
            if (!agrees) log(`warning: torch 1 thread takes ${inHarnessMs.toPrecision(3)} ms in the harness and ${String(standaloneMs)} ms standalone`);
            peerChecks.torch = { clock, inHarnessMs: Number(inHarnessMs.toPrecision(3)), standaloneMs: standaloneMs === null ? null : Number(standaloneMs.toPrecision(3)), ratio, agrees };
          }
          const report = (c: Clock): BenchResult => {
            const ms = (n: string): number | null => t.get(n)?.[c].medianMs ?? null;
            return makeResult({
              case: name,
              shape: `[${sizes.join(', ')}], batch ${batch}, ${train.n} digits`,
              clock: c,
              oursMs: ms(ours.name)!,
              peers: { 'tfjs-cpu': null, 'tfjs-wasm': null, torch: ms('torch') },
              streamingLimitMs: null,
              reps,
              notes: `ours: src/nn createBatchedSgdTrainer, float32${fma ? ' with FMA (relaxed SIMD)' : ' (no relaxed SIMD here: no FMA)'}; xent float64: createSgdTrainer, per example; torch in float32`,
              variantsMs: Object.fromEntries(variants.map((v) => [v.name, ms(v.name)])),
              spreadMs: Object.fromEntries([...t].map(([n, x]) => [n, [x[c].minMs, Math.max(...x[c].samplesMs)]])),
            });
          };
          const other = report(clock === 'cpu' ? 'wall' : 'cpu');
          return {
            ...report(clock),
            peerChecks,
            pinnedTo: hasTaskset() ? ONE_CORE : null,
            otherClock: { clock: other.clock, oursMs: other.oursMs, peers: other.peers, streamingLimitMs: null, ratios: other.ratios, spreadMs: other.spreadMs },
          };
        } finally {
          torch?.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The batch sizes of the mnist-epoch-batch cases: `mnist-epoch-batch-10` … `-500`. */
export const MNIST_EPOCH_BATCHES = [10, 50, 100, 500] as const;

export function mnistEpochBatchCases(sizes: readonly number[]): BenchCase[] {
  return MNIST_EPOCH_BATCHES.map((b) => mnistEpochBatchCase(`mnist-epoch-batch-${b}`, sizes, b));
}
