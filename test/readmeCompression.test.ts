import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script, without type declarations
import { newestResult, renderCompressionTable } from '../scripts/coding/compressionTable.mjs';

// The README's compression table is rendered from the committed benchmark run
// (docs/results/compress-*.json); re-running the benchmark means updating the README
// with `node scripts/coding/compressionTable.mjs --readme`.
describe('README compression table', () => {
  it('equals the table rendered from the newest docs/results/compress-*.json', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const m = /<!-- compression-table:start -->\n([\s\S]*?)\n<!-- compression-table:end -->/.exec(readme);
    expect(m, 'README.md has the compression-table markers').not.toBeNull();
    expect(m![1]).toBe((renderCompressionTable as (f: string) => string)((newestResult as () => string)()));
  });
});
