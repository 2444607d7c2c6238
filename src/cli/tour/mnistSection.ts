import { loadMnist } from '../../data/loadMnist.js';
import { DEFAULT_ARMS } from '../../experiments/mnistCosts.js';
import type { WeightInit } from '../../nn/Network.js';
import { trainNetwork } from '../../nn/trainNetwork.js';
import { formatTable } from '../formatTable.js';
import type { TourSection } from './TourSection.js';

const TRAIN = 1000;
const TEST = 500;
const INITS: readonly WeightInit[] = ['large', 'default'];

/** One epoch of [784, 30, 10] on 1,000 real digits per cost and init: about a second in all. */
export const mnistSection: TourSection = {
  title: 'Real digits: the same lesson in a network',
  render() {
    const { train, test } = loadMnist({ trainSize: TRAIN, testSize: TEST });
    const accuracy = (cost: (typeof DEFAULT_ARMS)[number], init: WeightInit) => {
      const { epochs } = trainNetwork(
        { sizes: [784, 30, 10], cost: cost.cost, eta: cost.eta, epochs: 1, batchSize: 10, lambda: 0, init, seed: 1 },
        train,
        test,
      );
      return `${(100 * epochs[0].testAccuracy).toFixed(1)}%`;
    };
    return [
      `A [784, 30, 10] network, one epoch of SGD (batch 10) on ${TRAIN} MNIST digits, test`,
      `accuracy on ${TEST} others. "large" starts the weights at N(0, 1), so units start`,
      'saturated; "default" uses N(0, 1/n_in).',
      '',
      formatTable([
        ['output + cost', 'η', ...INITS.map((i) => `init ${i}`)],
        ...DEFAULT_ARMS.map((arm) => [
          arm.cost === 'log-likelihood' ? `softmax + ${arm.cost}` : `sigmoid + ${arm.cost}`,
          String(arm.eta),
          ...INITS.map((init) => accuracy(arm, init)),
        ]),
      ]),
      "The quadratic cost's output error (a − y)σ′(z) vanishes on saturated units; the",
      'two costs whose error is a − y keep learning. Full comparison over seeds:',
      '  xent experiment mnist-costs --seeds 3 --epochs 30',
      '',
    ].join('\n');
  },
};
