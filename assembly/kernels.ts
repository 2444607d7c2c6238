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

/**
 * expLanes of two vectors at once, sharing each constant load between them (V8 does not
 * hoist the loads out of the loop), storing both at `dst` and dst + 16 unless dst is 0;
 * returns their lane-wise sum with the lanes where `mask0`/`mask1` are set left out.
 */
function expPairStore(x0: v128, x1: v128, c: usize, dst: usize, mask0: v128, mask1: v128): v128 {
  const clamp = v128.load(c, 0);
  const a0 = f32x4.pmax(x0, clamp);
  const a1 = f32x4.pmax(x1, clamp);
  const log2e = v128.load(c, 16);
  const shift = v128.load(c, 32);
  const s0 = f32x4.add(f32x4.mul(a0, log2e), shift);
  const s1 = f32x4.add(f32x4.mul(a1, log2e), shift);
  const k0 = f32x4.sub(s0, shift);
  const k1 = f32x4.sub(s1, shift);
  const bias = v128.load(c, 144);
  const p2k0 = i32x4.shl(i32x4.sub(s0, bias), 23);
  const p2k1 = i32x4.shl(i32x4.sub(s1, bias), 23);
  const hi = v128.load(c, 48);
  const lo = v128.load(c, 64);
  const r0 = f32x4.add(f32x4.sub(a0, f32x4.mul(k0, hi)), f32x4.mul(k0, lo));
  const r1 = f32x4.add(f32x4.sub(a1, f32x4.mul(k1, hi)), f32x4.mul(k1, lo));
  const c5 = v128.load(c, 80);
  const c4 = v128.load(c, 96);
  let p0 = f32x4.add(f32x4.mul(c5, r0), c4);
  let p1 = f32x4.add(f32x4.mul(c5, r1), c4);
  const c3 = v128.load(c, 112);
  p0 = f32x4.add(f32x4.mul(p0, r0), c3);
  p1 = f32x4.add(f32x4.mul(p1, r1), c3);
  const c2 = v128.load(c, 128);
  p0 = f32x4.add(f32x4.mul(p0, r0), c2);
  p1 = f32x4.add(f32x4.mul(p1, r1), c2);
  const one = v128.load(c, 160);
  p0 = f32x4.add(f32x4.add(f32x4.mul(p0, f32x4.mul(r0, r0)), r0), one);
  p1 = f32x4.add(f32x4.add(f32x4.mul(p1, f32x4.mul(r1, r1)), r1), one);
  const e0 = f32x4.mul(p0, p2k0);
  const e1 = f32x4.mul(p1, p2k1);
  if (dst != 0) {
    v128.store(dst, e0);
    v128.store(dst, e1, 16);
  }
  return f32x4.add(v128.andnot(e0, mask0), v128.andnot(e1, mask1));
}

/** exp of one float32, through lane 0. */
function expScalar(x: f32): f32 {
  return f32x4.extract_lane(expLanes(f32x4.splat(x), EXP_CONSTANTS), 0);
}

/** Vectors of exponentials summed in float32 before one promotion to the f64 sums. */
const BLOCK_BYTES: usize = 16 * 16;

/** Lane indices 0…3, and the lane count of a vector, as i32 lanes (read from memory, see EXP_CONSTANTS). */
const LANES: usize = memory.data<i32>([0, 1, 2, 3, 4, 4, 4, 4, 8, 8, 8, 8], 16);

/**
 * Softmax cross-entropy over `rows` float32 rows of `cols` logits at `logits`, read in
 * place (nothing is written there), with class-index targets (i32) at `targets`: rows
 * whose target equals `ignoreIndex` count nothing and get a zero gradient; the others are
 * weighted by w = weight[t] (f64 per class at `weight`, or 1 when `weight` is 0). Returns
 * Σ w·(−log softmax(x)_t) over the rows with a finite maximum (Neumaier-compensated), and
 * when `grad` ≠ 0 writes w·gradScale·(softmax(x) − onehot(t)) (f32) there. A row whose
 * maximum is not finite (±Infinity, NaN) is left to the caller: flags[r] = 1, else 0.
 *
 * Per row, three passes over memory that stays in cache between them: the maximum m;
 * e_j = exp(x_j − m), four lanes at a time (the last 1–3 columns as one partial vector,
 * which may read up to 12 bytes past the row: the callers keep 16 bytes of slack after
 * every array), stored into the gradient row and summed in double lanes with the target's
 * lane masked out, so the sum is Σ_{j≠t} e_j = (1 − p_t)·s and the target's gradient has
 * no cancellation of p_t − 1; then the scaling by w·gradScale/s.
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
  const rowBytes = <usize>cols << 2;
  const vecEnd = <usize>(cols & ~3) << 2;
  const tail = cols & 3;
  // Lanes of the partial last vector that lie past the row: forced to −Infinity (exp 0).
  const tailPast = i32x4.ge_s(v128.load(LANES), i32x4.splat(tail));
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
    // Pass 1: the maximum. pmax skips NaN here, but a NaN logit still makes its exponential
    // NaN in pass 2, so the loss and the whole gradient row come out NaN, as they should.
    // Four running maxima, so the compares do not wait on each other.
    let vm = f32x4.splat(-Infinity);
    let vm1 = vm;
    let vm2 = vm;
    let vm3 = vm;
    let i: usize = 0;
    for (; i + 64 <= vecEnd; i += 64) {
      vm = f32x4.pmax(vm, v128.load(x + i));
      vm1 = f32x4.pmax(vm1, v128.load(x + i, 16));
      vm2 = f32x4.pmax(vm2, v128.load(x + i, 32));
      vm3 = f32x4.pmax(vm3, v128.load(x + i, 48));
    }
    for (; i < vecEnd; i += 16) vm = f32x4.pmax(vm, v128.load(x + i));
    vm = f32x4.pmax(f32x4.pmax(vm, vm1), f32x4.pmax(vm2, vm3));
    let m: f32 = max(max(f32x4.extract_lane(vm, 0), f32x4.extract_lane(vm, 1)), max(f32x4.extract_lane(vm, 2), f32x4.extract_lane(vm, 3)));
    for (; i < rowBytes; i += 4) m = max(m, load<f32>(x + i));
    if (!isFinite(m)) {
      store<i32>(flags + (<usize>r << 2), 1);
      continue;
    }
    const xt: f64 = <f64>load<f32>(x + (<usize>t << 2)) - <f64>m;
    // Pass 2: e_j = exp(x_j − m) into the gradient row, summed in f64 lanes without the target's.
    const vmax = f32x4.splat(m);
    const tv = i32x4.splat(t);
    const four = v128.load(LANES, 16);
    const eight = v128.load(LANES, 32);
    let idx = v128.load(LANES);
    let acc0 = f64x2.splat(0);
    let acc1 = f64x2.splat(0);
    i = 0;
    // Sixteen vectors (64 values, each ≤ 1) are summed in float32 lanes, relative error
    // ≤ 16·2^−24 ≈ 1e-6, then added to the double sums, which carry the row.
    while (i < vecEnd) {
      const blockEnd = min(i + BLOCK_BYTES, vecEnd);
      let block = f32x4.splat(0);
      // Two vectors per step (see expPairStore), then at most one left over.
      for (; i + 32 <= blockEnd; i += 32) {
        const e2 = expPairStore(
          f32x4.sub(v128.load(x + i), vmax),
          f32x4.sub(v128.load(x + i, 16), vmax),
          EXP_CONSTANTS,
          grad != 0 ? g + i : 0,
          i32x4.eq(idx, tv),
          i32x4.eq(i32x4.add(idx, four), tv),
        );
        idx = i32x4.add(idx, eight);
        block = f32x4.add(block, e2);
      }
      if (i < blockEnd) {
        const e = expLanes(f32x4.sub(v128.load(x + i), vmax), EXP_CONSTANTS);
        if (grad != 0) v128.store(g + i, e);
        block = f32x4.add(block, v128.andnot(e, i32x4.eq(idx, tv)));
        idx = i32x4.add(idx, four);
        i += 16;
      }
      acc0 = f64x2.add(acc0, f64x2.promote_low_f32x4(block));
      acc1 = f64x2.add(acc1, f64x2.promote_low_f32x4(v128.shuffle<f32>(block, block, 2, 3, 0, 1)));
    }
    if (tail != 0) {
      // The last 1–3 columns as one vector; the lanes past the row give exp(−Infinity) = 0.
      const past = v128.bitselect(f32x4.splat(-Infinity), v128.load(x + vecEnd), tailPast);
      const e = expLanes(f32x4.sub(past, vmax), EXP_CONSTANTS);
      if (grad != 0) {
        store<f32>(g + vecEnd, f32x4.extract_lane(e, 0));
        if (tail > 1) store<f32>(g + vecEnd, f32x4.extract_lane(e, 1), 4);
        if (tail > 2) store<f32>(g + vecEnd, f32x4.extract_lane(e, 2), 8);
      }
      const kept = v128.andnot(e, i32x4.eq(idx, tv));
      acc0 = f64x2.add(acc0, f64x2.promote_low_f32x4(kept));
      acc1 = f64x2.add(acc1, f64x2.promote_low_f32x4(v128.shuffle<f32>(kept, kept, 2, 3, 0, 1)));
    }
    const others: f64 = f64x2.extract_lane(acc0, 0) + f64x2.extract_lane(acc0, 1) + (f64x2.extract_lane(acc1, 0) + f64x2.extract_lane(acc1, 1));
    const et: f64 = xt == 0 ? 1.0 : <f64>expScalar(<f32>xt);
    const s = others + et;
    // −log p_t = log s − (x_t − m), or log1p(others) when the target is the maximum.
    const rowLoss: f64 = xt == 0 ? Math.log1p(others) : Math.log(s) - xt;
    const term: f64 = w == 0 ? 0 : w * rowLoss;
    // Neumaier: whichever of the total and the term is larger keeps its bits.
    const sum = total + term;
    compensation += Math.abs(total) >= Math.abs(term) ? total - sum + term : term - sum + total;
    total = sum;
    if (grad != 0) {
      const c = w * gradScale;
      const cs = <f32>(c / s);
      const vc = f32x4.splat(cs);
      i = 0;
      for (; i < vecEnd; i += 16) v128.store(g + i, f32x4.mul(v128.load(g + i), vc));
      for (; i < rowBytes; i += 4) store<f32>(g + i, load<f32>(g + i) * cs);
      store<f32>(g + (<usize>t << 2), <f32>(-(c * (others / s))));
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
