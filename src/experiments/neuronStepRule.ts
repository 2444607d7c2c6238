import { costs } from '../nn/Cost.js';
import { validateNeuronSettings, type NeuronRun, type NeuronSettings, type NeuronTraceRow } from '../nn/neuron.js';
import { unitCost } from '../nn/unitCost.js';

/**
 * What a gradient-descent step multiplies by η in place of ∂C/∂z, from the neuron's
 * weighted input z, output a = σ(z) and target y.
 */
export type StepRule = (z: number, a: number, y: number) => number;

/** A trace row that also says what the step used, when that is not the cost's ∂C/∂z. */
export interface SteppedTraceRow extends NeuronTraceRow {
  /** The quantity the next step multiplies by η (and by x for w). */
  step: number;
}

export interface SteppedNeuronRun extends NeuronRun {
  trace: SteppedTraceRow[];
}


/**
 * The step of the cross-entropy widget in Nielsen's book (Neural Networks and Deep
 * Learning, ch. 3), as its page's script computes it: it moves w and b by η·∂C/∂a·x and
 * η·∂C/∂a, where the chain rule asks for ∂C/∂z = ∂C/∂a · σ′(z). For the binary
 * cross-entropy ∂C/∂a = (a − y)/(a(1 − a)), which for y = 0 is 1/(1 − a): the step is
 * 1/σ′(z) times too large, largest exactly where the neuron saturates.
 *
 * Computed from z, not from a rounded a: 1/(a(1 − a)) = (1 + e^−z)(1 + e^z) = 2 + e^z + e^−z,
 * so for y = 0 the step is a·(2 + e^z + e^−z) = 1 + e^z. It overflows to Infinity only past
 * |z| ≈ 709, where the true a(1 − a) is below 1e-307.
 *
 * @example
 * bookWidgetStep(4, sigmoid(4), 0) // 55.598 = 1 + e⁴ = 1/(1 − σ(4)); the true δ is 0.982
 */
export const bookWidgetStep: StepRule = (z, a, y) => (a - y) * (2 + Math.exp(z) + Math.exp(-z));

/**
 * Trains the neuron like `trainNeuron` (same validation, same order of operations) but
 * steps by `rule` instead of the cost's δ. Each row's `cost` and `dCdz` are still the
 * cost's own, so a run can be judged by the cost it claims to minimise; `step` is what
 * the update used. Without a rule the step is the cost's δ and the run equals
 * `trainNeuron(settings)` number for number.
 *
 * @example
 * const s = { cost: 'cross-entropy', w: 2, b: 2, eta: 0.005, epochs: 300, x: 1, y: 0 } as const;
 * trainNeuronStepping(s, bookWidgetStep).trace[300].a // 0.0479: the widget's curve
 * trainNeuronStepping(s).trace[300].a                 // 0.780: gradient descent proper
 */
export function trainNeuronStepping(settings: NeuronSettings, rule?: StepRule): SteppedNeuronRun {
  const { w: w0, b: b0, eta, epochs, x, y } = validateNeuronSettings(settings);
  const cost = costs[settings.cost];
  const trace: SteppedTraceRow[] = new Array(epochs + 1);
  let w = w0;
  let b = b0;
  for (let epoch = 0; ; epoch++) {
    const z = w * x + b;
    const { a, cost: c, dCdz } = unitCost(cost, z, y);
    const step = rule === undefined ? dCdz : rule(z, a, y);
    trace[epoch] = { epoch, w, b, z, a, cost: c, dCdz, step };
    if (epoch === epochs) break;
    w -= eta * step * x;
    b -= eta * step;
  }
  return { cost: settings.cost, w0, b0, eta, x, y, trace };
}
