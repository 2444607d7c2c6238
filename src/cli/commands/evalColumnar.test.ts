import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../runCli.js';

// `xent eval` and `xent calibrate` on the columnar fixtures (scripts/reference/columnar_fixtures.py,
// columnar_fixtures_duckdb.mjs), and bad files made from them byte by byte.
const run = (...argv: string[]) => runCli(argv);
const fixtures = 'test/fixtures/columnar/';
const dir = mkdtempSync(join(tmpdir(), 'xent-columnar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bytes = (name: string) => new Uint8Array(readFileSync(fixtures + name));
function file(name: string, content: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A safetensors file: the 8-byte little-endian header length, the JSON header, the data. */
function safetensors(header: object, data: Uint8Array): Uint8Array {
  const text = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + text.length + data.length);
  new DataView(out.buffer).setUint32(0, text.length, true);
  out.set(text, 8);
  out.set(data, 8 + text.length);
  return out;
}

function expectOneLine(r: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^xent: error: [^\n]*\n$/);
  expect(r.stderr).toMatch(pattern);
}

describe('xent eval on columnar files', () => {
  it('gives the CSV report for Parquet without --labels, and for .npz predictions with a CSV of labels', async () => {
    const csv = JSON.parse((await run('eval', '--pred', fixtures + 'pred.csv', '--labels', fixtures + 'labels.csv', '--json')).stdout) as Record<string, unknown>;
    for (const argv of [['--pred', fixtures + 'table-snappy.parquet'], ['--pred', fixtures + 'stored.npz', '--labels', fixtures + 'labels.csv']]) {
      const r = await run('eval', ...argv, '--json');
      expect(r.stderr).toBe('');
      const out = JSON.parse(r.stdout) as Record<string, unknown>;
      for (const key of ['n', 'logLoss', 'accuracy', 'brier', 'ece', 'smoothEce', 'classwiseEce']) expect(Math.abs((out[key] as number) - (csv[key] as number)), key).toBeLessThanOrEqual(1e-12);
    }
  });

  it('chooses columns by --pred-columns and --label-column, for calibrate too', async () => {
    const a = await run('calibrate', '--pred', fixtures + 'mixed.parquet', '--pred-columns', 'c0,c1,c2', '--label-column', 'label', '--json');
    const b = await run('calibrate', '--pred', fixtures + 'pred.csv', '--labels', fixtures + 'labels.csv', '--json');
    expect(a.stderr).toBe('');
    const [x, y] = [JSON.parse(a.stdout) as Record<string, number>, JSON.parse(b.stdout) as Record<string, number>];
    expect(Math.abs(x.logLossAfter - y.logLossAfter)).toBeLessThanOrEqual(1e-12);
    expect(x.n).toBe(4500);
    // Two columns of the three are two classes, and a label 2 is out of their range.
    expectOneLine(await run('eval', '--pred', fixtures + 'table.arrow', '--pred-columns', 'c0,c1'), /label 2 is out of range for 2 classes \(0 to 1\) \(.*table\.arrow, row \d+, column label\)/);
  });

  it('names the field of each bad input in one line, exit 2', async () => {
    const parquet = bytes('table-snappy.parquet');
    expectOneLine(await run('eval', '--pred', file('cut.parquet', parquet.subarray(0, parquet.length - 3))), /the file does not end with PAR1: it is truncated, or not a Parquet file \(.*cut\.parquet, the Parquet footer\)/);
    const lying = parquet.slice();
    new DataView(lying.buffer).setUint32(lying.length - 8, 0x7fffff00, true);
    expectOneLine(await run('eval', '--pred', file('lying.parquet', lying)), /the footer declares 2147483392 bytes, more than the 67108864 read \(.*lying\.parquet, the Parquet footer\)/);
    const arrow = bytes('table.arrow');
    expectOneLine(await run('eval', '--pred', file('cut.arrow', arrow.subarray(0, arrow.length - 100))), /does not end with ARROW1.*\(.*cut\.arrow, the Arrow footer\)/);
    const st = bytes('pred.safetensors');
    const longer = st.slice();
    new DataView(longer.buffer).setUint32(0, st.length, true);
    expectOneLine(await run('eval', '--pred', file('lying.safetensors', longer)), /the header declares \d+ bytes but the file has \d+ after its length \(.*lying\.safetensors, the safetensors header\)/);
    const npz = bytes('compressed.npz');
    expectOneLine(await run('eval', '--pred', file('cut.npz', npz.subarray(0, npz.length - 30))), /no end-of-central-directory record.*\(.*cut\.npz, the ZIP directory\)/);
    // A stored label changed to another valid label: only the CRC-32 tells.
    const stored = bytes('stored.npz');
    const labelData = Buffer.from(stored).indexOf('label.npy') + 'label.npy'.length;
    const npyAt = Buffer.from(stored).indexOf(Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]), labelData);
    const firstLabel = npyAt + 10 + (stored[npyAt + 8] | (stored[npyAt + 9] << 8)); // after the version 1 header
    expect(stored[firstLabel]).toBeLessThan(2);
    stored[firstLabel] ^= 1;
    expectOneLine(await run('eval', '--pred', file('damaged.npz', stored)), /member 'label\.npy' has CRC-32 [0-9a-f]{8}, but the directory declares [0-9a-f]{8}: the file is damaged \(.*damaged\.npz, the ZIP directory\)/);
    // The directory says the deflated labels are smaller than they inflate to: inflation stops there.
    const lyingSize = npz.slice();
    const central = Buffer.from(npz).lastIndexOf('label.npy') - 46;
    const view = new DataView(lyingSize.buffer);
    expect(view.getUint32(central, true)).toBe(0x02014b50);
    view.setUint32(central + 24, 1000, true);
    expectOneLine(await run('eval', '--pred', file('lying.npz', lyingSize)), /member 'label\.npy' inflates to more than the 1000 bytes the directory declares \(.*lying\.npz, the ZIP directory\)/);
  });

  it('refuses an unknown column, an unsupported type and arrays of different lengths by name', async () => {
    expectOneLine(await run('eval', '--pred', fixtures + 'mixed.parquet', '--pred-columns', 'c0,nope'), /^xent: error: no column 'nope' in .*mixed\.parquet \(its columns are c0, c1, c2, label, name, f32, day\) \(--pred-columns\)\n$/);
    expectOneLine(await run('eval', '--pred', fixtures + 'mixed.parquet', '--pred-columns', 'c0,day'), /column 'day' of .*mixed\.parquet is INT32 \(DATE\), not numbers \(--pred-columns\)/);
    expectOneLine(await run('eval', '--pred', fixtures + 'table.arrows', '--pred-columns', 'c0,name'), /column 'name' of .*table\.arrows is Utf8, not numbers \(--pred-columns\)/);
    expectOneLine(await run('eval', '--pred', fixtures + 'pred.csv', '--labels', fixtures + 'labels.csv', '--pred-columns', 'c0'), /prediction columns are chosen in columnar files only, and .*pred\.csv is not one \(--pred-columns\)/);
    expectOneLine(await run('eval', '--pred', fixtures + 'mixed.parquet', '--label-column', 'day'), /the label column 'day' of .*mixed\.parquet is INT32 \(DATE\), not class indices or names \(--label-column\)/);
    expectOneLine(await run('eval', '--pred', fixtures + 'pred.csv', '--label-column', 'label'), /missing labels: .*pred\.csv is not a columnar file .* \(--labels\)/);
    const f8 = safetensors({ probs: { dtype: 'F8_E4M3', shape: [2, 2], data_offsets: [0, 4] }, label: { dtype: 'I32', shape: [2], data_offsets: [4, 12] } }, new Uint8Array(12));
    expectOneLine(await run('eval', '--pred', file('f8.safetensors', f8), '--pred-columns', 'probs'), /column 'probs' of .*f8\.safetensors is F8_E4M3, not numbers \(--pred-columns\)/);
    const probs = new Float64Array([0.5, 0.5, 0.25, 0.75, 1, 0]);
    const short = new Int32Array([0, 1]);
    const data = new Uint8Array(probs.byteLength + short.byteLength);
    data.set(new Uint8Array(probs.buffer));
    data.set(new Uint8Array(short.buffer), probs.byteLength);
    const mismatched = safetensors({ probs: { dtype: 'F64', shape: [3, 2], data_offsets: [0, 48] }, label: { dtype: 'I32', shape: [2], data_offsets: [48, 56] } }, data);
    expectOneLine(await run('eval', '--pred', file('mismatched.safetensors', mismatched)), /the columns 'probs' \(3 rows\) and 'label' \(2 rows\) of .*mismatched\.safetensors differ in length/);
    const withNaN = new Float64Array([0.5, 0.5, 0.25, NaN]);
    const nanFile = safetensors({ probs: { dtype: 'F64', shape: [2, 2], data_offsets: [0, 32] }, label: { dtype: 'I32', shape: [2], data_offsets: [32, 40] } }, new Uint8Array([...new Uint8Array(withNaN.buffer), ...new Uint8Array(short.buffer)]));
    expectOneLine(await run('eval', '--pred', file('nan.safetensors', nanFile)), /the value is NaN \(.*nan\.safetensors, row 2, column probs\[1\]\)/);
    const offsets = safetensors({ probs: { dtype: 'F64', shape: [3, 2], data_offsets: [0, 40] } }, data);
    expectOneLine(await run('eval', '--pred', file('offsets.safetensors', offsets)), /data_offsets \[0, 40\] hold 40 bytes, but shape \[3, 2\] of F64 needs 48 \(.*offsets\.safetensors, tensor "probs"\)/);
  });

  it('refuses a columnar file through a pipe with one line', { timeout: 60_000 }, () => {
    const bin = fileURLToPath(new URL('../../../bin/xent.js', import.meta.url));
    for (const [name, format] of [['table-zstd.parquet', 'a Parquet'], ['table.arrows', 'an Arrow IPC'], ['stored.npz', 'a .npz'], ['pred.safetensors', 'a safetensors']]) {
      const r = spawnSync('bash', ['-c', 'node "$XENT" eval --pred <(cat "$FILE") --labels "$LABELS"'], {
        env: { ...process.env, XENT: bin, FILE: fixtures + name, LABELS: fixtures + 'labels.csv' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(r.status, name).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^xent: error: ${format} file must be a regular file, not a pipe or device: its directory is read first; save it to a file \\(/dev/fd/\\d+\\)\\n$`));
    }
  });
});
