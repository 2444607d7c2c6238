import { log, makeResult, type BenchResult } from '../BenchResult.js';
import { interleave, type Clock, type Runner } from '../interleave.js';
import type { DisposableRunner, TfBackend } from '../peers/tfjs.js';
import { torchRunner } from '../peers/torch.js';

export interface CaseSpec {
  name: string;
  shape: string;
  notes: string;
  reps: number;
  /** Untimed rounds before the timed ones. */
  warmup: number;
  ours: Runner;
  /** Further xent variants, reported in variantsMs. */
  variants?: Runner[];
  streamingLimit?: Runner;
  /** The same copy as a plain JS loop, for reference (see streamingLimit.ts). */
  jsCopyLoop?: Runner;
  /** Builds the tfjs runner for a backend (lazily: see runCase for the order). */
  tfjs: (backend: TfBackend) => Promise<DisposableRunner>;
  /** The spec sent to torch_peer.py. */
  torchSpec: Record<string, unknown>;
  /** Which clock the result's fields use; the other is reported in `otherClock`. */
  clock: Clock;
}

/**
 * Sets up every contender of a case, times them interleaved (see interleave.ts), reports.
 *
 * tfjs-wasm is set up and timed last, on its own rounds: growing its WebAssembly memory
 * detaches an ArrayBuffer, and from then on V8 checks every typed-array access in the
 * process for detachment, which slows plain JS loops such as ours by about 30%. Timing it
 * first would charge that cost to us, not to it. (run.ts gives each case its own process
 * for the same reason.)
 */
export async function runCase(spec: CaseSpec): Promise<BenchResult> {
  log(`${spec.name}: setting up tfjs-cpu and torch`);
  const tfjs: DisposableRunner[] = [await spec.tfjs('cpu')];
  const torch = await torchRunner(spec.torchSpec);
  const runners: Runner[] = [spec.ours, ...(spec.variants ?? []), ...tfjs];
  if (spec.streamingLimit !== undefined) runners.push(spec.streamingLimit);
  if (spec.jsCopyLoop !== undefined) runners.push(spec.jsCopyLoop);
  if (torch !== null) runners.push(torch);
  log(`${spec.name}: ${spec.warmup} warm-up and ${spec.reps} timed rounds of ${runners.map((r) => r.name).join(', ')}`);
  try {
    const t = await interleave(runners, spec.reps, spec.warmup);
    log(`${spec.name}: setting up and timing tfjs-wasm`);
    const wasm = await spec.tfjs('wasm');
    tfjs.push(wasm);
    for (const [name, timing] of await interleave([wasm], spec.reps, spec.warmup)) t.set(name, timing);
    const report = (clock: Clock): BenchResult => {
      const ms = (name: string): number | null => t.get(name)?.[clock].medianMs ?? null;
      return makeResult({
        case: spec.name,
        shape: spec.shape,
        clock,
        oursMs: ms(spec.ours.name)!,
        peers: { 'tfjs-cpu': ms('tfjs-cpu'), 'tfjs-wasm': ms('tfjs-wasm'), torch: ms('torch') },
        streamingLimitMs: spec.streamingLimit === undefined ? null : ms(spec.streamingLimit.name),
        ...(spec.jsCopyLoop === undefined ? {} : { jsCopyLoopMs: ms(spec.jsCopyLoop.name) }),
        reps: spec.reps,
        notes: spec.notes,
        ...(spec.variants === undefined ? {} : { variantsMs: Object.fromEntries(spec.variants.map((v) => [v.name, ms(v.name)])) }),
      });
    };
    const other = report(spec.clock === 'cpu' ? 'wall' : 'cpu');
    return {
      ...report(spec.clock),
      otherClock: {
        clock: other.clock,
        oursMs: other.oursMs,
        peers: other.peers,
        streamingLimitMs: other.streamingLimitMs,
        ...(other.jsCopyLoopMs === undefined ? {} : { jsCopyLoopMs: other.jsCopyLoopMs }),
        ratios: other.ratios,
      },
    };
  } finally {
    for (const r of tfjs) r.dispose();
    torch?.close();
  }
}
