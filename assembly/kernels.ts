// AssemblyScript source of the WebAssembly SIMD kernels (src/core/kernels/wasm*).
// Built by `npm run build:wasm` (part of `npm run build`, hence of `npm ci`) into
// src/core/kernels/wasm/kernelsWasmBinary.ts; the TypeScript kernels are the reference
// and the fallback, and the tests hold this one to them.
//
// Memory is managed by the caller (JavaScript) and imported (env.memory): the first 64 KiB
// page holds this module's constants; above it the caller places arrays, either its own
// (src/core/kernels/wasm/kernelArena.ts hands out typed arrays that live here, read and
// written in place) or staged copies of arrays that live elsewhere.

/**
 * a·b + c: in the FMA build (`--use FMA=1`, relaxed SIMD, assembly/build.mjs), one
 * f32x4.relaxed_madd, fused where the CPU has FMA (one rounding instead of two; the
 * runtime may still multiply then add, so results may differ between machines in the
 * last bit); otherwise mul then add.
 */
function madd(a: v128, b: v128, c: v128): v128 {
  // FMA is a compile-time constant of the FMA build (--use FMA=1), unknown to TypeScript.
  // eslint-disable-next-line @typescript-eslint/ban-ts-comment
  // @ts-ignore
  if (isDefined(FMA)) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/** a + b·c, fused as madd is. */
function addMul(a: v128, b: v128, c: v128): v128 {
  // eslint-disable-next-line @typescript-eslint/ban-ts-comment
  // @ts-ignore
  if (isDefined(FMA)) return f32x4.relaxed_madd(b, c, a);
  return f32x4.add(a, f32x4.mul(b, c));
}

/**
 * Inputs below this give exp 0: clamped here, k = round(x·log2 e) is −127, whose biased
 * exponent 0 makes 2^k exactly +0 (float32's normal range ends at −87.34; between the two
 * the result is a correctly scaled subnormal or 0).
 */
const EXP_CLAMP: f32 = -88.0;

/**
 * exp of four float32 lanes: k = round(x·log2 e), r = x − k·ln 2 in two parts (Cody–Waite,
 * |r| ≤ ln2/2), e^r ≈ 1 + r + r²·(c2 + c3·r + c4·r² + c5·r³) with near-minimax
 * coefficients (Lawson-weighted least squares on Chebyshev nodes; relative error
 * 1.05e-7, 2e-7 with float32 rounding), times 2^k built in the exponent bits.
 * NaN gives NaN, −Infinity gives 0. `c` points at EXP_CONSTANTS.
 */
function expLanes(x: v128, c: usize): v128 {
  // pmax (one maxps) keeps a NaN in x, since NaN < c is false.
  const xc = f32x4.pmax(x, v128.load(c, 0));
  // Adding 1.5·2^23 rounds to an integer held in the low mantissa bits: k as a float by
  // subtracting it again; k + 127, the biased exponent of 2^k, by subtracting the bits of
  // 1.5·2^23 − 127 from its bits. Cheaper on x64 than f32x4.nearest and a conversion.
  const shifted = f32x4.add(f32x4.mul(xc, v128.load(c, 16)), v128.load(c, 32));
  const k = f32x4.sub(shifted, v128.load(c, 32));
  const pow2k = i32x4.shl(i32x4.sub(shifted, v128.load(c, 144)), 23);
  let r = f32x4.sub(xc, f32x4.mul(k, v128.load(c, 48)));
  r = f32x4.add(r, f32x4.mul(k, v128.load(c, 64)));
  let p = v128.load(c, 80);
  p = f32x4.add(f32x4.mul(p, r), v128.load(c, 96));
  p = f32x4.add(f32x4.mul(p, r), v128.load(c, 112));
  p = f32x4.add(f32x4.mul(p, r), v128.load(c, 128));
  p = f32x4.add(f32x4.add(f32x4.mul(p, f32x4.mul(r, r)), r), v128.load(c, 160));
  return f32x4.mul(p, pow2k);
}

/**
 * The constants of expLanes, four lanes each, read from memory rather than written as
 * v128.const, which V8 rebuilds in every loop iteration. Byte offsets: 0 clamp, 16 log2 e,
 * 32 1.5·2^23, 48 ln 2 high part, 64 ln 2 low part (negated), 80 c5, 96 c4, 112 c3,
 * 128 c2, 144 1.5·2^23 − 127 (bit pattern 0x4B3FFF81), 160 one.
 */
const EXP_CONSTANTS: usize = memory.data<f32>([
  EXP_CLAMP, EXP_CLAMP, EXP_CLAMP, EXP_CLAMP,
  1.4426950408889634, 1.4426950408889634, 1.4426950408889634, 1.4426950408889634,
  12582912, 12582912, 12582912, 12582912,
  0.693359375, 0.693359375, 0.693359375, 0.693359375,
  2.12194440e-4, 2.12194440e-4, 2.12194440e-4, 2.12194440e-4,
  8.3125252277e-3, 8.3125252277e-3, 8.3125252277e-3, 8.3125252277e-3,
  4.1890114546e-2, 4.1890114546e-2, 4.1890114546e-2, 4.1890114546e-2,
  1.6667114198e-1, 1.6667114198e-1, 1.6667114198e-1, 1.6667114198e-1,
  4.9999231100e-1, 4.9999231100e-1, 4.9999231100e-1, 4.9999231100e-1,
  12582785, 12582785, 12582785, 12582785,
  1, 1, 1, 1,
], 16);

/** Vectors of exponentials summed in float32 before one promotion to the f64 sums. */
const BLOCK_BYTES: usize = 16 * 16;

/** Lane indices 0…3 as i32 lanes (read from memory, see EXP_CONSTANTS). */
const LANES: usize = memory.data<i32>([0, 1, 2, 3], 16);

/**
 * The constants of expNeg, four lanes each, at byte offsets 0 clamp 88 (compared as an
 * i32, see expNeg), 16 −log2 e, 32 1.5·2^23 + 127, 48 ln 2 high part, 64 ln 2 minus it,
 * 80 −c5, 96 c4, 112 −c3, 128 c2 (the coefficients of expLanes, odd ones negated because
 * the polynomial is taken at −r).
 */
const EXP_NEG_CONSTANTS: usize = memory.data<f32>([
  88, 88, 88, 88,
  -1.4426950408889634, -1.4426950408889634, -1.4426950408889634, -1.4426950408889634,
  12583039, 12583039, 12583039, 12583039,
  0.693359375, 0.693359375, 0.693359375, 0.693359375,
  -2.12194440e-4, -2.12194440e-4, -2.12194440e-4, -2.12194440e-4,
  -8.3125252277e-3, -8.3125252277e-3, -8.3125252277e-3, -8.3125252277e-3,
  4.1890114546e-2, 4.1890114546e-2, 4.1890114546e-2, 4.1890114546e-2,
  -1.6667114198e-1, -1.6667114198e-1, -1.6667114198e-1, -1.6667114198e-1,
  4.9999231100e-1, 4.9999231100e-1, 4.9999231100e-1, 4.9999231100e-1,
], 16);

/**
 * exp(−n) of four lanes with n ≥ 0 and not NaN (n = m − x_j, the distance below a row's
 * maximum), with the same reduction and coefficients as expLanes (relative error 1.8e-7
 * with float32 rounding) in fewer operations (the softmax loop is bound by them):
 *
 * - the clamp is an i32 minimum: bit patterns of floats ≥ 0 order like the floats, and
 *   n ≤ 88 keeps k ≥ −127 (n = +Infinity, from a logit of −Infinity, becomes 88, then 0);
 *   only NaN would be mistaken, which is why the callers rule it out first;
 * - s = 1.5·2^23 + 127 + round(−n·log2 e) holds k + 127 in its low 9 bits, so 2^k is
 *   s << 23 alone (k = −127 gives the bit pattern 0, exactly +0);
 * - e^−v, v = n + k·ln 2 = −r, is (v²·q(v) − v) + 1 with q by Horner from the odd-negated
 *   coefficients: every step is the negation of expLanes' step at r, so the result has
 *   the same bits (up to exact ties in the rounding of k). Estrin's split of q measured
 *   1% faster, with a worst relative error of 1.821e-7 against 1.814e-7 over every float32
 *   input in [−87.34, 0]: not worth a worse exp.
 *
 * The constants are loaded here, inside the loops, on purpose: V8 gives wasm SIMD 15
 * registers, ten hoisted constants crowd out the running sums, which then go through the
 * stack every step (slower than the reloads, which cost no arithmetic).
 */
function expNeg(n: v128): v128 {
  // eslint-disable-next-line @typescript-eslint/ban-ts-comment
  // @ts-ignore: FMA is defined by the FMA build's --use FMA=1
  if (isDefined(FMA)) return expNegFused(n);
  const c = EXP_NEG_CONSTANTS;
  const a = i32x4.min_s(n, v128.load(c, 0));
  const shift = v128.load(c, 32);
  const s = f32x4.add(f32x4.mul(a, v128.load(c, 16)), shift);
  const k = f32x4.sub(s, shift);
  const pow2k = i32x4.shl(s, 23);
  // k·(ln 2 high part) is exact (9 bits times at most 8) and so is a plus it (Sterbenz).
  const v = f32x4.add(f32x4.add(a, f32x4.mul(k, v128.load(c, 48))), f32x4.mul(k, v128.load(c, 64)));
  let q = f32x4.add(f32x4.mul(v128.load(c, 80), v), v128.load(c, 96));
  q = f32x4.add(f32x4.mul(q, v), v128.load(c, 112));
  q = f32x4.add(f32x4.mul(q, v), v128.load(c, 128));
  const p = f32x4.add(f32x4.sub(f32x4.mul(q, f32x4.mul(v, v)), v), f32x4.splat(1));
  return f32x4.mul(p, pow2k);
}

/**
 * expNeg in the FMA build: the same reduction and coefficients, the polynomial by Horner
 * to the end, e^−v = (q·v − 1)·v + 1 with q = c2 − c3·v + c4·v² − c5·v³, each step one
 * fused multiply–add: two operations fewer than (v²·q − v) + 1 fused, which needs v² and
 * −v (1–4% faster at (4096, 1000) on Node 24). The last step rounds once, after the exact
 * product of (q·v − 1) and v: the worst relative error over every float32 input in
 * [−87.34, 0] is 1.766e-7 (1.814e-7 without FMA, 1.838e-7 with FMA in expNeg's order).
 */
function expNegFused(n: v128): v128 {
  const c = EXP_NEG_CONSTANTS;
  // −1 and 1, four lanes each: constants of this build only, so the plain one is unchanged.
  const ends = memory.data<f32>([-1, -1, -1, -1, 1, 1, 1, 1], 16);
  const a = i32x4.min_s(n, v128.load(c, 0));
  const shift = v128.load(c, 32);
  const s = madd(a, v128.load(c, 16), shift);
  const k = f32x4.sub(s, shift);
  const pow2k = i32x4.shl(s, 23);
  const v = addMul(addMul(a, k, v128.load(c, 48)), k, v128.load(c, 64));
  let q = madd(v128.load(c, 80), v, v128.load(c, 96));
  q = madd(q, v, v128.load(c, 112));
  q = madd(q, v, v128.load(c, 128));
  q = madd(q, v, v128.load(ends, 0));
  return f32x4.mul(madd(q, v, v128.load(ends, 16)), pow2k);
}

/** The four f32 lanes of v summed in f64. */
function sumLanes(v: v128): f64 {
  const a = f64x2.add(f64x2.promote_low_f32x4(v), f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)));
  return f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1);
}

/**
 * Σ e_j over the vectors of bytes [from, to) of a row (multiples of 16), e_j =
 * exp(m − x_j) with m in every lane of `vmax`, storing each e_j at the same offset from
 * `g` when `store`. At most sixteen vectors (64 values, each ≤ 1) are summed in float32,
 * relative error ≤ 16·2^−24 ≈ 1e-6, before they join the f64 sum that carries the span.
 * A function of its own (Binaryen does not inline it) on purpose: V8 then allocates
 * registers for this loop alone, measured 7% faster at (4096, 1000) than the same loop
 * inlined into the row function.
 */
function expSpan(x: usize, g: usize, from: usize, to: usize, vmax: v128, store: bool): f64 {
  let acc = f64x2.splat(0);
  let i = from;
  while (i < to) {
    const blockEnd = min(i + BLOCK_BYTES, to);
    let block = f32x4.splat(0);
    // Four vectors a step, then two, then one: independent exponentials in flight, one
    // running sum (a second one costs a register V8 does not have).
    for (; i + 64 <= blockEnd; i += 64) {
      const e0 = expNeg(f32x4.sub(vmax, v128.load(x + i)));
      const e1 = expNeg(f32x4.sub(vmax, v128.load(x + i, 16)));
      const e2 = expNeg(f32x4.sub(vmax, v128.load(x + i, 32)));
      const e3 = expNeg(f32x4.sub(vmax, v128.load(x + i, 48)));
      if (store) {
        v128.store(g + i, e0);
        v128.store(g + i, e1, 16);
        v128.store(g + i, e2, 32);
        v128.store(g + i, e3, 48);
      }
      block = f32x4.add(block, f32x4.add(f32x4.add(e0, e1), f32x4.add(e2, e3)));
    }
    if (i + 32 <= blockEnd) {
      const e0 = expNeg(f32x4.sub(vmax, v128.load(x + i)));
      const e1 = expNeg(f32x4.sub(vmax, v128.load(x + i, 16)));
      if (store) {
        v128.store(g + i, e0);
        v128.store(g + i, e1, 16);
      }
      block = f32x4.add(block, f32x4.add(e0, e1));
      i += 32;
    }
    if (i < blockEnd) {
      const e = expNeg(f32x4.sub(vmax, v128.load(x + i)));
      if (store) v128.store(g + i, e);
      block = f32x4.add(block, e);
      i += 16;
    }
    acc = f64x2.add(acc, f64x2.add(f64x2.promote_low_f32x4(block), f64x2.promote_low_f32x4(v128.shuffle<f32>(block, block, 2, 3, 0, 1))));
  }
  return f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
}

/**
 * Σ_{j≠t} e_j over the whole vectors of a long row (bytes [0, vecEnd)), stored at g when
 * `store`: the row is split at the target's vector (tVecByte, which may be vecEnd when
 * the target is in the tail), so that only that vector masks a lane (`targetLane`) and
 * the loops over the others (expSpan) compare nothing.
 */
function expLongRow(x: usize, g: usize, vecEnd: usize, vmax: v128, tVecByte: usize, targetLane: v128, store: bool): f64 {
  if (tVecByte >= vecEnd) return expSpan(x, g, 0, vecEnd, vmax, store);
  let others = expSpan(x, g, 0, tVecByte, vmax, store);
  const e = expNeg(f32x4.sub(vmax, v128.load(x + tVecByte)));
  if (store) v128.store(g + tVecByte, e);
  others += sumLanes(v128.andnot(e, targetLane));
  return others + expSpan(x, g, tVecByte + 16, vecEnd, vmax, store);
}

/**
 * The last 1–3 columns of a row as one vector: read whole, up to 12 bytes past the row
 * (the callers keep 16 bytes of slack after every array), its lanes past the row
 * (`tailPast`) as −Infinity, hence exp(m − x) = 0.
 */
function expTail(x: usize, vecEnd: usize, tailPast: v128, vmax: v128): v128 {
  return expNeg(f32x4.sub(vmax, v128.bitselect(f32x4.splat(-Infinity), v128.load(x + vecEnd), tailPast)));
}

/** Stores the first `tail` (1–3) lanes of e at p, and nothing past them. */
function storeTail(p: usize, e: v128, tail: i32): void {
  if (tail == 1) v128.store32_lane(p, e, 0);
  else {
    v128.store64_lane(p, e, 0);
    if (tail == 3) v128.store32_lane(p, e, 2, 8);
  }
}

/**
 * Softmax cross-entropy over `rows` float32 rows of `cols` logits at `logits`, read in
 * place (nothing is written there), with class-index targets (i32) at `targets`: rows
 * whose target equals `ignoreIndex` count nothing and get a zero gradient; the others are
 * weighted by w = weight[t] (f64 per class at `weight`, or 1 when `weight` is 0). Returns
 * Σ w·(−log softmax(x)_t) over the rows it computes (Neumaier-compensated), and when
 * `grad` ≠ 0 writes w·gradScale·(softmax(x) − onehot(t)) (f32) there. A row whose maximum
 * is not finite (±Infinity) or that holds a NaN is left to the caller: flags[r] = 1, else 0.
 *
 * Per row, three passes over memory that stays in cache between them: the maximum m
 * (with the NaN check); e_j = exp(m − x_j), stored into the gradient row and
 * summed in double lanes without the target's, so the sum is Σ_{j≠t} e_j = (1 − p_t)·s
 * and the target's gradient has no cancellation of p_t − 1; then the scaling by w·gradScale/s.
 */
export function softmaxCeRowsF32(
  logits: usize,
  targets: usize,
  weight: usize,
  ignoreIndex: i32,
  gradScale: f64,
  flags: usize,
  grad: usize,
  rows: i32,
  cols: i32,
): f64 {
  // Two loops, each a function of its own so that V8 allocates registers for each apart
  // (with both in one function, the long rows ran 7% slower).
  return (<usize>(cols & ~3) << 2) <= BLOCK_BYTES
    ? shortRowsF32(logits, targets, weight, ignoreIndex, gradScale, flags, grad, rows, cols)
    : longRowsF32(logits, targets, weight, ignoreIndex, gradScale, flags, grad, rows, cols);
}

/** softmaxCeRowsF32 for rows of at most sixteen whole vectors (cols < 68). */
function shortRowsF32(
  logits: usize,
  targets: usize,
  weight: usize,
  ignoreIndex: i32,
  gradScale: f64,
  flags: usize,
  grad: usize,
  rows: i32,
  cols: i32,
): f64 {
  const rowBytes = <usize>cols << 2;
  const vecEnd = <usize>(cols & ~3) << 2;
  const tail = cols & 3;
  const lanes = v128.load(LANES);
  // Lanes of the partial last vector that lie past the row: read as −Infinity.
  const tailPast = i32x4.ge_s(lanes, i32x4.splat(tail));
  const negInf = f32x4.splat(-Infinity);
  const absMask = i32x4.splat(0x7fffffff);
  let total: f64 = 0;
  let compensation: f64 = 0;
  for (let r = 0; r < rows; r++) {
    const x = logits + <usize>r * rowBytes;
    const g = grad + <usize>r * rowBytes;
    const t = load<i32>(targets + (<usize>r << 2));
    store<i32>(flags + (<usize>r << 2), 0);
    if (t == ignoreIndex) {
      if (grad != 0) memory.fill(g, 0, rowBytes);
      continue;
    }
    const w: f64 = weight == 0 ? 1.0 : load<f64>(weight + (<usize>t << 3));
    // Pass 1: the maximum (pmax passes NaN over), four running maxima so the compares do
    // not wait on each other; and the largest |x| as an i32 bit pattern, which exceeds
    // that of Infinity (0x7F800000) exactly when the row holds a NaN, of either sign.
    let vm = negInf;
    let vm1 = negInf;
    let vm2 = negInf;
    let vm3 = negInf;
    let absBits = i32x4.splat(0);
    let absBits1 = absBits;
    let i: usize = 0;
    for (; i + 64 <= vecEnd; i += 64) {
      const a = v128.load(x + i);
      const b = v128.load(x + i, 16);
      const c = v128.load(x + i, 32);
      const d = v128.load(x + i, 48);
      vm = f32x4.pmax(vm, a);
      vm1 = f32x4.pmax(vm1, b);
      vm2 = f32x4.pmax(vm2, c);
      vm3 = f32x4.pmax(vm3, d);
      absBits = i32x4.max_s(absBits, i32x4.max_s(v128.and(a, absMask), v128.and(b, absMask)));
      absBits1 = i32x4.max_s(absBits1, i32x4.max_s(v128.and(c, absMask), v128.and(d, absMask)));
    }
    for (; i < vecEnd; i += 16) {
      const a = v128.load(x + i);
      vm = f32x4.pmax(vm, a);
      absBits = i32x4.max_s(absBits, v128.and(a, absMask));
    }
    if (tail != 0) {
      const a = v128.bitselect(negInf, v128.load(x + vecEnd), tailPast);
      vm1 = f32x4.pmax(vm1, a);
      absBits1 = i32x4.max_s(absBits1, v128.and(a, absMask));
    }
    vm = f32x4.pmax(f32x4.pmax(vm, vm1), f32x4.pmax(vm2, vm3));
    vm = f32x4.pmax(vm, v128.shuffle<f32>(vm, vm, 2, 3, 0, 1));
    vm = f32x4.pmax(vm, v128.shuffle<f32>(vm, vm, 1, 0, 3, 2));
    absBits = i32x4.max_s(absBits, absBits1);
    absBits = i32x4.max_s(absBits, v128.shuffle<i32>(absBits, absBits, 2, 3, 0, 1));
    absBits = i32x4.max_s(absBits, v128.shuffle<i32>(absBits, absBits, 1, 0, 3, 2));
    const m = f32x4.extract_lane(vm, 0);
    if (!isFinite(m) || i32x4.extract_lane(absBits, 0) > 0x7f800000) {
      store<i32>(flags + (<usize>r << 2), 1);
      continue;
    }
    const tByte = <usize>t << 2;
    const xtF32 = load<f32>(x + tByte);
    const xt: f64 = <f64>xtF32 - <f64>m;
    const targetLane = i32x4.eq(lanes, i32x4.splat(t & 3));
    const tVecByte = tByte & ~15;
    // Pass 2: e_j = exp(m − x_j) into the gradient row, and others = Σ_{j≠t} e_j in one
    // float32 sum (at most 17 vectors), the target's lane masked by a compare per vector.
    let block = f32x4.splat(0);
    for (i = 0; i < vecEnd; i += 16) {
      let e = expNeg(f32x4.sub(vm, v128.load(x + i)));
      if (grad != 0) v128.store(g + i, e);
      if (i == tVecByte) e = v128.andnot(e, targetLane);
      block = f32x4.add(block, e);
    }
    if (tail != 0) {
      let e = expTail(x, vecEnd, tailPast, vm);
      if (grad != 0) storeTail(g + vecEnd, e, tail);
      if (tVecByte == vecEnd) e = v128.andnot(e, targetLane);
      block = f32x4.add(block, e);
    }
    const others = sumLanes(block);
    // The target's e_t: pass 2 stored it; without a gradient row, the same lane
    // arithmetic on m − x_t (float32, as in pass 2) gives the same bits.
    const et: f64 = grad != 0 ? <f64>load<f32>(g + tByte) : <f64>f32x4.extract_lane(expNeg(f32x4.splat(m - xtF32)), 0);
    const s = others + et;
    // −log p_t = log s − (x_t − m), or log1p(others) when the target is the maximum.
    const rowLoss: f64 = xt == 0 ? Math.log1p(others) : Math.log(s) - xt;
    const term: f64 = w == 0 ? 0 : w * rowLoss;
    // Neumaier: whichever of the total and the term is larger keeps its bits.
    const sum = total + term;
    compensation += Math.abs(total) >= Math.abs(term) ? total - sum + term : term - sum + total;
    total = sum;
    if (grad != 0) {
      // Pass 3.
      const c = w * gradScale;
      const cs = <f32>(c / s);
      const vc = f32x4.splat(cs);
      i = 0;
      for (; i < vecEnd; i += 16) v128.store(g + i, f32x4.mul(v128.load(g + i), vc));
      for (; i < rowBytes; i += 4) store<f32>(g + i, load<f32>(g + i) * cs);
      store<f32>(g + tByte, <f32>(-(c * (others / s))));
    }
  }
  return isFinite(total) ? total + compensation : total;
}


/** softmaxCeRowsF32 for longer rows. */
function longRowsF32(
  logits: usize,
  targets: usize,
  weight: usize,
  ignoreIndex: i32,
  gradScale: f64,
  flags: usize,
  grad: usize,
  rows: i32,
  cols: i32,
): f64 {
  const rowBytes = <usize>cols << 2;
  const vecEnd = <usize>(cols & ~3) << 2;
  const tail = cols & 3;
  const lanes = v128.load(LANES);
  // Lanes of the partial last vector that lie past the row: read as −Infinity.
  const tailPast = i32x4.ge_s(lanes, i32x4.splat(tail));
  const negInf = f32x4.splat(-Infinity);
  const absMask = i32x4.splat(0x7fffffff);
  let total: f64 = 0;
  let compensation: f64 = 0;
  for (let r = 0; r < rows; r++) {
    const x = logits + <usize>r * rowBytes;
    const g = grad + <usize>r * rowBytes;
    const t = load<i32>(targets + (<usize>r << 2));
    store<i32>(flags + (<usize>r << 2), 0);
    if (t == ignoreIndex) {
      if (grad != 0) memory.fill(g, 0, rowBytes);
      continue;
    }
    const w: f64 = weight == 0 ? 1.0 : load<f64>(weight + (<usize>t << 3));
    // Pass 1: the maximum (pmax passes NaN over), four running maxima so the compares do
    // not wait on each other; and the largest |x| as an i32 bit pattern, which exceeds
    // that of Infinity (0x7F800000) exactly when the row holds a NaN, of either sign.
    let vm = negInf;
    let vm1 = negInf;
    let vm2 = negInf;
    let vm3 = negInf;
    let absBits = i32x4.splat(0);
    let absBits1 = absBits;
    let i: usize = 0;
    for (; i + 64 <= vecEnd; i += 64) {
      const a = v128.load(x + i);
      const b = v128.load(x + i, 16);
      const c = v128.load(x + i, 32);
      const d = v128.load(x + i, 48);
      vm = f32x4.pmax(vm, a);
      vm1 = f32x4.pmax(vm1, b);
      vm2 = f32x4.pmax(vm2, c);
      vm3 = f32x4.pmax(vm3, d);
      absBits = i32x4.max_s(absBits, i32x4.max_s(v128.and(a, absMask), v128.and(b, absMask)));
      absBits1 = i32x4.max_s(absBits1, i32x4.max_s(v128.and(c, absMask), v128.and(d, absMask)));
    }
    for (; i < vecEnd; i += 16) {
      const a = v128.load(x + i);
      vm = f32x4.pmax(vm, a);
      absBits = i32x4.max_s(absBits, v128.and(a, absMask));
    }
    if (tail != 0) {
      const a = v128.bitselect(negInf, v128.load(x + vecEnd), tailPast);
      vm1 = f32x4.pmax(vm1, a);
      absBits1 = i32x4.max_s(absBits1, v128.and(a, absMask));
    }
    vm = f32x4.pmax(f32x4.pmax(vm, vm1), f32x4.pmax(vm2, vm3));
    vm = f32x4.pmax(vm, v128.shuffle<f32>(vm, vm, 2, 3, 0, 1));
    vm = f32x4.pmax(vm, v128.shuffle<f32>(vm, vm, 1, 0, 3, 2));
    absBits = i32x4.max_s(absBits, absBits1);
    absBits = i32x4.max_s(absBits, v128.shuffle<i32>(absBits, absBits, 2, 3, 0, 1));
    absBits = i32x4.max_s(absBits, v128.shuffle<i32>(absBits, absBits, 1, 0, 3, 2));
    const m = f32x4.extract_lane(vm, 0);
    if (!isFinite(m) || i32x4.extract_lane(absBits, 0) > 0x7f800000) {
      store<i32>(flags + (<usize>r << 2), 1);
      continue;
    }
    const tByte = <usize>t << 2;
    const xtF32 = load<f32>(x + tByte);
    const xt: f64 = <f64>xtF32 - <f64>m;
    const targetLane = i32x4.eq(lanes, i32x4.splat(t & 3));
    const tVecByte = tByte & ~15;
    // Pass 2: e_j = exp(m − x_j) into the gradient row, and others = Σ_{j≠t} e_j.
    // (Two call sites, so that Binaryen keeps expLongRow a function: see expSpan.)
    let others = grad != 0
      ? expLongRow(x, g, vecEnd, vm, tVecByte, targetLane, true)
      : expLongRow(x, 0, vecEnd, vm, tVecByte, targetLane, false);
    if (tail != 0) {
      let e = expTail(x, vecEnd, tailPast, vm);
      if (grad != 0) storeTail(g + vecEnd, e, tail);
      if (tVecByte == vecEnd) e = v128.andnot(e, targetLane);
      others += sumLanes(e);
    }
    // The target's e_t: pass 2 stored it; without a gradient row, the same lane
    // arithmetic on m − x_t (float32, as in pass 2) gives the same bits.
    const et: f64 = grad != 0 ? <f64>load<f32>(g + tByte) : <f64>f32x4.extract_lane(expNeg(f32x4.splat(m - xtF32)), 0);
    const s = others + et;
    // −log p_t = log s − (x_t − m), or log1p(others) when the target is the maximum.
    const rowLoss: f64 = xt == 0 ? Math.log1p(others) : Math.log(s) - xt;
    const term: f64 = w == 0 ? 0 : w * rowLoss;
    // Neumaier: whichever of the total and the term is larger keeps its bits.
    const sum = total + term;
    compensation += Math.abs(total) >= Math.abs(term) ? total - sum + term : term - sum + total;
    total = sum;
    if (grad != 0) {
      // Pass 3.
      const c = w * gradScale;
      const cs = <f32>(c / s);
      const vc = f32x4.splat(cs);
      i = 0;
      for (; i < vecEnd; i += 16) v128.store(g + i, f32x4.mul(v128.load(g + i), vc));
      for (; i < rowBytes; i += 4) store<f32>(g + i, load<f32>(g + i) * cs);
      store<f32>(g + tByte, <f32>(-(c * (others / s))));
    }
  }
  return isFinite(total) ? total + compensation : total;
}

/**
 * Binary cross-entropy with logits over n float32 values at `x` with float32 targets at
 * `z`: returns Σ ℓ_i (f64) with ℓ = max(x, 0) − x·z + log1p(e^−|x|), and when `grad` ≠ 0
 * writes scale·(σ(x) − z) (f32) there. `n` is a multiple of 4 (the caller does the rest).
 *
 * Written so that no float32 step cancels for targets in [0, 1]: ℓ = (1 − z)·x + log1p u
 * for x ≥ 0 and −z·x + log1p u for x < 0 (sums of nonnegative terms), and
 * σ(x) − z = (1 − z) − u/(1 + u) for x ≥ 0, u/(1 + u) − z for x < 0, with u = e^−|x|.
 * log1p u = 2·atanh(s), s = u/(2 + u) ≤ 1/3, by its series to s¹³/13 (truncation below
 * 2·(1/3)^15/15 ≈ 1e-8 relative). Where a soft target nearly equals σ(x), σ(x) − z keeps
 * float32's absolute accuracy (~1e-7·(σ + z)), not its relative one.
 */
export function bceWithLogitsF32(x: usize, z: usize, grad: usize, n: i32, scale: f32): f64 {
  const end = <usize>n << 2;
  const one = f32x4.splat(1);
  const two = f32x4.splat(2);
  const zero = f32x4.splat(0);
  const vscale = f32x4.splat(scale);
  let acc0 = f64x2.splat(0);
  let acc1 = f64x2.splat(0);
  let i: usize = 0;
  while (i < end) {
    const blockEnd = min(i + BLOCK_BYTES, end);
    let block = f32x4.splat(0);
    for (; i < blockEnd; i += 16) {
      const v = v128.load(x + i);
      const t = v128.load(z + i);
      const nonneg = f32x4.ge(v, zero);
      const u = expLanes(f32x4.neg(f32x4.abs(v)), EXP_CONSTANTS);
      const s = f32x4.div(u, f32x4.add(two, u));
      const s2 = f32x4.mul(s, s);
      let q = f32x4.splat(1.0 / 13.0);
      q = f32x4.add(f32x4.mul(q, s2), f32x4.splat(1.0 / 11.0));
      q = f32x4.add(f32x4.mul(q, s2), f32x4.splat(1.0 / 9.0));
      q = f32x4.add(f32x4.mul(q, s2), f32x4.splat(1.0 / 7.0));
      q = f32x4.add(f32x4.mul(q, s2), f32x4.splat(1.0 / 5.0));
      q = f32x4.add(f32x4.mul(q, s2), f32x4.splat(1.0 / 3.0));
      q = f32x4.add(f32x4.mul(q, s2), one);
      const log1pU = f32x4.mul(f32x4.add(s, s), q);
      const oneMinusT = f32x4.sub(one, t);
      const coef = v128.bitselect(oneMinusT, f32x4.neg(t), nonneg);
      block = f32x4.add(block, f32x4.add(f32x4.mul(coef, v), log1pU));
      if (grad != 0) {
        const su = f32x4.div(u, f32x4.add(one, u));
        const g = v128.bitselect(f32x4.sub(oneMinusT, su), f32x4.sub(su, t), nonneg);
        v128.store(grad + i, f32x4.mul(g, vscale));
      }
    }
    acc0 = f64x2.add(acc0, f64x2.promote_low_f32x4(block));
    acc1 = f64x2.add(acc1, f64x2.promote_low_f32x4(v128.shuffle<f32>(block, block, 2, 3, 0, 1)));
  }
  return f64x2.extract_lane(acc0, 0) + f64x2.extract_lane(acc0, 1) + (f64x2.extract_lane(acc1, 0) + f64x2.extract_lane(acc1, 1));
}
