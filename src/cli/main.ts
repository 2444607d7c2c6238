import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { formatWhere, XentError } from '../core/XentError.js';
import { processIo, type CliIo } from './CliIo.js';
import { commanderErrorLine } from './commanderErrorLine.js';
import { errorLine } from './errorLine.js';
import { BROKEN_PIPE_EXIT_CODE, isBrokenPipe } from './output/isBrokenPipe.js';
import { chosenCommand, commands } from './commands/index.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/**
 * Runs the CLI and returns its exit code: 0 on success, 2 for bad input (one line on
 * stderr, `xent: error: <what is wrong> (<where>)`), 1 for a bug (with its stack), 141
 * when the reader of standard output went away (EPIPE, as a pipeline stage killed by
 * SIGPIPE would).
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = new Command('xent')
    .description('Cross-entropy made tangible: information measures, losses, coding and learning.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      // Commander's own messages ("error: unknown option") are reported below in the
      // one-line format instead.
      outputError: () => {},
    });
  // Only the command that runs is loaded; the others are listed by name and description.
  const chosen = chosenCommand(argv);
  const register = await chosen?.load();
  for (const entry of commands) {
    if (entry === chosen && register !== undefined) register(program, io);
    else program.command(entry.name).description(entry.description);
  }
  program.addHelpText('after', jsonNote());
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    return reportError(e, io, commandName(program, argv));
  }
}

function jsonNote(): string {
  const withJson = commands.filter((c) => c.json).map((c) => c.name);
  const without = commands.filter((c) => !c.json).map((c) => c.name);
  const line = `--json (one JSON object instead of a table) is taken by ${withJson.join(', ')}; not by ${without.join(' or ')}.`;
  return `\n${wrap(line, 80)}\n`;
}

function wrap(text: string, width: number): string {
  const lines = [''];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (lines[last] !== '' && lines[last].length + 1 + word.length > width) lines.push(word);
    else lines[last] = lines[last] === '' ? word : `${lines[last]} ${word}`;
  }
  return lines.join('\n');
}

/** `xent info` for `xent info --p …`: where a parse error happened, for its message. */
function commandName(program: Command, argv: readonly string[]): string {
  const name = argv.find((a) => program.commands.some((c) => c.name() === a));
  return name === undefined ? 'xent' : `xent ${name}`;
}

function reportError(e: unknown, io: CliIo, command: string): number {
  if (e instanceof CommanderError) {
    if (e.exitCode === 0) return 0; // --help, --version
    // `xent` with no command prints help to stderr and lands here too.
    if (e.code === 'commander.help' || e.code === 'commander.executeSubCommandAsync') return 2;
    io.err(`xent: error: ${commanderErrorLine(e.message, command)}\n`);
    return 2;
  }
  if (e instanceof XentError) {
    io.err(`xent: error: ${errorLine(e.problem, formatWhere(e.field, e.index))}\n`);
    return 2;
  }
  if (isBrokenPipe(e)) return BROKEN_PIPE_EXIT_CODE;
  io.err(`xent: internal error (a bug, please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return 1;
}
