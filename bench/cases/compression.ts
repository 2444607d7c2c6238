/**
 * The coder's benchmark: bits per byte and MB/s, compressing and decompressing, of every
 * xent model and of the compressors a user would pick instead (Debian's gzip, bzip2, xz,
 * zstd, brotli, 7-Zip's PPMd, zpaq), on two corpora built by
 * scripts/coding/buildCorpora.mjs from the files `npm ci` installs:
 *
 * - prose: the `prose-report` sample of README/CHANGELOG/licence texts (English prose);
 * - code: the `code-report` sample of non-minified .js/.ts sources.
 *
 * cm's parameters were tuned on the separate `prose-tune` and `code-tune` samples. Three more
 * corpora are held out (no model here was tuned on them), built from Debian packages by
 * scripts/coding/buildHeldOut.sh: `kjv` (the King James Bible), `jargon` (the Jargon File)
 * and `python` (Python 3.11's standard library), 1.5 MB each; a held-out corpus that has not
 * been built is skipped with a log line. On them xent runs only cm and order2 (every model on
 * every corpus would take several minutes more), the peers all.
 *
 * Every contender runs pinned to CPU 0 (`taskset -c 0`, one thread). The peers get a
 * warm-up and then 3 timed runs (medians), and so do xent's models, in this process
 * (`reps` in each row says how many runs a figure is the median of). MB = 10^6 bytes of original per second. Both wall and CPU time are recorded;
 * on a shared machine CPU time is the steadier one (the peers' is read from GNU time).
 * Every round trip is checked byte for byte, and xent's payload against its cross-entropy.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compressBytes, decompressBytes } from '../../src/coding/index.js';
import { MODEL_NAMES, type ModelName } from '../../src/coding/arithmetic/container.js';
import type { MixerCost } from '../../src/coding/cm/CmModel.js';
import { log } from '../BenchResult.js';
import { median, round3 } from '../timing.js';

export interface CompressionRow {
  /** `xent cm`, `xent cm (quadratic mixer)`, `xent order3`, `xz -9e`, … */
  coder: string;
  outputBytes: number;
  bitsPerByte: number;
  compressMBps: number;
  decompressMBps: number;
  compressCpuMBps: number;
  decompressCpuMBps: number;
  /** xent only: payload bits − cross-entropy bits. */
  coderOverheadBits?: number;
  /** xent only: |payload − cross-entropy| ≤ 0.01% + 32 bits. */
  payloadWithinBound?: boolean;
  reps: number;
}

export interface CompressionCorpusResult {
  name: 'prose' | 'code' | HeldOutName;
  description: string;
  /** True for a corpus no model here was tuned on (scripts/coding/buildHeldOut.sh). */
  heldOut: boolean;
  bytes: number;
  files: number;
  sha256: string;
  rows: CompressionRow[];
}

export interface CompressionBench {
  corpora: CompressionCorpusResult[];
  loadAverage: number[];
  notes: string;
}

interface Timed {
  wallMs: number;
  cpuMs: number;
}

const PEER_REPS = 3;

type HeldOutName = 'kjv' | 'jargon' | 'python';

const HELD_OUT: readonly (readonly [HeldOutName, string, string])[] = [
  ['kjv', 'heldout-kjv.txt', 'the King James Bible as bible-kjv 4.38 prints it (English prose of 1611), the first 1.5 MB'],
  ['jargon', 'heldout-jargon.txt', 'the Jargon File 4.4.7 (English prose about hackers\' slang), the first 1.5 MB'],
  ['python', 'heldout-python.txt', "the .py files of Python 3.11's standard library in sorted path order (source code), the first 1.5 MB"],
];

/** The xent models run on the held-out corpora. */
const HELD_OUT_MODELS: readonly ModelName[] = ['cm', 'order2'];

/** Runs the benchmark (`reps` is capped at PEER_REPS; see above). */
export async function runCompressionBench({ reps }: { reps: number }): Promise<CompressionBench> {
  pinToCpu0();
  const manifest = await buildCorpora();
  const corpora: CompressionCorpusResult[] = [];
  for (const [name, key, description] of [
    ['prose', 'prose-report', 'English prose: README, CHANGELOG, *.md and licence texts under node_modules (the report sample)'],
    ['code', 'code-report', 'source code: non-minified .js/.mjs/.cjs/.ts files under node_modules (the report sample)'],
  ] as const) {
    const entry = manifest[key];
    const text = readFileSync(entry.file);
    log(`compression: ${name}, ${text.length} bytes`);
    const rows: CompressionRow[] = [];
    const xentReps = Math.min(reps, PEER_REPS);
    rows.push(xentRow(text, 'cm', 'cross-entropy', xentReps));
    rows.push(xentRow(text, 'cm', 'quadratic', xentReps));
    for (const model of MODEL_NAMES) if (model !== 'cm') rows.push(xentRow(text, model, 'cross-entropy', xentReps));
    for (const peer of PEERS) {
      const row = peerRow(peer, entry.file, text, Math.min(reps, PEER_REPS));
      if (row) rows.push(row);
    }
    corpora.push({ name, description, heldOut: false, bytes: text.length, files: entry.files, sha256: entry.sha256, rows });
  }
  const corpusDir = join(projectRoot(), 'node_modules', '.cache', 'xent-corpora');
  for (const [name, fileName, description] of HELD_OUT) {
    const file = join(corpusDir, fileName);
    if (!existsSync(file)) {
      log(`compression: ${file} is missing (bash scripts/coding/buildHeldOut.sh builds it), ${name} skipped`);
      continue;
    }
    const text = readFileSync(file);
    log(`compression: ${name} (held out), ${text.length} bytes`);
    const rows: CompressionRow[] = [];
    for (const model of HELD_OUT_MODELS) rows.push(xentRow(text, model, 'cross-entropy', Math.min(reps, PEER_REPS)));
    for (const peer of PEERS) {
      const row = peerRow(peer, file, text, Math.min(reps, PEER_REPS));
      if (row) rows.push(row);
    }
    const sha256 = createHash('sha256').update(text).digest('hex');
    corpora.push({ name, description, heldOut: true, bytes: text.length, files: 1, sha256, rows });
  }
  return {
    corpora,
    loadAverage: loadavg().map((x) => round3(x)!),
    notes:
      'one thread, pinned to CPU 0; medians; MB = 10^6 bytes of original per second; *CpuMBps from CPU time ' +
      '(user + system), steadier than wall time on a shared machine; xent sizes are whole containers; ' +
      '7-Zip and zpaq sizes are whole archives (their headers are ~100–300 bytes); the held-out corpora ' +
      '(kjv, jargon, python: never used for tuning) run only xent cm and xent order2 beside every peer',
  };
}

function xentRow(text: Buffer, model: ModelName, mixerCost: MixerCost, reps: number): CompressionRow {
  const label = model === 'cm' && mixerCost === 'quadratic' ? 'xent cm, quadratic mixer' : `xent ${model}`;
  log(`compression: ${label}`);
  // As the peers: one untimed round trip (V8 compiles the model's loops during it), then
  // `reps` timed ones, each checked byte for byte; medians.
  let packed: ReturnType<typeof compressBytes> | undefined;
  const compressTimes: Timed[] = [];
  const decompressTimes: Timed[] = [];
  for (let i = 0; i <= reps; i++) {
    let restored: Uint8Array | undefined;
    const timeC = timeOnce(() => (packed = compressBytes(text, { model, mixerCost })));
    const timeD = timeOnce(() => (restored = decompressBytes(packed!.bytes)));
    if (!packed || !restored || !Buffer.from(restored).equals(text)) throw new Error(`${label}: the round trip is not exact`);
    if (i > 0) {
      compressTimes.push(timeC);
      decompressTimes.push(timeD);
    }
  }
  const medianTimed = (t: Timed[]): Timed => ({ wallMs: median(t.map((s) => s.wallMs)), cpuMs: median(t.map((s) => s.cpuMs)) });
  const gap = packed!.payloadBits - packed!.crossEntropyBits;
  return {
    coder: label,
    outputBytes: packed!.outputBytes,
    bitsPerByte: round3((8 * packed!.outputBytes) / text.length)!,
    ...speeds(text.length, medianTimed(compressTimes), medianTimed(decompressTimes)),
    coderOverheadBits: round3(gap)!,
    payloadWithinBound: Math.abs(gap) <= 1e-4 * packed!.crossEntropyBits + 32,
    reps,
  };
}

function timeOnce(fn: () => unknown): Timed {
  const u0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wallMs = performance.now() - t0;
  const u = process.cpuUsage(u0);
  return { wallMs, cpuMs: (u.user + u.system) / 1000 };
}

function speeds(bytes: number, c: Timed, d: Timed) {
  const mbps = (ms: number) => round3(bytes / 1e3 / ms)!;
  return {
    compressMBps: mbps(c.wallMs),
    decompressMBps: mbps(d.wallMs),
    compressCpuMBps: mbps(c.cpuMs),
    decompressCpuMBps: mbps(d.cpuMs),
  };
}

interface Peer {
  name: string;
  /** Compress `input` into `packed` (paths). */
  compress(input: string, packed: string): string[];
  /** Restore `packed` into the file `output`, given a scratch directory. */
  decompress(packed: string, output: string, dir: string): { argv: string[]; produced: string };
  packedName: string;
}

const sh = (cmd: string) => ['sh', '-c', cmd];
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

const PEERS: Peer[] = [
  stream('gzip -9', 'gzip -9 -c', 'gzip -d -c', 'gz'),
  stream('bzip2 -9', 'bzip2 -9 -c', 'bzip2 -d -c', 'bz2'),
  stream('xz -9e', 'xz -9e -T1 -c', 'xz -d -T1 -c', 'xz'),
  stream('zstd --ultra -22', 'zstd --ultra -22 -T1 -q -c', 'zstd -d -q -c', 'zst'),
  stream('brotli -q 11', 'brotli -q 11 -c', 'brotli -d -c', 'br'),
  {
    name: '7-Zip PPMd o=6',
    packedName: 'x.7z',
    compress: (input, packed) => sh(`rm -f ${q(packed)} && ${sevenZip()} a -bd -bso0 -mmt=1 -m0=PPMd:o=6 ${q(packed)} ${q(input)}`),
    decompress: (packed, output) => ({ argv: sh(`${sevenZip()} e -bd -so -mmt=1 ${q(packed)} > ${q(output)}`), produced: output }),
  },
  zpaq('zpaq -m4', 4),
  zpaq('zpaq -m5', 5),
];

/** 7-Zip's command: `7zz` (7-Zip's own build) where it is installed, else p7zip's `7z`. */
function sevenZip(): string {
  for (const tool of ['7zz', '7z']) if (isInstalled(tool)) return tool;
  return '7zz';
}

function isInstalled(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
}

function stream(name: string, c: string, d: string, ext: string): Peer {
  return {
    name,
    packedName: `x.${ext}`,
    compress: (input, packed) => sh(`${c} ${q(input)} > ${q(packed)}`),
    decompress: (packed, output) => ({ argv: sh(`${d} ${q(packed)} > ${q(output)}`), produced: output }),
  };
}

function zpaq(name: string, level: number): Peer {
  return {
    name,
    packedName: `x${level}.zpaq`,
    // zpaq stores the path it is given: archive the file from its own directory.
    compress: (input, packed) => sh(`rm -f ${q(packed)} && cd ${q(dirname(input))} && zpaq a ${q(packed)} ${q(input.slice(dirname(input).length + 1))} -m${level} -t1 >/dev/null 2>&1`),
    decompress: (packed, output, dir) => {
      const outDir = join(dir, `zpaq-out-${level}`);
      return {
        argv: sh(`rm -rf ${q(outDir)} && zpaq x ${q(packed)} -to ${q(outDir)} -t1 >/dev/null 2>&1`),
        produced: outDir,
      };
    },
  };
}

function peerRow(peer: Peer, inputPath: string, text: Buffer, reps: number): CompressionRow | null {
  const tool = peer.name.startsWith('7-Zip') ? sevenZip() : peer.name.split(' ')[0];
  if (!isInstalled(tool)) {
    log(`compression: ${peer.name} is not installed, skipped`);
    return null;
  }
  log(`compression: ${peer.name}`);
  const dir = mkdtempSync(join(tmpdir(), 'xent-bench-peer-'));
  try {
    const input = join(dir, 'input.txt');
    writeFileSync(input, text);
    const packed = join(dir, peer.packedName);
    const output = join(dir, 'restored.txt');
    const c = timeCommand(peer.compress(input, packed), reps);
    const d = peer.decompress(packed, output, dir);
    const dt = timeCommand(d.argv, reps);
    const restoredPath = existsSync(join(d.produced, 'input.txt')) ? join(d.produced, 'input.txt') : d.produced;
    if (!readFileSync(restoredPath).equals(text)) throw new Error(`${peer.name}: the round trip is not exact`);
    const outputBytes = statSync(packed).size;
    return {
      coder: peer.name,
      outputBytes,
      bitsPerByte: round3((8 * outputBytes) / text.length)!,
      ...speeds(text.length, c, dt),
      reps,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Medians of wall time and of the child's CPU time (GNU time's %U + %S). */
function timeCommand(argv: string[], reps: number): Timed {
  const run = () => {
    const t0 = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%U %S', 'taskset', '-c', '0', ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const wallMs = performance.now() - t0;
    if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
    const [user, system] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
    return { wallMs, cpuMs: 1000 * (user + system) };
  };
  run();
  const samples = Array.from({ length: reps }, run);
  return { wallMs: median(samples.map((s) => s.wallMs)), cpuMs: median(samples.map((s) => s.cpuMs)) };
}

function pinToCpu0(): void {
  const r = spawnSync('taskset', ['-p', '-c', '0', String(process.pid)], { encoding: 'utf8' });
  if (r.status !== 0) log('compression: taskset is not available; running unpinned');
}

interface CorpusEntry {
  file: string;
  bytes: number;
  files: number;
  sha256: string;
}

/** scripts/coding/buildCorpora.mjs, found from this file (which also runs compiled, from node_modules/.cache). */
async function buildCorpora(): Promise<Record<string, CorpusEntry>> {
  const dir = projectRoot();
  const mod = (await import(pathToFileURL(join(dir, 'scripts', 'coding', 'buildCorpora.mjs')).href)) as {
    buildCorpora(): Record<string, CorpusEntry>;
  };
  return mod.buildCorpora();
}

/** The directory holding scripts/coding/buildCorpora.mjs, above this file. */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'scripts', 'coding', 'buildCorpora.mjs'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find scripts/coding/buildCorpora.mjs above bench/cases');
    dir = up;
  }
  return dir;
}
