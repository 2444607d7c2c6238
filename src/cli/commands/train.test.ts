import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { writeIdx } from '../../formats/idx.js';
import { loadMnist } from '../../data/loadMnist.js';
import { networkFromJson } from '../../nn/modelJson.js';
import { predict } from '../../nn/predict.js';
import { memoryIo } from '../CliIo.js';
import { main } from '../main.js';

async function run(argv: string[], tty = false) {
  const io = memoryIo();
  io.stderrIsTTY = tty;
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'xent-train-'));
// Small and fast: 300 training digits, 100 test digits, 10 hidden units.
const SMALL = ['--train-size', '300', '--test-size', '100', '--hidden', '10', '--epochs', '2'];

describe('xent train', () => {
  it('reports config and per-epoch results as JSON, reproducibly', async () => {
    const a = await run(['train', ...SMALL, '--json']);
    expect(a.code).toBe(0);
    expect(a.stderr).toBe('');
    const report = JSON.parse(a.stdout);
    expect(report.config).toMatchObject({ dataset: 'mnist', sizes: [784, 10, 10], cost: 'cross-entropy', eta: 0.5, batchSize: 10, lambda: 0, seed: 1, threads: 1, trainSize: 300, testSize: 100 });
    expect(report.threadsUsed).toBe(1);
    expect(report).not.toHaveProperty('threadsFallback');
    expect(report.epochs).toHaveLength(2);
    for (const e of report.epochs) {
      expect(Object.keys(e).sort()).toEqual(['epoch', 'seconds', 'testAccuracy', 'testCost', 'trainAccuracy', 'trainCost']);
      expect(e.testAccuracy).toBeGreaterThan(0.2);
    }
    const b = JSON.parse((await run(['train', ...SMALL, '--json'])).stdout);
    const strip = (r: { epochs: { seconds: number }[] }) => r.epochs.map(({ seconds: _s, ...rest }) => rest);
    expect(strip(b)).toEqual(strip(report));
  });

  it('prints a table, and a progress bar on stderr only when stderr is a terminal', async () => {
    const plain = await run(['train', ...SMALL, '--cost', 'log-likelihood']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^network \[784, 10, 10\], log-likelihood cost/);
    expect(plain.stdout).toMatch(/^epoch\s+train cost\s+train acc\.\s+test cost\s+test acc\.\s+seconds$/m);
    expect(plain.stdout).toMatch(/^2\s+\d/m);
    expect(plain.stderr).toBe('');
    const tty = await run(['train', ...SMALL, '--json'], true);
    expect(tty.stderr).toMatch(/epoch \d\/2 \[/);
    expect(JSON.parse(tty.stdout).epochs).toHaveLength(2);
  });

  it('saves a model that xent predict uses on IDX and JSON images', async () => {
    const model = join(dir, 'model.json');
    const r = await run(['train', ...SMALL, '--cost', 'log-likelihood', '--out', model]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`model saved to ${model}`);
    const network = networkFromJson(JSON.parse(readFileSync(model, 'utf8')));

    const { test } = loadMnist({ trainSize: 300, testSize: 100 });
    const pixels = Uint8Array.from(test.inputs.subarray(0, 5 * 784), (p) => Math.round(p * 255));
    const idx = join(dir, 'five-images-idx3-ubyte');
    writeFileSync(idx, writeIdx('ubyte', [5, 28, 28], pixels));
    const expected = predict(network, Float32Array.from(pixels, (p) => p / 255));

    const fromIdx = await run(['predict', '--model', model, '--images', idx, '--json']);
    expect(fromIdx.code).toBe(0);
    expect(JSON.parse(fromIdx.stdout).predictions).toEqual(expected);

    const oneImage = join(dir, 'one.json');
    writeFileSync(oneImage, JSON.stringify(Array.from(pixels.subarray(0, 784), (p) => p / 255)));
    const fromJson = await run(['predict', '--model', model, '--images', oneImage, '--json']);
    expect(JSON.parse(fromJson.stdout).predictions).toEqual([expected[0]]);

    const table = await run(['predict', '--model', model, '--images', idx]);
    expect(table.stdout.split('\n')[0]).toMatch(/^image\s+label\s+probability\s+runner-up$/);
    expect(table.stdout.trim().split('\n')).toHaveLength(6);
  });

  it('trains on IDX files given as --dataset idx:DIR (gzipped or not)', async () => {
    const idxDir = join(dir, 'idx');
    mkdirSync(idxDir);
    // 20 training and 6 test "images" of 4 pixels; class = brightest pixel.
    const images = (n: number) => Uint8Array.from({ length: 4 * n }, (_, i) => (i % 4 === Math.floor(i / 4) % 4 ? 250 : 10));
    const labels = (n: number) => Uint8Array.from({ length: n }, (_, i) => i % 4);
    writeFileSync(join(idxDir, 'train-images-idx3-ubyte.gz'), gzipSync(writeIdx('ubyte', [20, 2, 2], images(20))));
    writeFileSync(join(idxDir, 'train-labels-idx1-ubyte'), writeIdx('ubyte', [20], labels(20)));
    writeFileSync(join(idxDir, 't10k-images-idx3-ubyte'), writeIdx('ubyte', [6, 2, 2], images(6)));
    writeFileSync(join(idxDir, 't10k-labels-idx1-ubyte.gz'), gzipSync(writeIdx('ubyte', [6], labels(6))));
    const r = await run(['train', '--dataset', `idx:${idxDir}`, '--hidden', '3', '--epochs', '1', '--json']);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.config).toMatchObject({ sizes: [4, 3, 4], trainSize: 20, testSize: 6, source: `IDX files in ${idxDir}` });
  });

  it('gives one error line and exit 2 for bad input, and leaves no partial file', async () => {
    const cases: [string[], RegExp][] = [
      [['train', '--eta', '-1'], /^xent: error: learning rate -1 must be a finite number > 0 \(--eta\)\n$/],
      [['train', '--epochs', '2.5'], /^xent: error: 2\.5 must be an integer in \[1, 100000\] \(--epochs\)\n$/],
      [['train', '--lambda', '-0.5'], /^xent: error: lambda -0\.5 must be a finite number ≥ 0 \(--lambda\)\n$/],
      [['train', '--threads', '0'], /^xent: error: 0 must be an integer in \[1, 64\] \(--threads\)\n$/],
      [['train', '--threads', '2.5'], /^xent: error: 2\.5 must be an integer in \[1, 64\] \(--threads\)\n$/],
      [['train', '--threads', '65'], /^xent: error: 65 must be an integer in \[1, 64\] \(--threads\)\n$/],
      [['train', '--hidden', '30,0'], /^xent: error: hidden size 0 must be a positive integer \(--hidden, index 1\)\n$/],
      [['train', '--dataset', 'idx:' + join(dir, 'nothing')], /^xent: error: .* has no train-images-idx3-ubyte .*\(--dataset\)\n$/],
      [['train', '--train-size', '9000'], /^xent: error: train size 9000 \+ test size 2000 exceed the 10000 examples \(--train-size\)\n$/],
      [['train', '--out', join(dir, 'missing', 'm.json')], /^xent: error: cannot write .*: its directory does not exist \(ENOENT\) \(--out\)\n$/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});

describe('xent train --precision', () => {
  it('trains in float32 when asked: the float64 run to float32 accuracy, its config saying so', async () => {
    const exact = JSON.parse((await run(['train', ...SMALL, '--json'])).stdout);
    const r = await run(['train', ...SMALL, '--precision', 'float32', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const fast = JSON.parse(r.stdout);
    expect(exact.config.precision).toBe('float64');
    expect(fast.config.precision).toBe('float32');
    fast.epochs.forEach((e: { trainCost: number }, i: number) => expect(Math.abs(e.trainCost - exact.epochs[i].trainCost)).toBeLessThan(1e-4));
  });

  it('rejects an unknown precision with one line', async () => {
    const r = await run(['train', ...SMALL, '--precision', 'float16']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^xent: error: .*float16.*\(--precision\)\n$/);
  });
});

describe('xent train --threads', () => {
  const strip = (r: { epochs: { seconds: number }[] }) => r.epochs.map(({ seconds: _s, ...rest }) => rest);

  it('falls back to one thread with a note on stderr where no worker can start (sources, not the build)', async () => {
    const one = JSON.parse((await run(['train', ...SMALL, '--json'])).stdout);
    const r = await run(['train', ...SMALL, '--threads', '2', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^xent: note: training on 1 thread: worker threads could not start: .*trainingWorker\.js is missing/);
    const report = JSON.parse(r.stdout);
    expect(report.config.threads).toBe(2);
    expect(report.threadsUsed).toBe(1);
    expect(report.threadsFallback).toMatch(/could not start/);
    expect(strip(report)).toEqual(strip(one));
  });

  it('takes auto, and names it in the config: a small network at batch 10 trains on one thread', async () => {
    const one = JSON.parse((await run(['train', ...SMALL, '--precision', 'float32', '--json'])).stdout);
    const r = await run(['train', ...SMALL, '--precision', 'float32', '--threads', 'auto', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.config.threads).toBe('auto');
    expect(report.threadsUsed).toBe(1);
    expect(strip(report)).toEqual(strip(one));
  });
});

describe('xent predict errors', () => {
  it('names the flag and the defect', async () => {
    const bad = join(dir, 'bad-model.json');
    writeFileSync(bad, JSON.stringify({ format: 'xent-mlp', version: 1, sizes: [784, 10], cost: 'quadratic', weights: [[1]], biases: [[0]] }));
    const bright = join(dir, 'bright.json');
    writeFileSync(bright, JSON.stringify([new Array(784).fill(255)]));
    const truncated = join(dir, 'truncated-idx3-ubyte');
    writeFileSync(truncated, writeIdx('ubyte', [2, 28, 28], new Uint8Array(2 * 784)).subarray(0, 900));
    const model = join(dir, 'model-for-errors.json');
    await run(['train', ...SMALL, '--epochs', '1', '--out', model]);
    const cases: [string[], RegExp][] = [
      [['predict', '--model', bad, '--images', bright], /"weights" layer 0 must hold 7840 numbers \(--model\)/],
      [['predict', '--model', model, '--images', bright], /image 0 pixel 0 is 255, not in \[0, 1\] \(scale 0–255 pixels by 1\/255\) \(--images\)/],
      [['predict', '--model', model, '--images', truncated], /is not a valid IDX file: truncated IDX file.* \(--images\)/],
      [['predict', '--model', join(dir, 'none.json'), '--images', bright], /cannot read .*none\.json': no such file or directory \(ENOENT\) \(--model\)/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('xent experiment mnist-costs', () => {
  it('prints mean ± sd per cost and writes the curves as SVG', async () => {
    const svg = join(dir, 'curves.svg');
    const argv = ['experiment', 'mnist-costs', '--seeds', '2', '--epochs', '1', '--hidden-sizes', '5', '--train-size', '200', '--test-size', '100'];
    const r = await run([...argv, '--json', '--svg', svg]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.seeds).toEqual([1, 2]);
    expect(report.rows.map((row: { cost: string; eta: number; sizes: number[] }) => [row.cost, row.eta, row.sizes])).toEqual([
      ['quadratic', 3, [784, 5, 10]],
      ['cross-entropy', 0.5, [784, 5, 10]],
      ['log-likelihood', 0.5, [784, 5, 10]],
    ]);
    for (const row of report.rows) {
      expect(row.finalAccuracies).toHaveLength(2);
      expect(row.meanAccuracy).toBeCloseTo((row.finalAccuracies[0] + row.finalAccuracies[1]) / 2, 15);
      expect(row.sdAccuracy).toBeCloseTo(Math.abs(row.finalAccuracies[0] - row.finalAccuracies[1]) / Math.SQRT2, 15);
    }
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg[\s\S]*sigmoid \+ quadratic, η = 3[\s\S]*<\/svg>\n$/);
    const text = await run([...argv, '--costs', 'cross-entropy', '--etas', '0.25']);
    expect(text.stdout).toMatch(/^\[784, 5, 10\]\s+cross-entropy\s+0\.25\s+\d+\.\d\d ± \d+\.\d\d/m);
  });

  it('rejects mismatched --etas and unknown costs without writing the SVG', async () => {
    const svg = join(dir, 'never.svg');
    const a = await run(['experiment', 'mnist-costs', '--etas', '1,2', '--svg', svg]);
    expect(a.code).toBe(2);
    expect(a.stderr).toBe('xent: error: 2 learning rates for 3 costs (--etas)\n');
    const b = await run(['experiment', 'mnist-costs', '--costs', 'quadratic,hinge']);
    expect(b.stderr).toMatch(/unknown cost 'hinge'.*\(--costs, index 1\)/);
    const c = await run(['experiment', 'cifar-costs']);
    expect(c.code).toBe(2);
    expect(readdirSync(dir)).not.toContain('never.svg');
  });
});

describe('bin/xent.js', () => {
  it('runs train and predict from the built package', () => {
    const model = join(dir, 'spawned.json');
    const bin = new URL('../../../bin/xent.js', import.meta.url).pathname;
    const t = spawnSync(process.execPath, [bin, 'train', ...SMALL, '--epochs', '1', '--out', model], { encoding: 'utf8' });
    expect(t.stderr).toBe('');
    expect(t.status).toBe(0);
    const images = join(dir, 'spawned-images.json');
    writeFileSync(images, JSON.stringify([new Array(784).fill(0), new Array(784).fill(0.5)]));
    const p = spawnSync(process.execPath, [bin, 'predict', '--model', model, '--images', images, '--json'], { encoding: 'utf8' });
    expect(p.status).toBe(0);
    expect(JSON.parse(p.stdout).predictions).toHaveLength(2);
  });

  it('trains on 2 and 3 threads from the build, in float64 and float32, with the figures and the model of one thread', () => {
    const bin = new URL('../../../bin/xent.js', import.meta.url).pathname;
    const train = (threads: string, precision: string) => {
      const model = join(dir, `threads-${threads}-${precision}.json`);
      const r = spawnSync(process.execPath, [bin, 'train', ...SMALL, '--threads', threads, '--precision', precision, '--json', '--out', model], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      return { report: JSON.parse(r.stdout), model: JSON.parse(readFileSync(model, 'utf8')) };
    };
    for (const precision of ['float64', 'float32']) {
      const one = train('1', precision);
      for (const threads of ['2', '3']) {
        const many = train(threads, precision);
        expect(many.report.threadsUsed).toBe(Number(threads));
        expect(many.report.config.precision).toBe(precision);
        expect(many.report.epochs.map(({ seconds: _s, ...rest }: { seconds: number }) => rest)).toEqual(one.report.epochs.map(({ seconds: _s, ...rest }: { seconds: number }) => rest));
        expect(many.model.weights).toEqual(one.model.weights);
        expect(many.model.biases).toEqual(one.model.biases);
      }
    }
  });
});
