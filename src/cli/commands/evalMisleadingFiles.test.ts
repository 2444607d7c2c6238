import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCli } from '../runCli.js';

// Files that look like tables but are not what their names say: each error names the file
// at fault, and a header pandas writes is not read as a row.
const dir = mkdtempSync(join(tmpdir(), 'xent-eval-misleading-'));
function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('xent eval on misleading files', () => {
  const pred = file('p.csv', '0.2,0.8\n0.6,0.4\n0.9,0.1\n');
  const labels = file('y.csv', '1\n0\n1\n');

  it('names a gzip file called .csv as gzip, whether it holds the predictions or the labels', async () => {
    const gzPred = file('pz.csv', gzipSync('0.2,0.8\n0.6,0.4\n0.9,0.1\n'));
    const r = await runCli(['eval', '--pred', gzPred, '--labels', labels]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`xent: error: the file is gzip-compressed: decompress it first, with gunzip (${gzPred}, line 1)\n`);
    const gzLabels = file('yz.csv', gzipSync('1\n0\n1\n'));
    const s = await runCli(['eval', '--pred', pred, '--labels', gzLabels]);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain(`gzip-compressed: decompress it first, with gunzip (${gzLabels}, line 1)`);
  });

  it('names the file whose lines end in a lone carriage return', async () => {
    const crPred = file('pcr.csv', '0.2,0.8\r0.6,0.4\r0.9,0.1\r');
    const r = await runCli(['eval', '--pred', crPred, '--labels', labels]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^xent: error: lines end in a lone carriage return .* \\(${crPred.replace(/[.]/g, '\\.')}, line 1\\)\\n$`));
    const crLabels = file('ycr.csv', '1\r0\r1\r');
    expect((await runCli(['eval', '--pred', pred, '--labels', crLabels])).stderr).toContain(`(${crLabels}, line 1)`);
  });

  it("skips pandas' 0,1,2 header of the predictions: the report is the one without it", async () => {
    const rows = '0.2,0.3,0.5\n0.6,0.3,0.1\n0.1,0.1,0.8\n';
    const labels3 = file('y3.csv', '2\n0\n1\n');
    const withHeader = await runCli(['eval', '--pred', file('ph.csv', `0,1,2\n${rows}`), '--labels', labels3, '--json']);
    const without = await runCli(['eval', '--pred', file('p3.csv', rows), '--labels', labels3, '--json']);
    expect(withHeader.code).toBe(0);
    // The header names the classes 0, 1 and 2, as it names them in pandas; every figure is the same.
    const { classNames, ...figures } = JSON.parse(withHeader.stdout) as Record<string, unknown>;
    expect(classNames).toEqual(['0', '1', '2']);
    expect(figures).toEqual(JSON.parse(without.stdout));
    expect((JSON.parse(without.stdout) as { n: number }).n).toBe(3);
  });

  it('reads a first line 0,1 of two columns as a row: a model sure of class 1', async () => {
    const r = await runCli(['eval', '--pred', file('p01.csv', '0,1\n0.6,0.4\n0.9,0.1\n'), '--labels', labels, '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { n: number }).n).toBe(3);
  });
});
