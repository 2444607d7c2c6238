import { describe, expect, it } from 'vitest';
import { englishText } from '../../../test/coding/testData.js';
import { ByteCostTracker } from './ByteCostTracker.js';
import { tableBitsFor } from './containerV2.js';
import { byteCosts } from './surprise.js';

const text = englishText();

/** A typing session: appends, backspaces, an edit far back, and a jump across a table size. */
function session(): Uint8Array[] {
  const inputs: Uint8Array[] = [];
  for (let n = 3000; n < 3010; n++) inputs.push(text.subarray(0, n));
  inputs.push(text.subarray(0, 3005), text.subarray(0, 2600));
  const edited = text.slice(0, 3000);
  edited[100] = 0x21;
  inputs.push(edited);
  // tableBitsFor changes between these lengths: the tracker must start over.
  inputs.push(text.subarray(0, 4090), text.subarray(0, 4100), text.subarray(0, 4101));
  return inputs;
}

describe('ByteCostTracker', () => {
  it('the session crosses a table size', () => {
    expect(tableBitsFor(4090)).not.toBe(tableBitsFor(4101));
  });

  it.each([
    ['order0', { model: 'order0' }],
    ['order1', { model: 'order1' }],
    ['order3', { model: 'order3' }],
    ['cm', { model: 'cm' }],
    ['cm, quadratic mixer', { model: 'cm', mixerCost: 'quadratic' }],
  ] as const)('%s: every input gets exactly byteCosts’ costs', (_, options) => {
    const tracker = new ByteCostTracker(options, 64);
    for (const input of session()) expect(tracker.costs(input)).toEqual(byteCosts(input, options));
  });
});
