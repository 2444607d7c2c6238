import { XentError } from '../XentError.js';
import { DTYPES, type Dtype } from './FloatArray.js';

/** The dtype option: float64 unless float32 is asked for. */
export function parseDtype(value: unknown): Dtype {
  if (value === undefined) return 'float64';
  if (typeof value === 'string' && (DTYPES as readonly string[]).includes(value)) return value as Dtype;
  throw new XentError(`unknown dtype ${JSON.stringify(value)}: use float64 or float32`, { field: 'dtype' });
}

/** A finite number option (alpha, gamma, label smoothing). */
export function finiteOption(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new XentError(`must be a finite number, got ${JSON.stringify(value) ?? String(value)}`, { field });
  }
  return value;
}

/** label_smoothing ε ∈ [0, 1]; PyTorch rejects ε > 1 and silently treats ε < 0 as 0, xent rejects both. */
export function labelSmoothingOption(value: unknown): number {
  const eps = finiteOption(value, 'labelSmoothing');
  if (eps < 0 || eps > 1) throw new XentError(`label smoothing ${eps} is outside [0, 1]`, { field: 'labelSmoothing' });
  return eps;
}

/** ignore_index: any integer. */
export function ignoreIndexOption(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new XentError(`must be an integer, got ${JSON.stringify(value) ?? String(value)}`, { field: 'ignoreIndex' });
  }
  return value;
}

/** Multiplies a coefficient by a value that may be infinite, taking 0 · ±Infinity as 0. */
export function timesNonzero(coefficient: number, value: number): number {
  // A target probability or weight of exactly 0 contributes nothing, even against an
  // infinite log-probability: the 0·log 0 = 0 convention of information theory, and
  // the limit as the coefficient goes to 0. PyTorch multiplies and returns NaN.
  return coefficient === 0 ? 0 : coefficient * value;
}
