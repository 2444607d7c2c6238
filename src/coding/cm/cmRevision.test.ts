import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compressBytes, decompressBytes } from '../arithmetic/compressBytes.js';
import { CM_REVISION_2_FLAG, CM_REVISION_3_FLAG, CM_REVISION_4_FLAG, CM_REVISION_5_FLAG } from '../arithmetic/containerV2.js';
import { CorruptInputError } from '../arithmetic/CorruptInputError.js';
import { CmModel, MAX_TABLE_BITS } from './CmModel.js';
import { crc32 } from '../arithmetic/crc32.js';
import type { CmRevision } from './CmRevision.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../test/fixtures/coding/${name}`, import.meta.url)));
const text = fixture('v1-text.txt');

/** The container with header byte 6 (flags) set to `flags` and the header checksum redone. */
function withFlags(container: Uint8Array, flags: number): Uint8Array {
  const c = container.slice();
  c[6] = flags;
  const crc = crc32(c.subarray(0, 9));
  c.set([crc & 0xff, (crc >>> 8) & 0xff, (crc >>> 16) & 0xff, crc >>> 24], 9);
  return c;
}

function errorOf(bytes: Uint8Array): unknown {
  try {
    decompressBytes(bytes);
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('cm model revisions', () => {
  it('a file of the first cm (revision 1, written by an earlier build) is refused by name, not decoded', () => {
    const old = fixture('v2-text.cm-revision1.xent');
    expect(old[5]).toBe(4); // model id: cm
    expect(old[6] & CM_REVISION_2_FLAG).toBe(0);
    const e = errorOf(old);
    expect(e).toBeInstanceOf(CorruptInputError);
    expect((e as Error).message).toMatch(/cm model revision 1/);
  });

  it('new cm files carry the revision-5 flag, and clearing it (checksum redone) is refused the same way', () => {
    for (const mixerCost of ['cross-entropy', 'quadratic'] as const) {
      const packed = compressBytes(text, { model: 'cm', mixerCost }).bytes;
      expect(packed[6]).toBe(CM_REVISION_5_FLAG | (mixerCost === 'quadratic' ? 1 : 0));
      expect(decompressBytes(packed)).toEqual(text);
      expect((errorOf(withFlags(packed, packed[6] & ~CM_REVISION_5_FLAG)) as Error).message).toMatch(/cm model revision 1/);
    }
  });

  it("a revision-5 payload under an earlier revision's header is read by that revision's model: it fails its checksum rather than passing", () => {
    // The flag alone picks the model; the revisions predict differently, so the payload
    // decodes to other bytes, and the chunk's CRC-32 says so.
    const packed = compressBytes(text, { model: 'cm' }).bytes;
    expect(errorOf(withFlags(packed, CM_REVISION_2_FLAG))).toBeInstanceOf(CorruptInputError);
    expect(errorOf(withFlags(packed, CM_REVISION_3_FLAG))).toBeInstanceOf(CorruptInputError);
    expect(errorOf(withFlags(packed, CM_REVISION_4_FLAG))).toBeInstanceOf(CorruptInputError);
  });

  it('the other models refuse the flag, and unknown flags stay refused', () => {
    const order3 = compressBytes(text, { model: 'order3' }).bytes;
    expect(order3[6]).toBe(0);
    expect((errorOf(withFlags(order3, CM_REVISION_2_FLAG)) as Error).message).toMatch(/unknown flags 2/);
    expect((errorOf(withFlags(order3, CM_REVISION_3_FLAG)) as Error).message).toMatch(/unknown flags 4/);
    expect((errorOf(withFlags(order3, CM_REVISION_4_FLAG)) as Error).message).toMatch(/unknown flags 8/);
    expect((errorOf(withFlags(order3, CM_REVISION_5_FLAG)) as Error).message).toMatch(/unknown flags 16/);
    const cm = compressBytes(text, { model: 'cm' }).bytes;
    expect((errorOf(withFlags(cm, CM_REVISION_3_FLAG | CM_REVISION_2_FLAG)) as Error).message).toMatch(/unknown flags 6/);
    expect((errorOf(withFlags(cm, CM_REVISION_4_FLAG | CM_REVISION_3_FLAG)) as Error).message).toMatch(/unknown flags 12/);
    expect((errorOf(withFlags(cm, CM_REVISION_4_FLAG | CM_REVISION_2_FLAG)) as Error).message).toMatch(/unknown flags 10/);
    expect((errorOf(withFlags(cm, CM_REVISION_5_FLAG | CM_REVISION_4_FLAG)) as Error).message).toMatch(/unknown flags 24/);
    expect((errorOf(withFlags(cm, CM_REVISION_5_FLAG | CM_REVISION_2_FLAG)) as Error).message).toMatch(/unknown flags 18/);
    expect((errorOf(withFlags(cm, 32 | CM_REVISION_5_FLAG)) as Error).message).toMatch(/unknown flags 48/);
    expect((errorOf(withFlags(cm, 32 | CM_REVISION_5_FLAG | 1)) as Error).message).toMatch(/unknown flags 49/);
  });

  it('revision 3 gives a context up to twice the buckets of revision 2, within the same memory at the largest tables', () => {
    const bytes = (tableBits: number, revision: CmRevision) => new CmModel(tableBits, 'cross-entropy', revision)['table'].length;
    // 16-byte buckets, 2^min(cap, tableBits (+ 1 in revision 3)) per context, the caps
    // being orders 1, 2, 3, 4, word, two words, column: at tableBits 18 (an input of about
    // 1.5 MB) orders 3, 4 and the word contexts double, the rest are at their caps.
    const caps = [14, 17, 20, 21, 20, 21, 18];
    const expected = (tableBits: number) => caps.reduce((sum, cap) => sum + 16 * 2 ** Math.min(cap, tableBits), 0);
    expect(bytes(18, 2)).toBe(expected(18));
    expect(bytes(18, 3)).toBe(expected(19));
    expect(bytes(18, 3) - bytes(18, 2)).toBe(4 * 16 * 2 ** 18);
    expect(bytes(MAX_TABLE_BITS, 3)).toBe(bytes(MAX_TABLE_BITS, 2));
  });

  it('revision 4 has the classes context in place of order 1, the word context capped at 2^19 buckets, and 24 times the weight sets, within the same memory', () => {
    const parts = (revision: CmRevision) => {
      const m = new CmModel(MAX_TABLE_BITS, 'cross-entropy', revision);
      return m['table'].length + m['weights'].byteLength;
    };
    // Contexts: order 2, classes, 3, 4, word, two words, column.
    const caps = [17, 16, 20, 21, 19, 21, 18];
    const tables = (tableBits: number) => caps.reduce((sum, cap) => sum + 16 * 2 ** Math.min(cap, tableBits + 1), 0);
    const weights = 4 * 6 * 4 * 256 * 10 * 8;
    expect(new CmModel(18, 'cross-entropy', 4)['table'].length).toBe(tables(18));
    expect(parts(4)).toBe(tables(MAX_TABLE_BITS) + weights);
    expect(parts(4)).toBeLessThan(parts(3));
  });

  it('revision 5 adds order 6 (2^19 buckets), four mixer inputs and a second APM, and keeps half the match pointers, within the same memory', () => {
    /** Every typed array the model holds (table32 is table's memory again). */
    const memory = (revision: CmRevision) => {
      const m = new CmModel(MAX_TABLE_BITS, 'cross-entropy', revision);
      return Object.entries(m).reduce((sum, [name, v]) => sum + (ArrayBuffer.isView(v) && name !== 'table32' ? v.byteLength : 0), 0);
    };
    // Contexts: order 2, classes, 3, 4, word, two words, column, order 6.
    const caps = [17, 16, 20, 21, 19, 21, 18, 19];
    const tables = (tableBits: number) => caps.reduce((sum, cap) => sum + 16 * 2 ** Math.min(cap, tableBits + 1), 0);
    expect(new CmModel(18, 'cross-entropy', 5)['table'].length).toBe(tables(18));
    const m = new CmModel(MAX_TABLE_BITS, 'cross-entropy', 5);
    expect(m['table'].length).toBe(tables(MAX_TABLE_BITS));
    expect(m['weights'].byteLength).toBe(4 * 6 * 4 * 256 * 14 * 8);
    expect(m['matchTable'].length).toBe(2 ** 21);
    expect(new CmModel(20, 'cross-entropy', 5)['matchTable'].length).toBe(2 ** 20);
    expect(m['apmOrder2']?.length).toBe(2 ** 16 * 33);
    // 144.6 MB: more than revision 4's 139.5, less than revision 3's 145.2.
    expect(memory(5)).toBe(144_582_580);
    expect(memory(5)).toBeLessThan(memory(3));
    expect(memory(4)).toBeLessThan(memory(5));
  });
});
