import type { Dtype, FloatArray } from './FloatArray.js';

/**
 * A loss and its exact gradient. `grad` is ∂loss/∂input for the reduced loss (for
 * reduction 'none', of the sum of the per-element losses), flat row-major with the
 * input's shape; it is closed-form (p − y, σ − y, …), never finite differences.
 */
export interface LossResult {
  /** The reduced loss in nats, or the per-element losses (shape `lossShape`) for 'none'. */
  readonly loss: number | FloatArray;
  /** [] for a reduced loss; the target's shape (input without the class axis) for 'none'. */
  readonly lossShape: readonly number[];
  readonly grad: FloatArray;
  /** The input's shape. */
  readonly gradShape: readonly number[];
  readonly dtype: Dtype;
}

/**
 * A loss's keyword arguments with their defaults, torch's: the one place each default is
 * written (the loss reads it, the request layer lists it). null is "not given" (None).
 */
export type LossDefaults<Options> = { readonly [K in Exclude<keyof Options, 'dtype'>]-?: NonNullable<Options[K]> | null };

/** Options every loss takes. */
export interface DtypeOption {
  /** 'float64' (default) or 'float32': the storage of inputs, losses and gradients. */
  readonly dtype?: Dtype;
}
