import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { englishText, randomBytes } from '../../../test/coding/testData.js';
import { memoryIo } from '../CliIo.js';
import { main } from '../main.js';

/** Runs in-process; stdin as given, binary stdout collected through `outBytes`. */
async function run(argv: string[], stdin: Buffer | string = '') {
  const chunks: Uint8Array[] = [];
  const io = Object.assign(memoryIo(stdin), { outBytes: (c: Uint8Array) => chunks.push(c.slice()) });
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr, bytes: Buffer.concat(chunks) };
}

const dir = mkdtempSync(join(tmpdir(), 'xent-compress-test-'));
const text = Buffer.from(englishText());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('xent compress / decompress', () => {
  it.each(['order0', 'order1', 'order2', 'order3', 'cm'])('round-trips a file with --model %s and reports the contract fields', async (model) => {
    const input = join(dir, `in-${model}.txt`);
    writeFileSync(input, text);
    const packed = join(dir, `${model}.xent`);
    const c = await run(['compress', input, '-o', packed, '--model', model, '--json']);
    expect(c.stderr).toBe('');
    expect(c.code).toBe(0);
    const report = JSON.parse(c.stdout);
    for (const field of ['inputBytes', 'outputBytes', 'model', 'crossEntropyBits', 'payloadBits']) expect(report).toHaveProperty(field);
    expect(report.model).toBe(model);
    expect(report.inputBytes).toBe(text.length);
    expect(report.outputBytes).toBe(readFileSync(packed).length);
    expect(Math.abs(report.payloadBits - report.crossEntropyBits)).toBeLessThanOrEqual(1e-4 * report.crossEntropyBits + 32);

    const restored = join(dir, `${model}.out`);
    const d = await run(['decompress', packed, '-o', restored, '--json']);
    expect(d.code).toBe(0);
    expect(readFileSync(restored).equals(text)).toBe(true);
    const back = JSON.parse(d.stdout);
    expect(back.model).toBe(model);
    expect(back.outputBytes).toBe(text.length);
    expect(back.payloadBits).toBe(report.payloadBits);
  });

  it('cm is the default; --mixer-cost quadratic is recorded in the container and costs bits', async () => {
    const input = join(dir, 'mixer.txt');
    writeFileSync(input, text.subarray(0, 20_000));
    const reports = [];
    for (const cost of ['cross-entropy', 'quadratic']) {
      const packed = join(dir, `mixer-${cost}.xent`);
      const c = await run(['compress', input, '-o', packed, '--mixer-cost', cost, '--json']);
      expect(c.code).toBe(0);
      const report = JSON.parse(c.stdout);
      expect(report).toMatchObject({ model: 'cm', mixerCost: cost, chunks: 1 });
      const d = await run(['decompress', packed, '-o', join(dir, `mixer-${cost}.out`), '--json']);
      expect(d.code).toBe(0);
      expect(JSON.parse(d.stdout)).toMatchObject({ model: 'cm', mixerCost: cost, version: 2 });
      expect(readFileSync(join(dir, `mixer-${cost}.out`)).equals(text.subarray(0, 20_000))).toBe(true);
      reports.push(report);
    }
    expect(reports[1].crossEntropyBits).toBeGreaterThan(reports[0].crossEntropyBits);
    const bad = await run(['compress', input, '-o', join(dir, 'x.xent'), '--mixer-cost', 'absolute']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^xent: error: option '--mixer-cost <C>' argument 'absolute' is invalid/);
  });

  it('uses stdin and stdout when IN and OUT are absent or -, and the report goes to stderr', async () => {
    const data = randomBytes(3000, 5);
    const c = await run(['compress', '-', '--model', 'order1'], Buffer.from(data));
    expect(c.code).toBe(0);
    expect(c.stdout).toBe('');
    expect(c.stderr).toBe('');
    const d = await run(['decompress', '-o', '-', '--json'], c.bytes);
    expect(d.code).toBe(0);
    expect(d.bytes.equals(Buffer.from(data))).toBe(true);
    expect(JSON.parse(d.stderr).outputBytes).toBe(3000);
  });

  it('prints a readable table naming payload and cross-entropy', async () => {
    const input = join(dir, 'table.txt');
    writeFileSync(input, text.subarray(0, 5000));
    const r = await run(['compress', input, '-o', join(dir, 'table.xent')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^model\s+cm\s+mixer learns by cross-entropy cost/m);
    expect(r.stdout).toMatch(/^cross-entropy\s+[\d.]+ bits/m);
    expect(r.stdout).toMatch(/^payload\s+\d+ bits/m);
  });

  it.each([
    ['wrong magic', Buffer.from('plain text, not compressed'), 'corrupt input (wrong magic: not an xent container)'],
    ['empty input', Buffer.alloc(0), 'corrupt input (truncated header, magic)'],
    ['truncated payload', 'truncate', 'corrupt input (truncated payload of chunk 1, from byte 0 of the original)'],
    ['wrong version', 'version', 'corrupt input (unsupported container version 7, this xent reads versions 1 and 2)'],
    ['a flipped payload bit', 'flip', /^corrupt input \(chunk 1, from byte 0 of the original: (CRC-32|payload outside|payload does not end|truncated payload)/],
  ])('%s: exit 2, one line "xent: error: corrupt input (…)", no output file, no temporary left', async (_name, how, message) => {
    const good = (await run(['compress', '--model', 'order2'], text)).bytes;
    let bad: Buffer;
    if (how === 'truncate') bad = good.subarray(0, good.length >> 1);
    else if (how === 'version') bad = Buffer.from(good.map((b, i) => (i === 4 ? 7 : b)));
    else if (how === 'flip') bad = Buffer.from(good.map((b, i) => (i === good.length >> 1 ? b ^ 4 : b)));
    else bad = how as Buffer;
    const sub = mkdtempSync(join(dir, 'bad-'));
    const input = join(sub, 'bad.xent');
    writeFileSync(input, bad);
    const out = join(sub, 'out.txt');
    const r = await run(['decompress', input, '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    if (typeof message === 'string') expect(lines[0]).toBe(`xent: error: ${message}`);
    else expect(lines[0].replace('xent: error: ', '')).toMatch(message);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(sub)).toEqual(['bad.xent']);
    // And to stdout: nothing written at all.
    const s = await run(['decompress', input]);
    expect(s.code).toBe(2);
    expect(s.bytes.length).toBe(0);
  });

  it('reports a missing input file and an unknown model with exit 2', async () => {
    const r = await run(['compress', join(dir, 'nope.txt'), '-o', join(dir, 'x.xent')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`xent: error: cannot read '${join(dir, 'nope.txt')}': no such file or directory (ENOENT) (IN)\n`);
    const m = await run(['compress', '--model', 'order9'], 'abc');
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/^xent: error: option '--model <M>' argument 'order9' is invalid/);
  });

  it('works as a pipe through the built binary (bin/xent.js)', () => {
    const bin = fileURLToPath(new URL('../../../bin/xent.js', import.meta.url));
    const packed = spawnSync(process.execPath, [bin, 'compress', '--model', 'order3'], { input: text });
    expect(packed.status).toBe(0);
    expect(packed.stdout.length).toBeLessThan(text.length / 2);
    const restored = spawnSync(process.execPath, [bin, 'decompress'], { input: packed.stdout });
    expect(restored.status).toBe(0);
    expect(restored.stdout.equals(text)).toBe(true);
    const corrupt = spawnSync(process.execPath, [bin, 'decompress'], { input: packed.stdout.subarray(0, 100) });
    expect(corrupt.status).toBe(2);
    expect(corrupt.stdout.length).toBe(0);
    expect(corrupt.stderr.toString()).toBe('xent: error: corrupt input (truncated payload of chunk 1, from byte 0 of the original)\n');
  });
});
