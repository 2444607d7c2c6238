import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { compare, compileExample, extractExamples, helpers, type Expectation } from './jsdocExamplesParse.js';

// Every JSDoc @example in src/ runs here, and the value its comment states is compared
// (the forms are listed in jsdocExamplesParse.ts). An example sees the exports of its own
// file, of the files beside it and of the package's entry (src/index.ts), plus, where it
// names data it does not build (a trained `net`, the digits `train`), the CONTEXT below.
// A new example is picked up by itself; one that needs data gets a line in CONTEXT.

const repo = fileURLToPath(new URL('..', import.meta.url));
const src = join(repo, 'src');
const scratch = mkdtempSync(join(tmpdir(), 'xent-examples-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Scope = Record<string, unknown>;
type Context = (scope: Scope) => Scope | Promise<Scope>;

/** Examples that cannot run here, and why. Each must still hold an example. */
const CANNOT_RUN: Record<string, string> = {
  'src/data/loadDataset.ts': "reads LeCun's 60,000 IDX digits from ./data/mnist, which are not in the repository",
  'src/data/loadIdxDataset.ts': "reads LeCun's 60,000 IDX digits from ./data/mnist, which are not in the repository",
  'src/data/readIdxFile.ts': "reads LeCun's t10k labels from ./mnist, which are not in the repository",
  'src/eval/evaluateSources.ts': "reads the reader's own p.csv and y.npy (src/cli/commands/eval.test.ts runs the same call on fixture files)",
  'src/calibration/calibrateSources.ts': "reads the reader's own val-logits.npy and val-labels.npy (src/cli/commands/calibrate.test.ts runs the same engine through the CLI on fixture files)",
};

const text = (s: string) => new TextEncoder().encode(s);
/* eslint-disable @typescript-eslint/no-explicit-any -- the scope is untyped by nature */
const small = (s: any, trainSize = 200, testSize = 100) => s.loadMnist({ trainSize, testSize });
const smallNet = (s: any, sizes = [784, 10, 10]) => s.createNetwork({ sizes, cost: 'cross-entropy', rng: s.createRng(1) });

/** The values an example names but does not build, by file. */
const CONTEXT: Record<string, Context> = {
  'src/coding/arithmetic/Compressor.ts': () => {
    return { chunks: [text('abracadabra '), text('abracadabra')], out: [] };
  },
  'src/coding/models/MixedOrderModel.ts': () => ({ data: text('abracadabra') }),
  'src/coding/arithmetic/RangeEncoder.ts': () => ({ chunks: [], cumLow: 1, freq: 2, total: 4 }),
  'src/coding/arithmetic/RangeDecoder.ts': (s: any) => {
    const [cum, freq, total, sym] = [[0, 1, 3, 4], [1, 2, 1], 4, 1];
    const parts: Uint8Array[] = [];
    const enc = new s.RangeEncoder(new s.ChunkWriter((c: Uint8Array) => parts.push(c.slice())));
    enc.encode(cum[sym], freq[sym], total);
    enc.finish();
    return { cum, freq, total, s: sym, source: () => parts.shift() };
  },
  'src/coding/models/StaticOrder0Model.ts': () => ({ data: text('abracadabra') }),
  'src/coding/arithmetic/compressBytes.ts': () => ({ data: text('abracadabra') }),
  'src/coding/arithmetic/decompressStream.ts': (s: any) => ({ chunks: [s.compressBytes(text('abracadabra')).bytes], out: [] }),
  'src/formats/idx.ts': (s: any) => ({ bytes: s.writeIdx('ubyte', [60000], new Uint8Array(60000)) }),
  'src/data/datasetFromIdx.ts': (s: any) => {
    const imagesPath = join(scratch, 'images-idx3-ubyte');
    const labelsPath = join(scratch, 'labels-idx1-ubyte');
    writeFileSync(imagesPath, s.writeIdx('ubyte', [2, 2, 2], new Uint8Array([0, 255, 255, 0, 255, 0, 0, 255])));
    writeFileSync(labelsPath, s.writeIdx('ubyte', [2], new Uint8Array([1, 0])));
    return { imagesPath, labelsPath };
  },
  'src/experiments/mnistCosts.ts': (s: any) => small(s),
  'src/experiments/mnistCostsFigure.ts': (s: any) => {
    const { train, test } = small(s);
    return { result: s.runMnistCosts(train, test, { seeds: [1], epochs: 2 }) };
  },
  'src/experiments/neuronFigureSpec.ts': (s: any) => ({ data: s.neuronPresetFigure('seed') }),
  'src/nn/Batch.ts': (s: any) => {
    const { train } = small(s);
    return { train, order: Int32Array.from({ length: train.n }, (_, i) => i), batch: s.createBatch(784, 10, 10) };
  },
  'src/nn/Dataset.ts': (s: any) => ({ d: s.createDataset(new Float32Array(8), new Uint8Array([0, 1, 1, 0]), 2, 2) }),
  'src/nn/evaluate.ts': (s: any) => ({ net: smallNet(s), test: small(s).test }),
  'src/nn/gradient.ts': (s: any) => ({ net: smallNet(s), data: small(s).train }),
  'src/nn/modelJson.ts': (s: any) => {
    const net = smallNet(s);
    return { net, config: { cost: 'cross-entropy' }, text: JSON.stringify(s.networkToJson(net)) };
  },
  'src/nn/predict.ts': (s: any) => {
    // A network trained 3 epochs on the default split; pixels: the first 7 of its test part.
    const { train, test } = s.loadMnist();
    const config = { sizes: [784, 30, 10], cost: 'cross-entropy', epochs: 3, batchSize: 10, eta: 0.5, lambda: 0, init: 'default', seed: 1 };
    const { network } = s.trainNetwork(config, train, test);
    const i = test.labels.indexOf(7);
    return { net: network, pixels: test.inputs.slice(i * 784, (i + 1) * 784) };
  },
  'src/nn/splitDataset.ts': (s: any) => ({ digits: s.loadMnistDigits() }),
  'src/nn/trainEpoch.ts': (s: any) => ({ train: small(s, 300).train }),
  // The comment states the accuracy on the default 8,000/2,000 split: 30 epochs of it.
  'src/nn/trainNetwork.ts': (s: any) => s.loadMnist(),
  'src/nn/trainStep.ts': (s: any) => ({ net: smallNet(s, [784, 30, 10]), train: small(s).train }),
};
/* eslint-enable @typescript-eslint/no-explicit-any */

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

const withExamples = sourceFiles(src)
  .filter((f) => readFileSync(f, 'utf8').includes('@example'))
  .map((f) => relative(repo, f).split('\\').join('/'))
  .sort();

async function scopeFor(file: string): Promise<Scope> {
  const dir = dirname(join(repo, file));
  const siblings = sourceFiles(dir).filter((f) => dirname(f) === dir && f !== join(repo, file));
  const scope: Scope = {};
  // Later wins: the entry, then the neighbours, then the file itself.
  for (const path of [join(src, 'index.ts'), join(src, 'data/loadMnist.ts'), ...siblings, join(repo, file)]) {
    Object.assign(scope, await import(pathToFileURL(path).href));
  }
  return scope;
}

interface Outcome {
  compared: number;
  failures: string[];
}

async function runExamples(file: string): Promise<Outcome> {
  const scope = await scopeFor(file);
  Object.assign(scope, await CONTEXT[file]?.(scope));
  const names = Object.keys(scope).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default');
  const known = new Set(names);
  const failures: string[] = [];
  let compared = 0;
  const examples = extractExamples(file, readFileSync(join(repo, file), 'utf8'));
  for (const example of examples) {
    const { code, expectations } = compileExample(example.source, known);
    const body = ts.transpile(`return (async () => { const { ${names.join(', ')} } = __scope;\n{\n${code}\n} })();`, {
      target: ts.ScriptTarget.ES2022,
    });
    const where = `${file}:${example.line}`;
    const check = (i: number, actual: unknown, expected: unknown) => {
      const e: Expectation = expectations[i];
      compared++;
      const why = compare(e.op, actual, expected);
      if (why) failures.push(`${where}: // ${e.text}\n  ${why}`);
    };
    try {
      await new Function('__scope', '__check', '__num', '__typed', '__str', body)(scope, check, helpers.__num, helpers.__typed, helpers.__str);
    } catch (e) {
      failures.push(`${where}: the example throws ${String(e)}\n${example.source}`);
    }
  }
  return { compared, failures };
}

describe('JSDoc @examples', () => {
  it('cover every file that has them, and name a reason for each that cannot run', () => {
    expect(withExamples.length).toBeGreaterThanOrEqual(79);
    for (const file of Object.keys(CANNOT_RUN)) expect(withExamples, `${file} in CANNOT_RUN has no example any more`).toContain(file);
    for (const file of Object.keys(CONTEXT)) expect(withExamples, `${file} in CONTEXT has no example any more`).toContain(file);
  });

  const totals = { files: 0, compared: 0 };
  for (const file of withExamples.filter((f) => !(f in CANNOT_RUN))) {
    it(`${file} runs and states its values truly`, { timeout: 120_000 }, async () => {
      const { compared, failures } = await runExamples(file);
      totals.files++;
      totals.compared += compared;
      expect(failures).toEqual([]);
    });
  }

  afterAll(() => {
    console.log(`jsdoc examples: ${totals.files} files ran, ${totals.compared} stated values compared`);
  });
});
