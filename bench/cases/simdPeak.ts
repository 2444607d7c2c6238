import { instantiateDenseBatched, layoutDenseBatched, relaxedSimdAvailable, type DenseBatchedKernels } from '../../src/core/kernels/denseBatchedWasm.js';
import type { BenchCase, BenchResult } from '../BenchResult.js';
import { measure } from '../interleave.js';
import { median } from '../timing.js';

/** Steps of assembly/denseBatched.ts peakMadd: 12 vectors × 4 lanes × 2 flops each. */
const PEAK_STEPS = 20_000_000;
const FLOPS_PER_STEP = 12 * 4 * 2;

/** The layer whose products are timed: MNIST's first, [784 → 100]. */
const N_IN = 784;
const N_OUT = 100;

interface GemmRow {
  product: string;
  batch: number;
  build: 'fma' | 'plain';
  ms: number;
  gflops: number;
  /** gflops over the same build's peak. */
  ofPeak: number;
}

/** Median CPU ms of `reps` timed runs of fn after two untimed ones. */
async function cpuMedian(fn: () => unknown, reps: number): Promise<number> {
  for (let i = 0; i < 2; i++) fn();
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) ms.push((await measure(fn)).cpuMs);
  return median(ms);
}

function kernels(parts: Parameters<typeof layoutDenseBatched>[0], fma: boolean): { k: DenseBatchedKernels; f: Record<string, Float32Array> } {
  const room = layoutDenseBatched(parts);
  const made = instantiateDenseBatched(room.memory, fma);
  if (made === null || made.fma !== fma) throw new Error(`no ${fma ? 'FMA' : 'plain'} build here`);
  return { k: made.kernels, f: room.f32 };
}

/**
 * The limit of this machine's WebAssembly SIMD and how close the batched kernels come to
 * it: the peak GFLOP/s of a multiply–add loop with twelve independent f32x4 accumulators
 * in registers (no memory traffic), with mul then add and, where the runtime has relaxed
 * SIMD, with f32x4.relaxed_madd; then the GFLOP/s of the three products of a [784 → 100]
 * layer over a batch (X·Wᵀ forward, δᵀ·X the weight update, δ·W the error sent down,
 * with σ' folded in) at batch 100 and 500, and each as a fraction of its build's peak.
 * CPU time, pinned to core 0 like the other one-thread cases.
 *
 * The loop's figure is what this runtime's compiler makes of it: on this machine's Zen 3
 * Node 20 ran it at 35 GFLOP/s without FMA, while Node 24 ran the same bytes at 17
 * (25 with FMA), below the blocked kernels themselves (28–33), so `ofPeak` above 1 says
 * that the runtime's loop, not the CPU, set that peak (the notes say so).
 */
export function simdPeakCase(name: string): BenchCase {
  return {
    name,
    title: 'WebAssembly SIMD multiply–add peak, and the batched dense kernels against it',
    async run({ reps }) {
      const builds: ('plain' | 'fma')[] = relaxedSimdAvailable() ? ['plain', 'fma'] : ['plain'];
      const peak: Record<string, number | null> = { plain: null, fma: null };
      for (const build of builds) {
        const { k } = kernels([['x', 'f32', 4]], build === 'fma');
        const ms = await cpuMedian(() => k.peakMadd(PEAK_STEPS, 1e-7), reps);
        peak[build] = (PEAK_STEPS * FLOPS_PER_STEP) / ms / 1e6;
      }
      const rows: GemmRow[] = [];
      for (const build of builds) {
        for (const batch of [100, 500]) {
          const { k, f } = kernels(
            [['w', 'f32', N_IN * N_OUT], ['b', 'f32', N_OUT], ['x', 'f32', batch * N_IN], ['z', 'f32', batch * N_OUT], ['d', 'f32', batch * N_OUT], ['e', 'f32', batch * N_IN]],
            build === 'fma',
          );
          // Small values keep every product normal (no subnormal slow paths) and the weights
          // steady over the repeated updates.
          for (const a of Object.values(f)) for (let i = 0; i < a.length; i++) a[i] = 0.25 + 0.5 * ((i * 7919) % 1000) / 1000;
          f.d.forEach((_, i) => (f.d[i] = 1e-6 * (1 + (i % 7))));
          const flops = 2 * batch * N_IN * N_OUT;
          const products: [string, () => void][] = [
            ['forward X·Wᵀ', () => k.denseForward(f.x.byteOffset, N_IN, batch, N_IN, f.w.byteOffset, N_OUT, f.b.byteOffset, f.z.byteOffset)],
            ['weight update δᵀ·X', () => k.denseAddOuter(f.w.byteOffset, N_OUT, N_IN, f.x.byteOffset, N_IN, batch, f.d.byteOffset)],
            ['error δ·W (⊙ σ′)', () => k.backInput(f.d.byteOffset, batch, f.w.byteOffset, N_OUT, N_IN, f.x.byteOffset, f.e.byteOffset)],
          ];
          for (const [product, fn] of products) {
            const times = Math.max(1, Math.round(2e8 / flops));
            const ms = (await cpuMedian(() => { for (let i = 0; i < times; i++) fn(); }, reps)) / times;
            const gflops = flops / ms / 1e6;
            rows.push({ product, batch, build, ms: Number(ms.toPrecision(3)), gflops: Number(gflops.toPrecision(3)), ofPeak: Number((gflops / peak[build]!).toPrecision(3)) });
          }
        }
      }
      const result = {
        case: name,
        shape: `peak: ${PEAK_STEPS} steps of 12 f32x4 multiply–adds; products: [${N_IN} → ${N_OUT}] at batch 100 and 500`,
        clock: 'cpu',
        reps,
        peakGflops: Object.fromEntries(Object.entries(peak).map(([b, g]) => [b, g === null ? null : Number(g.toPrecision(3))])),
        products: rows,
        notes:
          (relaxedSimdAvailable() ? 'fma: f32x4.relaxed_madd (relaxed SIMD)' : 'no relaxed SIMD on this runtime: no FMA figures') +
          (rows.some((r) => r.ofPeak > 1) ? '; some products ran above the loop: the loop, as this runtime compiles it, is no ceiling here' : ''),
      };
      return result as unknown as BenchResult;
    },
  };
}
