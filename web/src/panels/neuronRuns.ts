import type { NeuronCostName } from '../../../src/nn/neuron.js';
import { neuronCostSurface, type NeuronCostSurface } from '../../../src/experiments/neuronCostSurface.js';
import { bookWidgetStep, trainNeuronStepping, type SteppedNeuronRun } from '../../../src/experiments/neuronStepRule.js';
import type { LabState } from '../state/labState.js';

export interface NeuronRuns {
  quadratic: SteppedNeuronRun;
  crossEntropy: SteppedNeuronRun;
  surfaces: Record<NeuronCostName, NeuronCostSurface>;
}

/**
 * The two runs #/neuron shows, trained by the library (the panel only draws them): the
 * quadratic cost by its δ, the cross-entropy by its δ or, with step = 'book', as the
 * book's widget steps. Also each cost's surface over a box that holds both paths.
 */
export function neuronRuns(state: Pick<LabState, 'nw' | 'nb' | 'eta' | 'nx' | 'ny' | 'epochs' | 'step'>): NeuronRuns {
  const settings = { w: state.nw, b: state.nb, eta: state.eta, x: state.nx, y: state.ny, epochs: state.epochs };
  const quadratic = trainNeuronStepping({ ...settings, cost: 'quadratic' });
  const crossEntropy = trainNeuronStepping({ ...settings, cost: 'cross-entropy' }, state.step === 'book' ? bookWidgetStep : undefined);
  // The box: both paths and the start, at least 4 wide each way, clipped to a sane window.
  let [wLo, wHi, bLo, bHi] = [state.nw, state.nw, state.nb, state.nb];
  for (const run of [quadratic, crossEntropy]) {
    for (const r of run.trace) {
      if (!Number.isFinite(r.w) || !Number.isFinite(r.b)) continue;
      [wLo, wHi, bLo, bHi] = [Math.min(wLo, r.w), Math.max(wHi, r.w), Math.min(bLo, r.b), Math.max(bHi, r.b)];
    }
  }
  const widen = (lo: number, hi: number): [number, number] => {
    const mid = (lo + hi) / 2;
    const half = Math.min(50, Math.max(2, ((hi - lo) / 2) * 1.15));
    return [mid - half, mid + half];
  };
  const wRange = widen(wLo, wHi);
  const bRange = widen(bLo, bHi);
  const surface = (cost: NeuronCostName) => neuronCostSurface(cost, state.nx, state.ny, wRange, bRange, 36, 36);
  return { quadratic, crossEntropy, surfaces: { quadratic: surface('quadratic'), 'cross-entropy': surface('cross-entropy') } };
}
