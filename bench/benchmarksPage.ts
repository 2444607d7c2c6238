import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTable, type ResultsFile } from './renderTable.js';

/** The page that shows the performance tables, relative to the repository's root. */
export const BENCHMARKS_PAGE = join('docs', 'benchmarks.md');

/**
 * The Node lines the page shows a run of: the machine's own Node (its results in
 * docs/results/) and Node 24 (docs/results/node24/, from `node_modules/node24/bin/node`).
 */
export type NodeLine = 'default' | 'node24';
export const NODE_LINES: readonly NodeLine[] = ['default', 'node24'];

/** The page's benchmark tables of a Node line sit between these two lines. */
export function tableMarkers(line: NodeLine = 'default'): { start: string; end: string } {
  const name = line === 'default' ? 'bench-table' : `bench-table-${line}`;
  return { start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->` };
}
export const TABLE_START = tableMarkers().start;
export const TABLE_END = tableMarkers().end;

/** The committed run the page shows for a Node line: the newest bench-*.json of its folder by name (names carry the date). */
export function committedResults(root: string, line: NodeLine = 'default'): string {
  const dir = line === 'default' ? join(root, 'docs', 'results') : join(root, 'docs', 'results', line);
  const files = readdirSync(dir).filter((f) => /^bench-.*\.json$/.test(f)).sort();
  if (files.length === 0) throw new Error(`no bench-*.json in ${dir}`);
  return join(dir, files[files.length - 1]);
}

/** The page's current tables of a Node line (between its markers), or null without the markers. */
export function pageTable(page: string, line: NodeLine = 'default'): string | null {
  const { start: open, end: close } = tableMarkers(line);
  const start = page.indexOf(`${open}\n`);
  const end = page.indexOf(`\n${close}`);
  return start === -1 || end < start ? null : page.slice(start + open.length + 1, end);
}

/** The page with a Node line's tables rendered from `resultsPath` between its markers. */
export function withTable(page: string, resultsPath: string, line: NodeLine = 'default'): string {
  const { start: open, end: close } = tableMarkers(line);
  const start = page.indexOf(`${open}\n`);
  const end = page.indexOf(`\n${close}`);
  if (start === -1 || end < start) throw new Error(`${BENCHMARKS_PAGE} has no ${open} … ${close} markers`);
  const table = renderTable(JSON.parse(readFileSync(resultsPath, 'utf8')) as ResultsFile);
  return `${page.slice(0, start + open.length + 1)}${table}${page.slice(end)}`;
}
