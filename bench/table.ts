/**
 * `npm run -s bench:table [-- FILE]`: prints the markdown performance tables of a results
 * file (the newest in bench/results/ unless FILE is given).
 * `npm run -s bench:table -- --docs`: rewrites the tables of docs/benchmarks.md (between
 * the bench-table markers) from the committed run, the newest docs/results/bench-*.json,
 * and the Node 24 tables (between the bench-table-node24 markers) from the newest
 * docs/results/node24/bench-*.json, which bench/bench.test.ts then checks.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCHMARKS_PAGE, committedResults, NODE_LINES, withTable } from './benchmarksPage.js';
import { renderTable, type ResultsFile } from './renderTable.js';

function newestResults(dir: string): string {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new Error(`no results in ${dir}; run npm run bench first`);
  return join(dir, files[files.length - 1]);
}

const root = process.cwd();
const args = process.argv.slice(2);
if (args.includes('--docs')) {
  const pagePath = join(root, BENCHMARKS_PAGE);
  let page = readFileSync(pagePath, 'utf8');
  for (const line of NODE_LINES) {
    const results = committedResults(root, line);
    page = withTable(page, results, line);
    process.stderr.write(`bench: ${BENCHMARKS_PAGE}'s ${line} tables rendered from ${results}\n`);
  }
  writeFileSync(pagePath, page);
} else {
  const path = args[0] ?? newestResults(join(root, 'bench', 'results'));
  process.stdout.write(`${renderTable(JSON.parse(readFileSync(path, 'utf8')) as ResultsFile)}\n`);
}
