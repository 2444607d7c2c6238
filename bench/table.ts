/**
 * `npm run bench:table [-- FILE]`: prints the markdown performance table of a results file
 * (the newest in bench/results/ unless FILE is given).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTable, type ResultsFile } from './renderTable.js';

function newestResults(dir: string): string {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new Error(`no results in ${dir}; run npm run bench first`);
  return join(dir, files[files.length - 1]);
}

const arg = process.argv[2];
const path = arg ?? newestResults(join(process.cwd(), 'bench', 'results'));
process.stdout.write(`${renderTable(JSON.parse(readFileSync(path, 'utf8')) as ResultsFile)}\n`);
