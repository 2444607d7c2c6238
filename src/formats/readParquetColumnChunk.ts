/** A position in a buffer, as hyparquet's decoders read it. */
export interface ParquetByteReader {
  view: DataView;
  offset: number;
}

/** A page header (Thrift PageHeader) as hyparquet's `parquetHeader` decodes it. */
export interface ParquetPageHeader {
  type: string;
  uncompressed_page_size: number;
  compressed_page_size: number;
  data_page_header?: { num_values: number; encoding: string };
  dictionary_page_header?: { num_values: number; encoding: string };
  data_page_header_v2?: {
    num_values: number;
    num_nulls: number;
    num_rows: number;
    encoding: string;
    definition_levels_byte_length: number;
    repetition_levels_byte_length: number;
    is_compressed?: boolean;
  };
}

/**
 * The page-level decoders of the engine: hyparquet's `parquetHeader` (hyparquet/src/column.js),
 * `decompressPage` (hyparquet/src/datapage.js) and `readRleBitPackedHybrid`
 * (hyparquet/src/encoding.js) fit as they are. With them, numeric columns are decoded
 * straight into a Float64Array; hyparquet's own row assembly builds a plain array per page
 * for a nullable column (DuckDB writes every column nullable), several times slower.
 */
export interface ParquetPageCodec {
  parquetHeader(reader: ParquetByteReader): ParquetPageHeader;
  decompressPage(compressed: Uint8Array, uncompressedLength: number, codec: string, compressors: Record<string, (input: Uint8Array, outputLength: number) => Uint8Array> | undefined): Uint8Array;
  readRleBitPackedHybrid(reader: ParquetByteReader, bitWidth: number, output: Uint8Array | Int32Array, length?: number): void;
}

/** One flat column chunk of a row group, as its metadata describes it. */
export interface ParquetNumericChunk {
  /** The physical type: FLOAT, DOUBLE, INT32 or INT64. */
  type: string;
  codec: string;
  /** 1 for an OPTIONAL column (a definition level a value), 0 for a REQUIRED one. */
  maxDefinitionLevel: 0 | 1;
  /** Rows of the row group. */
  rows: number;
}

/** The chunk uses a page type or encoding this decoder leaves to the engine's general reader. */
export class UnsupportedParquetPage extends Error {}

// Parquet stores numbers little-endian; typed-array views read them in the host's order.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const BYTES: Readonly<Record<string, number>> = { FLOAT: 4, DOUBLE: 8, INT32: 4, INT64: 8 };

/**
 * Decodes the pages of a numeric column chunk (`bytes`, the chunk's byte range of the file)
 * into `out` (length `chunk.rows`): PLAIN, BYTE_STREAM_SPLIT and dictionary (PLAIN_DICTIONARY,
 * RLE_DICTIONARY) encodings, data pages V1 and V2, any codec of the engine. A null is refused as
 * `nullAt(row)` (a row index within the group); damage is thrown as an Error saying what
 * is wrong. Another encoding, page type or a big-endian host throws UnsupportedParquetPage
 * (`out` may then hold part of the chunk, for the general reader to overwrite).
 */
export function readParquetColumnChunk(
  bytes: Uint8Array,
  chunk: ParquetNumericChunk,
  codec: ParquetPageCodec,
  compressors: Record<string, (input: Uint8Array, outputLength: number) => Uint8Array> | undefined,
  out: Float64Array,
  nullAt: (row: number) => Error,
): void {
  if (BYTES[chunk.type] === undefined) throw new UnsupportedParquetPage(`type ${chunk.type}`);
  if (!LITTLE_ENDIAN) throw new UnsupportedParquetPage('a big-endian host');
  const reader: ParquetByteReader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 };
  let dictionary: Float64Array | undefined;
  let row = 0;
  while (row < chunk.rows) {
    if (reader.offset >= bytes.byteLength) throw new Error(`the column chunk ends after ${row} of ${chunk.rows} rows`);
    const header = codec.parquetHeader(reader);
    const start = reader.offset;
    const end = start + header.compressed_page_size;
    if (!(header.compressed_page_size >= 0) || end > bytes.byteLength) throw new Error(`a page of ${header.compressed_page_size} bytes runs past the column chunk`);
    reader.offset = end;
    const compressed = bytes.subarray(start, end);
    if (header.type === 'DICTIONARY_PAGE') {
      const d = header.dictionary_page_header;
      if (d === undefined || (d.encoding !== 'PLAIN' && d.encoding !== 'PLAIN_DICTIONARY')) throw new UnsupportedParquetPage(`dictionary encoding ${d?.encoding}`);
      checkPageSize(header.uncompressed_page_size, d.num_values, BYTES[chunk.type]);
      const page = codec.decompressPage(compressed, header.uncompressed_page_size, chunk.codec, compressors);
      dictionary = new Float64Array(d.num_values);
      plainValues(page, 0, chunk.type, d.num_values, dictionary, 0);
    } else if (header.type === 'DATA_PAGE' || header.type === 'DATA_PAGE_V2') {
      const v1 = header.data_page_header;
      const v2 = header.data_page_header_v2;
      const count = v1?.num_values ?? v2?.num_values;
      const encoding = v1?.encoding ?? v2?.encoding;
      if (count === undefined || encoding === undefined) throw new Error(`a ${header.type} has no data page header`);
      if (encoding !== 'PLAIN' && encoding !== 'PLAIN_DICTIONARY' && encoding !== 'RLE_DICTIONARY' && encoding !== 'BYTE_STREAM_SPLIT') throw new UnsupportedParquetPage(`encoding ${encoding}`);
      if (count > chunk.rows - row) throw new Error(`the pages hold more than the row group's ${chunk.rows} rows`);
      checkPageSize(header.uncompressed_page_size, count, BYTES[chunk.type]);
      let page: Uint8Array;
      let at = 0;
      let levels: Uint8Array | undefined;
      if (v2 !== undefined) {
        if (v2.repetition_levels_byte_length !== 0) throw new UnsupportedParquetPage('repetition levels');
        const levelBytes = v2.definition_levels_byte_length;
        if (chunk.maxDefinitionLevel > 0 && v2.num_nulls > 0) {
          levels = new Uint8Array(count);
          codec.readRleBitPackedHybrid({ view: new DataView(compressed.buffer, compressed.byteOffset, levelBytes), offset: 0 }, 1, levels, levelBytes);
        }
        const body = compressed.subarray(levelBytes);
        const bodyLength = header.uncompressed_page_size - levelBytes;
        page = v2.is_compressed === false || bodyLength === 0 ? body : codec.decompressPage(body, bodyLength, chunk.codec, compressors);
      } else {
        page = codec.decompressPage(compressed, header.uncompressed_page_size, chunk.codec, compressors);
        if (chunk.maxDefinitionLevel > 0) {
          // Definition levels of a flat column: 4-byte length, then the RLE/bit-packed hybrid of width 1.
          if (page.byteLength < 4) throw new Error(`a page of ${page.byteLength} bytes has no definition levels`);
          const length = page[0] | (page[1] << 8) | (page[2] << 16) | (page[3] << 24);
          if (length < 0 || 4 + length > page.byteLength) throw new Error(`the definition levels of a page run past its ${page.byteLength} bytes`);
          if (!allDefined(page, 4, 4 + length, count)) {
            levels = new Uint8Array(count);
            codec.readRleBitPackedHybrid({ view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 4 }, 1, levels, length);
          }
          at = 4 + length;
        }
      }
      if (levels !== undefined) {
        const missing = levels.indexOf(0);
        if (missing >= 0) throw nullAt(row + missing);
      }
      if (encoding === 'PLAIN') {
        plainValues(page, at, chunk.type, count, out, row);
      } else if (encoding === 'BYTE_STREAM_SPLIT') {
        plainValues(unsplit(page, at, BYTES[chunk.type], count), 0, chunk.type, count, out, row);
      } else {
        if (dictionary === undefined) throw new Error('a dictionary-encoded page comes before any dictionary page');
        dictionaryValues(page, at, count, dictionary, out, row, codec);
      }
      row += count;
    } else if (header.type !== 'INDEX_PAGE') {
      throw new UnsupportedParquetPage(`page type ${header.type}`);
    }
  }
}

/**
 * A page's decompressed size is bounded by its values: at most a byte of levels and `width`
 * bytes (a value, or a dictionary index of up to 32 bits) each, and run headers; a larger
 * size is damage, refused before it is allocated.
 */
function checkPageSize(bytes: number, values: number, width: number): void {
  if (!(values >= 0) || !(bytes >= 0 && bytes <= values * (width + 2) + 1024)) throw new Error(`a page of ${values} values says it decompresses to ${bytes} bytes`);
}

/**
 * Whether the definition levels in bytes [from, to) of a page are one RLE run of 1s covering
 * `count` values, as writers put them for a page without nulls: then there is nothing to
 * decode value by value.
 */
function allDefined(page: Uint8Array, from: number, to: number, count: number): boolean {
  // The run's header is a ULEB128 varint: its count shifted left once, the low bit 0 for RLE.
  let header = 0;
  let at = from;
  for (let shift = 0; at < to && shift < 35; shift += 7) {
    const b = page[at++];
    header += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return (header & 1) === 0 && Math.floor(header / 2) >= count && at < to && page[at] === 1;
  }
  return false;
}

/** `count` PLAIN values of `type` from page[at…] into out[row…]. */
function plainValues(page: Uint8Array, at: number, type: string, count: number, out: Float64Array, row: number): void {
  const width = BYTES[type];
  if (at + count * width > page.byteLength) throw new Error(`a page of ${page.byteLength} bytes is too short for its ${count} values`);
  if (type === 'DOUBLE') {
    // The bytes are the values: copied as bytes, aligned or not.
    new Uint8Array(out.buffer, out.byteOffset + row * 8, count * 8).set(page.subarray(at, at + count * 8));
    return;
  }
  // Typed arrays need aligned offsets; a page's values seldom are, so unaligned ones are copied once.
  const aligned = (page.byteOffset + at) % width === 0 ? page.buffer : page.slice(at, at + count * width).buffer;
  const offset = aligned === page.buffer ? page.byteOffset + at : 0;
  if (type === 'FLOAT') out.set(new Float32Array(aligned, offset, count), row);
  else if (type === 'INT32') out.set(new Int32Array(aligned, offset, count), row);
  else {
    const v = new BigInt64Array(aligned, offset, count);
    for (let i = 0; i < count; i++) out[row + i] = Number(v[i]);
  }
}

/**
 * BYTE_STREAM_SPLIT (DuckDB's floating-point encoding for format version 2): byte b of
 * value i is at b·count + i; put back in PLAIN order.
 */
function unsplit(page: Uint8Array, at: number, width: number, count: number): Uint8Array {
  if (at + count * width > page.byteLength) throw new Error(`a page of ${page.byteLength} bytes is too short for its ${count} values`);
  const plain = new Uint8Array(count * width);
  for (let b = 0; b < width; b++) {
    const from = at + b * count;
    for (let i = 0; i < count; i++) plain[i * width + b] = page[from + i];
  }
  return plain;
}

/** `count` dictionary indices (a bit width byte, then the RLE/bit-packed hybrid) from page[at…], looked up into out[row…]. */
function dictionaryValues(page: Uint8Array, at: number, count: number, dictionary: Float64Array, out: Float64Array, row: number, codec: ParquetPageCodec): void {
  if (at >= page.byteLength) throw new Error('a dictionary-encoded page has no bit width');
  const bitWidth = page[at];
  if (bitWidth > 32) throw new Error(`a dictionary-encoded page has bit width ${bitWidth}`);
  const indices = new Int32Array(count);
  if (bitWidth > 0) codec.readRleBitPackedHybrid({ view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: at + 1 }, bitWidth, indices, page.byteLength - at - 1);
  const n = dictionary.length;
  for (let i = 0; i < count; i++) {
    const k = indices[i];
    // Unsigned compare: a 32-bit index reads back negative.
    if (k >>> 0 >= n) throw new Error(`a dictionary index ${k >>> 0} is past the dictionary's ${n} values`);
    out[row + i] = dictionary[k];
  }
}
