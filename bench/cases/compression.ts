/**
 * The arithmetic coder's benchmark: compress and decompress throughput per model, and
 * the sizes next to `gzip -9` and `xz -9` on the same English text.
 *
 * The text: every README.md under node_modules (the packages `npm ci` installs from the
 * lockfile, so the same bytes on every clone), in sorted path order, each distinct file
 * once (duplicated READMEs would flatter the long-window peers). That is about 1.2 MB of
 * English technical prose with markdown and code samples; the function refuses to run on
 * less than 1 MB.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { compressBytes, decompressBytes } from '../../src/coding/index.js';
import { MODEL_NAMES, type ModelName } from '../../src/coding/arithmetic/container.js';
import { log } from '../BenchResult.js';
import { round3, timeIt } from '../timing.js';

export interface CompressionBenchModel {
  model: ModelName;
  outputBytes: number;
  bitsPerByte: number;
  /** payloadBits − crossEntropyBits: what the coder wastes beyond the ideal code length. */
  coderOverheadBits: number;
  compressMBps: number;
  decompressMBps: number;
  compressMs: number;
  decompressMs: number;
}

export interface CompressionBench {
  text: { description: string; bytes: number; files: number };
  models: CompressionBenchModel[];
  peers: Record<'gzip -9' | 'xz -9', { outputBytes: number; bitsPerByte: number } | null>;
  /** outputBytes of the best of order2/order3 divided by gzip -9's (below 1: smaller). */
  bestContextModelVsGzip: number | null;
  reps: number;
  notes: string;
}

/** MB = 10^6 bytes. Medians over `reps` runs after one warm-up run. */
export async function runCompressionBench({ reps }: { reps: number }): Promise<CompressionBench> {
  const { text, files } = englishCorpus();
  if (text.length < 1e6) throw new Error(`the README corpus has only ${text.length} bytes, expected ≥ 1 MB`);
  const models: CompressionBenchModel[] = [];
  for (const model of MODEL_NAMES) {
    log(`compression: ${model}`);
    const packed = compressBytes(text, { model });
    const restored = decompressBytes(packed.bytes);
    if (!Buffer.from(restored).equals(text)) throw new Error(`${model}: the round trip is not exact`);
    const compress = await timeIt(() => compressBytes(text, { model }), reps, 1);
    const decompress = await timeIt(() => decompressBytes(packed.bytes), reps, 1);
    models.push({
      model,
      outputBytes: packed.outputBytes,
      bitsPerByte: round3((8 * packed.outputBytes) / text.length)!,
      coderOverheadBits: round3(packed.payloadBits - packed.crossEntropyBits)!,
      compressMBps: round3(text.length / 1e3 / compress.medianMs)!,
      decompressMBps: round3(text.length / 1e3 / decompress.medianMs)!,
      compressMs: round3(compress.medianMs)!,
      decompressMs: round3(decompress.medianMs)!,
    });
  }
  const gzip = peerSize('gzip', ['-9', '-c'], text) ?? gzipSync(text, { level: 9 }).length;
  const xz = peerSize('xz', ['-9', '-c', '-T1'], text);
  const size = (n: number | null) => (n === null ? null : { outputBytes: n, bitsPerByte: round3((8 * n) / text.length)! });
  const best = Math.min(...models.filter((m) => m.model === 'order2' || m.model === 'order3').map((m) => m.outputBytes));
  return {
    text: { description: 'distinct README.md files under node_modules, sorted by path', bytes: text.length, files },
    models,
    peers: { 'gzip -9': size(gzip), 'xz -9': size(xz) },
    bestContextModelVsGzip: round3(best / gzip),
    reps,
    notes: 'xent sizes include the container header; MB/s = 10^6 bytes of original text per second, single thread',
  };
}

/** Every distinct README.md under node_modules, in sorted path order, concatenated. */
export function englishCorpus(): { text: Buffer; files: number } {
  const paths: string[] = [];
  walk(join(repoRoot(), 'node_modules'), paths);
  paths.sort();
  const seen = new Set<string>();
  const parts: Buffer[] = [];
  for (const path of paths) {
    const data = readFileSync(path);
    const digest = createHash('sha256').update(data).digest('hex');
    if (seen.has(digest)) continue;
    seen.add(digest);
    parts.push(data);
  }
  return { text: Buffer.concat(parts), files: parts.length };
}

/** The nearest ancestor with node_modules/commander (this file also runs compiled, from node_modules/.cache). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'node_modules', 'commander'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find node_modules above bench/cases');
    dir = up;
  }
  return dir;
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '.cache' && entry.name !== '.bin') walk(path, out);
    } else if (entry.isFile() && entry.name === 'README.md') out.push(path);
  }
}

/** Size of a peer's output, or null if the tool is not installed. */
function peerSize(command: string, args: string[], input: Buffer): number | null {
  const r = spawnSync(command, args, { input, maxBuffer: 1 << 30 });
  if (r.error || r.status !== 0) return null;
  return r.stdout.length;
}
