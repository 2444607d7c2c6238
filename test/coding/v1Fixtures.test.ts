import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decompressBytes } from '../../src/coding/index.js';

// Containers written by release 0.1.0 (scripts/coding/makeV1Fixtures.mjs, run at commit
// e6334b7): every later version must still decode them, bit for bit.
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/coding/${name}`, import.meta.url)));

describe('version-1 containers from release 0.1.0', () => {
  const originals = { text: fixture('v1-text.txt'), bytes: fixture('v1-bytes.bin') };
  for (const kind of ['text', 'bytes'] as const) {
    for (const model of ['order0', 'order1', 'order2', 'order3']) {
      it(`decode: ${kind} under ${model}`, () => {
        expect(decompressBytes(fixture(`v1-${kind}.${model}.xent`))).toEqual(originals[kind]);
      });
    }
  }
  it('decode: empty input', () => {
    expect(decompressBytes(fixture('v1-empty.order3.xent'))).toEqual(new Uint8Array(0));
  });
});
