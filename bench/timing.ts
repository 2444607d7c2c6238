/**
 * Timing for the benchmark: a warm-up (JIT compilation, first-touch page faults, lazy
 * backend set-up) and then `reps` timed repetitions, summarised by the median, which
 * one slow outlier (another process taking the core) cannot move.
 */
export interface Timing {
  medianMs: number;
  minMs: number;
  samplesMs: number[];
}

export const DEFAULT_REPS = 7;
export const DEFAULT_WARMUP = 2;

export async function timeIt(fn: () => unknown, reps = DEFAULT_REPS, warmup = DEFAULT_WARMUP): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samplesMs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    samplesMs.push(performance.now() - t0);
  }
  return { medianMs: median(samplesMs), minMs: Math.min(...samplesMs), samplesMs };
}

/** The median of a non-empty list (mean of the two middle values for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Three significant digits are all a noisy machine can vouch for. */
export function round3(x: number | null): number | null {
  return x === null ? null : Number(x.toPrecision(3));
}
