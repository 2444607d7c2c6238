import type { CompressionCodec, FileMetaData } from 'hyparquet';
import type { ParquetEngine } from '../formats/readParquet.js';
import type { ParquetPageCodec } from '../formats/readParquetColumnChunk.js';

/**
 * The Parquet decoder of the CLI: hyparquet (pure JavaScript, no dependencies of its own)
 * with the codecs of hyparquet-compressors (snappy, gzip, brotli, zstd, lz4), loaded only
 * when a Parquet file is read, so other commands never load them. Its page decoders come
 * from the modules hyparquet exports as `hyparquet/src/*.js`.
 */
export async function loadParquetEngine(): Promise<ParquetEngine> {
  const [{ parquetMetadataAsync, parquetRead }, { compressors }, pages] = await Promise.all([import('hyparquet'), import('hyparquet-compressors'), loadPageCodec()]);
  return {
    parquetMetadataAsync: (file) => parquetMetadataAsync(file),
    // The metadata handed back is the very object parquetMetadataAsync returned.
    parquetRead: (options) => parquetRead({ ...options, metadata: options.metadata as FileMetaData }),
    compressors,
    pages,
  };
}

/**
 * hyparquet's page decoders, or undefined if a version of hyparquet no longer has them
 * where they were: its module layout is not its documented interface, and without them
 * every column is read by parquetRead, only slower.
 */
async function loadPageCodec(): Promise<ParquetPageCodec | undefined> {
  try {
    const [{ parquetHeader }, { decompressPage }, { readRleBitPackedHybrid }] = await Promise.all([
      import('hyparquet/src/column.js'),
      import('hyparquet/src/datapage.js'),
      import('hyparquet/src/encoding.js'),
    ]);
    if (typeof parquetHeader !== 'function' || typeof decompressPage !== 'function' || typeof readRleBitPackedHybrid !== 'function') return undefined;
    return {
      parquetHeader: (reader) => parquetHeader(reader),
      decompressPage: (compressed, length, codec, codecs) => decompressPage(compressed, length, codec as CompressionCodec, codecs),
      readRleBitPackedHybrid: (reader, bitWidth, output, length) => readRleBitPackedHybrid(reader, bitWidth, output, length),
    };
  } catch {
    return undefined;
  }
}
