import { median, type Timing } from './timing.js';

/** The two clocks of one repetition, in ms. */
export interface RepTime {
  /** Elapsed time. */
  wallMs: number;
  /**
   * CPU time of the process (JS) or of the calling thread (PyTorch): on a machine shared
   * with other work it leaves out the time slices the scheduler gave to others.
   */
  cpuMs: number;
}

/** One contender of a case: rep() does the work once and returns its own times. */
export interface Runner {
  name: string;
  rep(): Promise<RepTime> | RepTime;
  /**
   * Untimed repetitions right before each timed one (default 1), so that every timed
   * repetition starts in the steady state a contender reaches when run back to back (its
   * data in cache, its allocator's blocks reused) instead of after the other contenders
   * have evicted it; the standalone check (runCase.ts) runs peers back to back too.
   * 0 for contenders too slow to repeat (tfjs-cpu), whose figures do not depend on it.
   */
  rewarm?: number;
}

export type Clock = 'cpu' | 'wall';

/** Medians per clock. */
export interface ClockTimings {
  wall: Timing;
  cpu: Timing;
}

/**
 * Times the runners in rounds: every round runs each runner once, in an order that
 * rotates from round to round, so that on a shared machine a busy spell slows all of them
 * alike instead of whichever happened to run then; the ratios of the medians are what a
 * noisy machine can still measure. `warmup` untimed rounds come first, and each timed
 * repetition follows `rewarm` untimed ones of the same runner (none for a runner alone).
 */
export async function interleave(runners: readonly Runner[], reps: number, warmup: number): Promise<Map<string, ClockTimings>> {
  for (let w = 0; w < warmup; w++) for (const r of runners) await r.rep();
  // A runner on rounds of its own runs back to back anyway: its previous repetition (or the
  // warm-up) is its re-warm, and an extra one would only double the time it takes.
  const alone = runners.length === 1;
  const samples = new Map<string, RepTime[]>(runners.map((r) => [r.name, []]));
  for (let round = 0; round < reps; round++) {
    for (let i = 0; i < runners.length; i++) {
      const r = runners[(round + i) % runners.length];
      for (let k = 0; k < (alone ? 0 : (r.rewarm ?? 1)); k++) await r.rep();
      samples.get(r.name)!.push(await r.rep());
    }
  }
  const timing = (ms: number[]): Timing => ({ medianMs: median(ms), minMs: Math.min(...ms), samplesMs: ms });
  return new Map(
    [...samples].map(([name, t]) => [name, { wall: timing(t.map((x) => x.wallMs)), cpu: timing(t.map((x) => x.cpuMs)) }]),
  );
}

/** Runs fn once and measures it on both clocks. */
export async function measure(fn: () => unknown): Promise<RepTime> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wallMs, cpuMs: (c.user + c.system) / 1000 };
}

/** A runner for JS work in this process. */
export function jsRunner(name: string, fn: () => unknown): Runner {
  return { name, rep: () => measure(fn) };
}
