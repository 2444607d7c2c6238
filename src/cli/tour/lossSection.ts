import { binaryCrossEntropyWithLogits } from '../../core/losses/binaryCrossEntropyWithLogits.js';
import { crossEntropyLoss } from '../../core/losses/crossEntropyLoss.js';
import { softmax } from '../../core/math/softmax.js';
import { quadraticCost } from '../../nn/Cost.js';
import { unitCost } from '../../nn/unitCost.js';
import { formatNumber, formatTable } from '../formatTable.js';
import type { TourSection } from './TourSection.js';

const logits = [2, -1, 0.5];
const target = 0;

export const lossSection: TourSection = {
  title: 'Cross-entropy as a loss: exact gradients from logits',
  render() {
    const ce = crossEntropyLoss([logits], [target]);
    const p = softmax(logits);
    const huge = crossEntropyLoss([[1e4, -1e4]], [1]);
    const naive = -Math.log(Math.exp(-1e4) / (Math.exp(1e4) + Math.exp(-1e4)));
    // A saturated sigmoid unit that should output 1: z = −6.
    const z = -6;
    const bce = binaryCrossEntropyWithLogits([z], [1]);
    const quadraticGrad = unitCost(quadraticCost, z, 1).dCdz;
    return [
      `Logits ${logits.join(', ')} and true class ${target}. The loss is −log softmax(z)_y in nats,`,
      'and its gradient is the prediction minus the one-hot target, p − y:',
      '',
      formatTable([
        ['', 'class 0', 'class 1', 'class 2'],
        ['p = softmax(z)', ...Array.from(p, (x) => formatNumber(x))],
        ['∂loss/∂z', ...Array.from(ce.grad, (x) => formatNumber(x))],
      ]),
      formatTable([['cross_entropy =', `${formatNumber(ce.loss as number)} nats`, `= −log ${formatNumber(p[target])}`]]),
      `Stable at any scale: logits (1e4, −1e4), class 1 → loss ${formatNumber(huge.loss as number)} nats`,
      `(the naive −log(softmax) gives ${naive}).`,
      '',
      `A saturated sigmoid unit (z = ${z}) that should say 1: ∂C/∂z with cross-entropy is`,
      `σ(z) − y = ${formatNumber(bce.grad[0])}; with the quadratic cost it is (a − y)σ′(z) = ${formatNumber(quadraticGrad)}:`,
      `σ′ cancels in the cross-entropy, so it learns ${Math.round(bce.grad[0] / quadraticGrad)}× faster here.`,
      'Try: echo \'{"loss":"cross_entropy","input":[[2,-1,0.5]],"target":[0]}\' |',
      '       xent loss --request -',
      '',
    ].join('\n');
  },
};
