import { cpus } from 'node:os';
import { hasTaskset, ONE_CORE } from '../affinity.js';
import { log, makeResult, type BenchResult, type PeerCheck } from '../BenchResult.js';
import { interleave, type Clock, type ClockTimings, type Runner } from '../interleave.js';
import type { DisposableRunner, TfBackend } from '../peers/tfjs.js';
import { torchRunner, torchStandalone } from '../peers/torch.js';

/** How far a peer's in-harness median may lie from its standalone one before the bench warns. */
export const AGREEMENT = 0.15;

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
 * tfjs-cpu's repetitions: it is 20 to 500 times slower than xent (seconds per repetition,
 * 17 s at bce-with-logits 16M), so a median of fewer repetitions says as much, and the
 * full count would take most of the bench's time: 5, or 3 when its warm-up repetition
 * took longer than TFJS_CPU_SLOW_MS.
 */
export const TFJS_CPU_REPS = 5;
export const TFJS_CPU_SLOW_REPS = 3;
export const TFJS_CPU_SLOW_MS = 5000;

/**
 * Sets up every contender of a case, times them interleaved (see interleave.ts), reports.
 *
 * Only the contenders of about xent's speed share the interleaved rounds: xent, its
 * variants, the streaming limit and PyTorch on one thread. The others get rounds of their
 * own afterwards, each set up only then:
 *
 * - tfjs-cpu. Its multi-second repetitions slow down the one-thread PyTorch peer that runs
 *   next on the core, for a few repetitions and even after an untimed re-warm. Measured at
 *   (4096, 1000), load 5–11, each configuration in a fresh process against PyTorch run
 *   standalone right after: interleaved with tfjs-cpu (alone or with everything else),
 *   PyTorch took 1.14–1.35× its standalone CPU time in six runs (median 1.23×); with
 *   everything but tfjs-cpu, or alone, 0.81–1.19× in twelve (median 1.04×). The extra time
 *   is PyTorch's user time (getrusage), with no page faults and no page migration; V8
 *   meanwhile spends ~40 ms of CPU on its background threads after each tfjs-cpu
 *   repetition, on the same core. xent's medians did not move measurably, but the rule is
 *   the same for both: nothing that slow shares their rounds.
 * - tfjs-wasm. Growing its WebAssembly memory detaches an ArrayBuffer, and from then on V8
 *   checks every typed-array access in the process for detachment, which slows plain JS
 *   loops such as ours by about 30%. Timing it first would charge that cost to us, not to
 *   it. (run.ts gives each case its own process for the same reason.)
 * - PyTorch on every core, its process started only now: between parallel regions its
 *   OpenMP threads spin-wait on every core, which would slow the one-thread contenders
 *   pinned to core 0 (and did: 12 ms instead of 8 for PyTorch's own one-thread peer at
 *   (4096, 1000)).
 */
export async function runCase(spec: CaseSpec): Promise<BenchResult> {
  log(`${spec.name}: setting up torch`);
  const tfjs: DisposableRunner[] = [];
  const torch = await torchRunner(spec.torchSpec, 1);
  const cores = cpus().length;
  let torchAll: Awaited<ReturnType<typeof torchRunner>> = null;
  const runners: Runner[] = [spec.ours, ...(spec.variants ?? [])];
  if (spec.streamingLimit !== undefined) runners.push(spec.streamingLimit);
  if (spec.jsCopyLoop !== undefined) runners.push(spec.jsCopyLoop);
  if (torch !== null) runners.push(torch);
  const peerReps: Record<string, number> = {};
  try {
    log(`${spec.name}: ${spec.warmup} warm-up and ${spec.reps} timed rounds of ${runners.map((r) => r.name).join(', ')}`);
    const t = await interleave(runners, spec.reps, spec.warmup);
    // Each standalone check runs right after the rounds it checks, so that the machine's
    // load is the same for both: on a shared machine a memory-bound peer's CPU time moves
    // by a quarter with what the other core does (bce-with-logits: 102 to 155 ms
    // standalone within minutes at load 10–13), and checking it minutes later, after
    // tfjs-cpu's rounds, measured the machine, not the harness.
    const peerChecks: Record<string, PeerCheck> = {};
    if (torch !== null) peerChecks.torch = agreement(t.get(torch.name)!, spec.torchSpec, 1, spec.clock, spec.reps);
    log(`${spec.name}: setting up tfjs-cpu and its warm-up repetition`);
    const cpu = await spec.tfjs('cpu');
    tfjs.push(cpu);
    const warm = await cpu.rep();
    const cpuReps = Math.min(spec.reps, warm.cpuMs > TFJS_CPU_SLOW_MS ? TFJS_CPU_SLOW_REPS : TFJS_CPU_REPS);
    log(`${spec.name}: ${cpuReps} timed repetitions of tfjs-cpu (fewer than ${spec.reps}: its warm-up took ${(warm.cpuMs / 1000).toFixed(1)} s of CPU)`);
    for (const [name, timing] of await interleave([cpu], cpuReps, 0)) t.set(name, timing);
    peerReps['tfjs-cpu'] = cpuReps;
    log(`${spec.name}: setting up and timing tfjs-wasm`);
    const wasm = await spec.tfjs('wasm');
    tfjs.push(wasm);
    for (const [name, timing] of await interleave([wasm], spec.reps, spec.warmup)) t.set(name, timing);
    if (cores > 1) {
      torchAll = await torchRunner(spec.torchSpec, cores);
      if (torchAll !== null) {
        for (const [name, timing] of await interleave([torchAll], spec.reps, spec.warmup)) t.set(name, timing);
        // A multi-threaded peer is compared on the wall clock: its CPU clock adds up its threads.
        peerChecks['torch-2-threads'] = agreement(t.get(torchAll.name)!, spec.torchSpec, cores, 'wall', spec.reps);
      }
    }
    const report = (clock: Clock): BenchResult => {
      const ms = (name: string): number | null => t.get(name)?.[clock].medianMs ?? null;
      return makeResult({
        case: spec.name,
        shape: spec.shape,
        clock,
        oursMs: ms(spec.ours.name)!,
        peers: {
          'tfjs-cpu': ms('tfjs-cpu'),
          'tfjs-wasm': ms('tfjs-wasm'),
          torch: ms('torch'),
          ...(torchAll === null ? {} : { 'torch-2-threads': ms(torchAll.name) }),
        },
        streamingLimitMs: spec.streamingLimit === undefined ? null : ms(spec.streamingLimit.name),
        ...(spec.jsCopyLoop === undefined ? {} : { jsCopyLoopMs: ms(spec.jsCopyLoop.name) }),
        reps: spec.reps,
        peerReps,
        notes: spec.notes,
        ...(spec.variants === undefined ? {} : { variantsMs: Object.fromEntries(spec.variants.map((v) => [v.name, ms(v.name)])) }),
        spreadMs: Object.fromEntries([...t].map(([name, c]) => [name, [c[clock].minMs, Math.max(...c[clock].samplesMs)]])),
      });
    };
    const other = report(spec.clock === 'cpu' ? 'wall' : 'cpu');
    return {
      ...report(spec.clock),
      peerChecks,
      pinnedTo: hasTaskset() ? ONE_CORE : null,
      otherClock: {
        clock: other.clock,
        oursMs: other.oursMs,
        peers: other.peers,
        streamingLimitMs: other.streamingLimitMs,
        ...(other.jsCopyLoopMs === undefined ? {} : { jsCopyLoopMs: other.jsCopyLoopMs }),
        ratios: other.ratios,
        ...(other.spreadMs === undefined ? {} : { spreadMs: other.spreadMs }),
      },
    };
  } finally {
    for (const r of tfjs) r.dispose();
    torch?.close();
    torchAll?.close();
  }
}

/**
 * The peer's in-harness median against the same peer run on its own, right after (same
 * environment, cores and clock); a warning on stderr when they differ by more than
 * AGREEMENT, which means the harness is not measuring the peer at its best (or the
 * machine's load changed between the two).
 */
function agreement(inHarness: ClockTimings, torchSpec: Record<string, unknown>, threads: number, clock: Clock, reps: number): PeerCheck {
  const alone = torchStandalone(torchSpec, threads, reps);
  const inHarnessMs = inHarness[clock].medianMs;
  const standaloneMs = alone === null ? null : clock === 'cpu' ? alone.cpuMs : alone.wallMs;
  const ratio = standaloneMs === null ? null : Number((standaloneMs / inHarnessMs).toPrecision(3));
  const agrees = ratio !== null && Math.abs(ratio - 1) <= AGREEMENT;
  const label = `torch ${threads} thread${threads === 1 ? '' : 's'}`;
  if (!agrees) {
    log(
      `warning: ${label} takes ${inHarnessMs.toPrecision(3)} ms in the harness and ${standaloneMs === null ? 'n/a' : standaloneMs.toPrecision(3)} ms standalone (${clock} clock): more than ${AGREEMENT * 100}% apart`,
    );
  } else {
    log(`${label}: in-harness ${inHarnessMs.toPrecision(3)} ms agrees with standalone ${standaloneMs!.toPrecision(3)} ms (${clock} clock)`);
  }
  return { clock, inHarnessMs: Number(inHarnessMs.toPrecision(3)), standaloneMs: standaloneMs === null ? null : Number(standaloneMs.toPrecision(3)), ratio, agrees };
}
