import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decompressBytes } from '../../src/coding/index.js';
import { englishText } from './testData.js';

// Containers written by cm's model revision 3 (scripts/coding/makeCmRevision3Fixtures.mjs,
// from the commit that added them): every later build must decode them to the very bytes they came from.
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/coding/${name}`, import.meta.url)));

describe('cm model revision 3 containers still decode, bit for bit', () => {
  const originals = { text: fixture('v1-text.txt'), bytes: fixture('v1-bytes.bin'), englishText: englishText() };
  const cases: [keyof typeof originals, string][] = [
    ['text', ''],
    ['text', '.quadratic'],
    ['bytes', ''],
    ['bytes', '.quadratic'],
    ['englishText', ''],
  ];
  for (const [name, suffix] of cases) {
    it(`${name}${suffix}`, () => {
      const container = fixture(`v2-${name}.cm-revision3${suffix}.xent`);
      expect(container[5]).toBe(4); // model id: cm
      expect(container[6]).toBe(4 | (suffix ? 1 : 0)); // revision-3 flag, and the quadratic mixer's bit
      expect(Buffer.from(decompressBytes(container)).equals(Buffer.from(originals[name]))).toBe(true);
    });
  }
});
