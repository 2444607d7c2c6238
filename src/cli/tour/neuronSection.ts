import { sigmoidPrime } from '../../core/math/sigmoid.js';
import { averageSigmoidSlope, deriveCrossEntropy } from '../../experiments/deriveCrossEntropy.js';
import { trainNeuron } from '../../nn/neuron.js';
import { formatNumber, formatTable } from '../formatTable.js';
import type { TourSection } from './TourSection.js';

const start = { w: 2, b: 2, eta: 0.15, epochs: 300, x: 1, y: 0 };
const derivationTarget = 0.25;

export const neuronSection: TourSection = {
  title: 'The single neuron: why the cross-entropy learns faster',
  render() {
    const quadratic = trainNeuron({ cost: 'quadratic', ...start }).trace;
    const crossEntropy = trainNeuron({ cost: 'cross-entropy', ...start }).trace;
    const z0 = start.w * start.x + start.b;
    const derivation = deriveCrossEntropy(derivationTarget);
    const slope = averageSigmoidSlope();
    const f = (v: number) => formatNumber(v, 4);
    return [
      `A sigmoid neuron a = σ(wx + b) learns to answer y = ${start.y} for x = ${start.x}. It starts`,
      `badly wrong and saturated at (w, b) = (${start.w}, ${start.b}), a = ${f(quadratic[0].a)}; gradient descent with`,
      `η = ${start.eta}:`,
      '',
      formatTable([
        ['epoch', 'a, quadratic cost', 'a, cross-entropy'],
        ...[0, 50, 150, 300].map((e) => [String(e), f(quadratic[e].a), f(crossEntropy[e].a)]),
      ]),
      `Quadratic:     ∂C/∂z = (a − y)σ′(z) = ${f(quadratic[0].dCdz)} at the start,`,
      `               throttled by σ′(${z0}) = ${f(sigmoidPrime(z0))}.`,
      `Cross-entropy: ∂C/∂z = a − y = ${f(crossEntropy[0].dCdz)}: σ′ cancels,`,
      '               the worse the error the bigger the step.',
      '',
      `Demanding ∂C/∂z = a − y forces ∂C/∂a = (a − y)/(a(1 − a)); integrating it`,
      `numerically gives back −[y ln a + (1 − y) ln(1 − a)] within ${formatNumber(derivation.maxAbsError, 2)}`,
      `(y = ${derivationTarget}, ${derivation.grid.length} points).`,
      `On average σ′ = ∫₀¹ a(1 − a) da = ${f(slope)}: at equal η the quadratic cost learns`,
      `~${formatNumber(1 / slope, 2)} times slower.`,
      `Try: xent neuron --preset seed --svg neuron.svg   and   xent derive --y ${derivationTarget}`,
      '',
    ].join('\n');
  },
};
