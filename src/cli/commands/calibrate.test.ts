import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrationFixtures } from '../../../test/calibration/calibrationFixture.js';
import { fitDirichlet, logProbabilitiesOf } from '../../calibration/fitDirichlet.js';
import { fitTemperature } from '../../calibration/fitTemperature.js';
import { fitVectorScaling } from '../../calibration/fitVectorScaling.js';
import { createRng } from '../../core/random/createRng.js';
import { fromJsonNumber } from '../toJson.js';
import { runCli } from '../runCli.js';

// The calibration fixture's rows (scipy-fitted) written as files, calibrated through the CLI.

const run = (...argv: string[]) => runCli(argv);
const dir = mkdtempSync(join(tmpdir(), 'xent-calibrate-'));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const f = calibrationFixtures.find((d) => d.name === 'overconfident-4')!;
const rowsCsv = (values: number[], width: number) => Array.from({ length: values.length / width }, (_, i) => values.slice(i * width, i * width + width).join(',')).join('\n') + '\n';
const logits = file('logits.csv', rowsCsv(f.scores, f.classes));
const labels = file('labels.csv', f.labels.join('\n') + '\n');
const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>;

describe('xent calibrate', () => {
  it("fits scipy's temperature, and its log-loss before and after, through the files", async () => {
    const r = await run('calibrate', '--pred', logits, '--labels', labels, '--input', 'logits', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out.method).toBe('temperature');
    expect(out.n).toBe(f.rows);
    expect(out.classes).toBe(f.classes);
    const calibrator = out.calibrator as { format: string; temperature: number };
    expect(calibrator.format).toBe('xent-calibrator');
    expect(Math.abs(calibrator.temperature - f.temperature.temperature) / f.temperature.temperature).toBeLessThan(1e-10);
    expect(Math.abs(fromJsonNumber(out.logLossBefore) - f.temperature.logLossBefore)).toBeLessThan(1e-12);
    expect(Math.abs(fromJsonNumber(out.logLossAfter) - f.temperature.logLossAfter)).toBeLessThan(1e-12);
    expect(fromJsonNumber(out.eceAfter)).toBeLessThan(fromJsonNumber(out.eceBefore));
  });

  it('gives the same fit from probabilities as from logits', async () => {
    const probabilities: number[] = [];
    for (let i = 0; i < f.rows; i++) {
      const row = f.scores.slice(i * f.classes, (i + 1) * f.classes);
      const m = Math.max(...row);
      const z = row.reduce((s, v) => s + Math.exp(v - m), 0);
      probabilities.push(...row.map((v) => Math.exp(v - m) / z));
    }
    const p = file('probs.csv', rowsCsv(probabilities, f.classes));
    const out = json((await run('calibrate', '--pred', p, '--labels', labels, '--json')).stdout);
    expect(Math.abs((out.calibrator as { temperature: number }).temperature - f.temperature.temperature)).toBeLessThan(1e-8);
  });

  it('saves a calibrator that xent eval --calibrator applies, giving the figures after', async () => {
    const saved = join(dir, 'dirichlet.json');
    const r = await run('calibrate', '--pred', logits, '--labels', labels, '--input', 'logits', '--method', 'dirichlet', '-o', saved, '--json');
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    const e = await run('eval', '--pred', logits, '--labels', labels, '--input', 'logits', '--calibrator', saved, '--json');
    expect(e.code).toBe(0);
    const report = json(e.stdout);
    expect(report.calibrator).toBe('dirichlet');
    expect(Math.abs(fromJsonNumber(report.logLoss) - fromJsonNumber(out.logLossAfter))).toBeLessThan(1e-13);
    expect(Math.abs(fromJsonNumber(report.ece) - fromJsonNumber(out.eceAfter))).toBeLessThan(1e-13);
    // The saved matrix is the library's fit on the same rows.
    const data = { rows: f.rows, classes: f.classes, scores: Float64Array.from(f.scores), labels: Int32Array.from(f.labels), weights: null };
    const matrix = (JSON.parse(readFileSync(saved, 'utf8')) as { matrix: number[] }).matrix;
    const direct = fitDirichlet(data).matrix;
    matrix.forEach((v, j) => expect(Math.abs(v - direct[j])).toBeLessThan(1e-9));
  });

  it('reports cross-validated figures that a fit on all rows flatters', async () => {
    const out = json((await run('calibrate', '--pred', logits, '--labels', labels, '--input', 'logits', '--method', 'vector', '--cv', '5', '--json')).stdout);
    const cv = out.crossValidated as { folds: number; seed: number; logLossAfter: number };
    expect(cv.folds).toBe(5);
    expect(cv.seed).toBe(1);
    expect(cv.logLossAfter).toBeGreaterThan(fromJsonNumber(out.logLossAfter));
    expect(cv.logLossAfter).toBeLessThan(fromJsonNumber(out.logLossBefore));
    const again = json((await run('calibrate', '--pred', logits, '--labels', labels, '--input', 'logits', '--method', 'vector', '--cv', '5', '--json')).stdout);
    expect(again.crossValidated).toEqual(out.crossValidated);
  });

  it('prints a readable table with the temperature', async () => {
    const r = await run('calibrate', '--pred', logits, '--labels', labels, '--input', 'logits');
    expect(r.code).toBe(0);
    const data = { rows: f.rows, classes: f.classes, scores: Float64Array.from(f.scores), labels: Int32Array.from(f.labels), weights: null };
    expect(r.stdout).toContain(`temperature calibration of ${f.rows} rows, ${f.classes} classes: T = ${fitTemperature(data).temperature.toPrecision(6).replace(/0+$/, '')}`);
    expect(r.stdout).toMatch(/log-loss \(nats\)\s+\d/);
  });

  it('fits vector scaling of 200 classes (by L-BFGS), the library’s fit on the same rows', async () => {
    const K = 200;
    const rows = 1200;
    const rng = createRng(200);
    const scores = new Float64Array(rows * K);
    const ys = new Int32Array(rows);
    for (let i = 0; i < rows; i++) {
      ys[i] = rng.int(K);
      // The true class scored higher, every class's scores distorted by its own scale.
      for (let k = 0; k < K; k++) scores[i * K + k] = (rng.normal() + (k === ys[i] ? 2.5 : 0)) * (0.5 + (k % 5) / 2);
    }
    const pred = file('logits-200.csv', rowsCsv(Array.from(scores), K));
    const truth = file('labels-200.csv', ys.join('\n') + '\n');
    const r = await run('calibrate', '--pred', pred, '--labels', truth, '--input', 'logits', '--method', 'vector', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out.classes).toBe(K);
    const calibrator = out.calibrator as { weights: number[]; biases: number[] };
    expect(calibrator.weights.length).toBe(K);
    // The CLI fits on the log-probabilities of the logits.
    const data = { rows, classes: K, scores, labels: ys, weights: null };
    const direct = fitVectorScaling({ ...data, scores: logProbabilitiesOf(data) });
    calibrator.weights.forEach((v, k) => expect(Math.abs(v - direct.weights[k])).toBeLessThan(1e-6));
    expect(Math.abs(fromJsonNumber(out.logLossAfter) - direct.logLossAfter)).toBeLessThan(1e-12);
    expect(fromJsonNumber(out.logLossAfter)).toBeLessThan(fromJsonNumber(out.logLossBefore));
  });

  it('gives one line and exit 2 for bad input, writing nothing', async () => {
    const out = join(dir, 'never.json');
    const wide = file('wide.csv', rowsCsv(Array.from({ length: 2 * 1001 }, (_, j) => j % 7), 1001));
    const wideLabels = file('wide-labels.csv', '0\n1\n');
    const cases: Array<[string[], RegExp]> = [
      [['calibrate', '--labels', labels], /^xent: error: missing --pred FILE \(--pred\)\n$/],
      [['calibrate', '--pred', logits, '--labels', labels, '--input', 'logits', '--method', 'platt', '-o', out], /^xent: error: Platt scaling is for 2 classes, got 4 .*\(--method\)\n$/],
      [['calibrate', '--pred', logits, '--labels', labels, '--cv', '1'], /^xent: error: .*\(--cv\)\n$/],
      [['calibrate', '--pred', wide, '--labels', wideLabels, '--input', 'logits', '--method', 'dirichlet', '-o', out], /^xent: error: Dirichlet calibration fits up to 1000 classes, got 1001 \(use vector or temperature scaling\) \(--method\)\n$/],
      [['calibrate', '--pred', logits, '--labels', labels, '--input', 'probs'], /^xent: error: probability -?\d.* \(.*logits\.csv, line 1\)\n$/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(() => readFileSync(out)).toThrow();
  });

  it('xent eval --calibrator names a bad calibrator file', async () => {
    const wrong = file('wrong.json', JSON.stringify({ format: 'xent-calibrator', version: 1, classes: 3, method: 'temperature', temperature: 2 }));
    const r = await run('eval', '--pred', logits, '--labels', labels, '--input', 'logits', '--calibrator', wrong);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('xent: error: the calibrator was fitted on 3 classes but the predictions have 4 (--calibrator)\n');
    const broken = file('broken.json', '{"format": "xent-calibrator", ');
    expect((await run('eval', '--pred', logits, '--labels', labels, '--calibrator', broken)).stderr).toMatch(/^xent: error: is not JSON: .* \(--calibrator\)\n$/);
  });
});

describe('docs/cli.md', () => {
  it('shows the real output of its xent calibrate example', async () => {
    const page = readFileSync(new URL('../../../docs/cli.md', import.meta.url), 'utf8');
    const command = /^\$ xent (calibrate .*)$/m.exec(page)![1];
    const start = page.indexOf(`$ xent ${command}\n`) + `$ xent ${command}\n`.length;
    const shown = page.slice(start, page.indexOf('```', start)).trimEnd();
    const r = await run(...command.split(' '));
    expect(r.code).toBe(0);
    expect(shown).toBe(r.stdout.trimEnd());
  });
});
