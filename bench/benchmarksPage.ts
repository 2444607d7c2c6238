import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTable, type ResultsFile } from './renderTable.js';

/** The page that shows the performance tables, relative to the repository's root. */
export const BENCHMARKS_PAGE = join('docs', 'benchmarks.md');

/** The page's benchmark tables sit between these two lines. */
export const TABLE_START = '<!-- bench-table:start -->';
export const TABLE_END = '<!-- bench-table:end -->';

/** The committed run the page shows: the newest docs/results/bench-*.json by name (names carry the date). */
export function committedResults(root: string): string {
  const dir = join(root, 'docs', 'results');
  const files = readdirSync(dir).filter((f) => /^bench-.*\.json$/.test(f)).sort();
  if (files.length === 0) throw new Error(`no bench-*.json in ${dir}`);
  return join(dir, files[files.length - 1]);
}

/** The page's current tables (between the markers), or null without the markers. */
export function pageTable(page: string): string | null {
  const start = page.indexOf(`${TABLE_START}\n`);
  const end = page.indexOf(`\n${TABLE_END}`);
  return start === -1 || end < start ? null : page.slice(start + TABLE_START.length + 1, end);
}

/** The page with the tables rendered from `resultsPath` between the markers. */
export function withTable(page: string, resultsPath: string): string {
  const start = page.indexOf(`${TABLE_START}\n`);
  const end = page.indexOf(`\n${TABLE_END}`);
  if (start === -1 || end < start) throw new Error(`${BENCHMARKS_PAGE} has no ${TABLE_START} … ${TABLE_END} markers`);
  const table = renderTable(JSON.parse(readFileSync(resultsPath, 'utf8')) as ResultsFile);
  return `${page.slice(0, start + TABLE_START.length + 1)}${table}${page.slice(end)}`;
}
