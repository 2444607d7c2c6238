import { describe, expect, it } from 'vitest';
import { compare, compileExample, helpers, mismatch, numberMark, parseComment } from './jsdocExamplesParse.js';

// The comparator of test/jsdocExamples.test.ts must be able to fail: each stated value
// below is checked against a right and a wrong actual value.

/** Runs one example the way the examples test does, with `scope` in view. */
async function failures(source: string, scope: Record<string, unknown>): Promise<string[]> {
  const known = new Set(Object.keys(scope));
  const { code, expectations } = compileExample(source, known);
  const out: string[] = [];
  const check = (i: number, actual: unknown, expected: unknown) => {
    const why = compare(expectations[i].op, actual, expected);
    if (why) out.push(why);
  };
  const body = `const { ${Object.keys(scope).join(', ')} } = __scope;\n${code}`;
  await new Function('__scope', '__check', '__num', '__typed', '__str', `return (async () => { ${body} })();`)(scope, check, helpers.__num, helpers.__typed, helpers.__str);
  return out;
}

describe('the stated-value comparator', () => {
  it('takes the precision a number is written with', () => {
    expect(mismatch(0.202848, numberMark('0.2028'))).toBeUndefined();
    expect(mismatch(0.20296, numberMark('0.2028'))).toMatch(/expected 0.2028/);
    expect(mismatch(0.2413119, numberMark('0.241311…'))).toBeUndefined();
    expect(mismatch(0.2423, numberMark('0.241311…'))).toBeDefined();
    expect(mismatch(1.0000001, numberMark('1'))).toBeDefined();
    expect(mismatch(0.6931471805599454, numberMark('0.6931471805599453'))).toBeUndefined();
    expect(mismatch(0.69314718056, numberMark('0.6931471805599453'))).toBeDefined();
    expect(mismatch(1 + 5e-13, numberMark('1', 1e-12))).toBeUndefined();
    expect(mismatch(1 + 5e-12, numberMark('1', 1e-12))).toBeDefined();
  });

  it('checks typed arrays by type, strings with … by prefix and suffix, objects by the keys written', () => {
    expect(mismatch(Float64Array.of(0.5, 0.5), helpers.__typed('Float64Array', [0.5, 0.5]))).toBeUndefined();
    expect(mismatch(Float32Array.of(0.5, 0.5), helpers.__typed('Float64Array', [0.5, 0.5]))).toMatch(/Float64Array/);
    expect(mismatch('<svg a>…</svg>\n', helpers.__str('<svg …</svg>'))).toBeUndefined();
    expect(mismatch('<g>…</g>', helpers.__str('<svg …</svg>'))).toBeDefined();
    expect(mismatch({ mean: 2, sd: 1, n: 3 }, { mean: numberMark('2'), sd: numberMark('1') })).toBeUndefined();
    expect(mismatch({ mean: 2, sd: 1.5 }, { mean: numberMark('2'), sd: numberMark('1') })).toMatch(/value\.sd/);
  });

  it('reads values, clauses and bounds out of comments, and leaves prose alone', () => {
    const none = new Set<string>();
    expect(parseComment('0.98201 = σ(4): saturated', none, none)).toMatchObject([{ actual: '__r', expected: '__num("0.98201")' }]);
    expect(parseComment('hX = hY = 1, mutualInformation = 1 (bits)', none, none).map((e) => e.actual)).toEqual(['__r?.["hX"]', '__r?.["hY"]', '__r?.["mutualInformation"]']);
    expect(parseComment('< 1e-10', none, none)).toMatchObject([{ op: '<' }]);
    expect(parseComment('in [0, 1)', none, none)).toEqual([]);
    expect(parseComment('e.g. 0.95', none, none)).toEqual([]);
    expect(parseComment('null on a runtime without WebAssembly SIMD', none, none)).toEqual([]);
    expect(parseComment('{ length, crc32, counts }', new Set(['crc32']), none)).toEqual([]);
  });

  it('fails an example whose comment does not state its value', async () => {
    const add = (a: number, b: number) => a + b;
    expect(await failures('add(1, 2) // 3', { add })).toEqual([]);
    expect(await failures('add(1, 2) // 4', { add })).toHaveLength(1);
    expect(await failures('const r = { n: add(1, 1) };\n// r.n === 2', { add })).toEqual([]);
    expect(await failures('const r = { n: add(1, 1) };\n// r.n === 3', { add })).toHaveLength(1);
    expect(await failures("throw new Error('x') // message: 'y'", {})).toHaveLength(1);
  });
});
