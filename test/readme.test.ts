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

describe('README performance table', () => {
  it('is the one rendered from the committed benchmark results', async () => {
    const { renderTable } = await import('../bench/renderTable.js');
    const results = JSON.parse(readFileSync(new URL('docs/results/bench-2026-12-01.json', root), 'utf8'));
    expect(readme).toContain(renderTable(results).trim());
  });
});
