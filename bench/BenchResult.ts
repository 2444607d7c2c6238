import { round3 } from './timing.js';

/** The peers every case reports; null when a peer cannot run (never an estimate). */
export interface Peers {
  'tfjs-cpu': number | null;
  'tfjs-wasm': number | null;
  /** PyTorch with one thread, on the same core as xent. */
  torch: number | null;
  /** PyTorch with a thread per core (compare on the wall clock: its CPU clock sums the threads). */
  'torch-2-threads'?: number | null;
}

/** A peer's figure inside the run against the same peer run on its own (same clock). */
export interface PeerCheck {
  clock: 'cpu' | 'wall';
  inHarnessMs: number;
  standaloneMs: number | null;
  /** standalone / in-harness. */
  ratio: number | null;
  /** Within 15% of each other. */
  agrees: boolean;
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
  /** Peers timed on fewer repetitions than `reps` (tfjs-cpu: see runCase.ts, TFJS_CPU_REPS). */
  peerReps?: Record<string, number>;
  /** What "ours" is, and any further measured variants (ms). */
  notes?: string;
  variantsMs?: Record<string, number | null>;
  /** The spread of every contender's samples on this clock: [min, max] in ms. */
  spreadMs?: Record<string, [number, number]>;
  /** Each peer's in-harness figure checked against the peer run standalone. */
  peerChecks?: Record<string, PeerCheck>;
  /** Cores the one-thread contenders ran on (taskset), or null when unpinned. */
  pinnedTo?: string | null;
  /** The same medians on the other clock. */
  otherClock?: Pick<BenchResult, 'clock' | 'oursMs' | 'peers' | 'streamingLimitMs' | 'jsCopyLoopMs' | 'ratios' | 'spreadMs'>;
}

export function makeResult(fields: Omit<BenchResult, 'ratios' | 'otherClock' | 'peerChecks' | 'pinnedTo'>): BenchResult {
  const ratios: Record<string, number | null> = {};
  for (const [peer, ms] of Object.entries(fields.peers)) ratios[peer] = ms === null ? null : round3(ms / fields.oursMs);
  ratios.streamingLimit = fields.streamingLimitMs === null ? null : round3(fields.oursMs / fields.streamingLimitMs);
  if (fields.jsCopyLoopMs !== undefined) ratios.jsCopyLoop = fields.jsCopyLoopMs === null ? null : round3(fields.oursMs / fields.jsCopyLoopMs);
  const peers = Object.fromEntries(Object.entries(fields.peers).map(([k, v]) => [k, round3(v)])) as unknown as Peers;
  const variantsMs =
    fields.variantsMs === undefined ? undefined : Object.fromEntries(Object.entries(fields.variantsMs).map(([k, v]) => [k, round3(v)]));
  const spreadMs =
    fields.spreadMs === undefined
      ? undefined
      : Object.fromEntries(Object.entries(fields.spreadMs).map(([k, [lo, hi]]) => [k, [round3(lo)!, round3(hi)!] as [number, number]]));
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
    ...(fields.peerReps === undefined || Object.keys(fields.peerReps).length === 0 ? {} : { peerReps: fields.peerReps }),
    ...(fields.notes === undefined ? {} : { notes: fields.notes }),
    ...(variantsMs === undefined ? {} : { variantsMs }),
    ...(spreadMs === undefined ? {} : { spreadMs }),
  };
}

export interface BenchCase {
  name: string;
  /** One line for `--list` and the table. */
  title: string;
  run(options: { reps: number; clock: 'cpu' | 'wall' }): Promise<BenchResult>;
  /** Whether run.ts pins the case's process to one core (default true; see affinity.ts). */
  pinned?: boolean;
}

/** Progress goes to stderr, so stdout stays one JSON line per case. */
export function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}
