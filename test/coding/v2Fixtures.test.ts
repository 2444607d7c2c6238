import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compressBytes, decompressBytes } from '../../src/coding/index.js';
import { englishText, multiChunkText } from './testData.js';

// What the reference implementation of the teaching models (commit 68b46ed) wrote, made by
// scripts/coding/makeV2Fixtures.mjs: any faster implementation must write the same bytes.
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/coding/${name}`, import.meta.url)));
const digests = JSON.parse(new TextDecoder().decode(fixture('v2-digests.json'))) as Record<string, { inputBytes: number; outputBytes: number; sha256: string }>;
const models = ['order0', 'order1', 'order2', 'order3'] as const;

describe('version-2 containers of the teaching models, byte for byte', () => {
  const originals = { text: fixture('v1-text.txt'), bytes: fixture('v1-bytes.bin') };
  for (const kind of ['text', 'bytes'] as const) {
    for (const model of models) {
      it(`${kind} under ${model}: compresses to the committed container, which decodes`, () => {
        const committed = fixture(`v2-${kind}.${model}.xent`);
        expect(Buffer.from(compressBytes(originals[kind], { model }).bytes).equals(Buffer.from(committed))).toBe(true);
        expect(decompressBytes(committed)).toEqual(originals[kind]);
      });
    }
  }
  const inputs = { englishText: englishText(), multiChunkText: multiChunkText() };
  for (const name of ['englishText', 'multiChunkText'] as const) {
    for (const model of models) {
      it(`${name} under ${model}: the committed length and SHA-256, and a round trip`, () => {
        const input = inputs[name];
        const expected = digests[`${name}.${model}`];
        expect(input.length).toBe(expected.inputBytes);
        const bytes = compressBytes(input, { model }).bytes;
        expect(bytes.length).toBe(expected.outputBytes);
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(expected.sha256);
        expect(Buffer.from(decompressBytes(bytes)).equals(Buffer.from(input))).toBe(true);
      });
    }
  }
});
