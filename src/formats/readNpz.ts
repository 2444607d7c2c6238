import { XentError } from '../core/XentError.js';
import type { ByteSource, RandomAccess } from './ByteSource.js';
import type { ColumnarTable, ColumnChunk, ColumnInfo } from './ColumnarTable.js';
import { crc32 } from './crc32.js';
import { parseNpyHeader, type NpyHeader } from './npyHeader.js';
import { readNpy } from './readNpy.js';
import type { TableBatch, TableStream } from './TableBatch.js';
import { zipDataOffset, zipDirectory, type ZipEntry } from './zipDirectory.js';

/** Bytes of a member read at a time. */
const PIECE_BYTES = 2 ** 20;

/**
 * A NumPy .npz archive (a ZIP of .npy members, as np.savez writes them stored and
 * np.savez_compressed deflated) as a columnar table: each 1-D or 2-D array is a column,
 * named without its `.npy`. Every member streams through readNpy, deflated ones through
 * DecompressionStream('deflate-raw'), and each must inflate to exactly the size the
 * directory declares (it is never inflated past it) with the CRC-32 it declares.
 */
export async function readNpz(name: string, access: RandomAccess): Promise<ColumnarTable> {
  const entries = await zipDirectory(name, access);
  const arrays = new Map<string, { info: ColumnInfo; source: ByteSource }>();
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const column = entry.name.replace(/\.npy$/, '');
    if (entry.method !== 0 && entry.method !== 8) throw new XentError(`member '${entry.name}' uses ZIP method ${entry.method}; only stored (0) and deflate (8) are read`, { field: name, index: 'the ZIP directory' });
    const source = memberSource(name, access, entry);
    const header = await memberHeader(source, entry);
    const info: ColumnInfo =
      header instanceof XentError
        ? { name: column, kind: 'other', type: header.problem.slice(0, 120), width: 1, rows: 0 }
        : { name: column, kind: header.kind === 'f' ? 'float' : 'integer', type: `${header.littleEndian ? '<' : '>'}${header.kind}${header.itemSize}`, width: header.columns, rows: header.rows };
    arrays.set(column, { info, source });
  }
  return {
    format: 'npz',
    name,
    columns: [...arrays.values()].map((a) => a.info),
    read: (columns) => alignRows(columns.map((c) => readNpy(arrays.get(c)!.source, { kind: 'numbers' }))),
  };
}

/** A member's .npy header; an XentError (kept, not thrown) for an array that is not of numbers, so it is refused only if chosen. */
async function memberHeader(source: ByteSource, entry: ZipEntry): Promise<NpyHeader | XentError> {
  let head = new Uint8Array(0);
  try {
    for await (const chunk of source.chunks()) {
      const joined = new Uint8Array(head.length + chunk.length);
      joined.set(head);
      joined.set(chunk, head.length);
      head = joined;
      const header = parseNpyHeader(head, entry.name, false);
      if (header !== null) return header;
    }
    return parseNpyHeader(head, entry.name, true)!;
  } catch (e) {
    if (e instanceof XentError && e.field === entry.name) return e;
    throw e;
  }
}

/** The member's bytes (inflated where deflated), as a ByteSource named after the archive and member. */
function memberSource(archive: string, access: RandomAccess, entry: ZipEntry): ByteSource {
  const name = `${archive}: ${entry.name}`;
  async function* raw(): AsyncGenerator<Uint8Array> {
    const start = await zipDataOffset(archive, access, entry);
    for (let at = 0; at < entry.compressedSize; at += PIECE_BYTES) yield access.read(start + at, start + Math.min(entry.compressedSize, at + PIECE_BYTES));
  }
  return { name, chunks: () => checkCrc(entry.method === 0 ? raw() : inflate(raw(), archive, entry), archive, entry) };
}

/** Passes a member's bytes on, and at their end checks their CRC-32 against the directory's (a stored member, or a deflated one's stored blocks, has no other check). */
async function* checkCrc(bytes: AsyncGenerator<Uint8Array>, archive: string, entry: ZipEntry): AsyncGenerator<Uint8Array> {
  let crc = 0;
  for await (const chunk of bytes) {
    crc = crc32(chunk, crc);
    yield chunk;
  }
  if (crc !== entry.crc32) throw new XentError(`member '${entry.name}' has CRC-32 ${hex(crc)}, but the directory declares ${hex(entry.crc32)}: the file is damaged`, { field: archive, index: 'the ZIP directory' });
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/** Inflates raw deflate data, refusing output past the directory's size and output short of it. */
async function* inflate(pieces: AsyncGenerator<Uint8Array>, archive: string, entry: ZipEntry): AsyncGenerator<Uint8Array> {
  const fail = (problem: string) => new XentError(`member '${entry.name}' ${problem}`, { field: archive, index: 'the ZIP directory' });
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const pump = (async () => {
    for await (const piece of pieces) await writer.write(piece as Uint8Array<ArrayBuffer>);
    await writer.close();
  })();
  pump.catch(() => undefined);
  let inflated = 0;
  let finished = false;
  try {
    for (;;) {
      let r: ReadableStreamReadResult<Uint8Array>;
      try {
        r = await reader.read();
      } catch (e) {
        throw fail(`is not valid deflate data: ${(e as Error).message}`);
      }
      if (r.done) break;
      inflated += r.value.length;
      if (inflated > entry.size) throw fail(`inflates to more than the ${entry.size} bytes the directory declares`);
      yield r.value;
    }
    finished = true;
    await pump;
    if (inflated !== entry.size) throw fail(`inflates to ${inflated} bytes, but the directory declares ${entry.size}`);
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
  }
}

/** Zips several table streams into chunks of equal rows (each stream's batches may be cut differently). */
async function* alignRows(streams: TableStream[]): AsyncGenerator<ColumnChunk> {
  const current: (TableBatch | null)[] = streams.map(() => null);
  const used = streams.map(() => 0);
  let rowStart = 0;
  for (;;) {
    for (let c = 0; c < streams.length; c++) {
      while (current[c] === null || used[c] === current[c]!.rows) {
        current[c] = await streams[c].next();
        used[c] = 0;
        if (current[c] === null) break;
      }
    }
    if (current.some((b) => b === null)) {
      // Every array was checked to have the same rows, so all end together; readNpy says where one is short.
      for (const s of streams) while ((await s.next()) !== null);
      return;
    }
    const rows = Math.min(...current.map((b, c) => b!.rows - used[c]));
    yield {
      rowStart,
      rows,
      columns: current.map((b, c) => b!.values.subarray(used[c] * b!.width, (used[c] + rows) * b!.width)),
    };
    current.forEach((_, c) => (used[c] += rows));
    rowStart += rows;
  }
}
