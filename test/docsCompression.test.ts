import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script, without type declarations
import { COMPRESSION_PAGE, newestResult, renderCompressionTable } from '../scripts/coding/compressionTable.mjs';

// The compression table of docs/compression.md is rendered from the committed benchmark
// run (docs/results/compress-*.json); re-running the benchmark means updating the page
// with `node scripts/coding/compressionTable.mjs --docs`.
describe('docs/compression.md, the compression table', () => {
  it('equals the table rendered from the newest docs/results/compress-*.json', () => {
    const page = readFileSync(COMPRESSION_PAGE as string, 'utf8');
    const m = /<!-- compression-table:start -->\n([\s\S]*?)\n<!-- compression-table:end -->/.exec(page);
    expect(m, 'docs/compression.md has the compression-table markers').not.toBeNull();
    expect(m![1]).toBe((renderCompressionTable as (f: string) => string)((newestResult as () => string)()));
  });

  it('names the results file it was rendered from', () => {
    const page = readFileSync(COMPRESSION_PAGE as string, 'utf8');
    const newest = (newestResult as () => string)().split('/').pop()!;
    expect(page).toContain(`\`${newest}\``);
  });
});
