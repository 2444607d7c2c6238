import type { FileMetaData } from 'hyparquet';
import type { ParquetEngine } from '../../../src/formats/readParquet.js';

/**
 * The eval worker's Parquet decoder: hyparquet and its codecs, as the CLI's
 * (src/cli/loadParquetEngine.ts), loaded by dynamic import, so they are a chunk of their
 * own that only a dropped Parquet file fetches.
 */
export async function loadParquetEngine(): Promise<ParquetEngine> {
  const [{ parquetMetadataAsync, parquetRead }, { compressors }] = await Promise.all([import('hyparquet'), import('hyparquet-compressors')]);
  return {
    parquetMetadataAsync: (file) => parquetMetadataAsync(file),
    parquetRead: (options) => parquetRead({ ...options, metadata: options.metadata as FileMetaData }),
    compressors,
  };
}
