/**
 * The README's performance tables, in markdown, from a results file of `npm run bench`.
 * Each peer cell reads "ms (ratio×)", the ratio being peer time / xent time: above 1,
 * xent is faster. The streaming-limit cell reads "ms (xent N×)", xent's time over it.
 * Kernel and training cases make the main table; the eval cases (against pandas +
 * scikit-learn) a table of their own; the threads case a crossover table; the
 * compression case has its own renderer (scripts/coding/compressionTable.mjs).
 */
import type { BenchResult } from './BenchResult.js';
import type { ThreadsRow as MeasuredRow } from './parallel/ThreadsResult.js';

/** A row as older runs wrote it too: label, work and family came later. */
type ThreadsRow = Pick<MeasuredRow, 'shape' | 'xent1' | 'xent2' | 'torch1' | 'torch2'> & Partial<Pick<MeasuredRow, 'label' | 'work' | 'family'>>;

export interface ResultsFile {
  started: string;
  clock?: 'cpu' | 'wall';
  machine: { node: string; cpu: string; cores: number; loadAverageAtStart: number[] };
  reps: number;
  results: BenchResult[];
  /** Cases that did not finish (run.ts). */
  failures?: { case: string; error: string }[];
}

const x = (a: number): string => `${Number(a.toPrecision(3))}×`;

export function renderTable(file: ResultsFile): string {
  const threads = file.machine.cores;
  const lines = [
    `| case | shape | xent (ms) | tfjs-cpu | tfjs-wasm | PyTorch, 1 thread | PyTorch, ${threads} threads (elapsed) | streaming limit (memcpy) | JS copy loop |`,
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const evalLines: string[] = [];
  const batchLines: string[] = [];
  const extra: string[] = [];
  const variants: string[] = [];
  const checks: string[] = [];
  /** Per peer, the repetition counts it got where fewer than the run's. */
  const fewerReps = new Map<string, Set<number>>();
  for (const r of file.results) {
    if (Array.isArray((r as unknown as { rows?: unknown }).rows)) {
      if (extra.length > 0) extra.push('');
      extra.push(...threadsTable(r as unknown as ThreadsResult));
      continue;
    }
    if (r.case === 'compression') continue;
    if (r.case === 'startup' && Array.isArray((r as unknown as StartupResult).nodes)) {
      if (extra.length > 0) extra.push('');
      extra.push(...startupTable(r as unknown as StartupResult));
      continue;
    }
    if (Array.isArray((r as unknown as SimdPeakResult).products)) {
      if (extra.length > 0) extra.push('');
      extra.push(...simdPeakTable(r as unknown as SimdPeakResult));
      continue;
    }
    if (typeof r.oursMs !== 'number' || r.peers === undefined) {
      extra.push(`- ${r.case}: \`${JSON.stringify(r)}\``);
      continue;
    }
    for (const [peer, n] of Object.entries(r.peerReps ?? {})) if (n !== r.reps) fewerReps.set(peer, (fewerReps.get(peer) ?? new Set<number>()).add(n));
    const peerMs = r.peers as unknown as Record<string, number | null | undefined>;
    if (typeof peerMs['pandas+sklearn'] === 'number') {
      evalLines.push(`| ${r.case} | ${r.shape} | ${r.oursMs} | ${peerMs['pandas+sklearn']} (${r.ratios['pandas+sklearn']}×) | ${r.notes ?? ''} |`);
      continue;
    }
    if (r.case.startsWith('mnist-epoch-batch-')) {
      batchLines.push(batchRow(r));
      continue;
    }
    const peer = (name: keyof BenchResult['peers']): string => {
      const ms = r.peers[name];
      const ratio = r.ratios?.[name];
      if (ms === null || ms === undefined) return 'n/a';
      // A peer that ran faster on its own than in the run is shown with that figure too:
      // the ratio against the peer at its best is the one to believe.
      const check = r.peerChecks?.[name];
      if (check !== undefined && check.clock === r.clock && !check.agrees && check.standaloneMs !== null && check.standaloneMs < ms) {
        return `${ms} (${ratio}×); standalone ${check.standaloneMs} (${x(check.standaloneMs / r.oursMs)})`;
      }
      return `${ms} (${ratio}×)`;
    };
    // PyTorch on every core against xent on one, both on the wall clock (the CPU clock of
    // several threads adds them up).
    const wall = r.otherClock?.clock === 'wall' ? r.otherClock : r.clock === 'wall' ? r : undefined;
    const all = wall?.peers['torch-2-threads'];
    const allCell = wall === undefined || all === undefined || all === null ? 'n/a' : `${all} (${wall.ratios['torch-2-threads']}× xent's ${wall.oursMs})`;
    const limit = r.streamingLimitMs === null ? '—' : `${r.streamingLimitMs} (xent ${r.ratios.streamingLimit}×)`;
    const loop = r.jsCopyLoopMs === undefined || r.jsCopyLoopMs === null ? '—' : `${r.jsCopyLoopMs} (xent ${r.ratios.jsCopyLoop}×)`;
    lines.push(`| ${r.case} | ${r.shape} | ${r.oursMs} | ${peer('tfjs-cpu')} | ${peer('tfjs-wasm')} | ${peer('torch')} | ${allCell} | ${limit} | ${loop} |`);
    const torchCheck = r.peerChecks?.torch;
    const torch =
      r.peers.torch !== null && torchCheck !== undefined && torchCheck.clock === r.clock && torchCheck.standaloneMs !== null
        ? Math.min(r.peers.torch, torchCheck.standaloneMs)
        : r.peers.torch;
    for (const [name, ms] of Object.entries(r.variantsMs ?? {})) {
      if (ms === null) continue;
      variants.push(`- ${r.case}, ${name}: ${ms} ms${torch === null ? '' : ` (PyTorch at its best ÷ it: ${x(torch / ms)})`}`);
    }
    for (const [name, c] of Object.entries(r.peerChecks ?? {})) {
      checks.push(
        `- ${r.case}, ${name}: ${c.inHarnessMs} ms in the run, ${c.standaloneMs ?? 'n/a'} ms standalone (${c.clock} clock)${c.agrees ? '' : ': **more than 15% apart**'}`,
      );
    }
  }
  const m = file.machine;
  const footer =
    `\nMedians of ${file.reps} interleaved runs after warm-up (${file.clock === 'wall' ? 'elapsed time' : 'CPU time'}` +
    `${fewerReps.size > 0 ? `; ${[...fewerReps].map(([peer, counts]) => `${peer} ${[...counts].sort((a, b) => a - b).join(' or ')} runs`).join(', ')}, on rounds of its own` : ''}), ` +
    `${file.started.slice(0, 10)}, Node ${m.node}, ${m.cpu} ` +
    `(${m.cores} cores, load average ${m.loadAverageAtStart.join(' / ')} at start). ` +
    'Peer cells: ms (peer time ÷ xent time; above 1 means xent is faster). ' +
    `The PyTorch ${threads}-thread column is elapsed time against xent's elapsed time on one thread. ` +
    'One-thread contenders ran pinned to core 0 (`taskset -c 0`), PyTorch with glibc told to keep freed memory mapped (bench/peers/torch.ts). ' +
    'The machine was shared with other work while this ran (see the load average): ratios within one run are what it can vouch for.';
  const failures = (file.failures ?? []).map((f) => `- ${f.case} did not finish (${f.error}).`);
  return [
    ...lines,
    ...(evalLines.length > 0
      ? ['', '`xent eval` against pandas.read_csv + scikit-learn, the whole run (read, parse, metrics):', '', '| case | input | xent (ms) | pandas + scikit-learn (ms) | notes |', '| --- | --- | ---: | ---: | --- |', ...evalLines]
      : []),
    ...(batchLines.length > 0
      ? [
          '',
          'One MNIST epoch by batch size, PyTorch on one thread against the float32 batched trainer (`xent train --precision float32`) and the float64 per-example default, all pinned to core 0:',
          '',
          '| case | shape | xent float32 (ms) | xent float64 (ms) | PyTorch, 1 thread (ms) | PyTorch ÷ xent float32 | PyTorch ÷ xent float64 |',
          '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
          ...batchLines,
        ]
      : []),
    ...(variants.length > 0 ? ['', 'Other xent paths, measured in the same run:', '', ...variants] : []),
    ...(checks.length > 0 ? ['', 'Each PyTorch figure against the same peer run on its own right after (the harness warns beyond 15%):', '', ...checks] : []),
    ...(extra.length > 0 ? ['', ...extra] : []),
    ...(failures.length > 0 ? ['', ...failures] : []),
    footer,
  ].join('\n');
}

interface ThreadsResult {
  case: string;
  /** What the case times ("softmax cross-entropy fwd+bwd, …"); older runs lack it. */
  title?: string;
  threads: number;
  reps: number;
  rows: ThreadsRow[];
}

/**
 * The threads case as crossover tables: per family of rows (one network, or one number of
 * columns), each size's time on one thread and on all, for xent and PyTorch, ordered by
 * work, and the smallest size from which the extra threads pay (are faster than one) for
 * every larger size measured too.
 */
function threadsTable(r: ThreadsResult): string[] {
  const ratio = (a: number | null, b: number | null): string => (a === null || b === null ? 'n/a' : x(a / b));
  const work = (row: ThreadsRow): number => row.work ?? row.shape[0] * row.shape[1];
  const label = (row: ThreadsRow): string => row.label ?? `(${row.shape.join(', ')})`;
  const unit = r.case.startsWith('mnist') ? 'examples per batch' : 'elements';
  const n = r.threads;
  const families = new Map<string, ThreadsRow[]>();
  for (const row of r.rows) {
    const f = row.family ?? '';
    families.set(f, [...(families.get(f) ?? []), row]);
  }
  const lines = [
    r.title === undefined
      ? `Softmax cross-entropy on 1 and ${n} threads (${r.case}; medians of ${r.reps} rounds, elapsed time in ms):`
      : `${r.title.charAt(0).toUpperCase()}${r.title.slice(1)} (${r.case}; medians of ${r.reps} rounds, in ms):`,
    '',
    `| shape | ${unit} | xent, 1 thread | xent, ${n} threads | xent speed-up | PyTorch, 1 thread | PyTorch, ${n} threads | PyTorch speed-up | PyTorch ${n} ÷ xent ${n} |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const crossovers: string[] = [];
  for (const [family, unsorted] of families) {
    const rows = [...unsorted].sort((a, b) => work(a) - work(b));
    for (const row of rows) {
      lines.push(
        `| ${label(row)} | ${work(row)} | ${row.xent1} | ${row.xent2} | ${ratio(row.xent1, row.xent2)} | ${row.torch1 ?? 'n/a'} | ${row.torch2 ?? 'n/a'} | ${ratio(row.torch1, row.torch2)} | ${ratio(row.torch2, row.xent2)} |`,
      );
    }
    const crossover = (one: (row: ThreadsRow) => number | null, many: (row: ThreadsRow) => number | null): string => {
      // The first row from which every row has many < one.
      let from = -1;
      for (let i = rows.length - 1; i >= 0; i--) {
        const a = one(rows[i]);
        const b = many(rows[i]);
        if (a === null || b === null || !(b < a)) break;
        from = i;
      }
      if (from === -1) return 'at none of these sizes';
      if (from === 0) return `at every size measured, from ${label(rows[0])} on`;
      return `from ${label(rows[from])} = ${work(rows[from])} ${unit} on (not at ${label(rows[from - 1])})`;
    };
    crossovers.push(
      `Crossover${family === '' ? '' : ` (${family})`}: xent's ${n} threads beat its one ${crossover((q) => q.xent1, (q) => q.xent2)}; ` +
        `PyTorch's ${crossover((q) => q.torch1, (q) => q.torch2)}.`,
    );
  }
  lines.push('', ...crossovers.flatMap((c, i) => (i === 0 ? [c] : ['', c])));
  return lines;
}

/** The mnist-epoch-batch-N cases: ours is the float32 batched trainer, the float64 trainer a variant. */
function batchRow(r: BenchResult): string {
  const float64 = r.variantsMs?.['xent float64'] ?? null;
  const torch = r.peers.torch;
  const ratio = (peer: number | null, ours: number | null): string => (peer === null || ours === null ? 'n/a' : x(peer / ours));
  return `| ${r.case} | ${r.shape} | ${r.oursMs} | ${float64 ?? 'n/a'} | ${torch ?? 'n/a'} | ${ratio(torch, r.oursMs)} | ${ratio(torch, float64)} |`;
}

/** bench/cases/startup.ts's result, as written. */
interface StartupResult {
  case: 'startup';
  runs: number;
  pinned: boolean;
  loadAverage: number[];
  nodes: { node: string; version: string; commands: { name: string; wallMs: number; cpuMs: number; wallRatio: number; cpuRatio: number }[] }[];
}

/** Start-up as one row per command and Node line: elapsed ms and the ratio to `node -e 0` on the same Node. */
function startupTable(r: StartupResult): string[] {
  const lines = [
    `CLI start-up against \`node -e 0\` on the same Node (startup; medians of ${r.runs} interleaved runs${r.pinned ? ', pinned to core 0' : ''}, elapsed time; load average ${r.loadAverage.join(' / ')} at the end):`,
    '',
    '| Node | command | elapsed (ms) | ÷ `node -e 0` | CPU (ms) | ÷ `node -e 0` (CPU) |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const n of r.nodes) {
    for (const c of n.commands) lines.push(`| ${n.version} | \`${c.name}\` | ${c.wallMs} | ${x(c.wallRatio)} | ${c.cpuMs} | ${x(c.cpuRatio)} |`);
  }
  return lines;
}

/** bench/cases/simdPeak.ts's result, as written. */
interface SimdPeakResult {
  case: string;
  reps: number;
  peakGflops: Record<string, number | null>;
  products: { product: string; batch: number; build: string; ms: number; gflops: number; ofPeak: number }[];
  notes?: string;
}

/** The SIMD limit: the multiply–add loop's GFLOP/s per build, and each batched product against it. */
function simdPeakTable(r: SimdPeakResult): string[] {
  const peaks = Object.entries(r.peakGflops)
    .filter(([, g]) => g !== null)
    .map(([build, g]) => `${build} ${g} GFLOP/s`)
    .join(', ');
  return [
    `The WebAssembly SIMD limit (${r.case}; medians of ${r.reps}, CPU time, core 0): the multiply–add loop ran at ${peaks}${r.notes === undefined ? '' : ` (${r.notes})`}. The batched products of a [784 → 100] layer against it:`,
    '',
    '| product | batch | build | ms | GFLOP/s | of the loop |',
    '| --- | ---: | --- | ---: | ---: | ---: |',
    ...r.products.map((p) => `| ${p.product} | ${p.batch} | ${p.build} | ${p.ms} | ${p.gflops} | ${p.ofPeak} |`),
  ];
}
