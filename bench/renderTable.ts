/**
 * The README's performance table, in markdown, from a results file of `npm run bench`.
 * Each peer cell reads "ms (ratio×)", the ratio being peer time / xent time: above 1,
 * xent is faster. The streaming-limit cell reads "ms (xent N×)", xent's time over it.
 */
import type { BenchResult } from './BenchResult.js';
import type { ThreadsRow } from './cases/softmaxCeThreads.js';

export interface ResultsFile {
  started: string;
  clock?: 'cpu' | 'wall';
  machine: { node: string; cpu: string; cores: number; loadAverageAtStart: number[] };
  reps: number;
  results: BenchResult[];
}

export function renderTable(file: ResultsFile): string {
  const lines = [
    '| case | shape | xent (ms) | tfjs-cpu | tfjs-wasm | PyTorch, 1 thread | streaming limit (memcpy) | JS copy loop |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const extra: string[] = [];
  const variants: string[] = [];
  const checks: string[] = [];
  for (const r of file.results) {
    if (Array.isArray((r as unknown as { rows?: unknown }).rows)) {
      extra.push(...threadsTable(r as unknown as ThreadsResult));
      continue;
    }
    if (r.case === 'compression' && Array.isArray((r as unknown as CompressionResult).models)) {
      extra.push(...compressionTable(r as unknown as CompressionResult));
      continue;
    }
    if (typeof r.oursMs !== 'number' || r.peers === undefined) {
      extra.push(`- ${r.case}: \`${JSON.stringify(r)}\``);
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
        return `${ms} (${ratio}×); standalone ${check.standaloneMs} (${Number((check.standaloneMs / r.oursMs).toPrecision(3))}×)`;
      }
      return `${ms} (${ratio}×)`;
    };
    const limit = r.streamingLimitMs === null ? '—' : `${r.streamingLimitMs} (xent ${r.ratios.streamingLimit}×)`;
    const loop = r.jsCopyLoopMs === undefined || r.jsCopyLoopMs === null ? '—' : `${r.jsCopyLoopMs} (xent ${r.ratios.jsCopyLoop}×)`;
    lines.push(`| ${r.case} | ${r.shape} | ${r.oursMs} | ${peer('tfjs-cpu')} | ${peer('tfjs-wasm')} | ${peer('torch')} | ${limit} | ${loop} |`);
    const torchCheck = r.peerChecks?.torch;
    const torch =
      r.peers.torch !== null && torchCheck !== undefined && torchCheck.clock === r.clock && torchCheck.standaloneMs !== null
        ? Math.min(r.peers.torch, torchCheck.standaloneMs)
        : r.peers.torch;
    for (const [name, ms] of Object.entries(r.variantsMs ?? {})) {
      if (ms === null) continue;
      variants.push(`- ${r.case}, ${name}: ${ms} ms${torch === null ? '' : ` (PyTorch at its best ÷ it: ${Number((torch / ms).toPrecision(3))}×)`}`);
    }
    const wall = r.otherClock?.clock === 'wall' ? r.otherClock : r.clock === 'wall' ? r : undefined;
    const all = wall?.peers['torch-2-threads'];
    if (wall !== undefined && all !== undefined && all !== null) {
      variants.push(`- ${r.case}, PyTorch with 2 threads, elapsed time: ${all} ms against xent's ${wall.oursMs} ms on one thread (${wall.ratios['torch-2-threads']}×)`);
    }
    for (const [peer, c] of Object.entries(r.peerChecks ?? {})) {
      checks.push(
        `- ${r.case}, ${peer}: ${c.inHarnessMs} ms in the run, ${c.standaloneMs ?? 'n/a'} ms standalone (${c.clock} clock)${c.agrees ? '' : ': **more than 15% apart**'}`,
      );
    }
  }
  const m = file.machine;
  const footer =
    `\nMedians of ${file.reps} interleaved runs after warm-up (${file.clock === 'wall' ? 'elapsed time' : 'CPU time'}), ` +
    `${file.started.slice(0, 10)}, Node ${m.node}, ${m.cpu} ` +
    `(${m.cores} cores, load average ${m.loadAverageAtStart.join(' / ')} at start). ` +
    'Peer cells: ms (peer time ÷ xent time; above 1 means xent is faster). ' +
    'One-thread contenders ran pinned to core 0 (`taskset -c 0`), PyTorch with glibc told to keep freed memory mapped (bench/peers/torch.ts). ' +
    'The machine was shared with other work while this ran (see the load average): ratios within one run are what it can vouch for.';
  return [
    ...lines,
    ...(variants.length > 0 ? ['', 'Other xent paths and PyTorch on both cores, measured in the same run:', '', ...variants] : []),
    ...(checks.length > 0 ? ['', 'Each PyTorch figure against the same peer run on its own right after (the harness warns beyond 15%):', '', ...checks] : []),
    ...(extra.length > 0 ? ['', ...extra] : []),
    footer,
  ].join('\n');
}

interface ThreadsResult {
  case: string;
  threads: number;
  reps: number;
  rows: ThreadsRow[];
}

function threadsTable(r: ThreadsResult): string[] {
  const x = (a: number | null, b: number | null): string => (a === null || b === null ? 'n/a' : `${Number((a / b).toPrecision(3))}×`);
  const lines = [
    `Softmax cross-entropy on 1 and ${r.threads} threads (${r.case}; medians of ${r.reps} rounds, elapsed time):`,
    '',
    `| shape | xent, 1 thread | xent, ${r.threads} threads | xent speed-up | PyTorch, 1 thread | PyTorch, ${r.threads} threads | PyTorch ${r.threads} threads ÷ xent ${r.threads} threads |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of r.rows) {
    lines.push(
      `| (${row.shape.join(', ')}) | ${row.xent1} | ${row.xent2} | ${x(row.xent1, row.xent2)} | ${row.torch1 ?? 'n/a'} | ${row.torch2 ?? 'n/a'} | ${x(row.torch2, row.xent2)} |`,
    );
  }
  return lines;
}

/** The shape bench/cases/compression.ts returns (only the fields the table shows). */
interface CompressionResult {
  text: { description: string; bytes: number };
  models: { model: string; bitsPerByte: number; compressMBps: number; decompressMBps: number }[];
  peers: Record<string, { bitsPerByte: number } | null>;
}

function compressionTable(r: CompressionResult): string[] {
  const lines = [
    `Compression of ${r.text.bytes} bytes (${r.text.description}):`,
    '',
    '| coder | bits/byte | compress MB/s | decompress MB/s |',
    '| --- | ---: | ---: | ---: |',
  ];
  for (const m of r.models) lines.push(`| xent ${m.model} | ${m.bitsPerByte} | ${m.compressMBps} | ${m.decompressMBps} |`);
  for (const [name, p] of Object.entries(r.peers)) lines.push(`| ${name} | ${p === null ? 'n/a' : p.bitsPerByte} | | |`);
  return lines;
}
