import { XentError } from '../core/XentError.js';

/**
 * The IDX format of the MNIST files (LeCun et al., http://yann.lecun.com/exdb/mnist/):
 * two zero bytes, a type byte, the number of dimensions, each dimension as a big-endian
 * uint32, then the values in row-major order, big-endian.
 */
export type IdxType = 'ubyte' | 'byte' | 'short' | 'int' | 'float' | 'double';
export type IdxArray = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

export interface IdxData {
  type: IdxType;
  dims: number[];
  data: IdxArray;
}

const TYPES: ReadonlyArray<{ code: number; type: IdxType; bytes: number }> = [
  { code: 0x08, type: 'ubyte', bytes: 1 },
  { code: 0x09, type: 'byte', bytes: 1 },
  { code: 0x0b, type: 'short', bytes: 2 },
  { code: 0x0c, type: 'int', bytes: 4 },
  { code: 0x0d, type: 'float', bytes: 4 },
  { code: 0x0e, type: 'double', bytes: 8 },
];

/**
 * Parses an IDX file's bytes (already gunzipped). Anything that is not a complete,
 * well-formed IDX file is a XentError with `field` naming the file.
 *
 * @example
 * readIdx(bytes, 'train-labels-idx1-ubyte') // { type: 'ubyte', dims: [60000], data: Uint8Array(60000) }
 */
export function readIdx(bytes: Uint8Array, field: string): IdxData {
  if (bytes.length < 4) throw new XentError(`not an IDX file: only ${bytes.length} bytes`, { field });
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new XentError(`not an IDX file: it starts with bytes ${hex(bytes[0])} ${hex(bytes[1])}, expected 0x00 0x00`, { field });
  }
  const spec = TYPES.find((t) => t.code === bytes[2]);
  if (spec === undefined) throw new XentError(`not an IDX file: unknown type code ${hex(bytes[2])}`, { field });
  const ndims = bytes[3];
  if (ndims === 0) throw new XentError('malformed IDX file: zero dimensions', { field });
  const header = 4 + 4 * ndims;
  if (bytes.length < header) {
    throw new XentError(`truncated IDX file: the header needs ${header} bytes, the file has ${bytes.length}`, { field });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let d = 0; d < ndims; d++) dims.push(view.getUint32(4 + 4 * d, false));
  const count = dims.reduce((p, d) => p * d, 1);
  const expected = header + count * spec.bytes;
  if (bytes.length !== expected) {
    const what = bytes.length < expected ? 'truncated' : 'malformed';
    throw new XentError(
      `${what} IDX file: the header declares ${dims.join('×')} ${spec.type} values (${expected} bytes), the file has ${bytes.length} bytes`,
      { field },
    );
  }
  return { type: spec.type, dims, data: readValues(view, header, count, spec.type) };
}

/**
 * The bytes of an IDX file holding `data` with shape `dims` (uncompressed).
 *
 * @example
 * writeIdx('ubyte', [2, 2], new Uint8Array([0, 255, 255, 0]))
 */
export function writeIdx(type: IdxType, dims: readonly number[], data: ArrayLike<number>): Uint8Array {
  const spec = TYPES.find((t) => t.type === type);
  if (spec === undefined) throw new XentError(`unknown IDX type '${type}'`, { field: 'type' });
  const count = dims.reduce((p, d) => p * d, 1);
  if (dims.length < 1 || dims.length > 255 || dims.some((d) => !Number.isInteger(d) || d < 0 || d > 0xffffffff)) {
    throw new XentError(`dims ${JSON.stringify(dims)} are not 1 to 255 sizes in [0, 2^32)`, { field: 'dims' });
  }
  if (count !== data.length) throw new XentError(`${data.length} values do not fill ${dims.join('×')}`, { field: 'data' });
  const header = 4 + 4 * dims.length;
  const bytes = new Uint8Array(header + count * spec.bytes);
  const view = new DataView(bytes.buffer);
  bytes[2] = spec.code;
  bytes[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  for (let i = 0; i < count; i++) {
    const o = header + i * spec.bytes;
    const x = data[i];
    switch (type) {
      case 'ubyte': view.setUint8(o, x); break;
      case 'byte': view.setInt8(o, x); break;
      case 'short': view.setInt16(o, x, false); break;
      case 'int': view.setInt32(o, x, false); break;
      case 'float': view.setFloat32(o, x, false); break;
      case 'double': view.setFloat64(o, x, false); break;
    }
  }
  return bytes;
}

function readValues(view: DataView, offset: number, count: number, type: IdxType): IdxArray {
  switch (type) {
    case 'ubyte':
      return new Uint8Array(view.buffer.slice(view.byteOffset + offset, view.byteOffset + offset + count));
    case 'byte':
      return new Int8Array(view.buffer.slice(view.byteOffset + offset, view.byteOffset + offset + count));
    case 'short': {
      const out = new Int16Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt16(offset + 2 * i, false);
      return out;
    }
    case 'int': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt32(offset + 4 * i, false);
      return out;
    }
    case 'float': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(offset + 4 * i, false);
      return out;
    }
    case 'double': {
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(offset + 8 * i, false);
      return out;
    }
  }
}

function hex(b: number): string {
  return `0x${b.toString(16).padStart(2, '0')}`;
}
