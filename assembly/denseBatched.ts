// The float32 dense layers of a whole mini-batch in WebAssembly SIMD: the matrix products
// of src/nn's batched trainer (src/nn/BatchedTrainer.ts, through
// src/core/kernels/denseBatchedWasm.ts), judged against referenceDenseKernels.ts.
// Compiled twice by assembly/buildDenseBatched.mjs from this one source: without FMA
// (every multiply–add a mul then an add, as in the rest of xent), and with `--use FMA=1`
// and relaxed SIMD, where madd is f32x4.relaxed_madd (one fused multiply–add where the
// CPU has it; the runtime may also do mul then add, so its results may differ from the
// plain build's in the last bits, and from one machine to another).
//
// Layout (all f32, byte offsets into the imported memory, which the caller sizes once):
// a layer of nIn inputs and nOut units keeps its weights input-major, wT[k · stride + j] =
// w[j, k], with stride = nOut rounded up to a multiple of four and the padding columns
// zero (they stay zero: every update of a padding column adds d · x with d = 0); rows of
// activations and of errors are `stride` wide too, so that every vector of four units is
// whole. Sums over the inputs run over k = 0 … nIn − 1 (or the nonzero list) in order,
// each output keeping one running sum; the bias is added last, as the reference does.

function madd(a: v128, b: v128, c: v128): v128 {
  // FMA is a compile-time constant of the FMA build (--use FMA=1), unknown to TypeScript.
  // eslint-disable-next-line @typescript-eslint/ban-ts-comment
  // @ts-ignore
  if (isDefined(FMA)) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

// z[b, j] = bias[j] + Σ_t wT[idx_t · stride + j] · val_t over row b's nonzero inputs t =
// rowStart[b] … rowStart[b + 1] − 1 in order, for every j < stride: the sparse first layer
// of an MNIST network, one example at a time (each nonzero input reads one contiguous row
// of weights), eight vectors of units per walk over the list.
export function sparseForward(wT: usize, stride: i32, idx: usize, val: usize, rowStart: usize, rows: i32, bias: usize, z: usize): void {
  const sb = <usize>stride << 2;
  for (let b: i32 = 0; b < rows; b++) {
    const t0 = load<i32>(rowStart + (<usize>b << 2));
    const t1 = load<i32>(rowStart + (<usize>(b + 1) << 2));
    const zRow = z + <usize>b * sb;
    let jo: usize = 0;
    for (; jo + 128 <= sb; jo += 128) {
      let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
      let s4 = f32x4.splat(0), s5 = f32x4.splat(0), s6 = f32x4.splat(0), s7 = f32x4.splat(0);
      for (let t = t0; t < t1; t++) {
        const p = wT + <usize>load<i32>(idx + (<usize>t << 2)) * sb + jo;
        const v = v128.load32_splat(val + (<usize>t << 2));
        s0 = madd(v128.load(p), v, s0);
        s1 = madd(v128.load(p, 16), v, s1);
        s2 = madd(v128.load(p, 32), v, s2);
        s3 = madd(v128.load(p, 48), v, s3);
        s4 = madd(v128.load(p, 64), v, s4);
        s5 = madd(v128.load(p, 80), v, s5);
        s6 = madd(v128.load(p, 96), v, s6);
        s7 = madd(v128.load(p, 112), v, s7);
      }
      const bp = bias + jo;
      const o = zRow + jo;
      v128.store(o, f32x4.add(v128.load(bp), s0));
      v128.store(o, f32x4.add(v128.load(bp, 16), s1), 16);
      v128.store(o, f32x4.add(v128.load(bp, 32), s2), 32);
      v128.store(o, f32x4.add(v128.load(bp, 48), s3), 48);
      v128.store(o, f32x4.add(v128.load(bp, 64), s4), 64);
      v128.store(o, f32x4.add(v128.load(bp, 80), s5), 80);
      v128.store(o, f32x4.add(v128.load(bp, 96), s6), 96);
      v128.store(o, f32x4.add(v128.load(bp, 112), s7), 112);
    }
    for (; jo + 32 <= sb; jo += 32) {
      let s0 = f32x4.splat(0), s1 = f32x4.splat(0);
      for (let t = t0; t < t1; t++) {
        const p = wT + <usize>load<i32>(idx + (<usize>t << 2)) * sb + jo;
        const v = v128.load32_splat(val + (<usize>t << 2));
        s0 = madd(v128.load(p), v, s0);
        s1 = madd(v128.load(p, 16), v, s1);
      }
      v128.store(zRow + jo, f32x4.add(v128.load(bias + jo), s0));
      v128.store(zRow + jo, f32x4.add(v128.load(bias + jo, 16), s1), 16);
    }
    for (; jo < sb; jo += 16) {
      let s0 = f32x4.splat(0);
      for (let t = t0; t < t1; t++) {
        const p = wT + <usize>load<i32>(idx + (<usize>t << 2)) * sb + jo;
        s0 = madd(v128.load(p), v128.load32_splat(val + (<usize>t << 2)), s0);
      }
      v128.store(zRow + jo, f32x4.add(v128.load(bias + jo), s0));
    }
  }
}

// wT[idx_t · stride + j] += d[b, j] · val_t for each row b in order and its nonzero inputs
// t in order, every j < stride: the SGD step of the sparse first layer (d holds the
// errors already scaled by −η/B), one example at a time, as the per-example path adds it.
export function sparseAddOuter(wT: usize, stride: i32, idx: usize, val: usize, rowStart: usize, rows: i32, d: usize): void {
  const sb = <usize>stride << 2;
  for (let b: i32 = 0; b < rows; b++) {
    const t0 = load<i32>(rowStart + (<usize>b << 2));
    const t1 = load<i32>(rowStart + (<usize>(b + 1) << 2));
    const dRow = d + <usize>b * sb;
    let jo: usize = 0;
    for (; jo + 128 <= sb; jo += 128) {
      const q = dRow + jo;
      const d0 = v128.load(q), d1 = v128.load(q, 16), d2 = v128.load(q, 32), d3 = v128.load(q, 48);
      const d4 = v128.load(q, 64), d5 = v128.load(q, 80), d6 = v128.load(q, 96), d7 = v128.load(q, 112);
      for (let t = t0; t < t1; t++) {
        const p = wT + <usize>load<i32>(idx + (<usize>t << 2)) * sb + jo;
        const v = v128.load32_splat(val + (<usize>t << 2));
        v128.store(p, madd(d0, v, v128.load(p)));
        v128.store(p, madd(d1, v, v128.load(p, 16)), 16);
        v128.store(p, madd(d2, v, v128.load(p, 32)), 32);
        v128.store(p, madd(d3, v, v128.load(p, 48)), 48);
        v128.store(p, madd(d4, v, v128.load(p, 64)), 64);
        v128.store(p, madd(d5, v, v128.load(p, 80)), 80);
        v128.store(p, madd(d6, v, v128.load(p, 96)), 96);
        v128.store(p, madd(d7, v, v128.load(p, 112)), 112);
      }
    }
    for (; jo < sb; jo += 16) {
      const d0 = v128.load(dRow + jo);
      for (let t = t0; t < t1; t++) {
        const p = wT + <usize>load<i32>(idx + (<usize>t << 2)) * sb + jo;
        v128.store(p, madd(d0, v128.load32_splat(val + (<usize>t << 2)), v128.load(p)));
      }
    }
  }
}

// bias[j] += Σ_b d[b, j], b = 0 … rows − 1 summed first (in order), for every j < stride.
export function addColumnSums(bias: usize, d: usize, rows: i32, stride: i32): void {
  const sb = <usize>stride << 2;
  for (let jo: usize = 0; jo < sb; jo += 16) {
    let s = f32x4.splat(0);
    for (let b: i32 = 0; b < rows; b++) s = f32x4.add(s, v128.load(d + <usize>b * sb + jo));
    v128.store(bias + jo, f32x4.add(v128.load(bias + jo), s));
  }
}

// z[b, j] = bias[j] + Σ_k a[b, k] · wT[k · stride + j], k = 0 … nIn − 1 in order, for rows
// b < rows and every j < stride; a's rows are aStride floats apart. Register blocks of four
// rows by eight units (eight accumulators; V8 gives wasm fifteen vector registers): each
// step loads two vectors of weights and four inputs (splatted) for eight multiply–adds.
export function denseForward(a: usize, aStride: i32, rows: i32, nIn: i32, wT: usize, stride: i32, bias: usize, z: usize): void {
  const sb = <usize>stride << 2;
  const ab = <usize>aStride << 2;
  let b: i32 = 0;
  for (; b + 3 < rows; b += 4) {
    const a0 = a + <usize>b * ab;
    const a1 = a0 + ab, a2 = a1 + ab, a3 = a2 + ab;
    const z0 = z + <usize>b * sb;
    let jo: usize = 0;
    for (; jo + 32 <= sb; jo += 32) {
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
      let w = wT + jo;
      for (let k: usize = 0, ke = <usize>nIn << 2; k < ke; k += 4, w += sb) {
        const w0 = v128.load(w), w1 = v128.load(w, 16);
        const x0 = v128.load32_splat(a0 + k);
        c00 = madd(x0, w0, c00);
        c01 = madd(x0, w1, c01);
        const x1 = v128.load32_splat(a1 + k);
        c10 = madd(x1, w0, c10);
        c11 = madd(x1, w1, c11);
        const x2 = v128.load32_splat(a2 + k);
        c20 = madd(x2, w0, c20);
        c21 = madd(x2, w1, c21);
        const x3 = v128.load32_splat(a3 + k);
        c30 = madd(x3, w0, c30);
        c31 = madd(x3, w1, c31);
      }
      const bv0 = v128.load(bias + jo), bv1 = v128.load(bias + jo, 16);
      const o = z0 + jo;
      v128.store(o, f32x4.add(bv0, c00));
      v128.store(o, f32x4.add(bv1, c01), 16);
      v128.store(o + sb, f32x4.add(bv0, c10));
      v128.store(o + sb, f32x4.add(bv1, c11), 16);
      v128.store(o + 2 * sb, f32x4.add(bv0, c20));
      v128.store(o + 2 * sb, f32x4.add(bv1, c21), 16);
      v128.store(o + 3 * sb, f32x4.add(bv0, c30));
      v128.store(o + 3 * sb, f32x4.add(bv1, c31), 16);
    }
    for (; jo < sb; jo += 16) {
      let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
      let w = wT + jo;
      for (let k: usize = 0, ke = <usize>nIn << 2; k < ke; k += 4, w += sb) {
        const w0 = v128.load(w);
        c0 = madd(v128.load32_splat(a0 + k), w0, c0);
        c1 = madd(v128.load32_splat(a1 + k), w0, c1);
        c2 = madd(v128.load32_splat(a2 + k), w0, c2);
        c3 = madd(v128.load32_splat(a3 + k), w0, c3);
      }
      const bv = v128.load(bias + jo);
      const o = z0 + jo;
      v128.store(o, f32x4.add(bv, c0));
      v128.store(o + sb, f32x4.add(bv, c1));
      v128.store(o + 2 * sb, f32x4.add(bv, c2));
      v128.store(o + 3 * sb, f32x4.add(bv, c3));
    }
  }
  for (; b < rows; b++) {
    const a0 = a + <usize>b * ab;
    const z0 = z + <usize>b * sb;
    let jo: usize = 0;
    for (; jo + 32 <= sb; jo += 32) {
      let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
      let w = wT + jo;
      for (let k: usize = 0, ke = <usize>nIn << 2; k < ke; k += 4, w += sb) {
        const x = v128.load32_splat(a0 + k);
        c0 = madd(x, v128.load(w), c0);
        c1 = madd(x, v128.load(w, 16), c1);
      }
      v128.store(z0 + jo, f32x4.add(v128.load(bias + jo), c0));
      v128.store(z0 + jo, f32x4.add(v128.load(bias + jo, 16), c1), 16);
    }
    for (; jo < sb; jo += 16) {
      let c0 = f32x4.splat(0);
      let w = wT + jo;
      for (let k: usize = 0, ke = <usize>nIn << 2; k < ke; k += 4, w += sb) c0 = madd(v128.load32_splat(a0 + k), v128.load(w), c0);
      v128.store(z0 + jo, f32x4.add(v128.load(bias + jo), c0));
    }
  }
}

// wT[k · stride + j] += Σ_b a[b, k] · d[b, j] (δᵀ·A, transposed into the input-major
// layout), b = 0 … rows − 1 summed first in order, then added to the weight, for k < nIn
// and every j < stride. Register blocks of four inputs by eight units: each step over b
// loads two vectors of errors and four inputs (splatted) for eight multiply–adds.
export function denseAddOuter(wT: usize, stride: i32, nIn: i32, a: usize, aStride: i32, rows: i32, d: usize): void {
  const sb = <usize>stride << 2;
  const ab = <usize>aStride << 2;
  const rb = <usize>rows * sb;
  let k: i32 = 0;
  for (; k + 3 < nIn; k += 4) {
    const ak = a + (<usize>k << 2);
    const w0 = wT + <usize>k * sb;
    let jo: usize = 0;
    for (; jo + 32 <= sb; jo += 32) {
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
      let x = ak;
      for (let q = d + jo, qe = d + jo + rb; q < qe; q += sb, x += ab) {
        const d0 = v128.load(q), d1 = v128.load(q, 16);
        const x0 = v128.load32_splat(x);
        c00 = madd(x0, d0, c00);
        c01 = madd(x0, d1, c01);
        const x1 = v128.load32_splat(x, 4);
        c10 = madd(x1, d0, c10);
        c11 = madd(x1, d1, c11);
        const x2 = v128.load32_splat(x, 8);
        c20 = madd(x2, d0, c20);
        c21 = madd(x2, d1, c21);
        const x3 = v128.load32_splat(x, 12);
        c30 = madd(x3, d0, c30);
        c31 = madd(x3, d1, c31);
      }
      const p = w0 + jo;
      v128.store(p, f32x4.add(v128.load(p), c00));
      v128.store(p, f32x4.add(v128.load(p, 16), c01), 16);
      v128.store(p + sb, f32x4.add(v128.load(p + sb), c10));
      v128.store(p + sb, f32x4.add(v128.load(p + sb, 16), c11), 16);
      v128.store(p + 2 * sb, f32x4.add(v128.load(p + 2 * sb), c20));
      v128.store(p + 2 * sb, f32x4.add(v128.load(p + 2 * sb, 16), c21), 16);
      v128.store(p + 3 * sb, f32x4.add(v128.load(p + 3 * sb), c30));
      v128.store(p + 3 * sb, f32x4.add(v128.load(p + 3 * sb, 16), c31), 16);
    }
    for (; jo < sb; jo += 16) {
      let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
      let x = ak;
      for (let q = d + jo, qe = d + jo + rb; q < qe; q += sb, x += ab) {
        const d0 = v128.load(q);
        c0 = madd(v128.load32_splat(x), d0, c0);
        c1 = madd(v128.load32_splat(x, 4), d0, c1);
        c2 = madd(v128.load32_splat(x, 8), d0, c2);
        c3 = madd(v128.load32_splat(x, 12), d0, c3);
      }
      const p = w0 + jo;
      v128.store(p, f32x4.add(v128.load(p), c0));
      v128.store(p + sb, f32x4.add(v128.load(p + sb), c1));
      v128.store(p + 2 * sb, f32x4.add(v128.load(p + 2 * sb), c2));
      v128.store(p + 3 * sb, f32x4.add(v128.load(p + 3 * sb), c3));
    }
  }
  for (; k < nIn; k++) {
    const ak = a + (<usize>k << 2);
    const w0 = wT + <usize>k * sb;
    for (let jo: usize = 0; jo < sb; jo += 16) {
      let c0 = f32x4.splat(0);
      let x = ak;
      for (let q = d + jo, qe = d + jo + rb; q < qe; q += sb, x += ab) c0 = madd(v128.load32_splat(x), v128.load(q), c0);
      v128.store(w0 + jo, f32x4.add(v128.load(w0 + jo), c0));
    }
  }
}

// The four lanes of each of v0 … v3 summed: [Σ v0, Σ v1, Σ v2, Σ v3], each as
// (l0 + l1) + (l2 + l3).
function sum4(v0: v128, v1: v128, v2: v128, v3: v128): v128 {
  const p0 = f32x4.add(v128.shuffle<f32>(v0, v1, 0, 2, 4, 6), v128.shuffle<f32>(v0, v1, 1, 3, 5, 7));
  const p1 = f32x4.add(v128.shuffle<f32>(v2, v3, 0, 2, 4, 6), v128.shuffle<f32>(v2, v3, 1, 3, 5, 7));
  return f32x4.add(v128.shuffle<f32>(p0, p1, 0, 2, 4, 6), v128.shuffle<f32>(p0, p1, 1, 3, 5, 7));
}

// The error of a hidden sigmoid layer from the next layer's (δ·W, then times σ'):
// e[b, k] = (Σ_j d[b, j] · wT[k · stride + j]) · act[b, k] · (1 − act[b, k]) for rows b and
// k < kPad, where act and e rows are kPad floats apart (kPad, a multiple of four, is the
// padded width of the layer below; wT has kPad rows, those past its nIn zero, so the
// padding of e is 0). The sum over j runs in four lanes (j mod 4) added at the end.
export function backInput(d: usize, rows: i32, wT: usize, stride: i32, kPad: i32, act: usize, e: usize): void {
  const sb = <usize>stride << 2;
  const kb = <usize>kPad << 2;
  const one = f32x4.splat(1);
  for (let b: i32 = 0; b < rows; b++) {
    const dRow = d + <usize>b * sb;
    const aRow = act + <usize>b * kb;
    const eRow = e + <usize>b * kb;
    for (let ko: usize = 0; ko < kb; ko += 16) {
      const w0 = wT + (ko >> 2) * sb;
      const w1 = w0 + sb, w2 = w1 + sb, w3 = w2 + sb;
      let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
      for (let jo: usize = 0; jo < sb; jo += 16) {
        const dv = v128.load(dRow + jo);
        s0 = madd(dv, v128.load(w0 + jo), s0);
        s1 = madd(dv, v128.load(w1 + jo), s1);
        s2 = madd(dv, v128.load(w2 + jo), s2);
        s3 = madd(dv, v128.load(w3 + jo), s3);
      }
      const av = v128.load(aRow + ko);
      v128.store(eRow + ko, f32x4.mul(sum4(s0, s1, s2, s3), f32x4.mul(av, f32x4.sub(one, av))));
    }
  }
}

/**
 * exp of four float32 lanes with x ≤ 0 (as assembly/kernels.ts expLanes, whose derivation
 * and coefficients these are): k = round(x·log2 e), r = x − k·ln 2 in two parts, a degree-5
 * polynomial, times 2^k built in the exponent bits; x below −88 gives 0.
 */
function expNonPositive(x: v128): v128 {
  const xc = f32x4.pmax(x, f32x4.splat(-88));
  const shifted = madd(xc, f32x4.splat(1.4426950408889634), f32x4.splat(12582912));
  const k = f32x4.sub(shifted, f32x4.splat(12582912));
  const pow2k = i32x4.shl(i32x4.sub(shifted, i32x4.splat(0x4b3fff81)), 23);
  let r = f32x4.sub(xc, f32x4.mul(k, f32x4.splat(0.693359375)));
  r = madd(k, f32x4.splat(2.12194440e-4), r);
  let p = madd(f32x4.splat(8.3125252277e-3), r, f32x4.splat(4.1890114546e-2));
  p = madd(p, r, f32x4.splat(1.6667114198e-1));
  p = madd(p, r, f32x4.splat(4.9999231100e-1));
  p = f32x4.add(madd(p, f32x4.mul(r, r), r), f32x4.splat(1));
  return f32x4.mul(p, pow2k);
}

// a[i] = σ(z[i]) = 1 / (1 + e^−z) for i < n (a multiple of four), in place when a = z:
// with e = exp(−|z|) ≤ 1, σ = 1/(1 + e) for z ≥ 0 and e/(1 + e) below, so nothing
// overflows. NaN stays NaN.
export function sigmoid(z: usize, a: usize, n: i32): void {
  const one = f32x4.splat(1);
  for (let o: usize = 0, end = <usize>n << 2; o < end; o += 16) {
    const v = v128.load(z + o);
    const e = expNonPositive(f32x4.neg(f32x4.abs(v)));
    const inv = f32x4.div(one, f32x4.add(one, e));
    const neg = f32x4.lt(v, f32x4.splat(0));
    v128.store(a + o, v128.bitselect(f32x4.mul(e, inv), inv, neg));
  }
}

// The nonzero inputs of `rows` rows of nIn float32 values at `src` (row-major), listed
// row after row: idx (i32 positions k) and val (f32) from entry 0 on, rowStart[b] (i32)
// the first entry of row b, rowStart[rows] the total, which it returns. Four inputs a
// step (as assembly/denseInputMajor.ts listRows): a step of four zeros writes nothing,
// otherwise each is written at the end of the list, which grows past it only when it is
// nonzero. −0 is dropped like +0.
export function listRows(src: usize, nIn: i32, rows: i32, idx: usize, val: usize, rowStart: usize): i32 {
  let count: i32 = 0;
  const zero = f32x4.splat(0);
  for (let b: i32 = 0; b < rows; b++) {
    store<i32>(rowStart + (<usize>b << 2), count);
    const row = src + ((<usize>b * <usize>nIn) << 2);
    let k: i32 = 0;
    for (; k + 3 < nIn; k += 4) {
      const v = v128.load(row + (<usize>k << 2));
      const m = i32x4.bitmask(f32x4.ne(v, zero));
      if (m == 0) continue;
      store<i32>(idx + (<usize>count << 2), k);
      store<f32>(val + (<usize>count << 2), f32x4.extract_lane(v, 0));
      count += m & 1;
      store<i32>(idx + (<usize>count << 2), k + 1);
      store<f32>(val + (<usize>count << 2), f32x4.extract_lane(v, 1));
      count += (m >> 1) & 1;
      store<i32>(idx + (<usize>count << 2), k + 2);
      store<f32>(val + (<usize>count << 2), f32x4.extract_lane(v, 2));
      count += (m >> 2) & 1;
      store<i32>(idx + (<usize>count << 2), k + 3);
      store<f32>(val + (<usize>count << 2), f32x4.extract_lane(v, 3));
      count += (m >> 3) & 1;
    }
    for (; k < nIn; k++) {
      const v = load<f32>(row + (<usize>k << 2));
      store<i32>(idx + (<usize>count << 2), k);
      store<f32>(val + (<usize>count << 2), v);
      count += v != 0 ? 1 : 0;
    }
  }
  store<i32>(rowStart + (<usize>rows << 2), count);
  return count;
}

// The peak of this runtime's SIMD multiply–add, for bench/cases/simdPeak.ts: `iters`
// steps of twelve independent accumulators, a = a·m + c in every lane, all in registers
// (no memory traffic in the loop): 12 · 4 · 2 flops a step. Returns a lane sum so the work
// is not removed.
export function peakMadd(iters: i32, seed: f32): f32 {
  const m = f32x4.splat(0.999999), c = f32x4.splat(seed);
  let a0 = f32x4.splat(1), a1 = f32x4.splat(2), a2 = f32x4.splat(3), a3 = f32x4.splat(4);
  let a4 = f32x4.splat(5), a5 = f32x4.splat(6), a6 = f32x4.splat(7), a7 = f32x4.splat(8);
  let a8 = f32x4.splat(9), a9 = f32x4.splat(10), a10 = f32x4.splat(11), a11 = f32x4.splat(12);
  for (let i: i32 = 0; i < iters; i++) {
    a0 = madd(a0, m, c);
    a1 = madd(a1, m, c);
    a2 = madd(a2, m, c);
    a3 = madd(a3, m, c);
    a4 = madd(a4, m, c);
    a5 = madd(a5, m, c);
    a6 = madd(a6, m, c);
    a7 = madd(a7, m, c);
    a8 = madd(a8, m, c);
    a9 = madd(a9, m, c);
    a10 = madd(a10, m, c);
    a11 = madd(a11, m, c);
  }
  const s = f32x4.add(f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3)), f32x4.add(f32x4.add(f32x4.add(a4, a5), f32x4.add(a6, a7)), f32x4.add(f32x4.add(a8, a9), f32x4.add(a10, a11))));
  return f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1) + f32x4.extract_lane(s, 2) + f32x4.extract_lane(s, 3);
}
