// The sparse-row loops of src/core/kernels/denseKernels.ts's input-major first layer
// (denseForwardInputMajor, denseBackwardParamsInputMajor) in WebAssembly SIMD. Each f64x2
// lane is a different unit j, so every output keeps its own running sum with the same
// multiply and add, in the same order, as the scalar loops: the results are the same bit
// for bit (mul then add, never a fused multiply-add). Compiled by
// assembly/buildDenseInputMajor.mjs with an imported memory that the caller sizes once,
// so it never grows. Pointers are byte offsets: weightsT (f64, row k = input k, nOut
// wide), idx (i32 input positions) and val (f64 input values) of one row's nonzero
// inputs, n of them; `units` (even, ≤ nOut) is how many of the first units to do.

// sums[j] = Σ_t weightsT[idx_t · nOut + j] · val_t, t = 0 … n−1 in order, for j < units.
export function forwardSums(weightsT: usize, nOut: i32, units: i32, idx: usize, val: usize, n: i32, sums: usize): void {
  const stride = <usize>nOut << 3;
  let j: i32 = 0;
  for (; j + 7 < units; j += 8) {
    let s0 = f64x2.splat(0);
    let s1 = f64x2.splat(0);
    let s2 = f64x2.splat(0);
    let s3 = f64x2.splat(0);
    const jo = <usize>j << 3;
    for (let t: i32 = 0; t < n; t++) {
      const p = weightsT + <usize>load<i32>(idx + (<usize>t << 2)) * stride + jo;
      const v = f64x2.splat(load<f64>(val + (<usize>t << 3)));
      s0 = f64x2.add(s0, f64x2.mul(v128.load(p), v));
      s1 = f64x2.add(s1, f64x2.mul(v128.load(p, 16), v));
      s2 = f64x2.add(s2, f64x2.mul(v128.load(p, 32), v));
      s3 = f64x2.add(s3, f64x2.mul(v128.load(p, 48), v));
    }
    const o = sums + jo;
    v128.store(o, s0);
    v128.store(o, s1, 16);
    v128.store(o, s2, 32);
    v128.store(o, s3, 48);
  }
  for (; j + 1 < units; j += 2) {
    let s0 = f64x2.splat(0);
    const jo = <usize>j << 3;
    for (let t: i32 = 0; t < n; t++) {
      const p = weightsT + <usize>load<i32>(idx + (<usize>t << 2)) * stride + jo;
      s0 = f64x2.add(s0, f64x2.mul(v128.load(p), f64x2.splat(load<f64>(val + (<usize>t << 3)))));
    }
    v128.store(sums + jo, s0);
  }
}

// weightsT[idx_t · nOut + j] += d[j] · val_t for t = 0 … n−1 in order, for j < units.
export function addOuter(weightsT: usize, nOut: i32, units: i32, idx: usize, val: usize, n: i32, d: usize): void {
  const stride = <usize>nOut << 3;
  let j: i32 = 0;
  for (; j + 7 < units; j += 8) {
    const jo = <usize>j << 3;
    const d0 = v128.load(d + jo);
    const d1 = v128.load(d + jo, 16);
    const d2 = v128.load(d + jo, 32);
    const d3 = v128.load(d + jo, 48);
    for (let t: i32 = 0; t < n; t++) {
      const p = weightsT + <usize>load<i32>(idx + (<usize>t << 2)) * stride + jo;
      const v = f64x2.splat(load<f64>(val + (<usize>t << 3)));
      v128.store(p, f64x2.add(v128.load(p), f64x2.mul(d0, v)));
      v128.store(p, f64x2.add(v128.load(p, 16), f64x2.mul(d1, v)), 16);
      v128.store(p, f64x2.add(v128.load(p, 32), f64x2.mul(d2, v)), 32);
      v128.store(p, f64x2.add(v128.load(p, 48), f64x2.mul(d3, v)), 48);
    }
  }
  for (; j + 1 < units; j += 2) {
    const jo = <usize>j << 3;
    const d0 = v128.load(d + jo);
    for (let t: i32 = 0; t < n; t++) {
      const p = weightsT + <usize>load<i32>(idx + (<usize>t << 2)) * stride + jo;
      v128.store(p, f64x2.add(v128.load(p), f64x2.mul(d0, f64x2.splat(load<f64>(val + (<usize>t << 3))))));
    }
  }
}

// The nonzero inputs of `rows` rows of nIn float32 values at `src` (row-major), listed
// row after row: idx (i32 positions k) and val (the values widened to f64, exactly) from
// entry 0 on, and rowStart[b] (i32) the first entry of row b, rowStart[rows] the total.
// Four inputs per step: a step whose four are all zero (most of an MNIST digit's border)
// writes nothing; otherwise each of the four is written at the end of the list, which
// grows past it only when it is nonzero, with no branch per input. −0 is dropped like +0,
// NaN is kept, as `v !== 0` does in denseKernels.ts. Returns the total.
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
      let i = idx + (<usize>count << 2);
      let x = val + (<usize>count << 3);
      store<i32>(i, k);
      store<f64>(x, <f64>f32x4.extract_lane(v, 0));
      count += m & 1;
      i = idx + (<usize>count << 2);
      x = val + (<usize>count << 3);
      store<i32>(i, k + 1);
      store<f64>(x, <f64>f32x4.extract_lane(v, 1));
      count += (m >> 1) & 1;
      i = idx + (<usize>count << 2);
      x = val + (<usize>count << 3);
      store<i32>(i, k + 2);
      store<f64>(x, <f64>f32x4.extract_lane(v, 2));
      count += (m >> 2) & 1;
      i = idx + (<usize>count << 2);
      x = val + (<usize>count << 3);
      store<i32>(i, k + 3);
      store<f64>(x, <f64>f32x4.extract_lane(v, 3));
      count += (m >> 3) & 1;
    }
    for (; k < nIn; k++) {
      const v = load<f32>(row + (<usize>k << 2));
      store<i32>(idx + (<usize>count << 2), k);
      store<f64>(val + (<usize>count << 3), <f64>v);
      count += v != 0 ? 1 : 0;
    }
  }
  store<i32>(rowStart + (<usize>rows << 2), count);
  return count;
}
