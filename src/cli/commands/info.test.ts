import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../runCli.js';

const run = (...argv: string[]) => runCli(argv);

const dir = mkdtempSync(join(tmpdir(), 'xent-info-'));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('xent info', () => {
  it('reports the worked example as JSON', async () => {
    const r = await run('info', '--p', '0.5,0.25,0.125,0.125', '--q', '0.125,0.5,0.25,0.125', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ unit: 'bits', entropy: 1.75, crossEntropy: 2.375, kl: 0.625, js: expect.any(Number) });
    // Swapping the roles gives H(q,p) = 2.25 and KL(q‖p) = 0.5.
    const swapped = await run('info', '--q', '0.5,0.25,0.125,0.125', '--p', '0.125,0.5,0.25,0.125', '--json');
    expect(JSON.parse(swapped.stdout)).toMatchObject({ entropy: 1.75, crossEntropy: 2.25, kl: 0.5 });
  });

  it('prints a readable table by default', async () => {
    const r = await run('info', '--p', '0.5,0.25,0.125,0.125', '--q', '0.125,0.5,0.25,0.125');
    expect(r.stdout).toMatch(/^H\(p\)\s+1\.75\b/m);
    expect(r.stdout).toMatch(/^H\(p,q\)\s+2\.375\b/m);
    expect(r.stdout).toMatch(/^H\(q,p\)\s+2\.25\b/m);
  });

  it('encodes an infinite KL as the string "Infinity"', async () => {
    const r = await run('info', '--p', '1,0', '--q', '0,1', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ unit: 'bits', entropy: 0, crossEntropy: 'Infinity', kl: 'Infinity', js: 1 });
  });

  it('takes --unit and --normalize', async () => {
    const r = await run('info', '--p', '1,1', '--unit', 'nats', '--json');
    expect(r.code).toBe(2);
    const ok = await run('info', '--p', '1,1', '--normalize', '--unit', 'nats', '--json');
    expect(JSON.parse(ok.stdout)).toEqual({ unit: 'nats', entropy: Math.LN2 });
  });

  it('reads @file as a JSON array or one CSV row', async () => {
    const json = file('p.json', '[0.5, 0.25, 0.125, 0.125]\n');
    const csv = file('q.csv', '0.125,0.5,0.25,0.125\n');
    const r = await run('info', '--p', `@${json}`, '--q', `@${csv}`, '--json');
    expect(JSON.parse(r.stdout)).toMatchObject({ entropy: 1.75, crossEntropy: 2.375 });
  });

  it('says what a @file or --joint file must hold when it holds a JSON object', async () => {
    const obj = file('obj.json', '{"p": [0.5, 0.5]}\n');
    expect((await run('info', '--p', `@${obj}`)).stderr).toBe(`xent: error: '${obj}' must hold a JSON array of numbers (--p)\n`);
    const joint = await run('info', '--joint', obj);
    expect(joint.code).toBe(2);
    expect(joint.stderr).toBe(`xent: error: '${obj}' must hold a JSON array of rows (arrays of numbers) (--joint)\n`);
  });

  it('measures a joint table from CSV (with header and row labels) and JSON', async () => {
    const csv = file('joint.csv', 'x,y=0,y=1\na,5,0\nb,0,5\n');
    const r = await run('info', '--joint', csv, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ unit: 'bits', hX: 1, hY: 1, hXY: 1, hXgivenY: 0, hYgivenX: 0, mutualInformation: 1 });
    const json = file('joint.json', '[[1, 1], [3, 3]]');
    const j = JSON.parse((await run('info', '--joint', json, '--json')).stdout);
    expect(j.mutualInformation).toBe(0);
    const table = await run('info', '--joint', json);
    expect(table.stdout).toMatch(/^I\(X;Y\)\s+0$/m);
  });

  it.each([
    [['info', '--p', '0.5,-0.5'], 'value -0.5 is negative (--p, index 1)'],
    [['info', '--p', '0.5,abc'], "'abc' is not a number (--p, index 1)"],
    [['info', '--p', '0.5,,0.5'], 'empty value, expected a number (--p, index 1)'],
    [['info', '--p', '0.5,NaN,0.5'], 'value is NaN (--p, index 1)'],
    [['info', '--p', '0.5,0.6'], 'distribution sums to 1.1, not 1 (normalize rescales counts) (--p)'],
    [['info', '--p', '0.5,0.5', '--q', '1'], 'q has 1 entries but p has 2 (--q)'],
    [['info', '--p', '0.5,0.5', '--q', '0.5,Infinity'], 'value Infinity is not finite: probabilities must be finite (--q, index 1)'],
    [['info'], 'missing distribution: give --p (or --joint FILE) (--p)'],
    [['info', '--p', '@/nonexistent/p.json'], "cannot read '/nonexistent/p.json': no such file or directory (ENOENT) (--p)"],
    [['info', '--unit', 'shannons', '--p', '1'], "option '--unit <U>' argument 'shannons' is invalid. Allowed choices are bits, nats, bans (--unit)"],
    [['info', '--unit'], "option '--unit <U>' argument missing (--unit)"],
    [['info', '--frobnicate'], "unknown option '--frobnicate' (xent info)"],
    // Commander's "Did you mean" hint joins the line instead of adding a second one.
    [['info', '--p', '1', '--normalise'], "unknown option '--normalise', did you mean --normalize? (xent info)"],
    [['infoo'], "unknown command 'infoo', did you mean info? (xent)"],
    [['nonsense'], "unknown command 'nonsense' (xent)"],
    [['tour', 'extra'], "too many arguments for 'tour'. Expected 0 arguments but got 1 (xent tour)"],
  ])('%j fails with exit 2 and one line', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`xent: error: ${message}\n`);
  });

  it('names the cell of a bad joint table', async () => {
    const csv = file('bad.csv', '1,2\n3,-4\n');
    const r = await run('info', '--joint', csv);
    expect(r.stderr).toBe('xent: error: value -4 is negative (--joint, row 2, column 2)\n');
    const ragged = file('ragged.csv', '1,2\n3\n');
    expect((await run('info', '--joint', ragged)).stderr).toBe('xent: error: row has 1 columns but the first row has 2 (--joint, row 2)\n');
    expect((await run('info', '--joint', ragged, '--p', '1')).stderr).toMatch(/either --joint or --p/);
  });

  it('--help and --version exit 0', async () => {
    const help = await run('info', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--normalize/);
    const version = await run('--version');
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('bin/xent.js', () => {
  const bin = new URL('../../../bin/xent.js', import.meta.url).pathname;

  it('runs from the checkout and exits 2 on bad input with no stack trace', () => {
    const ok = execFileSync(process.execPath, [bin, 'info', '--p', '0.5,0.25,0.125,0.125', '--q', '0.125,0.5,0.25,0.125', '--json'], { encoding: 'utf8' });
    expect(JSON.parse(ok)).toMatchObject({ entropy: 1.75, crossEntropy: 2.375, kl: 0.625 });
    const bad = spawnSync(process.execPath, [bin, 'info', '--p', '0.5,-0.5'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('xent: error: value -0.5 is negative (--p, index 1)\n');
  });
});
