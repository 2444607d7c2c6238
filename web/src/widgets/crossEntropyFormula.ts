import type { LabUnit } from '../state/labState.js';
import { formatMeasure } from '../ui/formatMeasure.js';
import { formatProbability } from '../ui/formatProbability.js';
import type { CrossEntropyArea } from './crossEntropyArea.js';

/** H(p,q) = Σ p_k log(1/q_k) as TeX, with the current numbers substituted term by term. */
export interface FormulaTex {
  /** The definition, `H(p,q) = \sum_k p_k \log_2 \frac{1}{q_k}`. */
  definition: string;
  /** One `p_k \cdot \log_2 \frac{1}{q_k}` per outcome, with the numbers in. */
  substituted: string[];
  /** Each term's value, p_k·log(1/q_k). */
  values: string[];
  /** The sum, formatted as the measure cards show it. */
  total: string;
}

/** The formula's pieces for `area` (which holds p's widths and q's heights) and the q it came from. */
export function crossEntropyFormulaTex(area: CrossEntropyArea, q: readonly number[], unit: LabUnit): FormulaTex {
  const log = unit === 'bits' ? '\\log_2' : '\\ln';
  const qSum = q.reduce((a, b) => a + b, 0);
  const number = (x: number) => (x === Infinity ? '\\infty' : formatProbability(x).replace(/e([-+]?\d+)$/, '\\times 10^{$1}'));
  return {
    definition: `H(p,q) = \\sum_k p_k \\, ${log} \\frac{1}{q_k}`,
    // Each term is one group: KaTeX breaks lines between the terms, never inside one.
    substituted: area.rects.map((r, k) => `{${number(r.width)} \\cdot ${log} \\dfrac{1}{${number(q[k] / qSum)}}}`),
    values: area.rects.map((r) => (r.term === Infinity ? '\\infty' : formatMeasure(r.term))),
    total: area.crossEntropy === Infinity ? '\\infty' : formatMeasure(area.crossEntropy),
  };
}
