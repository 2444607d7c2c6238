import { denseBackwardParamsInputMajor, denseForwardInputMajor, fromInputMajor, toInputMajor } from '../../core/kernels/denseKernels.js';
import { createInputMajorLayer, type InputMajorLayer } from '../../core/kernels/denseInputMajorWasm.js';
import { sigmoid } from '../../core/math/sigmoid.js';

/**
 * The units [u0, u1) of a network's first layer, as one thread of ThreadedTrainer trains
 * them: their weights input-major in a WebAssembly memory of this thread's own (the
 * layout and the SIMD kernels of src/nn's one-thread training, see
 * backprop.ts holdFirstLayerInputMajor), their biases, and their rows of the batch.
 *
 * Every unit's weighted input, and every update of its weights and bias, is computed by
 * the same kernels with the same operations in the same order as when one thread holds
 * all the units: the kernels sum each unit on its own (one running sum per unit over the
 * nonzero inputs of a row, or four partial sums over a dense row) and update each unit's
 * weights one example after another. Splitting the units between threads therefore
 * changes no bit of the result.
 */
export class HiddenSlice {
  readonly units: number;
  private readonly layer: InputMajorLayer;
  private readonly bias: Float64Array;
  /** z, then σ(z), of this slice's units: row b holds example b (units values). */
  private readonly out: Float64Array;
  /** ∂C/∂z of this slice's units, gathered out of the whole layer's deltas. */
  private readonly delta: Float64Array;

  constructor(
    private readonly nIn: number,
    /** Units of the whole layer: the row stride of the shared activations and deltas. */
    private readonly nOut: number,
    private readonly u0: number,
    u1: number,
    capacity: number,
  ) {
    this.units = u1 - u0;
    this.layer = createInputMajorLayer(nIn, this.units, capacity);
    this.bias = new Float64Array(this.units);
    this.out = new Float64Array(capacity * this.units);
    this.delta = new Float64Array(capacity * this.units);
  }

  /** Takes this slice's rows of `weights` (row-major nOut × nIn) and `bias`. */
  load(weights: Float64Array, bias: Float64Array): void {
    toInputMajor(weights.subarray(this.u0 * this.nIn, (this.u0 + this.units) * this.nIn), this.nIn, this.units, this.layer.weightsT);
    this.bias.set(bias.subarray(this.u0, this.u0 + this.units));
  }

  /** Writes this slice's rows back into `weights` and `bias`. */
  save(weights: Float64Array, bias: Float64Array): void {
    fromInputMajor(this.layer.weightsT, this.nIn, this.units, weights.subarray(this.u0 * this.nIn, (this.u0 + this.units) * this.nIn));
    bias.set(this.bias, this.u0);
  }

  /** σ(W·x + b) of this slice's units for `count` rows of `inputs`, into their columns of
   * `activations` (count × nOut, row-major). */
  forward(inputs: Float64Array, count: number, activations: Float64Array): void {
    const { units, out, nOut, u0 } = this;
    denseForwardInputMajor(inputs, count, this.nIn, this.layer.weightsT, this.bias, units, out, this.layer.scratch, this.layer.simd);
    for (let b = 0; b < count; b++) {
      const row = b * units;
      const to = b * nOut + u0;
      for (let j = 0; j < units; j++) activations[to + j] = sigmoid(out[row + j]);
    }
  }

  /** The SGD update w ← w + scale·Σ_b δ_b xᵀ_b, b ← b + scale·Σ_b δ_b of this slice's
   * units, from their columns of `deltas` (count × nOut). */
  backward(deltas: Float64Array, inputs: Float64Array, count: number, scale: number): void {
    const { units, delta, nOut, u0 } = this;
    for (let b = 0; b < count; b++) {
      const row = b * units;
      const from = b * nOut + u0;
      for (let j = 0; j < units; j++) delta[row + j] = deltas[from + j];
    }
    denseBackwardParamsInputMajor(delta, inputs, count, this.nIn, units, this.layer.weightsT, this.bias, this.layer.scratch, scale, this.layer.simd);
  }
}
