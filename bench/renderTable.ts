/**
 * The README's performance table, in markdown, from a results file of `npm run bench`.
 * Each peer cell reads "ms (ratio×)", the ratio being peer time / xent time: above 1,
 * xent is faster. The streaming-limit cell reads "ms (xent N×)", xent's time over it.
 */
import type { BenchResult } from './BenchResult.js';

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
  for (const r of file.results) {
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
      return ms === null || ms === undefined ? 'n/a' : `${ms} (${ratio}×)`;
    };
    const limit = r.streamingLimitMs === null ? '—' : `${r.streamingLimitMs} (xent ${r.ratios.streamingLimit}×)`;
    const loop = r.jsCopyLoopMs === undefined || r.jsCopyLoopMs === null ? '—' : `${r.jsCopyLoopMs} (xent ${r.ratios.jsCopyLoop}×)`;
    lines.push(`| ${r.case} | ${r.shape} | ${r.oursMs} | ${peer('tfjs-cpu')} | ${peer('tfjs-wasm')} | ${peer('torch')} | ${limit} | ${loop} |`);
    for (const [name, ms] of Object.entries(r.variantsMs ?? {})) {
      if (ms === null) continue;
      const torch = r.peers.torch;
      variants.push(`- ${r.case}, ${name}: ${ms} ms${torch === null ? '' : ` (PyTorch ÷ it: ${Number((torch / ms).toPrecision(3))}×)`}`);
    }
  }
  const m = file.machine;
  const footer =
    `\nMedians of ${file.reps} interleaved runs after warm-up (${file.clock === 'wall' ? 'elapsed time' : 'CPU time'}), ` +
    `${file.started.slice(0, 10)}, Node ${m.node}, ${m.cpu} ` +
    `(${m.cores} cores, load average ${m.loadAverageAtStart.join(' / ')} at start). ` +
    'Peer cells: ms (peer time ÷ xent time; above 1 means xent is faster).';
  return [
    ...lines,
    ...(variants.length > 0 ? ['', 'Other xent paths measured in the same rounds:', '', ...variants] : []),
    ...(extra.length > 0 ? ['', ...extra] : []),
    footer,
  ].join('\n');
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
