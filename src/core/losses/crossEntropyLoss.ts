import { softmaxCrossEntropyKernel } from '../kernels/softmaxCrossEntropyKernel.js';
import { classLayout, classTargets, classWeight, logSoftmaxClassAxis, rowOffset, targetWeightSum, type ClassLayout } from './classLayout.js';
import { ignoreIndexOption, labelSmoothingOption, parseDtype, timesNonzero } from './checkOptions.js';
import { newFloatArray, type Dtype, type FloatArray } from './FloatArray.js';
import type { DtypeOption, LossDefaults, LossResult } from './LossResult.js';
import { parseReduction, reduceLoss, REDUCTIONS, type Reduction } from './reduceLoss.js';
import { shapesEqual } from './shape.js';
import { shapeOf, toTensor, type Tensor, type TensorInput } from './tensor.js';

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

export const CROSS_ENTROPY_DEFAULTS: LossDefaults<CrossEntropyOptions> = { weight: null, ignoreIndex: -100, labelSmoothing: 0, reduction: 'mean' };

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
  const reduction = parseReduction(options.reduction ?? CROSS_ENTROPY_DEFAULTS.reduction, REDUCTIONS);
  const epsilon = labelSmoothingOption(options.labelSmoothing ?? CROSS_ENTROPY_DEFAULTS.labelSmoothing);
  const ignoreIndex = ignoreIndexOption(options.ignoreIndex ?? CROSS_ENTROPY_DEFAULTS.ignoreIndex);
  const x = toTensor(input, 'input', dtype);
  const layout = classLayout(x.shape);
  const weight = classWeight(options.weight, layout.classes, dtype);
  if (shapesEqual(shapeOf(target, 'target'), x.shape)) {
    const t = toTensor(target, 'target', dtype);
    return withProbabilities(x, t.data, layout, weight, epsilon, reduction, dtype);
  }
  // The training hot path: float32 (N, C) logits with class indices. The fused kernel
  // (WebAssembly SIMD where available) agrees with withClassIndices to ~5e-7 relative,
  // and checks the targets' range itself, with the same error as classTargets.
  const fused = dtype === 'float32' && layout.inner === 1 && epsilon === 0 && reduction !== 'none';
  const t = classTargets(target, layout, ignoreIndex, !fused);
  if (fused) {
    const { loss, grad } = softmaxCrossEntropyKernel(x.data, t.data, layout.batch, layout.classes, { weight: weight ?? null, ignoreIndex, reduction });
    return { loss, lossShape: [], grad: grad as FloatArray, gradShape: x.shape, dtype };
  }
  return withClassIndices(x, t.data, layout, weight, epsilon, ignoreIndex, reduction, dtype);
}

function withClassIndices(
  x: Tensor,
  target: Int32Array,
  layout: ClassLayout,
  weight: FloatArray | undefined,
  epsilon: number,
  ignoreIndex: number,
  reduction: Reduction,
  dtype: Dtype,
): LossResult {
  const { classes: c, inner } = layout;
  const logP = logSoftmaxClassAxis(x.data, layout);
  const classWeightAt = (k: number): number => (weight === undefined ? 1 : weight[k]);
  const elementLoss = newFloatArray(dtype, target.length);
  const smoothPerClass = epsilon / c;
  for (let r = 0; r < target.length; r++) {
    const y = target[r];
    if (y === ignoreIndex) continue;
    const offset = rowOffset(layout, r);
    let loss = timesNonzero(classWeightAt(y), -logP[offset + y * inner]);
    if (epsilon > 0) {
      // Σ_c w_c·(−log p_c), the cross-entropy against the uniform target times C.
      let smooth = 0;
      for (let k = 0, o = offset; k < c; k++, o += inner) smooth += timesNonzero(classWeightAt(k), -logP[o]);
      loss = (1 - epsilon) * loss + smoothPerClass * smooth;
    }
    elementLoss[r] = loss;
  }
  const reduced = reduceLoss(elementLoss, reduction, targetWeightSum(target, weight, ignoreIndex), dtype);
  let weightTotal = 0; // W = Σ_c w_c
  for (let k = 0; k < c; k++) weightTotal += classWeightAt(k);
  const scale = reduced.gradScale;
  const grad = newFloatArray(dtype, x.data.length);
  for (let r = 0; r < target.length; r++) {
    const y = target[r];
    if (y === ignoreIndex) continue;
    // ∂ℓ/∂z_j = (1 − ε)·w_y·(p_j − [j = y]) + (ε/C)·(W·p_j − w_j), W = Σ_c w_c.
    // p_y − 1 is expm1(log p_y): no cancellation as p_y → 1 (a well-trained network).
    const hard = (1 - epsilon) * classWeightAt(y);
    for (let k = 0, o = rowOffset(layout, r); k < c; k++, o += inner) {
      const p = Math.exp(logP[o]);
      let g = hard * (k === y ? Math.expm1(logP[o]) : p);
      if (epsilon > 0) g += smoothPerClass * (weightTotal * p - classWeightAt(k));
      grad[o] = g * scale;
    }
  }
  return { loss: reduced.loss, lossShape: reduction === 'none' ? layout.rowShape : [], grad, gradShape: x.shape, dtype };
}

function withProbabilities(
  x: Tensor,
  target: FloatArray,
  layout: ClassLayout,
  weight: FloatArray | undefined,
  epsilon: number,
  reduction: Reduction,
  dtype: Dtype,
): LossResult {
  const { batch, classes: c, inner } = layout;
  const rows = batch * inner;
  const logP = logSoftmaxClassAxis(x.data, layout);
  // w_c·t'_c, the smoothed target weighted by its class: both passes read it.
  const smoothPerClass = epsilon / c;
  const weightedTarget = (k: number, o: number): number => (weight === undefined ? 1 : weight[k]) * ((1 - epsilon) * target[o] + smoothPerClass);
  const elementLoss = newFloatArray(dtype, rows);
  const rowTargetMass = new Float64Array(rows); // S = Σ_c w_c·t'_c
  for (let r = 0; r < rows; r++) {
    let loss = 0;
    let mass = 0;
    for (let k = 0, o = rowOffset(layout, r); k < c; k++, o += inner) {
      const wt = weightedTarget(k, o);
      mass += wt;
      loss += timesNonzero(wt, -logP[o]);
    }
    rowTargetMass[r] = mass;
    elementLoss[r] = loss;
  }
  const reduced = reduceLoss(elementLoss, reduction, rows, dtype);
  const grad = newFloatArray(dtype, x.data.length);
  for (let r = 0; r < rows; r++) {
    for (let k = 0, o = rowOffset(layout, r); k < c; k++, o += inner) {
      grad[o] = (Math.exp(logP[o]) * rowTargetMass[r] - weightedTarget(k, o)) * reduced.gradScale;
    }
  }
  return { loss: reduced.loss, lossShape: reduction === 'none' ? layout.rowShape : [], grad, gradShape: x.shape, dtype };
}
