import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// `xent eval` on pipes, as a shell's process substitution gives them (`<(cat p.csv)`): run
// by bash against the built CLI, in a process with a time limit, since a pipe opened again
// would wait for a writer for ever.
const bin = fileURLToPath(new URL('../../../bin/xent.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'xent-eval-pipes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `rows` rows of two probabilities and their labels, long enough for many pipe reads. */
function writeTable(rows: number): { pred: string; labels: string } {
  let pred = '';
  let labels = '';
  for (let i = 0; i < rows; i++) {
    const p = ((i * 7919) % 997) / 997;
    pred += `${p},${1 - p}\n`;
    labels += `${i % 3 === 0 ? 1 : 0}\n`;
  }
  writeFileSync(join(dir, 'p.csv'), pred);
  writeFileSync(join(dir, 'y.csv'), labels);
  return { pred: join(dir, 'p.csv'), labels: join(dir, 'y.csv') };
}

function bash(script: string, files: Record<string, string>): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-c', script], { env: { ...process.env, XENT: bin, ...files }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('xent eval on pipes', () => {
  it('reads every row of a pipe whose name says no format, its sniffed first bytes included', { timeout: 150_000 }, () => {
    const files = writeTable(40000);
    const fromFiles = bash('node "$XENT" eval --pred "$PRED" --labels "$LABELS" --json', { PRED: files.pred, LABELS: files.labels });
    const fromPipes = bash('node "$XENT" eval --pred <(cat "$PRED") --labels <(cat "$LABELS") --json', { PRED: files.pred, LABELS: files.labels });
    expect(fromFiles.code).toBe(0);
    expect(fromPipes.stderr).toBe('');
    expect(fromPipes.code).toBe(0);
    expect(JSON.parse(fromPipes.stdout).n).toBe(40000);
    expect(fromPipes.stdout).toBe(fromFiles.stdout);
  });

  it('says that a pipe cannot be read twice, which equal-mass bins would do', { timeout: 150_000 }, () => {
    const files = writeTable(100);
    const r = bash('node "$XENT" eval --pred <(cat "$PRED") --labels "$LABELS" --binning quantile', { PRED: files.pred, LABELS: files.labels });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^xent: error: cannot read '\/dev\/fd\/\d+' twice: it is a pipe or device, not a regular file; save it to a file first \(--pred\)\n$/);
  });
});
