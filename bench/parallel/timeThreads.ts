import { ALL_CORES, ONE_CORE, pinSelf } from '../affinity.js';
import { interleave, type Runner } from '../interleave.js';
import { round3 } from '../timing.js';
import type { ThreadsRow } from './ThreadsResult.js';

export interface ThreadsContenders {
  xent1: Runner;
  xent2: Runner;
  torch1: Runner | null;
  torch2: Runner | null;
}

/**
 * Times one size of a threads case on the wall clock (CPU time would add the threads
 * up) in two phases: the one-thread contenders interleaved with the whole process pinned
 * to core 0 (PyTorch's one-thread peer runs there too), then the multi-thread ones
 * interleaved on every core. Pinning per repetition instead was measured to charge the
 * migration to the timed call. On a shared machine whose other work is pinned to core 0
 * too (the project's own A/B runs are), the one-thread phase meets more load than the
 * other: then `ratios.speedup` flatters the threads (2.05 was seen at load 12), and only
 * an idle machine gives figures to quote.
 */
export async function timeThreads(
  c: ThreadsContenders,
  reps: number,
  warmup: number,
  row: Pick<ThreadsRow, 'shape' | 'label' | 'work' | 'family'>,
): Promise<ThreadsRow> {
  const single = [c.xent1, ...(c.torch1 === null ? [] : [c.torch1])];
  const multi = [c.xent2, ...(c.torch2 === null ? [] : [c.torch2])];
  pinSelf(ONE_CORE);
  const t = await interleave(single, reps, warmup);
  pinSelf(ALL_CORES);
  for (const [k, v] of await interleave(multi, reps, warmup)) t.set(k, v);
  const ms = (x: Runner | null): number | null => (x === null ? null : round3(t.get(x.name)!.wall.medianMs));
  const ratio = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : round3(a / b));
  const xent1 = ms(c.xent1)!;
  const xent2 = ms(c.xent2)!;
  const torch1 = ms(c.torch1);
  const torch2 = ms(c.torch2);
  const spreadMs: Record<string, [number, number]> = {};
  for (const [name, timing] of t) spreadMs[name] = [round3(timing.wall.minMs)!, round3(Math.max(...timing.wall.samplesMs))!];
  return {
    ...row,
    xent1,
    xent2,
    torch1,
    torch2,
    ratios: { speedup: ratio(xent1, xent2)!, torch1: ratio(torch1, xent1), torch2: ratio(torch2, xent2), torchSpeedup: ratio(torch1, torch2) },
    spreadMs,
  };
}
