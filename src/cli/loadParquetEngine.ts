import type { FileMetaData } from 'hyparquet';
import type { ParquetEngine } from '../formats/readParquet.js';

/**
 * The Parquet decoder of the CLI: hyparquet (pure JavaScript, no dependencies of its own)
 * with the codecs of hyparquet-compressors (snappy, gzip, brotli, zstd, lz4), loaded only
 * when a Parquet file is read, so other commands never load them.
 */
export async function loadParquetEngine(): Promise<ParquetEngine> {
  const [{ parquetMetadataAsync, parquetRead }, { compressors }] = await Promise.all([import('hyparquet'), import('hyparquet-compressors')]);
  return {
    parquetMetadataAsync: (file) => parquetMetadataAsync(file),
    // The metadata handed back is the very object parquetMetadataAsync returned.
    parquetRead: (options) => parquetRead({ ...options, metadata: options.metadata as FileMetaData }),
    compressors,
  };
}
