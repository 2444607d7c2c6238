import { describe, expect, it } from 'vitest';
import { bfloat16ToNumber, decodeNumbers, halfToNumber } from './decodeNumbers.js';

describe('halfToNumber', () => {
  it('decodes IEEE 754 binary16 by its definition: normal, subnormal, zero, infinity, NaN', () => {
    expect(halfToNumber(0x3c00)).toBe(1);
    expect(halfToNumber(0xc000)).toBe(-2);
    expect(halfToNumber(0x3555)).toBe(0.333251953125); // (1 + 341/1024)·2^−2, the half nearest 1/3
    expect(halfToNumber(0x7bff)).toBe(65504); // the largest half
    expect(halfToNumber(0x0400)).toBe(2 ** -14); // the smallest normal
    expect(halfToNumber(0x0001)).toBe(2 ** -24); // the smallest subnormal
    expect(Object.is(halfToNumber(0x8000), -0)).toBe(true);
    expect(halfToNumber(0x7c00)).toBe(Infinity);
    expect(halfToNumber(0xfc00)).toBe(-Infinity);
    expect(halfToNumber(0x7e00)).toBeNaN();
  });
});

describe('bfloat16ToNumber', () => {
  it('is the top half of a float32', () => {
    expect(bfloat16ToNumber(0x3f80)).toBe(1);
    expect(bfloat16ToNumber(0x4049)).toBe(3.140625);
    expect(bfloat16ToNumber(0xff80)).toBe(-Infinity);
    const f32 = new DataView(new ArrayBuffer(4));
    f32.setFloat32(0, -0.15625);
    expect(bfloat16ToNumber(f32.getUint16(0))).toBe(-0.15625);
  });
});

describe('decodeNumbers', () => {
  it('reads little-endian elements, aligned or not, and 64-bit integers as numbers', () => {
    const bytes = new Uint8Array(1 + 16);
    const view = new DataView(bytes.buffer);
    view.setFloat64(1, -2.5, true);
    view.setFloat64(9, 1e300, true);
    expect(Array.from(decodeNumbers(bytes.subarray(1), 'f64'))).toEqual([-2.5, 1e300]);
    view.setBigInt64(1, -7n, true);
    view.setBigUint64(9, 2n ** 53n, true);
    expect(Array.from(decodeNumbers(bytes.subarray(1, 9), 'i64'))).toEqual([-7]);
    expect(Array.from(decodeNumbers(bytes.subarray(9), 'u64'))).toEqual([2 ** 53]);
    view.setUint16(1, 0x3c00, true);
    view.setUint16(3, 0x3f80, true);
    expect(Array.from(decodeNumbers(bytes.subarray(1, 3), 'f16'))).toEqual([1]);
    expect(Array.from(decodeNumbers(bytes.subarray(3, 5), 'bf16'))).toEqual([1]);
    view.setInt32(1, -3, true);
    expect(Array.from(decodeNumbers(bytes.subarray(1, 5), 'i32'))).toEqual([-3]);
    expect(Array.from(decodeNumbers(Uint8Array.of(255, 1), 'i8'))).toEqual([-1, 1]);
  });
});
