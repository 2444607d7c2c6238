import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');

describe('README', () => {
  it('opens with exactly the two commands', () => {
    const firstBlock = readme.match(/```sh\n([\s\S]*?)```/)?.[1] ?? '';
    const commands = firstBlock.split('\n').filter((l) => l.trim() !== '').map((l) => l.replace(/\s+#.*$/, ''));
    expect(commands).toEqual(['npm ci && npm start', 'npm ci && npm test']);
  });

  it('shows the MNIST table generated from docs/results, not a retyped one', () => {
    const table = execFileSync(process.execPath, ['scripts/mnistTable.mjs'], { cwd: root, encoding: 'utf8' }).trim();
    expect(table.split('\n').length).toBe(6);
    expect(readme).toContain(table);
  });
});

// The README's performance tables are checked against the committed run (the newest
// docs/results/bench-*.json) in bench/bench.test.ts.
