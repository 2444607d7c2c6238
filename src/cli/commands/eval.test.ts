import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliBounded } from '../../../test/cli/runCliBounded.js';
import { npyBytes } from '../../../test/eval/memoryTables.js';
import { fromJsonNumber } from '../toJson.js';
import { runCli } from '../runCli.js';

const run = (...argv: string[]) => runCli(argv);
const dir = mkdtempSync(join(tmpdir(), 'xent-eval-'));
function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const fixture = JSON.parse(readFileSync(new URL('../../../test/fixtures/eval.json', import.meta.url), 'utf8')) as {
  cases: { name: string; pred: (number | string)[][]; labels: number[]; expected: Record<string, number | string> }[];
};

describe('xent eval', () => {
  const pred = file('pred.csv', 'cat,dog,bird\n0.7,0.2,0.1\n0.1,0.8,0.1\n0.3,0.3,0.4\n0.5,0.25,0.25\n');
  const labels = file('labels.csv', 'cat\ndog\nbird\ndog\n');

  it('matches scikit-learn on a fixture case written as CSV files', async () => {
    const c = fixture.cases.find((x) => x.name === 'probs K=5 n=400')!;
    const p = file('fx.csv', c.pred.map((r) => r.join(',')).join('\n'));
    const y = file('fy.csv', c.labels.join('\n'));
    const r = await run('eval', '--pred', p, '--labels', y, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const key of ['logLoss', 'accuracy', 'brier', 'sphericalScore', 'ece', 'mce', 'debiasedL2Ce']) {
      const expected = fromJsonNumber(c.expected[key]);
      expect(Math.abs(fromJsonNumber(out[key]) - expected) / expected, key).toBeLessThanOrEqual(1e-12);
    }
  });

  it('prints the JSON fields of the CLI contract', async () => {
    const r = await run('eval', '--pred', pred, '--labels', labels, '--json', '--bins', '5');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const key of ['n', 'classes', 'logLoss', 'logLossStdError', 'perplexity', 'accuracy', 'brier', 'brierDecomposition', 'ece', 'mce', 'debiasedL2Ce', 'smoothEce', 'smoothEceBandwidth', 'sphericalScore', 'classwiseEce', 'aurc', 'eAurc', 'aurcGridBound', 'bins', 'clippedRows']) {
      expect(out, key).toHaveProperty(key);
    }
    expect(out.n).toBe(4);
    expect(out.classNames).toEqual(['cat', 'dog', 'bird']);
    expect(out.bins).toHaveLength(5);
    expect((out.bins as unknown[])[0]).toEqual({ lower: 0, upper: 0.2, count: 0, confidence: 'NaN', accuracy: 'NaN' });
  });

  it('prints a readable table, in the unit asked for', async () => {
    const r = await run('eval', '--pred', pred, '--labels', labels, '--unit', 'bits');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^log-loss \(bits\)\s+1\.0396/m);
    expect(r.stdout).toMatch(/^ECE\s+0\.4\s/m);
    // Bins of one row each add nothing to the debiased L2 error.
    expect(r.stdout).toMatch(/^debiased L2 CE\s+0\s/m);
    // The smooth ECE is its own bandwidth.
    const smooth = /^smooth ECE\s+(\S+)\s.*bandwidth (\S+) /m.exec(r.stdout);
    expect(smooth).not.toBeNull();
    expect(Number(smooth![1])).toBeGreaterThan(0);
    expect(Number(smooth![1]).toFixed(3)).toBe(Number(smooth![2]).toFixed(3));
    expect(r.stdout).toMatch(/^\(0\.7333, 0\.8\]\s+1\s+0\.8\s+1$/m);
  });

  it('writes the reliability diagram as SVG', async () => {
    const svg = join(dir, 'rel.svg');
    const r = await run('eval', '--pred', pred, '--labels', labels, '--svg', svg, '--binning', 'quantile', '--bins', '2');
    expect(r.code).toBe(0);
    const text = readFileSync(svg, 'utf8');
    expect(text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text).toContain('Reliability diagram');
    expect(r.stdout).toContain(`reliability diagram written to ${svg}`);
  });

  it('has --help', async () => {
    const r = await run('eval', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--binning <B>');
  });

  const bad: [string, string[], string][] = [
    ['a missing file', ['--pred', join(dir, 'nope.csv'), '--labels', labels], `cannot read '${join(dir, 'nope.csv')}': no such file or directory (ENOENT) (--pred)`],
    ['a directory', ['--pred', pred, '--labels', dir], `cannot read '${dir}': it is a directory (EISDIR) (--labels)`],
    ['mismatched row counts', ['--pred', pred, '--labels', file('short.csv', '0\n1\n')], `short.csv ends after 2 labels but the predictions go on (${pred}, line 4)`],
    ['a label out of range', ['--pred', pred, '--labels', file('big.csv', '0\n1\n7\n1\n')], 'label 7 is out of range for 3 classes (0 to 2)'],
    ['an unknown class name', ['--pred', pred, '--labels', file('cow.csv', 'cat\ncow\ndog\ndog\n')], "unknown class 'cow' (classes are cat, dog, bird)"],
    ['NaN', ['--pred', file('nan.csv', '0.5,0.5\nNaN,0.5\n'), '--labels', file('y2.csv', '0\n1\n')], 'the value is NaN'],
    ['a ragged row', ['--pred', file('ragged.csv', '0.5,0.5\n0.2,0.3,0.5\n'), '--labels', file('y3.csv', '0\n1\n')], 'the row has 3 fields, expected 2 as in the first row'],
    ['a truncated .npy header', ['--pred', file('bad.npy', npyBytes([[0.5, 0.5]]).slice(0, 30)), '--labels', file('y4.csv', '0\n')], 'the .npy header is truncated'],
    ['a wrong .npy header', ['--pred', file('text.npy', 'hello'), '--labels', file('y5.csv', '0\n')], 'not a .npy file'],
    ['rows not summing to 1', ['--pred', file('sum.csv', '0.5,0.6\n'), '--labels', file('y6.csv', '0\n')], 'probabilities sum to 1.1, not 1 within 0.000001, nor within the 0.1 that rounding 2 values to 1 decimals allows (give --normalize to divide by the sum)'],
    ['a bad --bins', ['--pred', pred, '--labels', labels, '--bins', '0'], '0 must be an integer in [1, 100000] (--bins)'],
    [
      'more class-wise bins than the limit',
      ['--pred', file('wide.csv', Array.from({ length: 50 }, () => 0.02).join(',') + '\n'), '--labels', file('y7.csv', '0\n'), '--bins', '100000'],
      '50 classes × 100000 bins make 5000000 class-wise bins (239 MiB of sums), more than the 4194304 allowed; use fewer bins (--bins)',
    ],
    ['a bad --clip', ['--pred', pred, '--labels', labels, '--clip', '2'], 'clip must lie strictly between 0 and 1, got 2 (--clip)'],
    ['no --labels', ['--pred', pred], `missing labels: ${pred} is not a columnar file (Parquet, Arrow IPC, .npz, safetensors) that could hold them beside the predictions (--labels)`],
  ];
  for (const [what, args, message] of bad) {
    it(`exits 2 with one line for ${what}`, async () => {
      const svg = join(dir, `never-${what.replace(/\W/g, '')}.svg`);
      const r = await run('eval', ...args, '--svg', svg);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')).toHaveLength(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).toMatch(/^xent: error: .*\)\n$/);
      expect(existsSync(svg)).toBe(false);
    });
  }

  it('clips only when asked, and says how many rows', async () => {
    const p = file('zero.csv', '1,0\n0.5,0.5\n');
    const y = file('yz.csv', '1\n0\n');
    expect(JSON.parse((await run('eval', '--pred', p, '--labels', y, '--json')).stdout).logLoss).toBe('Infinity');
    const clipped = JSON.parse((await run('eval', '--pred', p, '--labels', y, '--json', '--clip', '1e-15')).stdout);
    expect(clipped.clippedRows).toBe(1);
  });
});

describe('xent eval checks its files before the work', () => {
  const pred = file('ok-pred.csv', '0.7,0.3\n0.2,0.8\n');
  const labels = file('ok-labels.csv', '0\n1\n');

  it('reports an --svg that cannot be written before reading the predictions', async () => {
    // The predictions are bad in their last row: the --svg error must come first.
    const bad = file('late-bad.csv', '0.7,0.3\n'.repeat(1000) + 'x,y\n');
    const y = file('late-labels.csv', '0\n'.repeat(1001));
    const r = await run('eval', '--pred', bad, '--labels', y, '--svg', join(dir, 'no-such-dir', 'r.svg'));
    expect(r.stderr).toMatch(/^xent: error: cannot write '.*no-such-dir\/r\.svg': its directory does not exist \(ENOENT\) \(--svg\)\n$/);
    expect(r.code).toBe(2);
  });

  it('reports a bad --svg at once even when --pred is endless', () => {
    const r = runCliBounded(['eval', '--pred', '/dev/zero', '--labels', '/dev/zero', '--svg', join(dir, 'no-such-dir', 'r.svg')], { timeoutMs: 15_000 });
    expect(r.stderr).toMatch(/its directory does not exist \(ENOENT\) \(--svg\)\n$/);
    expect(r.status).toBe(2);
  });

  const unreadable: [string, () => string[], string][] = [
    ['a missing --pred', () => ['--pred', join(dir, 'missing.csv'), '--labels', labels], "cannot read '%': no such file or directory (ENOENT) (--pred)"],
    ['a directory as --labels', () => ['--pred', pred, '--labels', dir], "cannot read '%': it is a directory (EISDIR) (--labels)"],
    ['a path through a file as --weights', () => ['--pred', pred, '--labels', labels, '--weights', join(pred, 'w.csv')], "cannot read '%': a part of the path is not a directory (ENOTDIR) (--weights)"],
  ];
  for (const [what, args, message] of unreadable) {
    it(`names the errno in words for ${what}`, async () => {
      const argv = args();
      const path = argv[argv.findIndex((a) => message.includes(`(${a})`)) + 1];
      const r = await run('eval', ...argv);
      expect(r.stderr).toBe(`xent: error: ${message.replace('%', path)}\n`);
      expect(r.code).toBe(2);
    });
  }

  it('names permission denied as every reader does (EACCES)', () => {
    // root reads any file: as root, the CLI runs as nobody, for whom mode 0600 of root's file forbids reading.
    const isRoot = process.getuid?.() === 0;
    const secret = file('secret.csv', '0.5,0.5\n');
    chmodSync(secret, isRoot ? 0o600 : 0o000);
    chmodSync(dir, 0o755);
    const bin = fileURLToPath(new URL('../../../bin/xent.js', import.meta.url));
    const r = spawnSync(process.execPath, [bin, 'eval', '--pred', secret, '--labels', labels], { encoding: 'utf8', timeout: 15_000, ...(isRoot ? { uid: 65534, gid: 65534 } : {}) });
    expect(r.stderr).toBe(`xent: error: cannot read '${secret}': permission denied (EACCES) (--pred)\n`);
    expect(r.status).toBe(2);
  });
});

describe('xent eval on probabilities printed with few decimals', () => {
  it("scores numpy's savetxt(fmt='%.6f') rows as given, reporting how far their sums are from 1", async () => {
    const rows = ['0.333333,0.333333,0.333333', '0.142857,0.285714,0.571429', '0.700000,0.200000,0.100000'];
    const r = await run('eval', '--pred', file('six.csv', rows.join('\n') + '\n'), '--labels', file('six-y.csv', '0\n2\n0\n'), '--json');
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { logLoss: number; largestRowSumError: number };
    expect(out.largestRowSumError).toBeCloseTo(1e-6, 12);
    // The log-loss of the values as written, not renormalised.
    expect(out.logLoss).toBeCloseTo(-(Math.log(0.333333) + Math.log(0.571429) + Math.log(0.7)) / 3, 14);
    const table = await run('eval', '--pred', file('six.csv', rows.join('\n') + '\n'), '--labels', file('six-y.csv', '0\n2\n0\n'));
    expect(table.stdout).toMatch(/largest \|Σp − 1\| +1e-6 +rows used as given/);
  });
});
