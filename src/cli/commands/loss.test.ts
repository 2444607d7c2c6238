import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromJsonNumber } from '../toJson.js';
import { runCli } from '../runCli.js';

const run = runCli;

const dir = mkdtempSync(join(tmpdir(), 'xent-loss-'));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A tensor of 3,000 axes of size 1, as JSON. */
const DEEP = '['.repeat(3000) + '0' + ']'.repeat(3000);

const DESIGN_REQUEST = {
  loss: 'cross_entropy',
  input: [[2.0, -1.0, 0.5]],
  target: [0],
  weight: [1, 2, 1],
  ignore_index: -100,
  label_smoothing: 0.1,
  reduction: 'mean',
  dtype: 'float64',
};

describe('xent loss', () => {
  it("answers the contract's request with {loss, grad}, grad shaped like the input", async () => {
    const r = await run(['loss', '--request', file('design.json', JSON.stringify(DESIGN_REQUEST)), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { loss: number; grad: number[][] };
    expect(Object.keys(out)).toEqual(['loss', 'grad']);
    // By hand: log p = z − logΣe^z; loss = 0.9·w_0·(−log p_0) + (0.1/3)·Σ_c w_c·(−log p_c), over w_0 = 1.
    const lse = Math.log(Math.exp(2) + Math.exp(-1) + Math.exp(0.5));
    const nlp = [lse - 2, lse + 1, lse - 0.5];
    const w = [1, 2, 1];
    expect(out.loss).toBeCloseTo(0.9 * nlp[0] + (0.1 / 3) * (nlp[0] + 2 * nlp[1] + nlp[2]), 14);
    const p = nlp.map((v) => Math.exp(-v));
    const grad = p.map((pj, j) => 0.9 * (pj - (j === 0 ? 1 : 0)) + (0.1 / 3) * (4 * pj - w[j]));
    expect(out.grad).toHaveLength(1);
    out.grad[0].forEach((g, j) => expect(g).toBeCloseTo(grad[j], 14));
  });

  it('reads the request from standard input with -, and prints a table by default', async () => {
    const r = await run(['loss', '--request', '-'], '{"loss":"cross_entropy","input":[[2,-1,0.5]],"target":[0]}');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^loss\s+cross_entropy$/m);
    expect(r.stdout).toMatch(/^value\s+0\.241311$/m);
    expect(r.stdout).toMatch(/^grad\s+-0\.214403\s+0\.0391126\s+0\.17529$/m);
  });

  it("returns per-element losses for reduction 'none' and K-dim shapes, non-finite as strings", async () => {
    const request = { loss: 'cross_entropy', input: [[[0, 1], [0, 1]]], target: [[0, -100]], reduction: 'none' };
    const r = await run(['loss', '--request', '-', '--json'], JSON.stringify(request));
    const out = JSON.parse(r.stdout) as { loss: number[][]; grad: number[][][] };
    expect(out.loss).toEqual([[Math.LN2, 0]]);
    expect(out.grad).toEqual([[[-0.5, 0], [0.5, 0]]]);
    const ignored = await run(['loss', '--request', '-', '--json'], JSON.stringify({ ...request, target: [[-100, -100]], reduction: 'mean' }));
    expect(fromJsonNumber((JSON.parse(ignored.stdout) as { loss: unknown }).loss)).toBeNaN();
    const inf = await run(['loss', '--request', '-', '--json'], '{"loss":"cross_entropy","input":[["-Infinity",0]],"target":[0],"dtype":"float32"}');
    expect(JSON.parse(inf.stdout)).toEqual({ loss: 'Infinity', grad: [[-1, 1]] });
  });

  it('exits 2 with one line naming the field for a bad request', async () => {
    const cases: Array<[string, string]> = [
      ['{"loss":"hinge","input":[1],"target":[1]}', 'unknown loss "hinge"'],
      ['{"loss":"cross_entropy","input":[[1,2]],"target":[2]}', 'target 2 is not a class index in [0, 2) (target, index 0)'],
      ['{"loss":"cross_entropy","input":[[1,2]],"target":[2],"dtype":"float32"}', 'target 2 is not a class index in [0, 2) (target, index 0)'],
      ['{"loss":"mse_loss","input":{"shape":[1],"data":[1],"extra":1},"target":[1]}', "a {shape, data} tensor takes no key 'extra' (input)"],
      // Before the depth limit this overflowed the stack ("Maximum call stack size exceeded").
      [`{"loss":"mse_loss","input":${DEEP},"target":${DEEP}}`, 'is nested more than 64 deep: a tensor has at most 64 dimensions (input)'],
      ['{"loss":"cross_entropy","input":[[1,2]],"target":[0],"label_smoothing":2}', 'label smoothing 2 is outside [0, 1] (label_smoothing)'],
      ['{"loss":"cross_entropy","input":[[1,2]],"target":[0],"weight":[1,-1]}', 'weight -1 is not a finite non-negative number (weight, index 1)'],
      ['{"loss":"mse_loss","input":[1,"NaN"],"target":[1,2]}', 'value is NaN (input, index 1)'],
      ['{"loss":"mse_loss","input":[1,2],"target":[1]}', 'has shape (1) but input has shape (2) (target)'],
      ['{"loss":', 'standard input is not valid JSON'],
      // JSON.parse quotes the input around the fault, line break and all: still one line.
      ['nope\n', '"nope\\n" is not valid JSON (--request)'],
      // JSON has no NaN; a request spells it "NaN", which is refused as input.
      ['{"loss":"mse_loss","input":[NaN],"target":[1]}', 'standard input is not valid JSON'],
      ['{"loss":"mse_loss","input":[]}', 'missing: mse_loss needs input and target (target)'],
      ['{}', 'missing loss: use one of cross_entropy, '],
    ];
    for (const [stdin, message] of cases) {
      const r = await run(['loss', '--request', '-', '--json'], stdin);
      expect(r.code, stdin).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.startsWith('xent: error: ')).toBe(true);
      expect(r.stderr).toContain(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const missing = await run(['loss']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--request/);
    const noFile = await run(['loss', '--request', join(dir, 'nope.json')]);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/cannot read .*nope\.json': no such file or directory \(ENOENT\) \(--request\)/);
  });

  it('reads a request that starts with a UTF-8 byte-order mark, as editors on Windows write it', async () => {
    const path = file('bom.json', '\uFEFF{"loss":"binary_cross_entropy_with_logits","input":[0],"target":[1]}');
    const r = await run(['loss', '--request', path, '--json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ loss: Math.LN2, grad: [-0.5] });
  });

  it('takes null options as not given, and "Infinity" strings in {shape, data} tensors', async () => {
    const request = '{"loss":"cross_entropy","input":{"shape":[1,3],"data":["-Infinity",0,0]},"target":[1],"weight":null,"label_smoothing":null}';
    const r = await run(['loss', '--request', '-', '--json'], request);
    expect(JSON.parse(r.stdout)).toEqual({ loss: Math.LN2, grad: [[0, -0.5, 0.5]] });
  });
});

describe('bin/xent.js loss', () => {
  it('runs as a process: JSON on stdout, exit 2 and one line on a bad request', () => {
    const bin = new URL('../../../bin/xent.js', import.meta.url).pathname;
    const ok = spawnSync(process.execPath, [bin, 'loss', '--request', '-', '--json'], {
      input: '{"loss":"binary_cross_entropy_with_logits","input":[0],"target":[1]}',
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ loss: Math.LN2, grad: [-0.5] });
    const bad = spawnSync(process.execPath, [bin, 'loss', '--request', '-'], { input: '{"loss":"hinge"}', encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^xent: error: unknown loss "hinge": use one of cross_entropy, .* \(loss\)\n$/);
  });
});
