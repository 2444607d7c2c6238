import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../runCli.js';
import { svgTexts } from '../../plot/parseSvg.js';

const run = (...argv: string[]) => runCli(argv);

const dir = mkdtempSync(join(tmpdir(), 'xent-neuron-'));
const logistic = (z: number) => 1 / (1 + Math.exp(-z));

describe('xent neuron', () => {
  it('runs both costs from the same start by default, as JSON with epochs + 1 rows', async () => {
    const r = await run('neuron', '--json');
    expect(r.code).toBe(0);
    const { runs } = JSON.parse(r.stdout);
    expect(runs.map((x: { cost: string }) => x.cost)).toEqual(['quadratic', 'cross-entropy']);
    for (const x of runs) {
      expect(x).toMatchObject({ w0: 0.6, b0: 0.9, eta: 0.15, x: 1, y: 0 });
      expect(x.trace).toHaveLength(301);
      expect(Object.keys(x.trace[0])).toEqual(['epoch', 'w', 'b', 'z', 'a', 'cost', 'dCdz']);
      expect(x.trace[0]).toMatchObject({ epoch: 0, w: 0.6, b: 0.9, z: 1.5 });
      expect(x.trace[0].a).toBeCloseTo(logistic(1.5), 15);
    }
  });

  it('reproduces the golden values from (2, 2)', async () => {
    const { runs } = JSON.parse((await run('neuron', '--w', '2', '--b', '2', '--json')).stdout);
    const [quadratic, crossEntropy] = runs;
    expect(quadratic.trace[0].a).toBeCloseTo(0.982, 4);
    expect(quadratic.trace[150].a).toBeCloseTo(0.9334, 4);
    expect(quadratic.trace[300].a).toBeCloseTo(0.2028, 4);
    expect(crossEntropy.trace[50].a).toBeCloseTo(0.0985, 4);
  });

  it('takes every setting from its flag, and one cost alone', async () => {
    const { runs } = JSON.parse((await run('neuron', '--cost', 'cross-entropy', '--w', '-1', '--b', '0.5', '--eta', '0.3', '--epochs', '4', '--x', '2', '--y', '0.75', '--json')).stdout);
    expect(runs).toHaveLength(1);
    const t = runs[0].trace;
    expect(runs[0]).toMatchObject({ cost: 'cross-entropy', w0: -1, b0: 0.5, eta: 0.3, x: 2, y: 0.75 });
    expect(t).toHaveLength(5);
    // One step by hand: δ = a − y, w ← w − ηδx, b ← b − ηδ.
    const a0 = logistic(-1 * 2 + 0.5);
    expect(t[1].w).toBeCloseTo(-1 - 0.3 * (a0 - 0.75) * 2, 14);
    expect(t[1].b).toBeCloseTo(0.5 - 0.3 * (a0 - 0.75), 14);
  });

  it('prints a readable table, sampled every 50 epochs', async () => {
    const r = await run('neuron', '--w', '2', '--b', '2');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^quadratic: η = 0\.15, start \(w, b\) = \(2, 2\), x = 1, y = 0$/m);
    expect(r.stdout).toMatch(/^150\s+1\.32021\s+1\.32021\s+0\.933417\b/m);
    expect(r.stdout).toMatch(/^50\s+-1\.10698\s+-1\.10698\s+0\.0985039\b/m);
  });

  it('writes the trace as CSV, the same numbers as the JSON', async () => {
    const csv = (await run('neuron', '--epochs', '3', '--csv')).stdout.trim().split('\n');
    const json = JSON.parse((await run('neuron', '--epochs', '3', '--json')).stdout);
    expect(csv[0]).toBe('cost,eta,w0,b0,x,y,epoch,w,b,z,a,C,dCdz');
    expect(csv).toHaveLength(1 + 2 * 4);
    const row = csv[8].split(',');
    const last = json.runs[1].trace[3];
    expect(row.slice(0, 7)).toEqual(['cross-entropy', '0.15', '0.6', '0.9', '1', '0', '3']);
    expect(row.slice(7).map(Number)).toEqual([last.w, last.b, last.z, last.a, last.cost, last.dCdz]);
  });

  it('writes the figure with --svg', async () => {
    const path = join(dir, 'neuron.svg');
    const r = await run('neuron', '--w', '2', '--b', '2', '--svg', path);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`figure written to ${path}`);
    const svg = readFileSync(path, 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    const texts = svgTexts(svg);
    expect(texts).toContain('Sigmoid neuron: the quadratic cost vs the cross-entropy');
    expect(texts).toContain('Cost vs epoch (shared axes)');
  });

  it('runs the presets, and the nielsen preset says it does not compare like with like', async () => {
    const seed = JSON.parse((await run('neuron', '--preset', 'seed', '--json')).stdout);
    expect(seed.runs.map((r: { w0: number; b0: number }) => [r.w0, r.b0])).toEqual([[0.6, 0.9], [0.6, 0.9], [2, 2], [2, 2]]);
    expect(seed.note).toBeUndefined();
    const nielsen = JSON.parse((await run('neuron', '--preset', 'nielsen', '--epochs', '10', '--json')).stdout);
    expect(nielsen.runs.map((r: { eta: number }) => r.eta)).toEqual([0.15, 0.005, 0.15, 0.005]);
    expect(nielsen.runs[0].trace).toHaveLength(11);
    expect(nielsen.note).toMatch(/^Not like with like/);
    expect((await run('neuron', '--preset', 'nielsen')).stdout).toMatch(/^Note: Not like with like/m);
  });

  it.each([
    [['--eta', '0'], 'learning rate 0 must be > 0 (--eta)'],
    [['--eta', '-0.5'], 'learning rate -0.5 must be > 0 (--eta)'],
    [['--eta', 'fast'], "'fast' is not a number (--eta)"],
    [['--y', '1.5'], 'target 1.5 must lie in [0, 1] (--y)'],
    [['--y', '-1'], 'target -1 must lie in [0, 1] (--y)'],
    [['--w', 'NaN'], 'value NaN must be a finite number (--w)'],
    [['--b', ''], 'empty value, expected a number (--b)'],
    [['--x', 'Infinity'], 'value Infinity must be a finite number (--x)'],
    [['--epochs', '2.5'], 'epochs 2.5 must be a non-negative integer (--epochs)'],
    [['--epochs', '-1'], 'epochs -1 must be a non-negative integer (--epochs)'],
    [['--epochs', 'ten'], "'ten' is not a number (--epochs)"],
    [['--epochs', '2000000'], 'epochs 2000000 is above the limit 1000000 (--epochs)'],
    [['--json', '--csv'], 'give --json or --csv, not both (--csv)'],
    [['--preset', 'seed', '--w', '2'], '--preset seed sets --cost, --w, --b, --eta, --x and --y; give --w without --preset (--preset)'],
  ])('rejects %j with exit 2 and one line', async (flags, message) => {
    const r = await run('neuron', ...flags);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`xent: error: ${message}\n`);
  });

  it('rejects an unknown cost or preset through the flag choices', async () => {
    for (const flags of [['--cost', 'hinge'], ['--preset', 'other']]) {
      const r = await run('neuron', ...flags);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^xent: error: option '${flags[0]} <[A-Z]+>' argument '${flags[1]}' is invalid\\. Allowed choices are [^\\n]+ \\(${flags[0]}\\)\\n$`));
    }
  });

  it('leaves no file behind when the figure cannot be written or a flag is wrong', async () => {
    const r = await run('neuron', '--svg', join(dir, 'missing', 'f.svg'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^xent: error: cannot write '.*f\.svg': its directory does not exist \(ENOENT\) \(--svg\)\n$/);
    const isDir = await run('neuron', '--svg', dir);
    expect(isDir.code).toBe(2);
    expect(isDir.stderr).toMatch(/^xent: error: cannot write '.*': it is a directory \(EISDIR\) \(--svg\)\n$/);
    const bad = await run('neuron', '--eta', '0', '--svg', join(dir, 'bad.svg'));
    expect(bad.code).toBe(2);
    expect(existsSync(join(dir, 'bad.svg'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('runs from the built binary', () => {
    const r = spawnSync(process.execPath, ['bin/xent.js', 'neuron', '--cost', 'quadratic', '--w', '2', '--b', '2', '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).runs[0].trace[300].a).toBeCloseTo(0.2028, 4);
  });
});
