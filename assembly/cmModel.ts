// A WebAssembly engine for the cm model, revisions 2 to 5: an AssemblyScript port of
// src/coding/cm/CmModel.ts. It is driven either bit by bit from JavaScript (predict(),
// update(bit), or step(bit), which learns the bit and returns the next prediction in one
// call) or with the whole coding loop inside the module (run(): the model over every bit
// of the input, counting the coding cost; encode(): the same with the range encoder of
// src/coding/arithmetic/RangeEncoder.ts). It is the engine of the library's cm model
// (src/coding/cm/CmWasmModel.ts, driven by step()); `npm run build:wasm` compiles it
// (assembly/buildCmModel.mjs) into src/coding/cm/cmModelWasmBinary.ts.
//
// It predicts exactly the probabilities the TypeScript model does, bit for bit: the same
// integer arithmetic (i32 wraps as Math.imul and `| 0` do), the same float64 mixer with
// only +, −, ×, a division by a power of two (exact) and floor, summed in the same order;
// and encode() writes exactly RangeEncoder's bytes.
//
// Exports, in the order of use: prepare(tableBits, revision, length, keepProbabilities)
// lays out the memory and returns where the input goes; JavaScript then writes STRETCH,
// SQUASH_TABLE and the revision's bit-history table (BIT_HISTORY for revisions 2 and 3,
// BIT_HISTORY_REVISION_4 for 4 and 5) at stretchAddress(), squashAddress(), nextStateAddress(),
// totalAddress() and initialP16Address(), and for revision 5 CmModel's DETERMINISTIC (as
// bytes, CmWasmModel.ts's deterministicStates()) at deterministicAddress();
// init(quadraticCost, stateCount) is CmModel's constructor (stateCount: the table's count). A model is cloned with saveState(), a copy
// of the memory into another instance of the module, and restoreState() (see saveState).
//
// Checked by test/coding/cmWasmLoops.test.ts, which compiles this file in memory and
// compares every bit's 12-bit probability with CmModel's (revisions 2 to 5, both mixer
// costs, tableBits 8 and 12, on 47 kB of English and random bytes), encode()'s bytes with
// encodeBitwise and RangeEncoder's, and a clone's predictions with the original's.
// Measured by scripts/coding/cmWasmSpike.mjs, which checks whole corpora the same way and
// times both models, pinned to one core, in CPU seconds:
//   node scripts/coding/cmWasmSpike.mjs --revision 4 --rounds 3 --core 1 heldout-kjv.txt
// On 2026-12-07 (Node 20.20.2, a shared 2-core machine under heavy load, so the times are
// noisy), revision 4 on heldout-kjv (1.5 MB, tableBits 18, every bit's probability equal,
// the same range-coded bytes): the wasm cost loop took 0.40 of the TypeScript model's CPU
// time (medians of 3 runs; 199 ns a bit against 492; 0.42 in 7 alternating runs), 0.45 at
// tableBits 8; encoding, model and range coder, 0.41 (0.62 MB/s against 0.25). Revision 3
// in the same conditions: cost loop 0.49, encoding 0.51 (0.55 and 0.56 on a quieter
// machine earlier that day). On Node 24.22.3 (node_modules/node24/bin/node in place of
// node), revision 4: cost loop 0.60, 0.51 at tableBits 8, encoding 0.39 (one run of 3 rounds).
// Revision 5 later that day, under heavier load (every bit equal, the same bytes): the
// cost loop 0.49 of the TypeScript model's CPU time (411 ns a bit against 847), 0.38 at
// tableBits 8; encoding 0.51 (0.34 MB/s against 0.17); and 1.35 times revision 4's wasm
// cost loop (363 ns a bit against 270, 5 alternating runs each).
//
// The model is the one described in CmModel.ts's class comment (after M. Mahoney's lpaq1
// and "Data Compression Explained"); the comments here only say where the port differs.
// The revisions differ in tables and a few globals that prepare() sets once (the bit
// history, the contexts' sizes, which contexts get a line of their own, the order-0 limit,
// the StateMaps' limit, the classes context, the weight selector's tables, the number of
// contexts and inputs), not in branches per bit, with one exception: revision 5 adds work
// (order 6 as an eighth context, whose input follows the bias; three confidence inputs
// after it; a second APM, by a hash of order 2 and the partial byte), done where the
// global revision5 is set. Each of those branches goes the same way for every bit of a
// model, and revision 4 measured no slower with them than without.
//
// Memory is the module's own (exported): constants, small state and the mixer's weights
// (room for revision 5's 2.75 MB: 14 inputs × revision 4's weight sets) from 64 KiB, then
// the hash table, history, match table and APM (revision 5: two), then the input bytes,
// the optional per-bit probabilities and the range coder's output, laid out by prepare(),
// which grows the memory as needed (at tableBits 22 and no input: 140.4 MB for revision 4,
// 144.7 MB for revision 5). The bit-history tables and the squash/stretch tables are
// written in by JavaScript, so that there is one definition of each. Addresses are absolute, so a hash-table bucket is a byte address and
// a line is that address & ~63 (the table starts 64-byte aligned, as an ArrayBuffer does).

const NCTX = 7;
const NINPUTS = 10;
/** Revision 5: order 6 as an eighth context (input NINPUTS), and three confidence inputs after it. */
const NCTX_MAX = 8;
const NINPUTS_MAX = NINPUTS + 4;
const OWN_LINE_CONTEXTS = 2;
const MATCH_ORDER = 6;
const CROSS_ENTROPY_RATE: f64 = 0.000015;
const QUADRATIC_RATE: f64 = 0.00006;
const STATE_MAP_LIMIT = 255;
const STATE_MAP_LIMIT_REVISION_5 = 1023;
const ORDER0_LIMIT = 255;
const ORDER0_LIMIT_REVISION_4 = 2;
const APM_RATE = 6;
/** Revision 5's final mix, in sixteenths: the mixer's p, the order-1 APM's, the order-2 APM's. */
const APM_WEIGHT_MIX = 2;
const APM_WEIGHT_ORDER1 = 4;
const APM_WEIGHT_ORDER2 = 10;
/** Revision 5's match-pointer table is at most 2^21 entries. */
const MATCH_BITS_REVISION_5 = 21;
const INITIAL_WEIGHT: f64 = 0.15;
const NWEIGHTSETS = 4 * 256;
const MIXER_BYTE_CLASSES = 6;
const NWEIGHTSETS_REVISION_4 = NWEIGHTSETS * MIXER_BYTE_CLASSES * 4;

// Fixed layout (byte addresses).
const BASE: usize = 65536;
/** int16 × 4096, written by JavaScript (logistic.ts STRETCH). */
const STRETCH: usize = BASE;
/** int16 × 4095, written by JavaScript (logistic.ts SQUASH_TABLE). */
const SQUASH: usize = STRETCH + 8192;
/**
 * uint8 × 512, written by JavaScript (BIT_HISTORY.next, or BIT_HISTORY_REVISION_4.next for
 * revision 4: 2 × 233 entries, the rest left 0).
 */
const NEXT: usize = SQUASH + 8192;
/** uint8 × 256, written by JavaScript (the revision's bit-history total). */
const TOTAL: usize = NEXT + 512;
/** uint16 × 256, written by JavaScript (the revision's bit-history initialP16). */
const INITIAL_P16: usize = TOTAL + 256;
/** int32 × 1024: 1/(n + 1.5) in units of 2^−16. */
const RECIPROCAL: usize = INITIAL_P16 + 512;
const STATE_MAPS: usize = RECIPROCAL + 4096;
const ORDER0: usize = STATE_MAPS + NCTX_MAX * 256 * 4;
const MATCH_MAP: usize = ORDER0 + 1024;
const INPUTS: usize = MATCH_MAP + 128;
const HASHES: usize = INPUTS + 128;
const BUCKET: usize = HASHES + 32;
const SLOT: usize = BUCKET + 32;
const LINES: usize = SLOT + 32;
const CHECKS: usize = LINES + 32;
/** int32 × (contexts + 1): each context's first bucket, then the end of the last. */
const REGION_START: usize = CHECKS + 32;
const REGION_MASK: usize = REGION_START + 64;
/** uint8 × 256: CHARACTER_CLASS (set by prepare()). */
const CHARACTER_CLASS: usize = REGION_MASK + 32;
/**
 * uint8 × 256: what the previous byte adds to the weight set, 4 × MIXER_BYTE_CLASS (revision
 * 4), or 0 (revisions 2 and 3, which pick the weights by match state and partial byte
 * only): the revision is chosen by prepare()'s tables, not by a branch per bit.
 */
const SET_BY_BYTE: usize = CHARACTER_CLASS + 256;
/** uint8 × 8: what the count of contexts that have seen this point adds, 24 × SEEN_CONTEXTS_BUCKET (revision 4), or 0. */
const SET_BY_SEEN: usize = SET_BY_BYTE + 256;
/**
 * uint8 × 256, written by JavaScript for revision 5: 1 for a bit-history state that has seen
 * only one bit value (n0 = 0 or n1 = 0, not both), else 0.
 */
const DETERMINISTIC: usize = SET_BY_SEEN + 64;
/** Every mutable global, 8 bytes each (saveState() and restoreState()). */
const SAVED_STATE: usize = DETERMINISTIC + 256;
const SAVED_STATE_BYTES: usize = 512;
/** uint32 × 4097: how many bits were coded at each probability (p of the bit that came). */
const HISTOGRAM: usize = SAVED_STATE + SAVED_STATE_BYTES;
/**
 * float64 × ninputs per weight set, room for revision 5's (14 inputs × revision 4's sets,
 * 2.75 MB); revisions 2 and 3 use the first NWEIGHTSETS × 10.
 */
const WEIGHTS: usize = (HISTOGRAM + 4097 * 4 + 63) & ~63;
const DYNAMIC: usize = (WEIGHTS + NWEIGHTSETS_REVISION_4 * NINPUTS_MAX * 8 + 4095) & ~4095;

// Layout set by prepare().
let bitHistoryCount: i32 = 0;
let table: usize = 0;
let history: usize = 0;
let historyMask: i32 = 0;
let historyLength: i32 = 0;
let matchTable: usize = 0;
let matchMask: u32 = 0;
let apm2: usize = 0;
let apm2Mask: i32 = 0;
let apm2Entries: i32 = 0;
/** Revision 5's second APM, by a hash of order 2 and the partial byte (as many entries as apm2), or 0. */
let apmB: usize = 0;
let inputBytes: usize = 0;
let probabilities: usize = 0;
let dynamicEnd: usize = 0;
/** The range coder's output (encode()), room for 12 bits per input bit, the worst case. */
let outputBytes: usize = 0;
let extraBits: i32 = 0;
/** Revision switches, set once by prepare(). */
let ownLineContexts: i32 = OWN_LINE_CONTEXTS;
let order0Limit: i32 = ORDER0_LIMIT;
let classContext: bool = false;
let weightSets: i32 = NWEIGHTSETS;
/** Revision 5: the order-6 context, the confidence inputs and the second APM (branches taken by every bit or none). */
let revision5: bool = false;
let nctx: i32 = NCTX;
let ninputs: i32 = NINPUTS;
let stateMapLimit: i32 = STATE_MAP_LIMIT;

// Model state (CmModel's fields).
let touched: i32 = 0;
let pos: i32 = 0;
let matchPtr: i32 = 0;
let matchLength: i32 = 0;
let matchByte: i32 = 0;
let matchSlot: i32 = -1;
let weightBase: i32 = 0;
let learningRate: f64 = CROSS_ENTROPY_RATE;
let quadratic: bool = false;
let apm2Index: i32 = 0;
let apmWeight: i32 = 0;
/** Revision 5: the second APM's row hash for this byte (order 2), and its entry for this bit. */
let apmBHash: i32 = 0;
let apmBIndex: i32 = 0;
let prMix: i32 = 2048;
let pr: i32 = 2048;
let c0: i32 = 1;
let nibble: i32 = 1;
let bitCount: i32 = 0;
let c4: u32 = 0;
let c8: u32 = 0;
let word: u32 = 0;
let previousWord: u32 = 0;
let column: i32 = 0;
let lineAbove: i32 = 0;
/** CHARACTER_CLASS of the last 8 bytes, 4 bits each, the last byte's lowest. */
let classes: u32 = 0;

// Addresses of the tables JavaScript fills before init().
export function stretchAddress(): usize {
  return STRETCH;
}
export function squashAddress(): usize {
  return SQUASH;
}
export function nextStateAddress(): usize {
  return NEXT;
}
export function totalAddress(): usize {
  return TOTAL;
}
export function initialP16Address(): usize {
  return INITIAL_P16;
}
export function deterministicAddress(): usize {
  return DETERMINISTIC;
}
export function histogramAddress(): usize {
  return HISTOGRAM;
}
export function probabilitiesAddress(): usize {
  return probabilities;
}
export function outputAddress(): usize {
  return outputBytes;
}

function contextBits(i: i32, revision4: bool): i32 {
  // CONTEXT_BITS_REVISION_5 is revision 4's and 19 for order 6 (context 7).
  if (i == 7) return 19;
  // CONTEXT_BITS_REVISION_4 = [17, 16, 20, 21, 19, 21, 18]: order 2, classes, 3, 4, word, two words, column.
  if (revision4) return i == 0 ? 17 : i == 1 ? 16 : i == 2 ? 20 : i == 3 ? 21 : i == 4 ? 19 : i == 5 ? 21 : 18;
  // CONTEXT_BITS = [14, 17, 20, 21, 20, 21, 18]: orders 1–4, word, two words, column.
  return i == 0 ? 14 : i == 1 ? 17 : i == 2 ? 20 : i == 3 ? 21 : i == 4 ? 20 : i == 5 ? 21 : 18;
}

/** CmModel.ts's CHARACTER_CLASS: lower, upper, digit, space, newline, ≥ 128, other control, punctuation by its low 3 bits. */
function characterClass(b: i32): i32 {
  return b >= 97 && b <= 122 ? 1 : b >= 65 && b <= 90 ? 2 : b >= 48 && b <= 57 ? 3 : b == 32 ? 4 : b == 10 ? 5 : b >= 128 ? 6 : b < 32 ? 7 : 8 + (b & 7);
}

/** CmModel.ts's MIXER_BYTE_CLASS: letter, space, newline, digit, ≥ 128, other. */
function mixerByteClass(c: i32): i32 {
  const lower = c | 32;
  return lower >= 97 && lower <= 122 ? 0 : c == 32 ? 1 : c == 10 ? 2 : c >= 48 && c <= 57 ? 3 : c >= 128 ? 4 : 5;
}

/** CmModel.ts's SEEN_CONTEXTS_BUCKET = [0, 0, 0, 1, 1, 2, 2, 3, 3]. */
function seenContextsBucket(n: i32): i32 {
  return n < 3 ? 0 : n < 5 ? 1 : n < 7 ? 2 : 3;
}

function min32(a: i32, b: i32): i32 {
  return a < b ? a : b;
}

/**
 * Lays out the memory for a model of `tableBits` and `revision` (2, 3 or 4) and an input of
 * `length` bytes (with room for one uint16 probability per bit when `keepProbabilities`),
 * growing it as needed; returns the address where JavaScript writes the input.
 */
export function prepare(tableBits: i32, revision: i32, length: i32, keepProbabilities: bool): usize {
  extraBits = revision >= 3 ? 1 : 0;
  const revision4 = revision >= 4;
  revision5 = revision >= 5;
  nctx = revision5 ? NCTX_MAX : NCTX;
  ninputs = revision5 ? NINPUTS_MAX : NINPUTS;
  stateMapLimit = revision5 ? STATE_MAP_LIMIT_REVISION_5 : STATE_MAP_LIMIT;
  ownLineContexts = revision4 ? 1 : OWN_LINE_CONTEXTS;
  order0Limit = revision4 ? ORDER0_LIMIT_REVISION_4 : ORDER0_LIMIT;
  classContext = revision4;
  weightSets = revision4 ? NWEIGHTSETS_REVISION_4 : NWEIGHTSETS;
  for (let b = 0; b < 256; b++) {
    store<u8>(CHARACTER_CLASS + <usize>b, <u8>characterClass(b));
    store<u8>(SET_BY_BYTE + <usize>b, <u8>(revision4 ? 4 * mixerByteClass(b) : 0));
  }
  for (let n = 0; n <= NCTX_MAX; n++) store<u8>(SET_BY_SEEN + <usize>n, <u8>(revision4 ? 4 * MIXER_BYTE_CLASSES * seenContextsBucket(n) : 0));
  let buckets: i32 = 0;
  for (let i = 0; i < nctx; i++) {
    const n = 1 << min32(contextBits(i, revision4), tableBits + extraBits);
    store<i32>(REGION_START + (<usize>i << 2), buckets);
    store<i32>(REGION_MASK + (<usize>i << 2), n - 1);
    buckets += n;
  }
  store<i32>(REGION_START + (<usize>nctx << 2), buckets);
  table = DYNAMIC;
  historyLength = 1 << min32(tableBits + 4, 24);
  historyMask = historyLength - 1;
  history = table + (<usize>buckets << 4);
  matchTable = (history + <usize>historyLength + 63) & ~63;
  matchMask = (1 << (revision5 ? min32(tableBits, MATCH_BITS_REVISION_5) : tableBits)) - 1;
  const apmContexts = 1 << min32(16, tableBits + 4);
  apm2Mask = apmContexts - 1;
  apm2Entries = apmContexts * 33;
  apm2 = (matchTable + (<usize>(matchMask + 1) << 2) + 63) & ~63;
  apmB = revision5 ? (apm2 + (<usize>apm2Entries << 1) + 63) & ~63 : 0;
  inputBytes = ((revision5 ? apmB : apm2) + (<usize>apm2Entries << 1) + 63) & ~63;
  probabilities = (inputBytes + <usize>length + 63) & ~63;
  outputBytes = (probabilities + (keepProbabilities ? <usize>length << 4 : 0) + 63) & ~63;
  dynamicEnd = outputBytes + <usize>length * 12 + 1024;
  const pages = <i32>((dynamicEnd + 65535) >> 16);
  const have = memory.size();
  if (pages > have) memory.grow(pages - have);
  return inputBytes;
}

function squash(d: i32): i32 {
  if (d > 2047) return 4095;
  if (d < -2047) return 1;
  return <i32>load<i16>(SQUASH + (<usize>(d + 2047) << 1));
}

function stretch(p: u32): f64 {
  return <f64>load<i16>(STRETCH + (<usize>p << 1));
}

/**
 * CmModel's constructor, after prepare() and the JavaScript tables; `stateCount` is the
 * revision's bit-history count (BIT_HISTORY.count, 169, or BIT_HISTORY_REVISION_4.count, 233).
 */
export function init(quadraticCost: bool, stateCount: i32): void {
  bitHistoryCount = stateCount;
  for (let n = 0; n < 1024; n++) store<i32>(RECIPROCAL + (<usize>n << 2), 131072 / (2 * n + 3));
  memory.fill(table, 0, <usize>load<i32>(REGION_START + (<usize>nctx << 2)) << 4);
  memory.fill(history, 0, <usize>historyLength);
  memory.fill(matchTable, 0, <usize>(matchMask + 1) << 2);
  for (let j = 0; j < 33; j++) store<u16>(apm2 + (<usize>j << 1), <u16>(squash((j - 16) * 128) * 16));
  for (let filled = 33; filled < apm2Entries; filled *= 2) {
    memory.copy(apm2 + (<usize>filled << 1), apm2, <usize>min32(filled, apm2Entries - filled) << 1);
  }
  if (revision5) memory.copy(apmB, apm2, <usize>apm2Entries << 1);
  for (let i = 0; i < nctx; i++) {
    for (let s = 0; s < 256; s++) {
      const v = s < bitHistoryCount ? ((<i32>load<u16>(INITIAL_P16 + (<usize>s << 1)) << 6) << 10) : 1 << 31;
      store<i32>(STATE_MAPS + (<usize>(i * 256 + s) << 2), v);
    }
  }
  for (let i = 0; i < 256; i++) store<i32>(ORDER0 + (<usize>i << 2), (1 << 21) << 10);
  for (let i = 0; i < 32; i++) store<i32>(MATCH_MAP + (<usize>i << 2), (i & 1 ? (1 << 22) - (1 << 18) : 1 << 18) << 10);
  for (let i = 0; i < weightSets * ninputs; i++) store<f64>(WEIGHTS + (<usize>i << 3), INITIAL_WEIGHT);
  for (let i = 0; i < NINPUTS_MAX; i++) store<f64>(INPUTS + (<usize>i << 3), 0);
  memory.fill(HISTOGRAM, 0, 4097 * 4);
  quadratic = quadraticCost;
  learningRate = quadratic ? QUADRATIC_RATE : CROSS_ENTROPY_RATE;
  touched = 0;
  pos = 0;
  matchPtr = 0;
  matchLength = 0;
  matchByte = 0;
  matchSlot = -1;
  weightBase = 0;
  apm2Index = 0;
  apmWeight = 0;
  apmBHash = 0;
  apmBIndex = 0;
  prMix = 2048;
  pr = 2048;
  c0 = 1;
  nibble = 1;
  bitCount = 0;
  c4 = 0;
  c8 = 0;
  word = 0;
  previousWord = 0;
  column = 0;
  lineAbove = 0;
  classes = 0;
  store<f64>(INPUTS + ((NINPUTS - 1) << 3), 256);
  hashContexts();
  probe(0);
  mix(readInputs());
}

function adapt(v: i32, target: i32, limit: i32): i32 {
  const p = <i32>(<u32>v >> 10);
  const n = v & 1023;
  const q = p + ((((target - p) >> 7) * load<i32>(RECIPROCAL + (<usize>n << 2))) >> 9);
  return (q << 10) | (n < limit ? n + 1 : n);
}

function fmix32(h: u32): u32 {
  h = (h ^ (h >> 16)) * 0x85ebca6b;
  h = (h ^ (h >> 13)) * 0xc2b2ae35;
  return h ^ (h >> 16);
}

function hash2(a: u32, b: u32): u32 {
  return ((a ^ (b * 0x9e3779b1)) * 0x85ebca6b) ^ (b >> 15);
}

function at32(base: usize, i: i32): usize {
  return base + (<usize>i << 2);
}

function at64(base: usize, i: i32): usize {
  return base + (<usize>i << 3);
}

/** P(next bit = 1) in units of 1/4096 (CmModel.predict). */
export function predict(): i32 {
  return pr;
}

/** CmModel.update: learns `bit`, then predicts the next one (one call per bit, for a coder in JavaScript). */
export function update(bit: i32): void {
  advance(bit);
}

/** update() and predict() in one call: learns `bit`, returns P(next bit = 1) in units of 1/4096. */
export function step(bit: i32): i32 {
  advance(bit);
  return pr;
}

/**
 * One context's learning, and, inside a half-byte, its next input (update's written-out
 * loop); returns 1 if the next bit history is not the empty state (revision 4's weight
 * selector counts them), else 0.
 */
function learnContext(i: i32, bit: i32, target: i32, nib: i32, input: i32): i32 {
  const at = <usize>load<i32>(at32(SLOT, i));
  const state = <i32>load<u8>(at);
  const k = at32(STATE_MAPS, (i << 8) | state);
  store<i32>(k, adapt(load<i32>(k), target, stateMapLimit));
  store<u8>(at, load<u8>(NEXT + <usize>(2 * state + bit)));
  const now = load<i32>(at32(BUCKET, i)) + nib;
  store<i32>(at32(SLOT, i), now);
  const next = <i32>load<u8>(<usize>now);
  const sm = load<i32>(at32(STATE_MAPS, (i << 8) | next));
  store<f64>(at64(INPUTS, input), stretch(<u32>sm >> 20));
  return <i32>(next != 0);
}

/**
 * update()'s body, shared by update, step, run and encode. Not inlined: with its body inlined
 * into run()'s loop, V8 compiled the loop about 17% slower (register pressure, presumably).
 */
function advance(bit: i32): void {
  const byteEnds = bitCount == 7;
  if (byteEnds) beginByte(((c0 << 1) | bit) & 0xff);
  const pm = prMix;
  let err: f64 = <f64>((bit << 12) - pm) / 4096;
  if (quadratic) err *= <f64>(pm * (4096 - pm)) / 16777216;
  const stepSize = err * learningRate;
  const w = WEIGHTS + (<usize>weightBase << 3);
  // Elementwise, so two lanes at a time round exactly as one at a time.
  const s2 = f64x2.splat(stepSize);
  v128.store(w, f64x2.add(v128.load(w), f64x2.mul(s2, v128.load(INPUTS))));
  v128.store(w, f64x2.add(v128.load(w, 16), f64x2.mul(s2, v128.load(INPUTS, 16))), 16);
  v128.store(w, f64x2.add(v128.load(w, 32), f64x2.mul(s2, v128.load(INPUTS, 32))), 32);
  v128.store(w, f64x2.add(v128.load(w, 48), f64x2.mul(s2, v128.load(INPUTS, 48))), 48);
  v128.store(w, f64x2.add(v128.load(w, 64), f64x2.mul(s2, v128.load(INPUTS, 64))), 64);
  if (revision5) {
    v128.store(w, f64x2.add(v128.load(w, 80), f64x2.mul(s2, v128.load(INPUTS, 80))), 80);
    v128.store(w, f64x2.add(v128.load(w, 96), f64x2.mul(s2, v128.load(INPUTS, 96))), 96);
  }
  const target = bit ? 4194303 : 0;
  const c = c0;
  store<i32>(at32(ORDER0, c), adapt(load<i32>(at32(ORDER0, c)), target, order0Limit));
  if (matchSlot >= 0) store<i32>(at32(MATCH_MAP, matchSlot), adapt(load<i32>(at32(MATCH_MAP, matchSlot)), target, 1023));
  const a2 = apm2 + (<usize>(apm2Index + (apmWeight < 64 ? 0 : 1)) << 1);
  const old = <i32>load<u16>(a2);
  store<u16>(a2, <u16>(old + (((bit ? 65535 : 0) - old) >> APM_RATE)));
  if (revision5) {
    const aB = apmB + (<usize>(apmBIndex + (apmWeight < 64 ? 0 : 1)) << 1);
    const oldB = <i32>load<u16>(aB);
    store<u16>(aB, <u16>(oldB + (((bit ? 65535 : 0) - oldB) >> APM_RATE)));
  }

  const nextC0 = (c << 1) | bit;
  const nib = (nibble << 1) | bit;
  c0 = nextC0;
  nibble = nib;
  bitCount++;
  let seen: i32;
  if (nib < 16) {
    seen = learnContext(0, bit, target, nib, 0);
    seen += learnContext(1, bit, target, nib, 1);
    seen += learnContext(2, bit, target, nib, 2);
    seen += learnContext(3, bit, target, nib, 3);
    seen += learnContext(4, bit, target, nib, 4);
    seen += learnContext(5, bit, target, nib, 5);
    seen += learnContext(6, bit, target, nib, 6);
    if (revision5) seen += learnContext(7, bit, target, nib, NINPUTS);
  } else {
    for (let i = 0; i < nctx; i++) {
      const at = <usize>load<i32>(at32(SLOT, i));
      const state = <i32>load<u8>(at);
      const k = at32(STATE_MAPS, (i << 8) | state);
      store<i32>(k, adapt(load<i32>(k), target, stateMapLimit));
      store<u8>(at, load<u8>(NEXT + <usize>(2 * state + bit)));
    }
    if (byteEnds) {
      c0 = 1;
      nibble = 1;
      bitCount = 0;
      probe(0);
    } else {
      nibble = 1;
      locate(nextC0);
      probe(nextC0);
    }
    seen = readInputs();
  }
  mix(seen);
}

/** The hashed contexts' inputs at the start of a half-byte; returns how many bit histories are not empty. */
function readInputs(): i32 {
  const nib = nibble;
  let seen = 0;
  for (let i = 0; i < nctx; i++) {
    const at = load<i32>(at32(BUCKET, i)) + nib;
    store<i32>(at32(SLOT, i), at);
    const state = <i32>load<u8>(<usize>at);
    seen += <i32>(state != 0);
    const sm = load<i32>(at32(STATE_MAPS, (i << 8) | state));
    // Context 7 (order 6, revision 5) feeds input NINPUTS, after the bias.
    store<f64>(at64(INPUTS, i < NCTX ? i : NINPUTS), stretch(<u32>sm >> 20));
  }
  return seen;
}

/** The order-0 and match inputs, the mix and the APM: sets pr. `seen`: the contexts whose bit history is not empty. */
function mix(seen: i32): void {
  const c = c0;
  store<f64>(at64(INPUTS, NCTX), stretch(<u32>load<i32>(at32(ORDER0, c)) >> 20));
  let ml = 0;
  const length = matchLength;
  if (length > 0 && ((matchByte + 256) >> (8 - bitCount)) == c) {
    const expected = (matchByte >> (7 - bitCount)) & 1;
    const len = length > 15 ? 15 : length;
    matchSlot = 2 * len + expected;
    store<f64>(at64(INPUTS, NCTX + 1), stretch(<u32>load<i32>(at32(MATCH_MAP, matchSlot)) >> 20));
    ml = length < 16 ? 1 : length < 32 ? 2 : 3;
  } else {
    matchSlot = -1;
    store<f64>(at64(INPUTS, NCTX + 1), 0);
  }
  const c1 = <i32>(c4 & 0xff);
  if (revision5) {
    // The confidence inputs: orders 3, 4 and word's input again where its history has seen
    // only one bit value, else 0 (CmModel multiplies by a 0/1 table, as here).
    store<f64>(at64(INPUTS, NINPUTS + 1), <f64>load<u8>(DETERMINISTIC + <usize>load<u8>(<usize>load<i32>(at32(SLOT, 2)))) * load<f64>(INPUTS, 16));
    store<f64>(at64(INPUTS, NINPUTS + 2), <f64>load<u8>(DETERMINISTIC + <usize>load<u8>(<usize>load<i32>(at32(SLOT, 3)))) * load<f64>(INPUTS, 24));
    store<f64>(at64(INPUTS, NINPUTS + 3), <f64>load<u8>(DETERMINISTIC + <usize>load<u8>(<usize>load<i32>(at32(SLOT, 4)))) * load<f64>(INPUTS, 32));
  }
  // Revision 4's wide selector; 0 + 0 in revisions 2 and 3 (prepare()'s tables).
  const set = ml + <i32>load<u8>(SET_BY_SEEN + <usize>seen) + <i32>load<u8>(SET_BY_BYTE + <usize>c1);
  const wb = (set * 256 + c) * ninputs;
  weightBase = wb;
  const w = WEIGHTS + (<usize>wb << 3);
  // Left to right, as the TypeScript sums (0 + the first product, then each in turn).
  let dot: f64 = 0 + load<f64>(w) * load<f64>(INPUTS);
  dot += load<f64>(w, 8) * load<f64>(INPUTS, 8);
  dot += load<f64>(w, 16) * load<f64>(INPUTS, 16);
  dot += load<f64>(w, 24) * load<f64>(INPUTS, 24);
  dot += load<f64>(w, 32) * load<f64>(INPUTS, 32);
  dot += load<f64>(w, 40) * load<f64>(INPUTS, 40);
  dot += load<f64>(w, 48) * load<f64>(INPUTS, 48);
  dot += load<f64>(w, 56) * load<f64>(INPUTS, 56);
  dot += load<f64>(w, 64) * load<f64>(INPUTS, 64);
  dot += load<f64>(w, 72) * load<f64>(INPUTS, 72);
  if (revision5) {
    dot += load<f64>(w, 80) * load<f64>(INPUTS, 80);
    dot += load<f64>(w, 88) * load<f64>(INPUTS, 88);
    dot += load<f64>(w, 96) * load<f64>(INPUTS, 96);
    dot += load<f64>(w, 104) * load<f64>(INPUTS, 104);
  }
  const f = Math.floor(dot);
  let d: i32;
  if (f > 2047) d = 2047;
  else if (f < -2047) d = -2047;
  else d = <i32>f;
  const p0 = <i32>load<i16>(SQUASH + (<usize>(d + 2047) << 1));
  prMix = p0;
  const s = d + 2048;
  const frac = s & 127;
  const at = (((c1 << 8) | c) & apm2Mask) * 33 + (s >> 7);
  apm2Index = at;
  apmWeight = frac;
  const a = apm2 + (<usize>at << 1);
  const a2 = (<i32>load<u16>(a) * (128 - frac) + <i32>load<u16>(a, 2) * frac) >> 11;
  let p: i32;
  if (revision5) {
    const atB = ((apmBHash ^ c) & apm2Mask) * 33 + (s >> 7);
    apmBIndex = atB;
    const b = apmB + (<usize>atB << 1);
    const aB = (<i32>load<u16>(b) * (128 - frac) + <i32>load<u16>(b, 2) * frac) >> 11;
    const aheadB = apmB + (<usize>(((apmBHash ^ (c << 1)) & (apm2Mask - 1)) * 33) << 1);
    touched = touched + <i32>load<u16>(aheadB) + <i32>load<u16>(aheadB, 64) + <i32>load<u16>(aheadB, 130);
    p = (APM_WEIGHT_MIX * p0 + APM_WEIGHT_ORDER1 * a2 + APM_WEIGHT_ORDER2 * aB + 8) >> 4;
  } else p = (p0 + 3 * a2 + 2) >> 2;
  if (p < 1) p = 1;
  else if (p > 4095) p = 4095;
  pr = p;
  const ahead = apm2 + (<usize>((((c1 << 8) | (c << 1)) & (apm2Mask - 1)) * 33) << 1);
  touched = touched + <i32>load<u16>(ahead) + <i32>load<u16>(ahead, 64) + <i32>load<u16>(ahead, 130);
}

function beginByte(byte: i32): void {
  classes = (classes << 4) | <u32>load<u8>(CHARACTER_CLASS + <usize>byte);
  c8 = (c8 << 8) | (c4 >> 24);
  c4 = (c4 << 8) | <u32>byte;
  store<u8>(history + <usize>(pos & historyMask), <u8>byte);
  pos++;
  const lower = byte >= 65 && byte <= 90 ? byte + 32 : byte;
  if ((lower >= 97 && lower <= 122) || byte >= 128) {
    word = (word ^ <u32>lower) * 0x2f0b4c27 + 1;
  } else if (word != 0) {
    previousWord = word;
    word = 0;
  }
  if (byte == 10) {
    lineAbove = pos - 1 - column;
    column = 0;
  } else column++;
  hashContexts();
  updateMatch(byte);
}

function updateMatch(byte: i32): void {
  if (matchLength > 0 && matchByte == byte) {
    matchLength++;
    matchPtr++;
  } else matchLength = 0;
  if (pos < MATCH_ORDER) return;
  const h = fmix32(c4 ^ ((c8 & 0xffff) * 0x9e3779b1)) & matchMask;
  const slot = matchTable + (<usize>h << 2);
  if (matchLength == 0) {
    const candidate = load<i32>(slot);
    if (candidate > 0 && pos - candidate < historyLength) {
      let n = 0;
      while (
        n < 32 &&
        n < candidate &&
        load<u8>(history + <usize>((candidate - 1 - n) & historyMask)) == load<u8>(history + <usize>((pos - 1 - n) & historyMask))
      )
        n++;
      if (n >= MATCH_ORDER) {
        matchLength = n;
        matchPtr = candidate;
      }
    }
  }
  store<i32>(slot, pos);
  if (matchLength > 0) {
    if (matchLength > 65535) matchLength = 65535;
    matchByte = <i32>load<u8>(history + <usize>(matchPtr & historyMask));
  }
}

function hashContexts(): void {
  const c1 = c4 & 0xff;
  if (classContext) {
    store<u32>(HASHES, hash2(1, c4 & 0xffff));
    store<u32>(HASHES + 4, hash2(hash2(16, classes & 0xfffffff0), c1));
  } else {
    store<u32>(HASHES, c1 | 0x100);
    store<u32>(HASHES + 4, hash2(1, c4 & 0xffff));
  }
  store<u32>(HASHES + 8, hash2(2, c4 & 0xffffff));
  store<u32>(HASHES + 12, hash2(3, c4));
  store<u32>(HASHES + 16, hash2(hash2(5, word), c1));
  store<u32>(HASHES + 20, hash2(hash2(6, word), previousWord));
  const above = <u32>load<u8>(history + <usize>((lineAbove + column) & historyMask));
  store<u32>(HASHES + 24, hash2(hash2(7, above), (c1 << 8) | <u32>(column > 255 ? 255 : column)));
  if (revision5) {
    store<u32>(HASHES + 28, hash2(hash2(8, c8 & 0xffff), c4));
    apmBHash = <i32>(fmix32(hash2(9, c4 & 0xffff)) >> 8) & apm2Mask;
  }
  locate(0);
}

function locate(tag: i32): void {
  const tagHash = <u32>(tag + 1) * 0x6f4f2a35;
  let seen = 0;
  const own = tag == 0 ? nctx : ownLineContexts;
  for (let i = 0; i < own; i++) {
    const hh = fmix32(load<u32>(at32(HASHES, i)) + tagHash);
    store<i32>(at32(CHECKS, i), <i32>(hh >> 24));
    const line = table + ((<usize>(load<i32>(at32(REGION_START, i)) + <i32>(hh & <u32>load<i32>(at32(REGION_MASK, i)) & ~3))) << 4);
    store<i32>(at32(LINES, i), <i32>line);
    seen |= <i32>load<u8>(line);
  }
  touched = seen;
  if (tag != 0) {
    for (let i = ownLineContexts; i < nctx; i++) {
      const first = load<i32>(at32(BUCKET, i));
      let check = <i32>(fmix32(load<u32>(at32(HASHES, i)) + tagHash) >> 24);
      if (check == <i32>load<u8>(<usize>first)) check = (check + 1) & 255;
      store<i32>(at32(CHECKS, i), check);
      store<i32>(at32(LINES, i), first & ~63);
    }
  }
}

function probe(tag: i32): void {
  for (let i = 0; i < nctx; i++) {
    const check = load<i32>(at32(CHECKS, i));
    const line = load<i32>(at32(LINES, i));
    const mine = tag == 0 || i < ownLineContexts ? -1 : load<i32>(at32(BUCKET, i));
    let best = -1;
    let bestTotal = 1024;
    for (let b = line; b < line + 64; b += 16) {
      if (<i32>load<u8>(<usize>b) == check) {
        best = b;
        bestTotal = -1;
        break;
      }
      const seen = <i32>load<u8>(TOTAL + <usize>load<u8>(<usize>b + 1));
      if (seen < bestTotal && b != mine) {
        bestTotal = seen;
        best = b;
      }
    }
    if (bestTotal >= 0) {
      store<u64>(<usize>best, 0);
      store<u64>(<usize>best, 0, 8);
      store<u8>(<usize>best, <u8>check);
    }
    store<i32>(at32(BUCKET, i), best);
  }
}

/**
 * The whole coding-cost loop over the `length` input bytes (written at prepare()'s
 * address): each byte's bits, most significant first, predicted then learnt. Counts each
 * bit's probability of what came (p or 4096 − p) in the histogram, and, when `keep`, stores
 * each bit's p (uint16) at probabilitiesAddress(). Returns a hash of all the p.
 */
export function run(length: i32, keep: bool): u32 {
  let hash: u32 = 0;
  let out = probabilities;
  const input = inputBytes;
  for (let i = 0; i < length; i++) {
    const c = <i32>load<u8>(input + <usize>i);
    for (let k = 7; k >= 0; k--) {
      const bit = (c >> k) & 1;
      const p = pr;
      if (keep) {
        store<u16>(out, <u16>p);
        out += 2;
      }
      hash = (hash ^ <u32>p) * 0x01000193;
      const q = bit ? p : 4096 - p;
      const h = HISTOGRAM + (<usize>q << 2);
      store<u32>(h, load<u32>(h) + 1);
      advance(bit);
    }
  }
  return hash;
}

/** The loads that only warm the cache, kept observable so that they are not removed. */
export function touchedSum(): i32 {
  return touched;
}

// The range coder of src/coding/arithmetic/RangeEncoder.ts (G. N. N. Martin's, with LZMA's
// carry handling): there `low` and `range` are integers below 2^50 held exactly in doubles;
// here they are u64, the same integers, so the same bytes come out.
const RANGE_TOP: u64 = 1 << 48;
const RANGE_BOTTOM: u64 = 1 << 40;
const TOP_BYTE_FF: u64 = 0xff << 40;
let coderLow: u64 = 0;
let coderRange: u64 = RANGE_TOP;
let coderCache: i32 = 0;
let coderPending: i32 = 1;
let coderFirst: bool = true;
let coderOut: usize = 0;

function shiftLow(): void {
  const low = coderLow;
  const top = <i32>(low >> 40);
  if (low < TOP_BYTE_FF || low >= RANGE_TOP) {
    const carry = top >> 8;
    if (coderFirst) coderFirst = false;
    else store<u8>(coderOut++, <u8>((coderCache + carry) & 0xff));
    for (; coderPending > 1; coderPending--) store<u8>(coderOut++, <u8>((0xff + carry) & 0xff));
    coderPending = 0;
    coderCache = top & 0xff;
  }
  coderPending++;
  coderLow = (low & (RANGE_BOTTOM - 1)) << 8;
}

/**
 * Compresses the `length` input bytes (prepare()'s address) as one range-coded stream, as
 * encodeBitwise with a fresh RangeEncoder and its finish() do; returns the number of bytes
 * written at outputAddress().
 */
export function encode(length: i32): i32 {
  coderLow = 0;
  coderRange = RANGE_TOP;
  coderCache = 0;
  coderPending = 1;
  coderFirst = true;
  coderOut = outputBytes;
  const input = inputBytes;
  for (let i = 0; i < length; i++) {
    const c = <i32>load<u8>(input + <usize>i);
    for (let k = 7; k >= 0; k--) {
      const bit = (c >> k) & 1;
      const p1 = pr;
      const r = coderRange >> 12;
      if (bit) coderRange = r * <u64>p1;
      else {
        coderLow += r * <u64>p1;
        coderRange = r * <u64>(4096 - p1);
      }
      while (coderRange < RANGE_BOTTOM) {
        coderRange <<= 8;
        shiftLow();
      }
      advance(bit);
    }
  }
  coderLow = ((coderLow + RANGE_BOTTOM - 1) >> 40) << 40;
  shiftLow();
  if (coderPending > 1 || coderCache != 0) {
    coderLow = 0;
    shiftLow();
  }
  return <i32>(coderOut - outputBytes);
}

// A model is cloned by copying its memory: saveState() writes every mutable global (the
// layout and revision switches prepare() set, the model's state, the range coder's) at
// stateAddress(), all the rest being in memory already; the bytes [0, memory size) are copied
// into another instance of this module whose memory has grown to the same size, and its
// restoreState() reads them back (55 globals, 8 bytes each).

/** Where saveState() writes the globals (SAVED_STATE_BYTES bytes). */
export function stateAddress(): usize {
  return SAVED_STATE;
}

/** Writes every mutable global into memory at stateAddress(). */
export function saveState(): void {
  store<i32>(SAVED_STATE, bitHistoryCount, 0);
  store<i32>(SAVED_STATE, table, 8);
  store<i32>(SAVED_STATE, history, 16);
  store<i32>(SAVED_STATE, historyMask, 24);
  store<i32>(SAVED_STATE, historyLength, 32);
  store<i32>(SAVED_STATE, matchTable, 40);
  store<i32>(SAVED_STATE, matchMask, 48);
  store<i32>(SAVED_STATE, apm2, 56);
  store<i32>(SAVED_STATE, apm2Mask, 64);
  store<i32>(SAVED_STATE, apm2Entries, 72);
  store<i32>(SAVED_STATE, inputBytes, 80);
  store<i32>(SAVED_STATE, probabilities, 88);
  store<i32>(SAVED_STATE, dynamicEnd, 96);
  store<i32>(SAVED_STATE, outputBytes, 104);
  store<i32>(SAVED_STATE, extraBits, 112);
  store<i32>(SAVED_STATE, ownLineContexts, 120);
  store<i32>(SAVED_STATE, order0Limit, 128);
  store<i32>(SAVED_STATE, weightSets, 136);
  store<i32>(SAVED_STATE, touched, 144);
  store<i32>(SAVED_STATE, pos, 152);
  store<i32>(SAVED_STATE, matchPtr, 160);
  store<i32>(SAVED_STATE, matchLength, 168);
  store<i32>(SAVED_STATE, matchByte, 176);
  store<i32>(SAVED_STATE, matchSlot, 184);
  store<i32>(SAVED_STATE, weightBase, 192);
  store<i32>(SAVED_STATE, apm2Index, 200);
  store<i32>(SAVED_STATE, apmWeight, 208);
  store<i32>(SAVED_STATE, prMix, 216);
  store<i32>(SAVED_STATE, pr, 224);
  store<i32>(SAVED_STATE, c0, 232);
  store<i32>(SAVED_STATE, nibble, 240);
  store<i32>(SAVED_STATE, bitCount, 248);
  store<i32>(SAVED_STATE, c4, 256);
  store<i32>(SAVED_STATE, c8, 264);
  store<i32>(SAVED_STATE, word, 272);
  store<i32>(SAVED_STATE, previousWord, 280);
  store<i32>(SAVED_STATE, column, 288);
  store<i32>(SAVED_STATE, lineAbove, 296);
  store<i32>(SAVED_STATE, classes, 304);
  store<i32>(SAVED_STATE, coderCache, 312);
  store<i32>(SAVED_STATE, coderPending, 320);
  store<i32>(SAVED_STATE, coderOut, 328);
  store<i32>(SAVED_STATE, <i32>classContext, 336);
  store<i32>(SAVED_STATE, <i32>quadratic, 344);
  store<i32>(SAVED_STATE, <i32>coderFirst, 352);
  store<f64>(SAVED_STATE, learningRate, 360);
  store<u64>(SAVED_STATE, coderLow, 368);
  store<u64>(SAVED_STATE, coderRange, 376);
  store<i32>(SAVED_STATE, <i32>revision5, 384);
  store<i32>(SAVED_STATE, nctx, 392);
  store<i32>(SAVED_STATE, ninputs, 400);
  store<i32>(SAVED_STATE, stateMapLimit, 408);
  store<i32>(SAVED_STATE, apmB, 416);
  store<i32>(SAVED_STATE, apmBHash, 424);
  store<i32>(SAVED_STATE, apmBIndex, 432);
}

/** Reads every mutable global back from stateAddress() (after saveState(), here or in another instance's copied memory). */
export function restoreState(): void {
  bitHistoryCount = load<i32>(SAVED_STATE, 0);
  table = load<i32>(SAVED_STATE, 8);
  history = load<i32>(SAVED_STATE, 16);
  historyMask = load<i32>(SAVED_STATE, 24);
  historyLength = load<i32>(SAVED_STATE, 32);
  matchTable = load<i32>(SAVED_STATE, 40);
  matchMask = load<i32>(SAVED_STATE, 48);
  apm2 = load<i32>(SAVED_STATE, 56);
  apm2Mask = load<i32>(SAVED_STATE, 64);
  apm2Entries = load<i32>(SAVED_STATE, 72);
  inputBytes = load<i32>(SAVED_STATE, 80);
  probabilities = load<i32>(SAVED_STATE, 88);
  dynamicEnd = load<i32>(SAVED_STATE, 96);
  outputBytes = load<i32>(SAVED_STATE, 104);
  extraBits = load<i32>(SAVED_STATE, 112);
  ownLineContexts = load<i32>(SAVED_STATE, 120);
  order0Limit = load<i32>(SAVED_STATE, 128);
  weightSets = load<i32>(SAVED_STATE, 136);
  touched = load<i32>(SAVED_STATE, 144);
  pos = load<i32>(SAVED_STATE, 152);
  matchPtr = load<i32>(SAVED_STATE, 160);
  matchLength = load<i32>(SAVED_STATE, 168);
  matchByte = load<i32>(SAVED_STATE, 176);
  matchSlot = load<i32>(SAVED_STATE, 184);
  weightBase = load<i32>(SAVED_STATE, 192);
  apm2Index = load<i32>(SAVED_STATE, 200);
  apmWeight = load<i32>(SAVED_STATE, 208);
  prMix = load<i32>(SAVED_STATE, 216);
  pr = load<i32>(SAVED_STATE, 224);
  c0 = load<i32>(SAVED_STATE, 232);
  nibble = load<i32>(SAVED_STATE, 240);
  bitCount = load<i32>(SAVED_STATE, 248);
  c4 = load<i32>(SAVED_STATE, 256);
  c8 = load<i32>(SAVED_STATE, 264);
  word = load<i32>(SAVED_STATE, 272);
  previousWord = load<i32>(SAVED_STATE, 280);
  column = load<i32>(SAVED_STATE, 288);
  lineAbove = load<i32>(SAVED_STATE, 296);
  classes = load<i32>(SAVED_STATE, 304);
  coderCache = load<i32>(SAVED_STATE, 312);
  coderPending = load<i32>(SAVED_STATE, 320);
  coderOut = load<i32>(SAVED_STATE, 328);
  classContext = load<i32>(SAVED_STATE, 336) != 0;
  quadratic = load<i32>(SAVED_STATE, 344) != 0;
  coderFirst = load<i32>(SAVED_STATE, 352) != 0;
  learningRate = load<f64>(SAVED_STATE, 360);
  coderLow = load<u64>(SAVED_STATE, 368);
  coderRange = load<u64>(SAVED_STATE, 376);
  revision5 = load<i32>(SAVED_STATE, 384) != 0;
  nctx = load<i32>(SAVED_STATE, 392);
  ninputs = load<i32>(SAVED_STATE, 400);
  stateMapLimit = load<i32>(SAVED_STATE, 408);
  apmB = load<i32>(SAVED_STATE, 416);
  apmBHash = load<i32>(SAVED_STATE, 424);
  apmBIndex = load<i32>(SAVED_STATE, 432);
}
