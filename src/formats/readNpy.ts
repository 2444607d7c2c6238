import { XentError } from '../core/XentError.js';
import type { TableBatch, TableStream } from './TableBatch.js';
import { BatchBuffer } from './BatchBuffer.js';
import type { ByteSource } from './ByteSource.js';
import { parseNpyHeader, type NpyHeader } from './npyHeader.js';
import { tableStream } from './tableStream.js';
import type { CellMode } from './CellMode.js';

/**
 * A NumPy .npy file (1-D: one column; 2-D: rows × columns, C order) as a stream of row
 * batches, read chunk by chunk. The header is checked first (parseNpyHeader); a file that
 * ends before its declared rows, or goes on after them, is an error, and so is a NaN.
 * Positions are `row r, column c` (1-based).
 */
export function readNpy(source: ByteSource, mode: CellMode): TableStream {
  return tableStream(source.name, batches(source, mode), (row) => `row ${row}`);
}

async function* batches(source: ByteSource, mode: CellMode): AsyncGenerator<TableBatch> {
  const name = source.name;
  const buf = new BatchBuffer();
  let header: NpyHeader | null = null;
  let pending = new Uint8Array(0);
  let row = 0;
  let rowBytes = 0;
  let trailing = 0;
  for await (const chunk of source.chunks()) {
    let data: Uint8Array;
    if (pending.length === 0) data = chunk;
    else {
      data = new Uint8Array(pending.length + chunk.length);
      data.set(pending);
      data.set(chunk, pending.length);
    }
    let offset = 0;
    if (header === null) {
      header = parseNpyHeader(data, name, false);
      if (header === null) {
        pending = data.slice();
        continue;
      }
      offset = header.dataOffset;
      rowBytes = header.itemSize * header.columns;
      if (header.columns === 0) throw new XentError('the array has 0 columns', { field: name, index: 'the .npy header' });
    }
    const available = Math.floor((data.length - offset) / rowBytes);
    const wanted = Math.min(available, header.rows - row);
    buf.reset();
    decode(data, offset, wanted, header, buf, mode, name, row);
    row += wanted;
    offset += wanted * rowBytes;
    if (row === header.rows) {
      trailing += data.length - offset;
      pending = new Uint8Array(0);
    } else pending = data.slice(offset);
    if (buf.rows > 0) yield buf.batch(header.columns);
  }
  if (header === null) parseNpyHeader(pending, name, true);
  else if (row < header.rows) {
    throw new XentError(`the file ends after ${row} of the ${header.rows} rows its header declares`, { field: name, index: `row ${row + 1}` });
  } else if (trailing > 0) {
    throw new XentError(`${trailing} bytes follow the ${header.rows} rows the header declares`, { field: name, index: `row ${header.rows}` });
  }
}

function decode(data: Uint8Array, offset: number, rows: number, h: NpyHeader, buf: BatchBuffer, mode: CellMode, name: string, firstRow: number): void {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const le = h.littleEndian;
  const size = h.itemSize;
  const columns = h.columns;
  const read = reader(h, view);
  let at = offset;
  for (let r = 0; r < rows; r++) {
    const rowNumber = firstRow + r + 1;
    for (let c = 0; c < columns; c++) {
      const v = read(at, le);
      at += size;
      if (v !== v) throw new XentError('the value is NaN', { field: name, index: `row ${rowNumber}, column ${c + 1}` });
      if (mode.kind === 'labels') buf.push(mode.resolve(v, () => ({ field: name, index: `row ${rowNumber}, column ${c + 1}` })));
      else buf.push(v);
    }
    buf.endRow(rowNumber);
  }
}

function reader(h: NpyHeader, view: DataView): (at: number, le: boolean) => number {
  if (h.kind === 'f') return h.itemSize === 8 ? (at, le) => view.getFloat64(at, le) : (at, le) => view.getFloat32(at, le);
  if (h.kind === 'b') return (at) => view.getUint8(at);
  const signed = h.kind === 'i';
  switch (h.itemSize) {
    case 1:
      return signed ? (at) => view.getInt8(at) : (at) => view.getUint8(at);
    case 2:
      return signed ? (at, le) => view.getInt16(at, le) : (at, le) => view.getUint16(at, le);
    case 4:
      return signed ? (at, le) => view.getInt32(at, le) : (at, le) => view.getUint32(at, le);
    default:
      return signed ? (at, le) => Number(view.getBigInt64(at, le)) : (at, le) => Number(view.getBigUint64(at, le));
  }
}
