import { round3 } from './timing.js';

/** The peers every case reports; null when a peer cannot run (never an estimate). */
export interface Peers {
  'tfjs-cpu': number | null;
  'tfjs-wasm': number | null;
  torch: number | null;
}

/**
 * One line of `npm run bench -- --case NAME --json`. Times are medians in milliseconds
 * over `reps` repetitions after a warm-up. `ratios[peer]` = peer / ours (above 1: xent
 * is faster); `ratios.streamingLimit` = ours / the streaming limit (memcpy of the same
 * bytes: 1 would be the memory floor); `ratios.jsCopyLoop` = ours / a JS copy loop.
 */
export interface BenchResult {
  case: string;
  shape: string;
  /** `cpu` (default): CPU time of the work; `wall`: elapsed time (see interleave.ts). */
  clock: 'cpu' | 'wall';
  oursMs: number;
  peers: Peers;
  streamingLimitMs: number | null;
  /** The same copy as a plain JS loop, for reference (see streamingLimit.ts). */
  jsCopyLoopMs?: number | null;
  ratios: Record<string, number | null>;
  reps: number;
  /** What "ours" is, and any further measured variants (ms). */
  notes?: string;
  variantsMs?: Record<string, number | null>;
  /** The same medians on the other clock. */
  otherClock?: Pick<BenchResult, 'clock' | 'oursMs' | 'peers' | 'streamingLimitMs' | 'jsCopyLoopMs' | 'ratios'>;
}

export function makeResult(fields: Omit<BenchResult, 'ratios' | 'otherClock'>): BenchResult {
  const ratios: Record<string, number | null> = {};
  for (const [peer, ms] of Object.entries(fields.peers)) ratios[peer] = ms === null ? null : round3(ms / fields.oursMs);
  ratios.streamingLimit = fields.streamingLimitMs === null ? null : round3(fields.oursMs / fields.streamingLimitMs);
  if (fields.jsCopyLoopMs !== undefined) ratios.jsCopyLoop = fields.jsCopyLoopMs === null ? null : round3(fields.oursMs / fields.jsCopyLoopMs);
  const peers = Object.fromEntries(Object.entries(fields.peers).map(([k, v]) => [k, round3(v)])) as unknown as Peers;
  const variantsMs =
    fields.variantsMs === undefined ? undefined : Object.fromEntries(Object.entries(fields.variantsMs).map(([k, v]) => [k, round3(v)]));
  return {
    case: fields.case,
    shape: fields.shape,
    clock: fields.clock,
    oursMs: round3(fields.oursMs)!,
    peers,
    streamingLimitMs: round3(fields.streamingLimitMs),
    ...(fields.jsCopyLoopMs === undefined ? {} : { jsCopyLoopMs: round3(fields.jsCopyLoopMs) }),
    ratios,
    reps: fields.reps,
    ...(fields.notes === undefined ? {} : { notes: fields.notes }),
    ...(variantsMs === undefined ? {} : { variantsMs }),
  };
}

export interface BenchCase {
  name: string;
  /** One line for `--list` and the table. */
  title: string;
  run(options: { reps: number; clock: 'cpu' | 'wall' }): Promise<BenchResult>;
}

/** Progress goes to stderr, so stdout stays one JSON line per case. */
export function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}
