import { XentError } from '../core/XentError.js';
import type { TableStream } from './TableBatch.js';
import type { ByteSource } from './ByteSource.js';
import { readDelimited } from './readDelimited.js';
import { readJsonRows } from './readJsonRows.js';
import { readNpy } from './readNpy.js';
import type { CellMode } from './CellMode.js';

export type TableFormat = 'csv' | 'tsv' | 'json' | 'jsonl' | 'npy';
export const TABLE_FORMATS: readonly TableFormat[] = ['csv', 'tsv', 'json', 'jsonl', 'npy'];

/** The format a file name says: .csv, .tsv/.tab, .json, .jsonl/.ndjson, .npy; undefined otherwise. */
export function formatFromName(name: string): TableFormat | undefined {
  const m = /\.([a-z]+)$/i.exec(name);
  switch (m?.[1].toLowerCase()) {
    case 'csv':
      return 'csv';
    case 'tsv':
    case 'tab':
      return 'tsv';
    case 'json':
      return 'json';
    case 'jsonl':
    case 'ndjson':
      return 'jsonl';
    case 'npy':
      return 'npy';
    default:
      return undefined;
  }
}

/** The format of a file's first bytes: .npy by its magic, JSON by an opening '[', else delimited text. */
export function formatFromBytes(head: Uint8Array): TableFormat {
  if (head[0] === 0x93 && head[1] === 0x4e && head[2] === 0x55) return 'npy';
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  while (i < head.length && (head[i] === 32 || head[i] === 9 || head[i] === 10 || head[i] === 13)) i++;
  return head[i] === 91 ? 'json' : 'csv';
}

/** Reads the first chunk of a source to sniff its format (the stream is opened again to be read). */
export async function sniffFormat(source: ByteSource): Promise<TableFormat> {
  const iterator = source.chunks()[Symbol.asyncIterator]();
  try {
    const first = await iterator.next();
    return formatFromBytes(first.done ? new Uint8Array(0) : first.value);
  } finally {
    await iterator.return?.();
  }
}

/** A table reader for the format (by default from the name, else sniffed). */
export async function openTable(source: ByteSource, mode: CellMode, format?: TableFormat): Promise<() => TableStream> {
  const f = format ?? formatFromName(source.name) ?? (await sniffFormat(source));
  return () => tableReader(source, mode, f);
}

export function tableReader(source: ByteSource, mode: CellMode, format: TableFormat): TableStream {
  switch (format) {
    case 'csv':
      return readDelimited(source, mode);
    case 'tsv':
      return readDelimited(source, mode, '\t');
    case 'json':
    case 'jsonl':
      return readJsonRows(source, mode, format);
    case 'npy':
      return readNpy(source, mode);
    default:
      throw new XentError(`unknown format '${String(format)}'`, { field: source.name });
  }
}
