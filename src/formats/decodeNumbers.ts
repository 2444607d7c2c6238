/** The element types of binary columns: IEEE floats (half, bfloat16, single, double) and integers. */
export type NumberType = 'f64' | 'f32' | 'f16' | 'bf16' | 'i64' | 'i32' | 'i16' | 'i8' | 'u64' | 'u32' | 'u16' | 'u8';

/** Bytes per element of each type. */
export const NUMBER_TYPE_BYTES: Readonly<Record<NumberType, number>> = { f64: 8, f32: 4, f16: 2, bf16: 2, i64: 8, i32: 4, i16: 2, i8: 1, u64: 8, u32: 4, u16: 2, u8: 1 };

/**
 * Little-endian elements of `type` as numbers. Float64 and the integers that fit are
 * viewed in place where the bytes are aligned; 64-bit integers beyond 2^53 round as
 * Number() rounds them (labels are small; a weight that large is no weight).
 */
export function decodeNumbers(bytes: Uint8Array, type: NumberType): ArrayLike<number> {
  const size = NUMBER_TYPE_BYTES[type];
  const n = Math.floor(bytes.length / size);
  const aligned = bytes.byteOffset % size === 0;
  switch (type) {
    case 'f64':
      return aligned ? new Float64Array(bytes.buffer, bytes.byteOffset, n) : new Float64Array(bytes.slice(0, n * 8).buffer);
    case 'f32':
      return aligned ? new Float32Array(bytes.buffer, bytes.byteOffset, n) : new Float32Array(bytes.slice(0, n * 4).buffer);
    case 'i32':
      return aligned ? new Int32Array(bytes.buffer, bytes.byteOffset, n) : new Int32Array(bytes.slice(0, n * 4).buffer);
    case 'u32':
      return aligned ? new Uint32Array(bytes.buffer, bytes.byteOffset, n) : new Uint32Array(bytes.slice(0, n * 4).buffer);
    case 'i16':
      return aligned ? new Int16Array(bytes.buffer, bytes.byteOffset, n) : new Int16Array(bytes.slice(0, n * 2).buffer);
    case 'u16':
      return aligned ? new Uint16Array(bytes.buffer, bytes.byteOffset, n) : new Uint16Array(bytes.slice(0, n * 2).buffer);
    case 'i8':
      return new Int8Array(bytes.buffer, bytes.byteOffset, n);
    case 'u8':
      return bytes.subarray(0, n);
    default: {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const at = i * size;
        if (type === 'i64') out[i] = Number(view.getBigInt64(at, true));
        else if (type === 'u64') out[i] = Number(view.getBigUint64(at, true));
        else if (type === 'f16') out[i] = halfToNumber(view.getUint16(at, true));
        else out[i] = bfloat16ToNumber(view.getUint16(at, true));
      }
      return out;
    }
  }
}

/** An IEEE 754 binary16 value: sign, 5 exponent bits (bias 15), 10 fraction bits; subnormals below 2^−14. */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 31) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

const bfloat = new DataView(new ArrayBuffer(4));

/** A bfloat16 value: the top 16 bits of a float32. */
export function bfloat16ToNumber(bits: number): number {
  bfloat.setUint32(0, bits << 16);
  return bfloat.getFloat32(0);
}
