import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../runCli.js';
import { expectReportsClose } from '../../../test/eval/expectReportsClose.js';

const run = (...argv: string[]) => runCli(argv);
const dir = mkdtempSync(join(tmpdir(), 'xent-evalstats-'));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const fixture = JSON.parse(readFileSync(new URL('../../../test/fixtures/eval.json', import.meta.url), 'utf8')) as {
  cases: { name: string; pred: (number | string)[][]; labels: number[]; weights?: number[] }[];
};

function shards(name: string, parts: number, weighted = false) {
  const c = fixture.cases.find((x) => x.name === name)!;
  const n = c.labels.length;
  const whole = { pred: file(`${name}-p.csv`, c.pred.map((r) => r.join(',')).join('\n')), labels: file(`${name}-y.csv`, c.labels.join('\n')), weights: weighted ? file(`${name}-w.csv`, c.weights!.join('\n')) : undefined };
  const pieces = [];
  for (let s = 0; s < parts; s++) {
    const from = Math.floor((s * n) / parts);
    const to = Math.floor(((s + 1) * n) / parts);
    pieces.push({
      offset: from,
      pred: file(`${name}-p${s}.csv`, c.pred.slice(from, to).map((r) => r.join(',')).join('\n')),
      labels: file(`${name}-y${s}.csv`, c.labels.slice(from, to).join('\n')),
      weights: weighted ? file(`${name}-w${s}.csv`, c.weights!.slice(from, to).join('\n')) : undefined,
      stats: join(dir, `${name}-s${s}.json`),
    });
  }
  return { whole, pieces };
}

const weightArgs = (w: string | undefined) => (w === undefined ? [] : ['--weights', w]);

describe('xent eval --save-stats / --from-stats', () => {
  for (const [name, extra, weighted] of [
    ['probs K=5 n=400', [], false],
    ['probs K=10 n=1000 weighted bits', ['--unit', 'bits', '--bins', '10'], true],
    ['logits K=6 n=500', ['--input', 'logits'], false],
    ['binary one column', ['--bootstrap', '50', '--seed', '7'], false],
  ] as const) {
    it(`merges shards into the whole file's report to 1e-12: ${name} ${extra.join(' ')}`, async () => {
      const { whole, pieces } = shards(name, 3, weighted);
      const wholeRun = await run('eval', '--pred', whole.pred, '--labels', whole.labels, ...weightArgs(whole.weights), ...extra, '--json');
      expect(wholeRun.stderr).toBe('');
      for (const p of pieces) {
        const r = await run('eval', '--pred', p.pred, '--labels', p.labels, ...weightArgs(p.weights), ...extra, '--row-offset', String(p.offset), '--save-stats', p.stats, '--json');
        expect(r.code, r.stderr).toBe(0);
      }
      const merged = await run('eval', '--from-stats', ...pieces.map((p) => p.stats), '--json');
      expect(merged.code, merged.stderr).toBe(0);
      expectReportsClose(JSON.parse(wholeRun.stdout), JSON.parse(merged.stdout), 1e-12);
    });
  }

  it('reads back one saved table exactly: the same report, bit for bit', async () => {
    const { whole } = shards('probs K=3 n=60 weighted bits', 1, true);
    const stats = join(dir, 'one.json');
    const r = await run('eval', '--pred', whole.pred, '--labels', whole.labels, ...weightArgs(whole.weights), '--save-stats', stats, '--json');
    const back = await run('eval', '--from-stats', stats, '--json');
    expect(back.stdout).toBe(r.stdout);
    const saved = JSON.parse(readFileSync(stats, 'utf8')) as { format: string; version: number; settings: Record<string, unknown> };
    expect(saved.format).toBe('xent-eval-stats');
    expect(saved.version).toBe(1);
    expect(saved.settings).toMatchObject({ classes: 3, input: 'probs', binning: 'uniform', bins: 15, clip: null, normalize: false });
  });

  it('prints the readable table from stats, with the intervals', async () => {
    const { whole } = shards('probs K=5 n=400', 1);
    const stats = join(dir, 'boot.json');
    await run('eval', '--pred', whole.pred, '--labels', whole.labels, '--bootstrap', '20', '--save-stats', stats);
    const r = await run('eval', '--from-stats', stats, '--ci-level', '0.9');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^rows\s+400$/m);
    expect(r.stdout).toMatch(/^90% interval\s+Poisson bootstrap, 20 replicates, seed 1$/m);
    expect(r.stdout).toMatch(/^log-loss \(nats\)\s+\[[0-9.]+, [0-9.]+\]$/m);
  });

  it('refuses stats of other settings with one line, exit 2', async () => {
    const { whole } = shards('probs K=5 n=400', 1);
    const a = join(dir, 'a15.json');
    const b = join(dir, 'b10.json');
    const c = join(dir, 'c-boot.json');
    await run('eval', '--pred', whole.pred, '--labels', whole.labels, '--save-stats', a);
    await run('eval', '--pred', whole.pred, '--labels', whole.labels, '--bins', '10', '--save-stats', b);
    await run('eval', '--pred', whole.pred, '--labels', whole.labels, '--bootstrap', '5', '--save-stats', c);
    for (const [other, why] of [
      [b, /does not merge with .*: bins 15 vs 10 \(--from-stats\)$/],
      [c, /does not merge with .*bootstrap replicates and sums without \(--from-stats\)$/],
    ] as const) {
      const r = await run('eval', '--from-stats', a, other);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr.trimEnd()).toMatch(why);
    }
  });

  it('refuses a damaged stats file, naming the key', async () => {
    const { whole } = shards('probs K=5 n=400', 1);
    const a = join(dir, 'good.json');
    await run('eval', '--pred', whole.pred, '--labels', whole.labels, '--save-stats', a);
    const json = JSON.parse(readFileSync(a, 'utf8')) as { sums: { topLabel: { gap: { sum: unknown[] } } } };
    json.sums.topLabel.gap.sum.pop();
    const bad = file('bad.json', JSON.stringify(json));
    const r = await run('eval', '--from-stats', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sums\.topLabel\.gap\.sum must hold 15 numbers \(--from-stats\)/);
    const other = await run('eval', '--from-stats', file('other.json', '{"format": "xent-calibrator", "version": 1}'));
    expect(other.stderr).toMatch(/format must be "xent-eval-stats"/);
  });

  it('refuses a stats file past its size limit before reading it', async () => {
    const r = await run('eval', '--from-stats', '/dev/zero');
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd()).toMatch(/larger than the 256 MiB that --from-stats reads/);
  });

  it('saves equal-mass stats in one pass: a fine grid and a KLL sketch, merged into bins of about n/M rows', async () => {
    const { pieces } = shards('probs K=10 n=1000', 4);
    for (const p of pieces) await run('eval', '--pred', p.pred, '--labels', p.labels, '--binning', 'quantile', '--bins', '5', '--save-stats', p.stats);
    const r = await run('eval', '--from-stats', ...pieces.map((p) => p.stats), '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { bins: { count: number }[]; equalMass: { method: string; largestRankError: number; sketchRankError: number } };
    expect(out.equalMass.method).toBe('kll');
    // n = 1000 is below the sketch's capacity: exact ranks, off only by the grid's rounding.
    for (const b of out.bins) expect(Math.abs(b.count - 200)).toBeLessThanOrEqual(1000 * out.equalMass.largestRankError * 2 + 1);
    expect(out.equalMass.largestRankError).toBeLessThan(0.02);
  });

  it('bootstraps streaming equal-mass bins too, and draws the same replicates with --save-stats on', async () => {
    const { whole } = shards('probs K=5 n=400', 1);
    const stats = join(dir, 'q-boot.json');
    const streamed = await run('eval', '--pred', whole.pred, '--labels', whole.labels, '--binning', 'quantile', '--bins', '4', '--bootstrap', '30', '--json');
    const saved = await run('eval', '--pred', whole.pred, '--labels', whole.labels, '--binning', 'quantile', '--bins', '4', '--bootstrap', '30', '--save-stats', stats, '--json');
    expect(streamed.code, streamed.stderr).toBe(0);
    const a = JSON.parse(streamed.stdout) as { ci: Record<string, number[]>; equalMass?: unknown };
    const b = JSON.parse(saved.stdout) as { ci: Record<string, number[]>; equalMass?: unknown };
    expect(a.equalMass).toBeUndefined();
    expect(b.equalMass).toBeDefined();
    // The bin-free intervals do not depend on the bins.
    for (const key of ['logLoss', 'accuracy', 'brier', 'sphericalScore']) expect(b.ci[key]).toEqual(a.ci[key]);
    const back = await run('eval', '--from-stats', stats, '--json');
    expect(back.stdout).toBe(saved.stdout);
  });
});

describe('xent eval --sql', () => {
  it('prints the query for a table', async () => {
    const r = await run('eval', '--sql', 'bigquery', '--table', 'proj.ds.preds', '--pred-columns', 'a,b,c', '--label-column', 'y', '--bins', '10');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^-- xent eval: the table of sums of proj\.ds\.preds \(bigquery\)/);
    expect(r.stdout).toContain('FROM `proj.ds.preds`');
    expect(r.stdout).toContain("'settings;classes=3;input=probs;unit=nats;binning=uniform;bins=10;clip=none;classNames=a|b|c'");
  });

  for (const [argv, why] of [
    [['--sql', 'duckdb', '--pred-columns', 'a,b', '--label-column', 'y'], /--sql needs --table \(--table\)$/],
    [['--sql', 'oracle', '--table', 't', '--pred-columns', 'a,b', '--label-column', 'y'], /oracle/],
    [['--sql', 'duckdb', '--table', 't;drop', '--pred-columns', 'a,b', '--label-column', 'y'], /is not a name .*\(--table\)$/],
    [['--sql', 'spark', '--table', 't', '--pred-columns', 'a,b', '--label-column', 'y', '--normalize'], /takes no --pred/],
    [['--from-stats', 'x.json', '--pred', 'p.csv'], /takes no --pred/],
    [['--bootstrap', '10001', '--pred', 'p.csv', '--labels', 'y.csv'], /--bootstrap/],
  ] as const) {
    it(`refuses ${argv.join(' ')} with one line, exit 2`, async () => {
      const r = await run('eval', ...argv);
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr.trimEnd()).toMatch(why);
    });
  }
});
