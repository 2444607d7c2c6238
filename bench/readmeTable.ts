import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTable, type ResultsFile } from './renderTable.js';

/** The README's benchmark tables sit between these two lines. */
export const README_START = '<!-- bench-table:start -->';
export const README_END = '<!-- bench-table:end -->';

/** The committed run the README shows: the newest docs/results/bench-*.json by name (names carry the date). */
export function committedResults(root: string): string {
  const dir = join(root, 'docs', 'results');
  const files = readdirSync(dir).filter((f) => /^bench-.*\.json$/.test(f)).sort();
  if (files.length === 0) throw new Error(`no bench-*.json in ${dir}`);
  return join(dir, files[files.length - 1]);
}

/** The README's current table (between the markers), or null without the markers. */
export function readmeTable(readme: string): string | null {
  const start = readme.indexOf(`${README_START}\n`);
  const end = readme.indexOf(`\n${README_END}`);
  return start === -1 || end < start ? null : readme.slice(start + README_START.length + 1, end);
}

/** The README with the table rendered from `resultsPath` between the markers. */
export function withTable(readme: string, resultsPath: string): string {
  const start = readme.indexOf(`${README_START}\n`);
  const end = readme.indexOf(`\n${README_END}`);
  if (start === -1 || end < start) throw new Error(`README.md has no ${README_START} … ${README_END} markers`);
  const table = renderTable(JSON.parse(readFileSync(resultsPath, 'utf8')) as ResultsFile);
  return `${readme.slice(0, start + README_START.length + 1)}${table}${readme.slice(end)}`;
}
