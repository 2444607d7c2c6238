/**
 * Why bytes that should be text are not: a compressed or binary container recognised by
 * its magic number, or any NUL byte (which no CSV or JSON text holds). Undefined when the
 * bytes may be text. Text readers ask this of a file's first chunk, so that a gzip file
 * named `.csv` is named as what it is rather than read as a table with no rows.
 *
 * Magic numbers: gzip RFC 1952 §2.3.1; zstd RFC 8878 §3.1.1; xz's file format §2.1.1.1;
 * bzip2's "BZh"; zip's local header "PK\x03\x04" (APPNOTE 4.3.7); NumPy's "\x93NUMPY";
 * Parquet's "PAR1"; Arrow IPC's "ARROW1".
 */
export function binaryKindOf(head: Uint8Array): string | undefined {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x1f, 0x8b)) return 'gzip-compressed: decompress it first, with gunzip';
  if (starts(0x28, 0xb5, 0x2f, 0xfd)) return 'zstd-compressed: decompress it first, with zstd -d';
  if (starts(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return 'xz-compressed: decompress it first, with xz -d';
  if (starts(0x42, 0x5a, 0x68)) return 'bzip2-compressed: decompress it first, with bunzip2';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'a zip archive: extract it first';
  if (starts(0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59)) return 'a NumPy .npy file: give it a name ending in .npy';
  if (starts(0x50, 0x41, 0x52, 0x31)) return 'a Parquet file, not text';
  if (starts(0x41, 0x52, 0x52, 0x4f, 0x57, 0x31)) return 'an Arrow IPC file, not text';
  const probe = head.subarray(0, 4096);
  const nul = probe.indexOf(0);
  if (nul >= 0) return `binary, not text: it holds a NUL byte at byte ${nul}`;
  return undefined;
}
