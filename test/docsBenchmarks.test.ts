import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BENCHMARKS_PAGE, committedResults } from '../bench/benchmarksPage.js';

const root = new URL('..', import.meta.url);
const page = readFileSync(new URL(BENCHMARKS_PAGE, root), 'utf8');

// The performance tables between the bench-table markers are checked against the
// committed run in bench/bench.test.ts.
describe('docs/benchmarks.md', () => {
  it('shows the MNIST table generated from docs/results, not a retyped one', () => {
    const table = execFileSync(process.execPath, ['scripts/mnistTable.mjs'], { cwd: root, encoding: 'utf8' }).trim();
    expect(table.split('\n').length).toBe(6);
    expect(page).toContain(table);
  });

  it('names the committed run its tables are rendered from', () => {
    const name = committedResults(new URL('.', root).pathname).split('/').pop()!;
    expect(page).toContain(`\`docs/results/${name}\``);
  });
});
