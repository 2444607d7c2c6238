import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/runCli.js';

// docs/cli.md says what the CLI does: its examples are real output, its recipes work, and
// it names every command and every flag that `xent CMD --help` lists.

const root = new URL('..', import.meta.url).pathname;
const readme = readFileSync(join(root, 'docs', 'cli.md'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'xent-readme-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The lines a console block of the page shows after `$ command`, up to the next prompt or the block's end. */
function shownOutput(command: string): string {
  const start = readme.indexOf(`$ ${command}\n`);
  expect(start, `docs/cli.md shows "$ ${command}"`).toBeGreaterThanOrEqual(0);
  const rest = readme.slice(start + command.length + 3);
  return rest.slice(0, rest.search(/^(\$ |```)/m)).trimEnd();
}

const trimLines = (text: string) => text.split('\n').map((l) => l.trimEnd()).join('\n').trimEnd();

describe('docs/cli.md', () => {
  it('shows the real output of xent neuron --w 2 --b 2 --cost quadratic', async () => {
    const r = await runCli(['neuron', '--w', '2', '--b', '2', '--cost', 'quadratic']);
    expect(r.code).toBe(0);
    expect(shownOutput('xent neuron --w 2 --b 2 --cost quadratic')).toBe(trimLines(r.stdout));
  });

  it('lists the commands that take --json, as xent --help does', async () => {
    const help = (await runCli(['--help'])).stdout.replace(/\s+/g, ' ');
    const [, withJson, without] = /--json \(one JSON object instead of a table\) is taken by (.+?); not by (.+?)\./.exec(help) ?? [];
    const names = (list: string) => list.split(/, | or /);
    expect(names(without)).toEqual(['lab', 'tour']);
    const paragraph = /Every command but `tour` and `lab` takes `--json` \(([^)]+)\)/.exec(readme.replace(/\n/g, ' '))?.[1] ?? '';
    expect(paragraph.split(', ').map((n) => n.replace(/`/g, ''))).toEqual(names(withJson));
    for (const name of names(withJson)) expect((await runCli([name, '--help'])).stdout).toContain('--json');
    for (const name of names(without)) expect((await runCli([name, '--help'])).stdout).not.toContain('--json');
  });

  it('has a section for every command, naming each of its flags', async () => {
    const help = (await runCli(['--help'])).stdout;
    const commands = [...help.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]).filter((name) => name !== 'help');
    expect(commands.length).toBeGreaterThanOrEqual(13);
    const headings = readme.split('\n').filter((l) => l.startsWith('## '));
    for (const name of commands) {
      expect(headings.some((h) => h.includes(`\`xent ${name}`)), `a heading names xent ${name}`).toBe(true);
      const flags = [...(await runCli([name, '--help'])).stdout.matchAll(/^ {2}(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1]);
      for (const flag of flags.filter((f) => f !== '--help')) expect(readme, `docs/cli.md names ${name} ${flag}`).toContain(flag);
    }
  });

  it('says how to make book.txt and digits.json, and the recipes work', async () => {
    const book = /^\$ (.*> book\.txt)/m.exec(readme)?.[1];
    const digits = /^\$ (.*> digits\.json)/m.exec(readme)?.[1];
    expect(book).toBeDefined();
    expect(digits).toBeDefined();
    execSync(book!.replace(/#.*$/, '').replace('> book.txt', `> ${join(work, 'book.txt')}`), { cwd: root, shell: '/bin/sh' });
    execSync(digits!.replace('> digits.json', `> ${join(work, 'digits.json')}`), { cwd: root, shell: '/bin/sh' });
    expect(statSync(join(work, 'book.txt')).size).toBeGreaterThan(10_000);
    // A model of zeros is enough to show that predict reads the file.
    const model = { format: 'xent-mlp', version: 1, sizes: [784, 10], cost: 'log-likelihood', weights: [new Array(7840).fill(0)], biases: [new Array(10).fill(0)] };
    writeFileSync(join(work, 'model.json'), JSON.stringify(model));
    const r = await runCli(['predict', '--model', join(work, 'model.json'), '--images', join(work, 'digits.json'), '--json']);
    expect(r.stderr).toBe('');
    const images = JSON.parse(readFileSync(join(work, 'digits.json'), 'utf8')) as number[][];
    expect(images.length).toBeGreaterThan(0);
    expect(JSON.parse(r.stdout).predictions).toHaveLength(images.length);
  });
});
