import { XentError } from '../core/XentError.js';

export interface NpyHeader {
  /** Bytes before the data: magic, version, length and the header dict. */
  dataOffset: number;
  kind: 'f' | 'i' | 'u' | 'b';
  itemSize: number;
  littleEndian: boolean;
  rows: number;
  /** 1 for a 1-D array. */
  columns: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/**
 * The longest header read, in bytes: NumPy's own default (`_MAX_HEADER_SIZE = 10000` in
 * numpy/lib/format.py, the `max_header_size` of its header readers since NumPy 1.24), which
 * no array NumPy writes comes near (its headers are padded to 64 or 128 bytes). A version 2
 * or 3 file may declare up to 4 GiB; a longer declaration is refused before any of it is
 * buffered.
 */
export const NPY_MAX_HEADER_BYTES = 10000;

/**
 * Reads a .npy header (NumPy's format spec, numpy/lib/format.py: magic, version 1–3,
 * little-endian header length, then a Python dict literal with 'descr', 'fortran_order',
 * 'shape'). Returns null while `bytes` is too short to hold the whole header; throws an
 * XentError for anything that is not a C-order 1-D or 2-D array of numbers.
 */
export function parseNpyHeader(bytes: Uint8Array, name: string, complete: boolean): NpyHeader | null {
  const fail = (problem: string) => new XentError(problem, { field: name, index: 'the .npy header' });
  for (let i = 0; i < Math.min(MAGIC.length, bytes.length); i++) if (bytes[i] !== MAGIC[i]) throw fail('not a .npy file: it does not start with \\x93NUMPY');
  if (bytes.length < 10) {
    if (complete) throw fail(bytes.length < 6 ? 'not a .npy file: it is too short for the magic string' : 'the .npy header is truncated');
    return null;
  }
  const major = bytes[6];
  if (major < 1 || major > 3) throw fail(`unsupported .npy version ${major}.${bytes[7]}`);
  const lengthBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lengthBytes) {
    if (complete) throw fail('the .npy header is truncated');
    return null;
  }
  const headerLength = major === 1 ? bytes[8] | (bytes[9] << 8) : (bytes[8] | (bytes[9] << 8) | (bytes[10] << 16)) + bytes[11] * 2 ** 24;
  if (headerLength > NPY_MAX_HEADER_BYTES) {
    throw fail(`the .npy header declares ${headerLength} bytes, more than the ${NPY_MAX_HEADER_BYTES} NumPy reads (its max_header_size)`);
  }
  const start = 8 + lengthBytes;
  const dataOffset = start + headerLength;
  if (bytes.length < dataOffset) {
    if (complete) throw fail(`the .npy header is truncated: it declares ${headerLength} bytes, the file has ${bytes.length - start}`);
    return null;
  }
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, dataOffset));
  if (!/^\s*\{.*\}\s*$/s.test(text)) throw fail(`the .npy header is not a dict: ${JSON.stringify(text.slice(0, 60))}`);
  // A repeated key takes its last value, as in the Python dict literal NumPy evaluates.
  const lastMatch = (pattern: RegExp) => Array.from(text.matchAll(pattern)).pop() ?? null;
  const descr = lastMatch(/'descr'\s*:\s*'([^']*)'/g);
  if (descr === null) throw fail("the .npy header has no 'descr' string (structured arrays are not supported)");
  const order = lastMatch(/'fortran_order'\s*:\s*(True|False)/g);
  if (order === null) throw fail("the .npy header has no 'fortran_order'");
  if (order[1] === 'True') throw fail('the array is in Fortran order; save it in C order, with np.ascontiguousarray');
  const shape = lastMatch(/'shape'\s*:\s*\(([^)]*)\)/g);
  if (shape === null) throw fail("the .npy header has no 'shape' tuple");
  const dims = shape[1]
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d !== '');
  if (!dims.every((d) => /^\d+$/.test(d))) throw fail(`the shape (${shape[1]}) is not a tuple of whole numbers`);
  if (dims.length < 1 || dims.length > 2) throw fail(`the array has shape (${shape[1]}); expected 1 or 2 dimensions (rows, classes)`);
  const type = /^([<>|=])?([fiub])(\d+)$/.exec(descr[1]);
  const sizes: Record<string, number[]> = { f: [4, 8], i: [1, 2, 4, 8], u: [1, 2, 4, 8], b: [1] };
  if (type === null || !sizes[type[2]].includes(Number(type[3]))) {
    throw fail(`unsupported dtype '${descr[1]}'; expected float32 or float64 (or integers for labels)`);
  }
  return {
    dataOffset,
    kind: type[2] as NpyHeader['kind'],
    itemSize: Number(type[3]),
    littleEndian: type[1] !== '>',
    rows: Number(dims[0]),
    columns: dims.length === 2 ? Number(dims[1]) : 1,
  };
}
