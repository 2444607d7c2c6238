import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleFiles } from '../web/src/panels/evalExamples.js';

// README.md's calibration example is five lines of shell that run as they are written: in a
// scratch directory (so cal.json lands there) that sees the repository's docs/, with `xent`
// on the PATH as the built bin/xent.js. The output the README shows is what they print.

const root = new URL('..', import.meta.url).pathname;
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'xent-readme-calibration-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The console block after the calibration-example marker, as [command, shown output] pairs. */
function exampleBlock(): Array<[string, string]> {
  const m = /<!-- calibration-example[^>]*-->\n```console\n([\s\S]*?)```/.exec(readme);
  expect(m, 'README.md has the calibration-example block').not.toBeNull();
  const steps: Array<[string, string[]]> = [];
  for (const line of m![1].trimEnd().split('\n')) {
    if (line.startsWith('$ ')) steps.push([line.slice(2), []]);
    else steps[steps.length - 1][1].push(line);
  }
  return steps.map(([command, out]) => [command, out.join('\n').trimEnd()]);
}

describe('README.md: calibration in five lines of shell', () => {
  it('uses the lab’s over-confident example, split into 1,000 rows to fit on and 1,000 to test', () => {
    const { pred, labels } = exampleFiles('overconfident', 2000);
    const lines = (text: string) => text.trimEnd().split('\n');
    const file = (name: string) => lines(readFileSync(join(root, 'docs', 'examples', `overconfident-${name}.csv`), 'utf8'));
    expect([...file('val-pred'), ...file('test-pred')]).toEqual(lines(pred));
    expect([...file('val-labels'), ...file('test-labels')]).toEqual(lines(labels));
    expect(file('val-pred')).toHaveLength(1000);
  });

  it('shows what the five lines print', () => {
    const steps = exampleBlock();
    expect(steps).toHaveLength(5);
    mkdirSync(join(work, 'bin'));
    const xent = join(work, 'bin', 'xent');
    writeFileSync(xent, `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'bin', 'xent.js')}" "$@"\n`);
    chmodSync(xent, 0o755);
    symlinkSync(join(root, 'docs'), join(work, 'docs'));
    // One shell runs the lines in turn (a variable set by one is seen by the next), with a
    // separator printed between them so each line's output can be told apart.
    const separator = '--- xent readme step ---';
    const script = steps.map(([command]) => `${command}\necho '${separator}'`).join('\n');
    const out = execFileSync('/bin/sh', ['-c', `set -e\n${script}`], { cwd: work, encoding: 'utf8', env: { ...process.env, PATH: `${join(work, 'bin')}:${process.env.PATH}` } });
    const printed = out.split(`${separator}\n`).slice(0, steps.length).map((s) => s.split('\n').map((l) => l.trimEnd()).join('\n').trimEnd());
    expect(steps.map(([command, shown]) => [command, shown])).toEqual(steps.map(([command], i) => [command, printed[i]]));
  });
});
