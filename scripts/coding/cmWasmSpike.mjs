// Measures the AssemblyScript port of the cm model (assembly/cmModel.ts) against the
// TypeScript model (src/coding/cm/CmModel.ts): that both predict the same probability for
// every bit of each corpus, and how much CPU time each takes for the whole coding-cost loop
// (Σ −log2 p over every bit, no coder), pinned to one core, medians of rounds run back to
// back. The TypeScript loop is the one of the project's cost measurements: predict(), add
// −log2 of the bit's probability, update(bit); the wasm loop runs inside the module. It
// also times encoding (model and range coder, as Compressor codes a chunk) and checks that
// both write the same bytes.
//
// Usage: node scripts/coding/cmWasmSpike.mjs [--revision 4] [--rounds 3] [--core 1] FILE...
// (the revision timed, 2 to 5, both models at it; the other revisions are checked bit for bit
// too. Files default to heldout-kjv.txt and prose-tune.txt from node_modules/.cache/xent-corpora; see
// bench/README.md). Needs taskset (util-linux). The test of the same checks on a small input
// is test/coding/cmWasmLoops.test.ts.
// One child process per timing, so that neither model's garbage or JIT state touches the other.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const LOG2 = Float64Array.from({ length: 4097 }, (_, p) => (p === 0 ? 0 : -Math.log2(p / 4096)));
/** The container's choice of tableBits for an input of n bytes. */
const tableBitsFor = (n) => {
  let b = 4;
  while (b < 22 && 2 ** b < n / 8) b++;
  return b;
};

async function build(dir) {
  const esbuild = await import('esbuild');
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `export { CmModel } from ${JSON.stringify(join(root, 'src/coding/cm/CmModel.ts'))};\n` +
      `export { STRETCH, SQUASH_TABLE } from ${JSON.stringify(join(root, 'src/coding/arithmetic/logistic.ts'))};\n` +
      `export { BIT_HISTORY, BIT_HISTORY_REVISION_4 } from ${JSON.stringify(join(root, 'src/coding/cm/bitHistory.ts'))};\n` +
      `export { deterministicStates } from ${JSON.stringify(join(root, 'src/coding/cm/CmWasmModel.ts'))};\n` +
      `export { RangeEncoder } from ${JSON.stringify(join(root, 'src/coding/arithmetic/RangeEncoder.ts'))};\n` +
      `export { ChunkWriter } from ${JSON.stringify(join(root, 'src/coding/arithmetic/chunks.ts'))};\n` +
      `export { encodeBitwise } from ${JSON.stringify(join(root, 'src/coding/models/BitwiseCodingModel.ts'))};\n`,
  );
  await esbuild.build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', logLevel: 'error', outfile: join(dir, 'cm.mjs') });
  const asc = (await import('assemblyscript/asc')).default;
  const { error, stderr } = await asc.main([
    join(root, 'assembly/cmModel.ts'),
    '--outFile', join(dir, 'cmModel.wasm'),
    '-O3', '--enable', 'simd', '--runtime', 'stub', '--noAssert', '--use', 'abort=', '--initialMemory', '4',
  ]);
  if (error) {
    process.stderr.write(stderr.toString());
    throw error;
  }
}

/** The wasm model, set up for `bytes` (copied in) at `tableBits`. */
async function wasmModel(dir, js, bytes, tableBits, keep, revision, cost = 'cross-entropy') {
  const { instance } = await WebAssembly.instantiate(readFileSync(join(dir, 'cmModel.wasm')), {});
  const x = instance.exports;
  const input = x.prepare(tableBits, revision, bytes.length, keep ? 1 : 0);
  const mem = () => x.memory.buffer;
  const bitHistory = revision >= 4 ? js.BIT_HISTORY_REVISION_4 : js.BIT_HISTORY;
  new Int16Array(mem(), x.stretchAddress(), 4096).set(js.STRETCH);
  new Int16Array(mem(), x.squashAddress(), 4095).set(js.SQUASH_TABLE);
  new Uint8Array(mem(), x.nextStateAddress(), bitHistory.next.length).set(bitHistory.next);
  new Uint8Array(mem(), x.totalAddress(), bitHistory.total.length).set(bitHistory.total);
  new Uint16Array(mem(), x.initialP16Address(), bitHistory.initialP16.length).set(bitHistory.initialP16);
  if (revision >= 5) new Uint8Array(mem(), x.deterministicAddress(), 256).set(js.deterministicStates());
  new Uint8Array(mem(), input, bytes.length).set(bytes);
  x.init(cost === 'quadratic' ? 1 : 0, bitHistory.count);
  return x;
}

function costOfHistogram(x) {
  const h = new Uint32Array(x.memory.buffer, x.histogramAddress(), 4097);
  let bits = 0;
  for (let q = 1; q <= 4096; q++) bits += h[q] * LOG2[q];
  return bits;
}

/** FNV-1a of a byte array, to compare outputs across processes. */
function fnv(bytes) {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

async function child(mode, dir, file, tableBitsArg, revisionArg, cost = 'cross-entropy') {
  const revision = Number(revisionArg);
  const js = await import(pathToFileURL(join(dir, 'cm.mjs')).href);
  const bytes = readFileSync(file);
  const tableBits = tableBitsArg === 'auto' ? tableBitsFor(bytes.length) : Number(tableBitsArg);
  if (mode === 'js') {
    const m = new js.CmModel(tableBits, cost, revision);
    const t0 = process.cpuUsage();
    let bits = 0;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      for (let k = 7; k >= 0; k--) {
        const bit = (b >> k) & 1;
        const p = m.predict();
        bits += LOG2[bit ? p : 4096 - p];
        m.update(bit);
      }
    }
    const t = process.cpuUsage(t0);
    return { bytes: bits / 8, cpu: (t.user + t.system) / 1e6 };
  }
  if (mode === 'wasm') {
    const x = await wasmModel(dir, js, bytes, tableBits, false, revision, cost);
    const t0 = process.cpuUsage();
    const hash = x.run(bytes.length, 0) >>> 0;
    const t = process.cpuUsage(t0);
    return { bytes: costOfHistogram(x) / 8, cpu: (t.user + t.system) / 1e6, hash };
  }
  if (mode === 'encode-js') {
    // What Compressor does for a chunk: encodeBitwise into a fresh RangeEncoder, then finish.
    const m = new js.CmModel(tableBits, cost, revision);
    const chunks = [];
    const enc = new js.RangeEncoder(new js.ChunkWriter((c) => chunks.push(c.slice())));
    const t0 = process.cpuUsage();
    js.encodeBitwise(m, enc, bytes, 0, bytes.length);
    enc.finish();
    const t = process.cpuUsage(t0);
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return { outputBytes: out.length, hash: fnv(out), cpu: (t.user + t.system) / 1e6 };
  }
  if (mode === 'encode-wasm') {
    const x = await wasmModel(dir, js, bytes, tableBits, false, revision, cost);
    const t0 = process.cpuUsage();
    const n = x.encode(bytes.length);
    const t = process.cpuUsage(t0);
    return { outputBytes: n, hash: fnv(new Uint8Array(x.memory.buffer, x.outputAddress(), n)), cpu: (t.user + t.system) / 1e6 };
  }
  if (mode === 'check') {
    // Every bit's p from both, then the first place they differ.
    const m = new js.CmModel(tableBits, cost, revision);
    const jsP = new Uint16Array(bytes.length * 8);
    let j = 0;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      for (let k = 7; k >= 0; k--) {
        const bit = (b >> k) & 1;
        jsP[j++] = m.predict();
        m.update(bit);
      }
    }
    const x = await wasmModel(dir, js, bytes, tableBits, true, revision, cost);
    x.run(bytes.length, 1);
    const wasmP = new Uint16Array(x.memory.buffer, x.probabilitiesAddress(), bytes.length * 8);
    let first = -1;
    let differing = 0;
    for (let i = 0; i < jsP.length; i++) {
      if (jsP[i] !== wasmP[i]) {
        if (first < 0) first = i;
        differing++;
      }
    }
    const out = { bits: jsP.length, differing, tableBits, revision, cost };
    if (first >= 0) Object.assign(out, { firstBit: first, byte: first >> 3, bitOfByte: first & 7, js: jsP[first], wasm: wasmP[first] });
    return out;
  }
  throw new Error(`unknown mode ${mode}`);
}

const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    const [, mode, dir, file, tb, revision, cost] = args;
    process.stdout.write(JSON.stringify(await child(mode, dir, file, tb, revision, cost)) + '\n');
    return;
  }
  let rounds = 3;
  let core = '1';
  let revision = '4';
  const files = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--rounds') rounds = Number(args[++i]);
    else if (args[i] === '--core') core = args[++i];
    else if (args[i] === '--revision') revision = args[++i];
    else files.push(args[i]);
  }
  if (files.length === 0) {
    const corpora = join(root, 'node_modules/.cache/xent-corpora');
    for (const name of ['heldout-kjv.txt', 'prose-tune.txt']) {
      const file = join(corpora, name);
      if (!existsSync(file)) {
        process.stderr.write(`${file} is missing (scripts/coding/buildCorpora.mjs, buildHeldOut.sh); or name the files\n`);
        process.exit(2);
      }
      files.push(file);
    }
  }
  if (!['2', '3', '4', '5'].includes(revision)) {
    process.stderr.write(`--revision: expected 2 to 5, not ${revision}\n`);
    process.exit(2);
  }
  const dir = mkdtempSync(join(tmpdir(), 'xent-cmwasm-'));
  try {
    await build(dir);
    const run = (mode, file, tb, ...more) =>
      JSON.parse(
        execFileSync('taskset', ['-c', core, process.execPath, fileURLToPath(import.meta.url), '--child', mode, dir, file, tb, ...more], {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        }),
      );
    for (const file of files) {
      const name = file.split('/').pop().replace('.txt', '');
      const check = run('check', file, 'auto', revision);
      console.log(
        `${name}: revision ${revision}: ${check.bits} bits at tableBits ${check.tableBits}: ${check.differing === 0 ? 'bit-exact' : `DIFFER at ${check.differing} bits, first ${JSON.stringify(check)}`}`,
      );
      const checkTiny = run('check', file, '8', revision);
      console.log(`${name}: revision ${revision} at tableBits 8: ${checkTiny.differing === 0 ? 'bit-exact' : `DIFFER ${JSON.stringify(checkTiny)}`}`);
      // The other revisions, one with each mixer cost.
      const others = ['2', '3', '4', '5'].filter((r) => r !== revision);
      for (const [other, cost] of [
        [others[0], 'cross-entropy'],
        [others[1], 'quadratic'],
      ]) {
        const c = run('check', file, 'auto', other, cost);
        console.log(`${name}: revision ${other}, ${cost}: ${c.differing === 0 ? 'bit-exact' : `DIFFER ${JSON.stringify(c)}`}`);
      }
      const times = { js: [], wasm: [], jsTiny: [], wasmTiny: [], encodeJs: [], encodeWasm: [] };
      const encoded = {};
      let sizes = {};
      for (let r = 0; r < rounds; r++) {
        for (const [key, mode, tb] of [
          ['js', 'js', 'auto'],
          ['wasm', 'wasm', 'auto'],
          ['jsTiny', 'js', '8'],
          ['wasmTiny', 'wasm', '8'],
          ['encodeJs', 'encode-js', 'auto'],
          ['encodeWasm', 'encode-wasm', 'auto'],
        ]) {
          const res = run(mode, file, tb, revision);
          times[key].push(res.cpu);
          sizes[key] = res.bytes;
          if (res.outputBytes !== undefined) encoded[key] = res;
        }
      }
      const same = encoded.encodeJs.hash === encoded.encodeWasm.hash && encoded.encodeJs.outputBytes === encoded.encodeWasm.outputBytes;
      console.log(
        `${name}: range-coded: js ${encoded.encodeJs.outputBytes} B (fnv ${encoded.encodeJs.hash}), wasm ${encoded.encodeWasm.outputBytes} B (fnv ${encoded.encodeWasm.hash}): ${same ? 'identical' : 'DIFFERENT'}`,
      );
      const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
      console.log(
        `${name}: revision ${revision}: cost bytes js ${sizes.js.toFixed(1)} wasm ${sizes.wasm.toFixed(1)} (tableBits 8: js ${sizes.jsTiny.toFixed(1)} wasm ${sizes.wasmTiny.toFixed(1)})`,
      );
      for (const [k, v] of Object.entries(times)) {
        console.log(`  ${k.padEnd(10)} cpu s ${v.map((t) => t.toFixed(3)).join(' ')}  median ${m[k].toFixed(3)}  min ${Math.min(...v).toFixed(3)}`);
      }
      const nsPerBit = (s) => ((s * 1e9) / (readFileSync(file).length * 8)).toFixed(1);
      console.log(
        `  wasm/js ${(m.wasm / m.js).toFixed(3)} (js ${nsPerBit(m.js)} ns/bit, wasm ${nsPerBit(m.wasm)} ns/bit); tableBits 8: wasm/js ${(m.wasmTiny / m.jsTiny).toFixed(3)} (js ${nsPerBit(m.jsTiny)}, wasm ${nsPerBit(m.wasmTiny)} ns/bit)`,
      );
      const mbps = (s) => (readFileSync(file).length / 1e6 / s).toFixed(2);
      console.log(
        `  encode (model + range coder) wasm/js ${(m.encodeWasm / m.encodeJs).toFixed(3)}: js ${mbps(m.encodeJs)} MB/s, wasm ${mbps(m.encodeWasm)} MB/s`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
