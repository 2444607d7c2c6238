import { describe, expect, it } from 'vitest';
import { XentError } from '../core/XentError.js';
import { readIdx, writeIdx, type IdxType } from './idx.js';

describe('IDX bytes', () => {
  it('follow the published layout: 0 0 type ndims, big-endian dims, big-endian values', () => {
    const bytes = writeIdx('short', [2], [258, -2]);
    expect(Array.from(bytes)).toEqual([0, 0, 0x0b, 1, 0, 0, 0, 2, 0x01, 0x02, 0xff, 0xfe]);
  });

  it('round-trip every type', () => {
    const cases: [IdxType, number[]][] = [
      ['ubyte', [0, 7, 255, 128, 1, 2]],
      ['byte', [-128, 127, 0, -1, 5, 6]],
      ['short', [-32768, 32767, 0, 1, -1, 300]],
      ['int', [-(2 ** 31), 2 ** 31 - 1, 0, 1, -1, 70000]],
      ['float', [0.5, -1.25, 3, 1e10, -0, 7]],
      ['double', [Math.PI, -Math.E, 1e-300, 0, 1, 2]],
    ];
    for (const [type, values] of cases) {
      const back = readIdx(writeIdx(type, [2, 3], values), 'f');
      expect(back.type).toBe(type);
      expect(back.dims).toEqual([2, 3]);
      expect(Array.from(back.data)).toEqual(values);
    }
  });

  it('reject malformed files with one clear message naming the file', () => {
    const good = writeIdx('ubyte', [2, 2], [1, 2, 3, 4]);
    const cases: [Uint8Array, RegExp][] = [
      [new Uint8Array([0, 0]), /not an IDX file: only 2 bytes \(imgs\)/],
      [Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0]), /not an IDX file: it starts with bytes 0x50 0x4b/],
      [Uint8Array.from([0, 0, 0x07, 1, 0, 0, 0, 0]), /unknown type code 0x07/],
      [Uint8Array.from([0, 0, 0x08, 0]), /zero dimensions/],
      [Uint8Array.from([0, 0, 0x08, 3, 0, 0]), /truncated IDX file: the header needs 16 bytes, the file has 6/],
      [good.subarray(0, good.length - 1), /truncated IDX file: the header declares 2×2 ubyte values \(16 bytes\), the file has 15 bytes/],
      [Uint8Array.from([...good, 9]), /malformed IDX file: .* the file has 17 bytes/],
    ];
    for (const [bytes, message] of cases) {
      expect(() => readIdx(bytes, 'imgs')).toThrow(XentError);
      expect(() => readIdx(bytes, 'imgs')).toThrow(message);
    }
  });
});
