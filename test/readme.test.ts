import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script, without type declarations
import { renderHeadlineTable } from '../scripts/headlineTable.mjs';
// @ts-expect-error: a plain .mjs script, without type declarations
import { FULL_LINE, nodeLines } from '../scripts/nodeLines.mjs';

const root = new URL('..', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');

describe('README', () => {
  it('opens with exactly the two commands', () => {
    const firstBlock = readme.match(/```sh\n([\s\S]*?)```/)?.[1] ?? '';
    const commands = firstBlock.split('\n').filter((l) => l.trim() !== '').map((l) => l.replace(/\s+#.*$/, ''));
    expect(commands).toEqual(['npm ci && npm start', 'npm ci && npm test']);
  });

  it('is a front page of at most 300 lines', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(300);
  });

  it('shows the headline figures rendered from the committed results, not retyped ones', () => {
    const m = /<!-- headline-table:start -->\n([\s\S]*?)\n<!-- headline-table:end -->/.exec(readme);
    expect(m, 'README.md has the headline-table markers').not.toBeNull();
    expect(m![1]).toBe((renderHeadlineTable as () => string)());
  });

  it('links to the documentation pages, and every local link and image resolves', () => {
    for (const page of ['docs/cli.md', 'docs/benchmarks.md', 'docs/compression.md', 'docs/architecture.md', 'docs/design.md']) {
      expect(readme).toContain(`](${page})`);
    }
    const targets = [...readme.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1]).filter((t) => !/^[a-z]+:/.test(t));
    expect(targets.length).toBeGreaterThan(5);
    for (const target of targets) expect(existsSync(new URL(target, root)), target).toBe(true);
  });

  it('shows one picture of the lab, a committed PNG under 200 kB', () => {
    const images = [...readme.matchAll(/!\[[^\]]+\]\(([^)]+)\)/g)].map((m) => m[1]);
    expect(images).toEqual(['docs/images/lab-entropy.png']);
    const png = readFileSync(new URL(images[0], root));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(statSync(new URL(images[0], root)).size).toBeLessThan(200_000);
  });

  it('says which Node lines are tested: the engines of package.json, and the lines it installs', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } };
    const lines = (nodeLines as () => { major: number }[])().map((l) => l.major);
    expect(lines).toContain(24);
    const paragraph = /\*\*Node\.\*\*([\s\S]*?)\n\n/.exec(readme)?.[1].replace(/\s+/g, ' ') ?? '';
    expect(paragraph).toContain(`\`${pkg.engines.node}\``);
    // Each line of engines is the machine's (20) or one that npm ci installs.
    const engineLines = pkg.engines.node.split(' || ').map((range) => Number(/^(?:\^|>=)(\d+)\./.exec(range)?.[1]));
    expect(engineLines).toEqual([20, ...lines]);
    const named = /unit tests again on Node ((?:\d+, )*\d+ and \d+), whose official binaries/.exec(paragraph)?.[1];
    expect(named?.split(/, | and /).map(Number)).toEqual(lines);
    for (const major of lines) expect(paragraph).toContain(`\`node${major}\``);
    expect(paragraph).toContain(`all of them on Node ${FULL_LINE as number}`);
  });
});
