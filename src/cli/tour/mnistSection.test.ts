import { describe, expect, it } from 'vitest';
import { loadMnist } from '../../data/loadMnist.js';
import { trainNetwork } from '../../nn/trainNetwork.js';
import { mnistSection } from './mnistSection.js';

describe('tour: real digits', () => {
  const text = mnistSection.render();
  const row = (prefix: string) =>
    text
      .split('\n')
      .find((l) => l.startsWith(prefix))!
      .split(/\s{2,}/)
      .slice(2)
      .map((cell) => Number(cell.replace('%', '')));

  it('prints the accuracies that training actually reaches', () => {
    const { train, test } = loadMnist({ trainSize: 1000, testSize: 500 });
    const { epochs } = trainNetwork({ sizes: [784, 30, 10], cost: 'cross-entropy', eta: 0.5, epochs: 1, batchSize: 10, lambda: 0, init: 'large', seed: 1 }, train, test);
    expect(row('sigmoid + cross-entropy')[0]).toBe(Number((100 * epochs[0].testAccuracy).toFixed(1)));
  });

  it('backs its claim: from saturated weights the quadratic cost learns least in one epoch', () => {
    const [quadraticLarge] = row('sigmoid + quadratic');
    expect(quadraticLarge).toBeLessThan(row('sigmoid + cross-entropy')[0]);
    expect(quadraticLarge).toBeLessThan(row('softmax + log-likelihood')[0]);
  });
});
