import { createDenseScratch, denseBackwardInput, denseForward, type DenseScratch } from '../../core/kernels/denseKernels.js';
import type { Cost } from '../Cost.js';

/**
 * The output layer of a one-hidden-layer network for the examples [b0, b1) of a batch,
 * as one thread of ThreadedTrainer computes them: z = W₂a₁ + b₂, the output activation, each
 * example's cost, δ₂ = ∂C/∂z (the cost's delta) and the hidden layer's δ₁ = (δ₂·W₂) ⊙
 * σ'(z₁), with σ'(z₁) = a₁(1 − a₁). These are per example: each is src/nn's forward,
 * batchCost and backpropagate (backprop.ts) restricted to the rows of its examples, with
 * the same kernels, so every value is the one-thread value bit for bit. The update of W₂
 * sums over every example of the batch, so the calling thread does it alone.
 */
export class OutputRows {
  private readonly scratch: DenseScratch = createDenseScratch();

  constructor(
    private readonly cost: Cost,
    private readonly units: number,
    private readonly classes: number,
    /** Shared, count × classes: z, a and δ of the output layer, and count costs. */
    private readonly z: Float64Array,
    private readonly a: Float64Array,
    private readonly delta: Float64Array,
    private readonly costs: Float64Array,
    /** The output layer's weights (classes × units) and biases, shared. */
    private readonly weights: Float64Array,
    private readonly bias: Float64Array,
  ) {}

  run(b0: number, b1: number, activations: Float64Array, targets: Float64Array, hiddenDeltas: Float64Array): void {
    const n = b1 - b0;
    if (n <= 0) return;
    const { units: h, classes: k, z, a, delta, cost } = this;
    denseForward(activations.subarray(b0 * h, b1 * h), n, h, this.weights, this.bias, k, z.subarray(b0 * k, b1 * k), this.scratch);
    for (let b = b0; b < b1; b++) cost.activation.apply(z, b * k, k, a);
    for (let b = b0; b < b1; b++) this.costs[b] = cost.fromLogits(z, a, targets, b * k, k);
    for (let b = b0; b < b1; b++) cost.delta(z, a, targets, b * k, k, delta);
    denseBackwardInput(delta.subarray(b0 * k, b1 * k), this.weights, n, h, k, hiddenDeltas.subarray(b0 * h, b1 * h));
    for (let i = b0 * h; i < b1 * h; i++) hiddenDeltas[i] *= activations[i] * (1 - activations[i]);
  }
}
