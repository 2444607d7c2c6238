import { XentError } from '../core/XentError.js';
import type { RandomAccess } from './ByteSource.js';

/** One member of a ZIP archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate; others are refused by the readers. */
  method: number;
  compressedSize: number;
  size: number;
  crc32: number;
  /** Offset of the member's local header. */
  localHeaderOffset: number;
}

/** The most members a directory may list: far more arrays than any .npz of predictions holds. */
export const ZIP_MAX_ENTRIES = 65_536;

/** The longest central directory read: 16 MiB (65,536 entries of names up to 200 bytes). */
export const ZIP_MAX_DIRECTORY_BYTES = 16 * 2 ** 20;

const EOCD = 0x06054b50;
const ZIP64_EOCD = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Reads a ZIP archive's central directory (PKWARE APPNOTE 6.3: the end-of-central-directory
 * record within the last 65,557 bytes, its Zip64 record where the 32-bit fields overflow,
 * then the entries with their Zip64 extra fields), checking every offset against the file.
 */
export async function zipDirectory(name: string, access: RandomAccess): Promise<ZipEntry[]> {
  const fail = (problem: string, index = 'the ZIP directory') => new XentError(problem, { field: name, index });
  const length = access.byteLength;
  const tailStart = Math.max(0, length - 65_557);
  const tail = await access.read(tailStart, length);
  const tv = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tv.getUint32(i, true) === EOCD && i + 22 + tv.getUint16(i + 20, true) === tail.length) {
      at = i;
      break;
    }
  }
  if (at < 0) throw fail('no end-of-central-directory record: the file is not a ZIP archive, or it is truncated');
  let entries = tv.getUint16(at + 10, true);
  let directorySize = tv.getUint32(at + 12, true);
  let directoryOffset = tv.getUint32(at + 16, true);
  if (entries === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    if (at < 20 || tv.getUint32(at - 20, true) !== ZIP64_LOCATOR) throw fail('the directory needs a Zip64 record, and there is none');
    const recordOffset = u64(tv, at - 12);
    if (recordOffset + 56 > length) throw fail(`the Zip64 record's offset ${recordOffset} is past the end of the file`);
    const record = await access.read(recordOffset, recordOffset + 56);
    const rv = new DataView(record.buffer, record.byteOffset, record.byteLength);
    if (rv.getUint32(0, true) !== ZIP64_EOCD) throw fail('the Zip64 record is not where its locator says');
    entries = u64(rv, 32);
    directorySize = u64(rv, 40);
    directoryOffset = u64(rv, 48);
  }
  if (entries > ZIP_MAX_ENTRIES) throw fail(`the directory lists ${entries} members, more than the ${ZIP_MAX_ENTRIES} read`);
  if (directorySize > ZIP_MAX_DIRECTORY_BYTES) throw fail(`the directory has ${directorySize} bytes, more than the ${ZIP_MAX_DIRECTORY_BYTES} read`);
  if (directoryOffset + directorySize > length) throw fail(`the directory (${directorySize} bytes at ${directoryOffset}) runs past the end of the ${length}-byte file`);
  const dir = await access.read(directoryOffset, directoryOffset + directorySize);
  const dv = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
  const out: ZipEntry[] = [];
  let p = 0;
  for (let e = 0; e < entries; e++) {
    if (p + 46 > dir.length || dv.getUint32(p, true) !== CENTRAL) throw fail(`entry ${e + 1} of ${entries} is not a central directory header`);
    const nameLength = dv.getUint16(p + 28, true);
    const extraLength = dv.getUint16(p + 30, true);
    const commentLength = dv.getUint16(p + 32, true);
    if (p + 46 + nameLength + extraLength + commentLength > dir.length) throw fail(`entry ${e + 1} runs past the directory`);
    const entry: ZipEntry = {
      name: new TextDecoder().decode(dir.subarray(p + 46, p + 46 + nameLength)),
      method: dv.getUint16(p + 10, true),
      crc32: dv.getUint32(p + 16, true),
      compressedSize: dv.getUint32(p + 20, true),
      size: dv.getUint32(p + 24, true),
      localHeaderOffset: dv.getUint32(p + 42, true),
    };
    readZip64Extra(dv, p + 46 + nameLength, extraLength, entry);
    if (entry.localHeaderOffset + 30 + entry.compressedSize > directoryOffset) throw fail(`member '${entry.name}' (${entry.compressedSize} bytes at ${entry.localHeaderOffset}) runs into the directory`);
    out.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

/** The Zip64 extra field (id 1) holds, in order, each of size, compressed size and offset whose 32-bit field is 0xFFFFFFFF. */
function readZip64Extra(dv: DataView, start: number, length: number, entry: ZipEntry): void {
  for (let q = start; q + 4 <= start + length; ) {
    const id = dv.getUint16(q, true);
    const size = dv.getUint16(q + 2, true);
    if (id === 1) {
      let r = q + 4;
      if (entry.size === 0xffffffff) {
        entry.size = u64(dv, r);
        r += 8;
      }
      if (entry.compressedSize === 0xffffffff) {
        entry.compressedSize = u64(dv, r);
        r += 8;
      }
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = u64(dv, r);
    }
    q += 4 + size;
  }
}

/** Where a member's data starts: after its local header, whose name and extra field lengths may differ from the directory's. */
export async function zipDataOffset(name: string, access: RandomAccess, entry: ZipEntry): Promise<number> {
  const header = await access.read(entry.localHeaderOffset, entry.localHeaderOffset + 30);
  const hv = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (hv.getUint32(0, true) !== LOCAL) throw new XentError(`member '${entry.name}' has no local header where the directory says`, { field: name, index: 'the ZIP directory' });
  const start = entry.localHeaderOffset + 30 + hv.getUint16(26, true) + hv.getUint16(28, true);
  if (start + entry.compressedSize > access.byteLength) throw new XentError(`member '${entry.name}' runs past the end of the file`, { field: name, index: 'the ZIP directory' });
  return start;
}

function u64(view: DataView, at: number): number {
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
}
