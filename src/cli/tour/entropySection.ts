import { crossEntropy } from '../../core/info/crossEntropy.js';
import { entropy } from '../../core/info/entropy.js';
import { klDivergence } from '../../core/info/klDivergence.js';
import { formatNumber, formatTable } from '../formatTable.js';
import type { TourSection } from './TourSection.js';

const p = [1 / 2, 1 / 4, 1 / 8, 1 / 8];
const q = [1 / 8, 1 / 2, 1 / 4, 1 / 8];

export const entropySection: TourSection = {
  title: 'Entropy and cross-entropy: the worked example',
  render() {
    const hp = entropy(p);
    const hpq = crossEntropy(p, q);
    return [
      'Four outcomes A, B, C, D. The source draws them with p; a strategy of yes/no',
      'questions can be built for p or for a wrong guess q.',
      '',
      formatTable([
        ['', 'A', 'B', 'C', 'D'],
        ['p', ...p.map((x) => formatNumber(x))],
        ['q', ...q.map((x) => formatNumber(x))],
      ]),
      // The labels carry their '=' so it lines up; padded to the widest, KL(p‖q).
      formatTable([
        ['H(p)    =', `${formatNumber(hp)} bits`, 'questions per outcome with the best strategy for p'],
        ['H(q)    =', `${formatNumber(entropy(q))} bits`, ''],
        ['H(p,q)  =', `${formatNumber(hpq)} bits`, "questions per outcome of p with q's strategy"],
        ['H(q,p)  =', `${formatNumber(crossEntropy(q, p))} bits`, 'not symmetric'],
        ['KL(p‖q) =', `${formatNumber(klDivergence(p, q))} bits`, `the waste: H(p,q) − H(p) = ${formatNumber(hpq - hp)}`],
      ]),
      'Cross-entropy is smallest, equal to H(p), exactly when q = p: minimising it',
      'drives the model q towards the truth p. Try: xent info --p 0.5,0.5 --q 0.9,0.1',
      '',
    ].join('\n');
  },
};
