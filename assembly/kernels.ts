// AssemblyScript source of the WebAssembly SIMD kernels (src/core/kernels/wasm*).
// Built by `npm run build:wasm` (part of `npm run build`, hence of `npm ci`) into
// src/core/kernels/wasm/kernelsWasmBinary.ts; the TypeScript kernels are the reference
// and the fallback, and the tests hold this one to them.
//
// Memory is managed by the caller (JavaScript): it stages rows of input into linear memory
// at addresses it chooses above the first page, calls a kernel, and copies results out.

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
 * returns their lane-wise sum.
 */
function expPairStore(x0: v128, x1: v128, c: usize, dst: usize): v128 {
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
  return f32x4.add(e0, e1);
}

/** exp of one float32 (the tail of a row), through lane 0. */
function expScalar(x: f32): f32 {
  return f32x4.extract_lane(expLanes(f32x4.splat(x), EXP_CONSTANTS), 0);
}

/** Vectors of exponentials summed in float32 before one promotion to the f64 sums. */
const BLOCK_BYTES: usize = 16 * 16;

/**
 * Softmax cross-entropy over `rows` float32 rows of `cols` logits at `logits`, class
 * index targets (i32; −1 = ignored row) at `targets`, per-row gradient coefficients
 * w[t]·scale (f64) at `coef`. Writes per row −log softmax(x)_t (f64) to `rowLoss`, and
 * when `grad` ≠ 0 the gradient coef·(softmax(x) − onehot(t)) (f32) to `grad`. A row
 * whose maximum is not finite (±Infinity, NaN) is left to the caller: flags[r] = 1.
 *
 * The staged logits are scratch: the target's logit is overwritten with −Infinity so
 * that the vector pass sums the other classes only, Σ_{j≠t} e_j = (1 − p_t)·s, from
 * which the target's gradient comes without the cancellation of p_t − 1.
 */
export function softmaxCeRowsF32(
  logits: usize,
  targets: usize,
  coef: usize,
  rowLoss: usize,
  flags: usize,
  grad: usize,
  rows: i32,
  cols: i32,
): void {
  const rowBytes = <usize>cols << 2;
  const vecEnd = <usize>(cols & ~3) << 2;
  for (let r = 0; r < rows; r++) {
    const x = logits + <usize>r * rowBytes;
    const g = grad + <usize>r * rowBytes;
    const t = load<i32>(targets + (<usize>r << 2));
    store<i32>(flags + (<usize>r << 2), 0);
    if (t < 0) {
      store<f64>(rowLoss + (<usize>r << 3), 0);
      if (grad != 0) memory.fill(g, 0, rowBytes);
      continue;
    }
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
    const tAddr = x + (<usize>t << 2);
    const xt: f64 = <f64>load<f32>(tAddr) - <f64>m;
    store<f32>(tAddr, -Infinity);
    // Pass 2: e_j = exp(x_j − m) into the gradient row, summed in f64 lanes.
    const vmax = f32x4.splat(m);
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
        const e2 = expPairStore(f32x4.sub(v128.load(x + i), vmax), f32x4.sub(v128.load(x + i, 16), vmax), EXP_CONSTANTS, grad != 0 ? g + i : 0);
        block = f32x4.add(block, e2);
      }
      if (i < blockEnd) {
        const e = expLanes(f32x4.sub(v128.load(x + i), vmax), EXP_CONSTANTS);
        if (grad != 0) v128.store(g + i, e);
        block = f32x4.add(block, e);
        i += 16;
      }
      acc0 = f64x2.add(acc0, f64x2.promote_low_f32x4(block));
      acc1 = f64x2.add(acc1, f64x2.promote_low_f32x4(v128.shuffle<f32>(block, block, 2, 3, 0, 1)));
    }
    let others: f64 = f64x2.extract_lane(acc0, 0) + f64x2.extract_lane(acc0, 1) + (f64x2.extract_lane(acc1, 0) + f64x2.extract_lane(acc1, 1));
    for (; i < rowBytes; i += 4) {
      const e = expScalar(load<f32>(x + i) - m);
      if (grad != 0) store<f32>(g + i, e);
      others += <f64>e;
    }
    const et: f64 = Math.exp(xt);
    const s = others + et;
    // −log p_t = log s − (x_t − m), or log1p(others) when the target is the maximum.
    store<f64>(rowLoss + (<usize>r << 3), xt == 0 ? Math.log1p(others) : Math.log(s) - xt);
    if (grad != 0) {
      const c = load<f64>(coef + (<usize>r << 3));
      const vc = f32x4.splat(<f32>(c / s));
      i = 0;
      for (; i < vecEnd; i += 16) v128.store(g + i, f32x4.mul(v128.load(g + i), vc));
      const cs = <f32>(c / s);
      for (; i < rowBytes; i += 4) store<f32>(g + i, load<f32>(g + i) * cs);
      store<f32>(g + (<usize>t << 2), <f32>(-(c * (others / s))));
    }
  }
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
