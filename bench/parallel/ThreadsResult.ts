import type { RoundTrip } from './barrierRoundTrip.js';

/**
 * One size of a threads case (softmax-ce-threads, mnist-epoch-threads): medians in ms of
 * elapsed time, one thread against all threads, xent and PyTorch. `ratios.speedup` =
 * xent1 / xent2 (above 1: the second thread pays); `ratios.torch1` = torch1 / xent1 and
 * `ratios.torch2` = torch2 / xent2 (above 1: xent is faster with as many threads as
 * PyTorch); `ratios.torchSpeedup` = torch1 / torch2. (`shape`, `xent1` … `torch2` keep the
 * names of the first version, which bench/renderTable.ts reads.)
 */
export interface ThreadsRow {
  /** (rows, cols) for softmax; [hidden units, batch] for MNIST. */
  shape: number[];
  /** The row as the table names it: "(4096, 1000)", "[784, 100, 10], batch 100". */
  label: string;
  /** The size the crossover is read along (rows × cols, or examples per batch). */
  work: number;
  /** Rows with the same family are one series of growing `work`. */
  family: string;
  xent1: number;
  xent2: number;
  torch1: number | null;
  torch2: number | null;
  ratios: { speedup: number; torch1: number | null; torch2: number | null; torchSpeedup: number | null };
  /** [min, max] of each contender's samples. */
  spreadMs: Record<string, [number, number]>;
  /**
   * MNIST: medians of each thread's CPU time (src/threads/threadCpuMs.ts) over the timed epochs, xent on
   * one thread and on all (the calling thread first), and `boundSpeedup` = xent1 / the
   * busiest thread's: on an idle machine an epoch takes at least its busiest thread's CPU
   * time, so this bounds `ratios.speedup` from above whatever the load was.
   */
  threadCpuMs?: { xent1: number; xent2: number[]; boundSpeedup: number };
}

/** Per family, the smallest shape from which on every larger one runs faster on all threads (null: none). */
export interface Crossover {
  family: string;
  xentFrom: string | null;
  torchFrom: string | null;
}

/** The JSON line of a threads case. */
export interface ThreadsResult {
  case: string;
  title: string;
  clock: 'wall';
  /** Threads of the multi-thread contenders (the machine's cores). */
  threads: number;
  reps: number;
  rows: ThreadsRow[];
  crossover: Crossover[];
  /** What one hand-over between two threads costs here (barrierRoundTrip.ts). */
  barrier?: RoundTrip[];
  /** os.loadavg() (1, 5, 15 min) when the case started and ended: two-thread figures are only as good as the machine was idle. */
  loadAverage: { start: number[]; end: number[] };
  notes: string;
}

/** The crossovers of `rows` (see Crossover). */
export function crossovers(rows: readonly ThreadsRow[]): Crossover[] {
  const families = [...new Set(rows.map((r) => r.family))];
  return families.map((family) => {
    const series = rows.filter((r) => r.family === family).sort((a, b) => a.work - b.work);
    const from = (faster: (r: ThreadsRow) => boolean | null): string | null => {
      let first: string | null = null;
      for (let i = series.length - 1; i >= 0 && faster(series[i]) === true; i--) first = series[i].label;
      return first;
    };
    return {
      family,
      xentFrom: from((r) => r.xent2 < r.xent1),
      torchFrom: from((r) => (r.torch1 === null || r.torch2 === null ? null : r.torch2 < r.torch1)),
    };
  });
}
