import { XentError } from '../core/XentError.js';
import { costs, type Cost, type CostName } from './Cost.js';
import { unitCost } from './unitCost.js';

/** The costs a single sigmoid neuron can be trained with (log-likelihood pairs with softmax). */
export type NeuronCostName = Extract<CostName, 'quadratic' | 'cross-entropy'>;
export const NEURON_COSTS: readonly NeuronCostName[] = ['quadratic', 'cross-entropy'];

/** One gradient-descent run of the neuron a = σ(wx + b) on the single example (x, y). */
export interface NeuronSettings {
  cost: NeuronCostName;
  /** Starting weight w₀. */
  w: number;
  /** Starting bias b₀. */
  b: number;
  /** Learning rate η > 0. */
  eta: number;
  /** Number of gradient-descent steps; the trace has epochs + 1 rows. */
  epochs: number;
  /** The input x (the seed uses 1). */
  x: number;
  /** The target y ∈ [0, 1] (the seed uses 0). */
  y: number;
}

/** The state before the step of `epoch`: row 0 is the start, row k is after k steps. */
export interface NeuronTraceRow {
  epoch: number;
  w: number;
  b: number;
  /** Weighted input z = wx + b. */
  z: number;
  /** Output a = σ(z). */
  a: number;
  /** C in nats, from z (finite where a has rounded to 0 or 1). */
  cost: number;
  /** δ = ∂C/∂z, the cost's `delta`: ∂C/∂w = δ·x and ∂C/∂b = δ. */
  dCdz: number;
}

/** A run as `xent neuron --json` reports it (docs/design.md, CLI contract). */
export interface NeuronRun {
  cost: NeuronCostName;
  w0: number;
  b0: number;
  eta: number;
  x: number;
  y: number;
  trace: NeuronTraceRow[];
}

/**
 * Trains the single sigmoid neuron by plain gradient descent on one example, the seed's
 * experiment: each epoch is one step w ← w − η·δ·x, b ← b − η·δ with δ = ∂C/∂z taken
 * from the cost's `delta` (Cost.ts), so the quadratic cost's σ'(z) factor and the
 * cross-entropy's cancellation come from the same interface the network uses.
 *
 * Row k of the trace is the state after k steps, with the cost and δ evaluated there.
 * The arithmetic is plain float64: with enormous η·x the weights may overflow to
 * ±Infinity, and the trace then reports what float64 gives rather than hiding it.
 *
 * @example
 * const run = trainNeuron({ cost: 'quadratic', w: 2, b: 2, eta: 0.15, epochs: 300, x: 1, y: 0 });
 * run.trace[0].a   // 0.98201 = σ(4): saturated
 * run.trace[300].a // 0.20285: still far from the target 0
 */
export function trainNeuron(settings: NeuronSettings): NeuronRun {
  const { w: w0, b: b0, eta, epochs, x, y } = validateNeuronSettings(settings);
  const trace: NeuronTraceRow[] = new Array(epochs + 1);
  for (const row of neuronTrace(settings)) trace[row.epoch] = row;
  return { cost: settings.cost, w0, b0, eta, x, y, trace };
}

/**
 * The rows of trainNeuron's trace, one at a time as they are computed, so that a reader
 * of a million epochs (`xent neuron --csv`) need not hold them all.
 */
export function* neuronTrace(settings: NeuronSettings): Generator<NeuronTraceRow, void, undefined> {
  const { w: w0, b: b0, eta, epochs, x, y } = validateNeuronSettings(settings);
  const cost = costs[settings.cost];
  let w = w0;
  let b = b0;
  for (let epoch = 0; ; epoch++) {
    const row = neuronState(cost, w, b, x, y, epoch);
    yield row;
    if (epoch === epochs) return;
    w -= eta * row.dCdz * x;
    b -= eta * row.dCdz;
  }
}

/** z, a, C and δ of the neuron at (w, b) for the example (x, y). */
function neuronState(cost: Cost, w: number, b: number, x: number, y: number, epoch: number): NeuronTraceRow {
  const z = w * x + b;
  const { a, cost: c, dCdz } = unitCost(cost, z, y);
  return { epoch, w, b, z, a, cost: c, dCdz };
}

/** Checks every field, naming the one at fault; returns the settings unchanged. */
export function validateNeuronSettings(settings: NeuronSettings): NeuronSettings {
  if (!(NEURON_COSTS as readonly string[]).includes(settings.cost)) {
    throw new XentError(`unknown cost '${String(settings.cost)}', expected ${NEURON_COSTS.join(' or ')}`, { field: 'cost' });
  }
  for (const field of ['w', 'b', 'x'] as const) requireFinite(settings[field], field);
  const { eta, epochs, y } = settings;
  requireFinite(eta, 'eta');
  if (!(eta > 0)) throw new XentError(`learning rate ${eta} must be > 0`, { field: 'eta' });
  requireFinite(y, 'y');
  if (!(y >= 0 && y <= 1)) throw new XentError(`target ${y} must lie in [0, 1]`, { field: 'y' });
  if (!(Number.isSafeInteger(epochs) && epochs >= 0)) {
    throw new XentError(`epochs ${epochs} must be a non-negative integer`, { field: 'epochs' });
  }
  return settings;
}

function requireFinite(value: number, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new XentError(`value ${String(value)} must be a finite number`, { field });
  }
}
