import type { CostName } from '../nn/Cost.js';

/** How a cost is drawn and named in every figure. */
export interface CostStyle {
  /** Okabe & Ito's colour-blind-safe palette: vermillion, blue, bluish green. */
  color: string;
  /** SVG stroke-dasharray, so the costs stay apart in grey print too ('' is solid). */
  dash: string;
  /** The cost's name, as in `--cost`. */
  label: string;
  /** The output layer and the cost together, for networks where both vary (the MNIST comparison). */
  withOutput: string;
}

/**
 * The one style table of the costs, shared by the neuron figure and the MNIST
 * comparison, so a cost looks the same in every panel of the CLI and the lab. (The neuron
 * figure's training panels use the dash for the start (w₀, b₀) instead: there each cost
 * is drawn from two starts.)
 */
export const COST_STYLES: Readonly<Record<CostName, CostStyle>> = {
  quadratic: { color: '#D55E00', dash: '', label: 'quadratic', withOutput: 'sigmoid + quadratic' },
  'cross-entropy': { color: '#0072B2', dash: '8 3', label: 'cross-entropy', withOutput: 'sigmoid + cross-entropy' },
  'log-likelihood': { color: '#009E73', dash: '2 2', label: 'log-likelihood', withOutput: 'softmax + log-likelihood' },
};
