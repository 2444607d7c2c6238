import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../runCli.js';

// The README's `xent eval` example is the command's real output on the committed example files.
describe('README: xent eval example', () => {
  it('shows what the command prints', async () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const block = /<!-- eval-example[^>]*-->\n```console\n\$ xent (eval [^\n]+)\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const argv = block![1].split(' ');
    const r = await runCli(argv);
    expect(r.code).toBe(0);
    expect(block![2]).toBe(r.stdout);
  });
});
