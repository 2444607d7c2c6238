import { XentError } from '../core/XentError.js';
import type { TableStream } from './TableBatch.js';
import type { ByteSource } from './ByteSource.js';
import { readDelimited } from './readDelimited.js';
import { readJsonRows } from './readJsonRows.js';
import { readNpy } from './readNpy.js';
import type { CellMode } from './CellMode.js';
import { columnarFormatFromBytes, pipeRefusal } from './openColumnar.js';

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

/** A source with its format, and the source to read it from (see sniffFormat). */
export interface FormattedSource {
  format: TableFormat;
  source: ByteSource;
}

/** The format the source's name says, else the one its first bytes say (sniffFormat). */
export async function detectFormat(source: ByteSource): Promise<FormattedSource> {
  const format = formatFromName(source.name);
  return format === undefined ? sniffFormat(source) : { format, source };
}

/**
 * Reads the first chunk of a source to sniff its format, and gives back the source to read
 * the table from: its first pass goes on with the very stream sniffed, starting with the
 * sniffed chunk, so a source that can be read only once (a pipe, `<(cat p.csv)`) loses none
 * of it; later passes open the source afresh.
 */
export async function sniffFormat(source: ByteSource): Promise<FormattedSource> {
  const iterator = source.chunks()[Symbol.asyncIterator]();
  let first: IteratorResult<Uint8Array>;
  try {
    first = await iterator.next();
  } catch (e) {
    await iterator.return?.();
    throw e;
  }
  // A copy: a source may reuse its chunk's memory for the chunks after it.
  const head = first.done === true ? new Uint8Array(0) : first.value.slice();
  // A columnar file is read by its directory at the end, which a pipe cannot reach.
  const columnar = source.randomAccess === undefined ? columnarFormatFromBytes(head) : undefined;
  if (columnar !== undefined) {
    await iterator.return?.();
    throw pipeRefusal(source.name, columnar);
  }
  let sniffed: AsyncIterator<Uint8Array> | undefined = iterator;
  const resumed: ByteSource = {
    name: source.name,
    chunks: () => {
      if (sniffed === undefined) return source.chunks();
      const rest = sniffed;
      sniffed = undefined;
      return continueAfter(head, rest, first.done === true);
    },
  };
  return { format: formatFromBytes(head), source: resumed };
}

async function* continueAfter(head: Uint8Array, rest: AsyncIterator<Uint8Array>, ended: boolean): AsyncGenerator<Uint8Array> {
  try {
    if (head.length > 0) yield head;
    if (ended) return;
    for (let r = await rest.next(); r.done !== true; r = await rest.next()) yield r.value;
  } finally {
    await rest.return?.();
  }
}

/** A table reader for the format (by default from the name, else sniffed). */
export async function openTable(source: ByteSource, mode: CellMode, format?: TableFormat): Promise<() => TableStream> {
  const f = format === undefined ? await detectFormat(source) : { format, source };
  return () => tableReader(f.source, mode, f.format);
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
