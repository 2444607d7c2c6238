import { describe, expect, it } from 'vitest';
import { englishText } from '../../../test/coding/testData.js';
import { ContextMixingModel } from './ContextMixingModel.js';

const text = englishText().subarray(0, 4000);
const orders = [1, 2, 3] as const;

/** −log2 q(x_i | context) of every byte through predict() and update(), one bit at a time. */
function referenceCosts(model: ContextMixingModel, bytes: Uint8Array): Float64Array {
  const costs = new Float64Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    let bits = 0;
    for (let k = 7; k >= 0; k--) {
      const bit = (bytes[i] >> k) & 1;
      const p1 = model.predict() / 4096;
      bits -= Math.log2(bit ? p1 : 1 - p1);
      model.update(bit);
    }
    costs[i] = bits;
  }
  return costs;
}

describe('ContextMixingModel', () => {
  it.each(orders)('order %i: the fused per-chunk loop (measureBytes) gives exactly the costs of predict() and update()', (order) => {
    // Block bits 8: small tables, so hashed contexts collide too.
    const fast = new Float64Array(text.length);
    new ContextMixingModel(order, 8).measureBytes(text, fast);
    expect(fast).toEqual(referenceCosts(new ContextMixingModel(order, 8), text));
  });

  it.each(orders)('order %i: nextByteDistribution is, for every byte, the product of its bit probabilities', (order) => {
    const prefix = text.subarray(0, 300);
    const model = new ContextMixingModel(order, 8);
    model.measureBytes(prefix, new Float64Array(prefix.length));
    const distribution = model.nextByteDistribution();
    let total = 0;
    for (let b = 0; b < 256; b++) {
      // A fresh model replayed bit by bit, then taken down b's path.
      const reference = new ContextMixingModel(order, 8);
      referenceCosts(reference, prefix);
      const expected = 2 ** -referenceCosts(reference, Uint8Array.of(b))[0];
      expect(distribution[b]).toBeCloseTo(expected, 14);
      total += distribution[b];
    }
    expect(total).toBeCloseTo(1, 12);
  });

  it.each(orders)('order %i: nextByteDistribution leaves the model as it was', (order) => {
    const untouched = new ContextMixingModel(order, 8);
    const probed = new ContextMixingModel(order, 8);
    const costsA = new Float64Array(text.length);
    const costsB = new Float64Array(text.length);
    for (let at = 0; at < text.length; at += 500) {
      untouched.measureBytes(text, costsA, at, at + 500);
      probed.nextByteDistribution();
      probed.measureBytes(text, costsB, at, at + 500);
    }
    expect(costsB).toEqual(costsA);
  });
});
