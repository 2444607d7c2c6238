import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isLoopback, networkWarning } from './commands/lab.js';
import { runCli } from './runCli.js';

// The contract's error lines and limits (docs/design.md), case by case. Every line is
// checked whole: one line, `xent: error: <what> (<where>)`, exit code 2.

const dir = mkdtempSync(join(tmpdir(), 'xent-error-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const model = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'xent-mlp', version: 1, sizes: [4, 2], cost: 'cross-entropy', weights: [[1, 0, 0, 0, 0, 1, 0, 0]], biases: [[0, 0]], ...over });
const goodModel = file('good.json', model());

async function fails(argv: string[], line: string) {
  const r = await runCli(argv);
  expect(r.stderr).toBe(`xent: error: ${line}\n`);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
}

describe('error lines have exactly one location group', () => {
  it('merges a library location into the flag: no "(sizes, index 1) (--model)"', async () => {
    const m = file('m0.json', model({ sizes: [4, 0, 2] }));
    await fails(['predict', '--model', m, '--images', goodModel], `'${m}': "sizes": layer size 0 must be a positive integer (--model, sizes, index 1)`);
  });

  it('says the cost is missing instead of "unknown cost \'undefined\'"', async () => {
    const m = file('nocost.json', model({ cost: undefined }));
    await fails(['predict', '--model', m, '--images', goodModel], `'${m}': "cost" must be one of quadratic, cross-entropy, log-likelihood, found no "cost" (--model)`);
  });

  it('does not nest parentheses: "corrupt input (truncated header, magic)"', async () => {
    await fails(['decompress', '-', '-o', join(dir, 'never')], 'corrupt input (truncated header, magic)');
  });

  it('escapes a newline typed into a flag value instead of cutting the line', async () => {
    await fails(['info', '--p', '1', '--unit', 'foo\nbar'], "option '--unit <U>' argument 'foo\\nbar' is invalid. Allowed choices are bits, nats, bans (--unit)");
  });

  it('says errno codes in words: ENOTDIR', async () => {
    const f = file('plain.txt', '1');
    await fails(['info', '--p', `@${f}/x`], `cannot read '${f}/x': a part of the path is not a directory (ENOTDIR) (--p)`);
  });
});

describe('error lines blame the right place', () => {
  it('huffman --p @big.csv --normalize without --q blames --p', async () => {
    const big = file('big.csv', Array.from({ length: 200_000 }, () => '1').join(','));
    await fails(['huffman', '--p', `@${big}`, '--normalize'], '200000 outcomes is more than the 65536 supported (--p)');
  });

  it('info --joint names the cell as it is in the file, from 1, labels and header counted', async () => {
    await fails(['info', '--joint', file('ab.csv', 'a,b\n')], "'b' is not a number (--joint, row 1, column 2)");
    await fails(['info', '--joint', file('labelled.csv', 'x,y=0,y=1\na,5,1\nb,2,z\n')], "'z' is not a number (--joint, row 3, column 3)");
    // A value the measures refuse is named in the file too: the CSV row is its line.
    await fails(['info', '--joint', file('gap.csv', 'x,y=0,y=1\n\na,5,1\nb,2,-1\n')], 'value -1 is negative (--joint, row 4, column 3)');
    await fails(['info', '--joint', file('ragged-labelled.csv', 'x,y=0,y=1\na,5,1\nb,2\n')], 'row has 1 columns but the first row has 2 (--joint, row 3)');
    await fails(['info', '--joint', file('m.json', '[[1, 2], [3, "q"]]')], "'q' is not a number (--joint, row 2, column 2)");
    await fails(['info', '--joint', file('n.json', '[[1, 2], [-3, 4]]')], 'value -3 is negative (--joint, row 2, column 1)');
  });
});

describe('predict reads what it is given', () => {
  const pixels = (values: unknown[]) => JSON.stringify(values);

  it('calls valid JSON of the wrong shape JSON, not "neither JSON nor IDX"', async () => {
    const obj = file('obj.json', JSON.stringify({ images: [[0, 0, 0, 0]] }));
    await fails(['predict', '--model', goodModel, '--images', obj], `'${obj}' holds a JSON object, expected one image (an array of 4 pixels in [0, 1]) or an array of images (--images)`);
    const str = file('abc.json', '"abc"');
    await fails(['predict', '--model', goodModel, '--images', str], `'${str}' holds a JSON string, expected one image (an array of 4 pixels in [0, 1]) or an array of images (--images)`);
  });

  it('reports a pixel of 1e400 as beyond float64, not as null', async () => {
    const f = file('e400.json', '[0, 0, 0, 1e400]');
    await fails(['predict', '--model', goodModel, '--images', f], 'image 0 pixel 3 is Infinity (beyond the range of float64), not in [0, 1] (--images)');
  });

  it('accepts JSON with a UTF-8 byte-order mark, in the model and the images', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const m = file('bom-model.json', Buffer.concat([bom, Buffer.from(model())]));
    const images = file('bom-images.json', Buffer.concat([bom, Buffer.from(pixels([1, 0, 0, 0]))]));
    const r = await runCli(['predict', '--model', m, '--images', images, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [p] = JSON.parse(r.stdout).predictions;
    expect(p.label).toBe(0);
    // Sigmoid outputs σ(1), σ(0) divided by their sum.
    const s1 = 1 / (1 + Math.exp(-1));
    expect(p.probabilities[0]).toBeCloseTo(s1 / (s1 + 0.5), 6);
    const list = file('bom-p.json', Buffer.concat([bom, Buffer.from('[0.5, 0.5]')]));
    expect(JSON.parse((await runCli(['info', '--p', `@${list}`, '--json'])).stdout).entropy).toBe(1);
  });

  it('gives defined probabilities for a model whose sums overflow (weights ±1e308), never NaN', async () => {
    // The logits are (4·1e308 → Infinity, 0). The softmax shifts by the maximum with
    // core/math's minusMax, so the infinite logit takes all the mass instead of giving
    // Infinity − Infinity = NaN; a tie of two infinite logits would share it.
    const m = file('huge.json', model({ cost: 'log-likelihood', weights: [[1e308, 1e308, 1e308, 1e308, 0, 0, 0, 0]] }));
    const images = file('ones.json', pixels([1, 1, 1, 1]));
    const r = await runCli(['predict', '--model', m, '--images', images, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).predictions).toEqual([{ label: 0, probabilities: [1, 0] }]);
    const tied = file('tied.json', model({ cost: 'log-likelihood', weights: [[1e308, 1e308, 1e308, 1e308, 1e308, 1e308, 1e308, 1e308]] }));
    const t = await runCli(['predict', '--model', tied, '--images', images, '--json']);
    expect(JSON.parse(t.stdout).predictions[0].probabilities).toEqual([0.5, 0.5]);
  });
});

describe('limits', () => {
  it('train --hidden 100000,100000 is refused before anything is allocated', async () => {
    await fails(
      ['train', '--hidden', '100000,100000', '--train-size', '100', '--test-size', '10'],
      'the network [784, 100000, 100000, 10] has 10,079,600,010 weights and biases, more than the 10,000,000 supported (--hidden)',
    );
    const help = await runCli(['train', '--help']);
    expect(help.stdout).toContain('at most 10,000,000 weights and biases');
  });

  it('experiment mnist-costs --hidden-sizes 100000 is refused the same way', async () => {
    await fails(
      ['experiment', 'mnist-costs', '--hidden-sizes', '100000', '--train-size', '100', '--test-size', '10'],
      'the network [784, 100000, 10] has 79,500,010 weights and biases, more than the 10,000,000 supported (--hidden-sizes)',
    );
  });

  it('huffman --simulate is capped, as neuron caps --epochs', async () => {
    await fails(['huffman', '--p', '0.5,0.5', '--simulate', '9007199254740991'], '9007199254740991 games is above the limit 100000000 (--simulate)');
    expect((await runCli(['huffman', '--help'])).stdout).toContain('1 to 100,000,000');
  });

  it("lab --host '' is an error (it would listen on every interface)", async () => {
    await fails(['lab', '--host', '', '--port', '0'], 'the host is empty: give an interface address such as 127.0.0.1 (this machine only) or 0.0.0.0 (every interface) (--host)');
    await fails(['lab', '--host', '  ', '--port', '0'], 'the host is empty: give an interface address such as 127.0.0.1 (this machine only) or 0.0.0.0 (every interface) (--host)');
  });

  it('a non-loopback host gets a warning that the lab is reachable from the network', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) {
      expect(isLoopback(host), host).toBe(true);
      expect(networkWarning(host)).toBeUndefined();
    }
    for (const host of ['0.0.0.0', '::', '192.168.1.5', 'example.org', '128.0.0.1']) {
      expect(isLoopback(host), host).toBe(false);
      expect(networkWarning(host)).toBe(`warning: listening on ${host}: the lab is reachable from the network, by anyone who can connect to this machine`);
    }
  });
});
