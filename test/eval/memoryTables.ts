import type { ByteSource } from '../../src/formats/ByteSource.js';
import type { TableBatch, TableStream } from '../../src/formats/TableBatch.js';

/** A TableStream over in-memory rows, cut into batches of `batchRows` (to cross batch boundaries in tests). */
export function memoryTable(name: string, rows: readonly (readonly number[])[], batchRows = 7, header?: readonly string[]): TableStream {
  let at = 0;
  let sentHeader = false;
  const width = rows[0]?.length ?? header?.length ?? 0;
  return {
    name,
    where: (line) => `line ${line}`,
    async next(): Promise<TableBatch | null> {
      if (at >= rows.length && (sentHeader || header === undefined)) return null;
      const slice = rows.slice(at, at + batchRows);
      const values = new Float64Array(slice.length * width);
      const lines = new Float64Array(slice.length);
      slice.forEach((r, i) => {
        values.set(r, i * width);
        lines[i] = at + i + 1;
      });
      at += slice.length;
      const batch: TableBatch = { rows: slice.length, width, values, lines };
      if (header !== undefined && !sentHeader) {
        batch.header = header;
        sentHeader = true;
      }
      return batch;
    },
  };
}

/** A ByteSource over bytes or text, in chunks of `chunkBytes` (small, so that rows straddle chunks). */
export function memorySource(name: string, content: string | Uint8Array, chunkBytes = 13): ByteSource {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return {
    name,
    async *chunks() {
      for (let i = 0; i < bytes.length; i += chunkBytes) yield bytes.slice(i, i + chunkBytes);
    },
  };
}

/** A .npy file of a float64 (or float32) matrix or vector, written as NumPy's format 1.0 does. */
export function npyBytes(data: readonly (readonly number[])[] | readonly number[], descr = '<f8'): Uint8Array {
  const matrix = Array.isArray(data[0]);
  const rows = data.length;
  const cols = matrix ? (data[0] as number[]).length : 1;
  const shape = matrix ? `(${rows}, ${cols})` : `(${rows},)`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const size = descr.endsWith('8') ? 8 : descr.endsWith('4') ? 4 : descr.endsWith('2') ? 2 : 1;
  const out = new Uint8Array(10 + header.length + rows * cols * size);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const view = new DataView(out.buffer);
  const flat = matrix ? (data as number[][]).flat() : (data as number[]);
  const le = !descr.startsWith('>');
  flat.forEach((v, i) => {
    const at = 10 + header.length + i * size;
    if (descr.includes('f8')) view.setFloat64(at, v, le);
    else if (descr.includes('f4')) view.setFloat32(at, v, le);
    else if (descr.includes('i8')) view.setBigInt64(at, BigInt(v), le);
    else if (descr.includes('i4')) view.setInt32(at, v, le);
    else if (descr.includes('u1')) view.setUint8(at, v);
    else throw new Error(`npyBytes: unsupported ${descr}`);
  });
  return out;
}
