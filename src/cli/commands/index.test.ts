import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../CliIo.js';
import { main } from '../main.js';
import { chosenCommand, commands } from './index.js';

describe('the command table', () => {
  it('says what each command registers: its name, description and whether it takes --json', async () => {
    for (const entry of commands) {
      const program = new Command('xent');
      (await entry.load())(program, memoryIo());
      expect(program.commands.map((c) => c.name())).toEqual([entry.name]);
      const command = program.commands[0];
      expect(command.description(), entry.name).toBe(entry.description);
      expect(command.options.some((o) => o.long === '--json'), entry.name).toBe(entry.json);
    }
  });

  it('lists every command with its description under xent --help, and the chosen command with its options', async () => {
    const io = memoryIo();
    expect(await main(['--help'], io)).toBe(0);
    const help = io.stdout.replace(/\s+/g, ' ');
    for (const entry of commands) expect(help).toContain(`${entry.name} ${entry.description.slice(0, 30)}`);
    const info = memoryIo();
    expect(await main(['help', 'info'], info)).toBe(0);
    expect(info.stdout).toContain('--joint <FILE>');
  });

  it('finds the command among the arguments, after help too', () => {
    expect(chosenCommand(['info', '--p', '0.5,0.5'])?.name).toBe('info');
    expect(chosenCommand(['--help', 'compress'])?.name).toBe('compress');
    expect(chosenCommand(['help', 'train'])?.name).toBe('train');
    expect(chosenCommand(['infoo'])).toBeUndefined();
    expect(chosenCommand([])).toBeUndefined();
  });
});
