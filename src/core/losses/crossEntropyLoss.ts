import { softmaxCrossEntropyKernel } from '../kernels/softmaxCrossEntropyKernel.js';
import { classLayout, checkClassTargets, classWeight, type ClassLayout } from './classLayout.js';
import { ignoreIndexOption, labelSmoothingOption, parseDtype, timesNonzero } from './checkOptions.js';
import { newFloatArray, type Dtype, type FloatArray } from './FloatArray.js';
import { logSumExpShifted } from '../math/logSumExp.js';
import { maxStrided } from '../math/maxStrided.js';
import type { DtypeOption, LossResult } from './LossResult.js';
import { parseReduction, reduceLoss, REDUCTIONS, type Reduction } from './reduceLoss.js';
import { shapesEqual } from './shape.js';
import { shapeOf, toIndexTensor, toTensor, type TensorInput } from './tensor.js';

export interface CrossEntropyOptions extends DtypeOption {
  /** Per-class weight, shape (C), ≥ 0. */
  readonly weight?: TensorInput;
  /** Class-index targets equal to this are skipped (default −100). */
  readonly ignoreIndex?: number;
  /** ε ∈ [0, 1]: the target becomes (1 − ε)·target + ε/C (default 0). */
  readonly labelSmoothing?: number;
  /** 'mean' (default), 'sum' or 'none'. */
  readonly reduction?: Reduction;
}

/**
 * torch.nn.functional.cross_entropy: the cross-entropy between the targets and
 * softmax(input) along the class axis, in nats, from logits.
 *
 * input is (C), (N, C) or (N, C, d1, …, dK). target is either class indices of shape
 * (), (N) or (N, d1, …, dK), or class probabilities with the input's own shape (the shape
 * decides, as in PyTorch). With log p = logSoftmax(input) and smoothing ε:
 *
 * - class index y: ℓ = (1 − ε)·w_y·(−log p_y) + (ε/C)·Σ_c w_c·(−log p_c); an element with
 *   y = ignoreIndex has ℓ = 0 and counts for nothing. 'mean' divides the sum by Σ w_y
 *   over the non-ignored elements (the weighted mean), so a batch whose targets are all
 *   ignored has loss 0/0 = NaN, as in PyTorch; its gradient is 0.
 * - probabilities t: ℓ = −Σ_c w_c·t'_c·log p_c with t' = (1 − ε)·t + ε/C; 'mean' divides
 *   by the number of elements N·d1·…·dK (weights do not enter the divisor).
 *
 * The gradient is closed-form: since ∂(−log p_c)/∂z_j = p_j − [j = c],
 * ∂ℓ/∂z_j = p_j·S − w_j·t'_j with S = Σ_c w_c·t'_c (for a class index, t' is the
 * smoothed one-hot). A target weight or probability of exactly 0 contributes 0 even
 * against a log-probability of −Infinity (PyTorch: NaN); see logSoftmax for infinite logits.
 *
 * @example
 * crossEntropyLoss([[2, -1, 0.5]], [0]).loss // 0.241311… (= log(e² + e⁻¹ + e^0.5) − 2)
 * crossEntropyLoss([[2, -1, 0.5]], [0], { labelSmoothing: 0.1, weight: [1, 2, 1] })
 */
export function crossEntropyLoss(input: TensorInput, target: TensorInput, options: CrossEntropyOptions = {}): LossResult {
  const dtype = parseDtype(options.dtype);
  const reduction = parseReduction(options.reduction ?? 'mean', REDUCTIONS);
  const epsilon = labelSmoothingOption(options.labelSmoothing);
  const ignoreIndex = ignoreIndexOption(options.ignoreIndex);
  const x = toTensor(input, 'input', dtype);
  const layout = classLayout(x.shape);
  const weight = classWeight(options.weight, layout.classes, dtype);
  const targetShape = shapeOf(target, 'target');
  if (shapesEqual(targetShape, x.shape)) {
    const t = toTensor(target, 'target', dtype);
    return withProbabilities(x.data, t.data, layout, weight, epsilon, reduction, dtype, x.shape);
  }
  const t = toIndexTensor(target, 'target');
  checkClassTargets(t, layout, ignoreIndex);
  if (dtype === 'float32' && layout.inner === 1 && epsilon === 0 && reduction !== 'none') {
    // The training hot path: float32 (N, C) logits with class indices. The fused kernel
    // (WebAssembly SIMD where available) agrees with the loops below to ~5e-7 relative.
    const { loss, grad } = softmaxCrossEntropyKernel(x.data, t.data, layout.batch, layout.classes, { weight: weight ?? null, ignoreIndex, reduction });
    return { loss, lossShape: [], grad: grad as FloatArray, gradShape: x.shape, dtype };
  }
  return withClassIndices(x.data, t.data, layout, weight, epsilon, ignoreIndex, reduction, dtype, x.shape);
}

function withClassIndices(
  x: FloatArray,
  target: Int32Array,
  layout: ClassLayout,
  weight: FloatArray | undefined,
  epsilon: number,
  ignoreIndex: number,
  reduction: Reduction,
  dtype: Dtype,
  shape: readonly number[],
): LossResult {
  const { batch, classes: c, inner } = layout;
  const rows = batch * inner;
  const elementLoss = newFloatArray(dtype, rows);
  // Per row: the shift m and log Σ exp(z − m), so the second pass forms p without
  // recomputing either.
  const rowMax = new Float64Array(rows);
  const rowLogSum = new Float64Array(rows);
  const smoothPerClass = epsilon / c;
  let weightTotal = c; // W = Σ_c w_c
  if (weight !== undefined) {
    weightTotal = 0;
    for (let k = 0; k < c; k++) weightTotal += weight[k];
  }
  let divisor = 0;
  for (let b = 0; b < batch; b++) {
    for (let d = 0; d < inner; d++) {
      const r = b * inner + d;
      const y = target[r];
      if (y === ignoreIndex) continue;
      const offset = b * c * inner + d;
      const m = maxStrided(x, offset, c, inner);
      const logSum = logSumExpShifted(x, offset, c, inner, m);
      rowMax[r] = m;
      rowLogSum[r] = logSum;
      const wy = weight === undefined ? 1 : weight[y];
      divisor += wy;
      const zy = x[offset + y * inner];
      let loss = timesNonzero(wy, logSum - (zy === m ? 0 : zy - m));
      if (epsilon > 0) {
        // Σ_c w_c·(−log p_c), the cross-entropy against the uniform target times C.
        let smooth = 0;
        for (let k = 0, o = offset; k < c; k++, o += inner) {
          const z = x[o];
          smooth += timesNonzero(weight === undefined ? 1 : weight[k], logSum - (z === m ? 0 : z - m));
        }
        loss = (1 - epsilon) * loss + smoothPerClass * smooth;
      }
      elementLoss[r] = loss;
    }
  }
  const reduced = reduceLoss(elementLoss, reduction, divisor, dtype);
  const scale = reduced.gradScale;
  const grad = newFloatArray(dtype, x.length);
  for (let b = 0; b < batch; b++) {
    for (let d = 0; d < inner; d++) {
      const r = b * inner + d;
      const y = target[r];
      if (y === ignoreIndex) continue;
      const offset = b * c * inner + d;
      const m = rowMax[r];
      const logSum = rowLogSum[r];
      const wy = weight === undefined ? 1 : weight[y];
      // ∂ℓ/∂z_j = (1 − ε)·w_y·(p_j − [j = y]) + (ε/C)·(W·p_j − w_j), W = Σ_c w_c.
      // p_y − 1 is expm1(log p_y): no cancellation as p_y → 1 (a well-trained network).
      const hard = (1 - epsilon) * wy;
      for (let k = 0, o = offset; k < c; k++, o += inner) {
        const z = x[o];
        const logP = (z === m ? 0 : z - m) - logSum;
        const p = Math.exp(logP);
        let g = hard * (k === y ? Math.expm1(logP) : p);
        if (epsilon > 0) g += smoothPerClass * (weightTotal * p - (weight === undefined ? 1 : weight[k]));
        grad[o] = g * scale;
      }
    }
  }
  return { loss: reduced.loss, lossShape: reduction === 'none' ? layout.rowShape : [], grad, gradShape: shape, dtype };
}

function withProbabilities(
  x: FloatArray,
  target: FloatArray,
  layout: ClassLayout,
  weight: FloatArray | undefined,
  epsilon: number,
  reduction: Reduction,
  dtype: Dtype,
  shape: readonly number[],
): LossResult {
  const { batch, classes: c, inner } = layout;
  const rows = batch * inner;
  const elementLoss = newFloatArray(dtype, rows);
  const rowMax = new Float64Array(rows);
  const rowLogSum = new Float64Array(rows);
  const rowTargetMass = new Float64Array(rows); // S = Σ_c w_c·t'_c
  const keep = 1 - epsilon;
  const smoothPerClass = epsilon / c;
  for (let b = 0; b < batch; b++) {
    for (let d = 0; d < inner; d++) {
      const r = b * inner + d;
      const offset = b * c * inner + d;
      const m = maxStrided(x, offset, c, inner);
      const logSum = logSumExpShifted(x, offset, c, inner, m);
      let loss = 0;
      let mass = 0;
      for (let k = 0, o = offset; k < c; k++, o += inner) {
        const z = x[o];
        const wt = (weight === undefined ? 1 : weight[k]) * (keep * target[o] + smoothPerClass);
        mass += wt;
        loss += timesNonzero(wt, logSum - (z === m ? 0 : z - m));
      }
      rowMax[r] = m;
      rowLogSum[r] = logSum;
      rowTargetMass[r] = mass;
      elementLoss[r] = loss;
    }
  }
  const reduced = reduceLoss(elementLoss, reduction, rows, dtype);
  const scale = reduced.gradScale;
  const grad = newFloatArray(dtype, x.length);
  for (let b = 0; b < batch; b++) {
    for (let d = 0; d < inner; d++) {
      const r = b * inner + d;
      const offset = b * c * inner + d;
      const m = rowMax[r];
      const logSum = rowLogSum[r];
      const mass = rowTargetMass[r];
      for (let k = 0, o = offset; k < c; k++, o += inner) {
        const z = x[o];
        const p = Math.exp((z === m ? 0 : z - m) - logSum);
        const wt = (weight === undefined ? 1 : weight[k]) * (keep * target[o] + smoothPerClass);
        grad[o] = (p * mass - wt) * scale;
      }
    }
  }
  return { loss: reduced.loss, lossShape: reduction === 'none' ? layout.rowShape : [], grad, gradShape: shape, dtype };
}
