import { sigmoidPrime } from '../core/math/sigmoid.js';
import { costs } from '../nn/Cost.js';
import { trainNeuron, type NeuronRun, type NeuronSettings } from '../nn/neuron.js';
import { unitCost } from '../nn/unitCost.js';
import { NEURON_PRESETS, type NeuronPresetName } from './neuronPresets.js';

/** ∂C/∂z of both costs and σ'(z) across z, for one target y. */
export interface DeltaCurves {
  y: number;
  z: number[];
  sigmoidPrime: number[];
  /** Quadratic δ = (a − y)σ'(z). */
  quadraticDelta: number[];
  /** Cross-entropy δ = a − y. */
  crossEntropyDelta: number[];
}

/** Everything the neuron figure draws: the training traces and the δ curves. */
export interface NeuronFigureData {
  title: string;
  note?: string;
  runs: NeuronRun[];
  deltaCurves: DeltaCurves;
}

/**
 * The seed's figure as data: trains every run (all share epochs, x and y) and samples
 * σ'(z) and both deltas over a z range that covers every run's trajectory.
 *
 * @example
 * const fig = neuronFigureData('Slowdown', [{ cost: 'quadratic', w: 2, b: 2, eta: 0.15, epochs: 300, x: 1, y: 0 }]);
 * fig.runs[0].trace[300].a // 0.2028
 */
export function neuronFigureData(title: string, settings: readonly NeuronSettings[], note?: string): NeuronFigureData {
  const runs = settings.map((s) => trainNeuron(s));
  // At least [−6, 6], where σ' falls from 1/4 to 0.0025; wider if a run goes further, but
  // not past ±40, where σ' < 5e-18 and both curves are flat. A loop, not Math.max(...zs):
  // a trace may have a million rows, more arguments than a call can take.
  let zFar = 6;
  for (const run of runs) for (const row of run.trace) if (Number.isFinite(row.z)) zFar = Math.max(zFar, Math.abs(row.z));
  const zMax = Math.min(40, Math.ceil(zFar));
  const y = settings[0]?.y ?? 0;
  return { title, ...(note === undefined ? {} : { note }), runs, deltaCurves: deltaCurves(y, -zMax, zMax) };
}

/** The seed's figure (or Nielsen's settings): both costs from (0.6, 0.9) and from (2, 2). */
export function neuronPresetFigure(name: NeuronPresetName, epochs?: number): NeuronFigureData {
  const p = NEURON_PRESETS[name];
  const data = neuronFigureData(p.title, neuronPresetSettings(name, epochs));
  return p.note === undefined ? data : { ...data, note: p.note(data.runs) };
}

/**
 * Samples σ'(z), (a − y)σ'(z) and a − y at `samples` evenly spaced z: the picture of why
 * the quadratic cost stalls (its δ vanishes at both ends) while the cross-entropy's does
 * not (it tends to the error 1 − y or −y).
 */
export function deltaCurves(y: number, zMin: number, zMax: number, samples = 241): DeltaCurves {
  const z = Array.from({ length: samples }, (_, i) => zMin + ((zMax - zMin) * i) / (samples - 1));
  return {
    y,
    z,
    sigmoidPrime: z.map(sigmoidPrime),
    quadraticDelta: z.map((zi) => unitCost(costs.quadratic, zi, y).dCdz),
    crossEntropyDelta: z.map((zi) => unitCost(costs['cross-entropy'], zi, y).dCdz),
  };
}

/** The runs of a preset, as settings (its own epochs unless `epochs` is given). */
export function neuronPresetSettings(name: NeuronPresetName, epochs?: number): NeuronSettings[] {
  const p = NEURON_PRESETS[name];
  return p.runs.map((r) => ({ ...r, epochs: epochs ?? p.epochs, x: p.x, y: p.y }));
}
