import type { ColumnarFormat } from './ColumnarTable.js';

/** The columnar format a file name says: .parquet/.pq, .arrow/.feather/.arrows/.ipc, .npz, .safetensors. */
export function columnarFormatFromName(name: string): ColumnarFormat | undefined {
  const m = /\.([a-z]+)$/i.exec(name);
  switch (m?.[1].toLowerCase()) {
    case 'parquet':
    case 'pq':
      return 'parquet';
    case 'arrow':
    case 'arrows':
    case 'feather':
    case 'ipc':
      return 'arrow';
    case 'npz':
      return 'npz';
    case 'safetensors':
      return 'safetensors';
    default:
      return undefined;
  }
}
