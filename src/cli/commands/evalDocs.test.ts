import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../runCli.js';

// The `xent eval` example of docs/cli.md is the command's real output on the committed example files.
describe('docs/cli.md: the xent eval example', () => {
  it('shows what the command prints', async () => {
    const readme = readFileSync(new URL('../../../docs/cli.md', import.meta.url), 'utf8');
    const block = /<!-- eval-example[^>]*-->\n```console\n\$ xent (eval [^\n]+)\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const argv = block![1].split(' ');
    const r = await runCli(argv);
    expect(r.code).toBe(0);
    expect(block![2]).toBe(r.stdout);
  });
});
