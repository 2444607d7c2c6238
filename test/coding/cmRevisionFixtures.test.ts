import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decompressBytes } from '../../src/coding/index.js';
import { englishText } from './testData.js';

// Containers written by each revision of the cm model (scripts/coding/makeCmRevisionFixtures.mjs,
// revision 2's from commit 666568c, revision 3's, 4's and 5's from the commits that added them): every
// later build must decode them to the very bytes they came from.
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/coding/${name}`, import.meta.url)));

/** Each revision and the flag bit that marks it in the container's flags byte. */
const REVISION_FLAGS = [
  [2, 2],
  [3, 4],
  [4, 8],
  [5, 16],
] as const;

for (const [revision, flag] of REVISION_FLAGS) {
  describe(`cm model revision ${revision} containers still decode, bit for bit`, () => {
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
        const container = fixture(`v2-${name}.cm-revision${revision}${suffix}.xent`);
        expect(container[5]).toBe(4); // model id: cm
        expect(container[6]).toBe(flag | (suffix ? 1 : 0)); // the revision's flag, and the quadratic mixer's bit
        expect(Buffer.from(decompressBytes(container)).equals(Buffer.from(originals[name]))).toBe(true);
      });
    }
  });
}
