import { fstatSync, statSync } from 'node:fs';

/** The commands that write files, and so may leave temporary files when killed. */
const WRITING_COMMANDS = new Set(['compress', 'decompress', 'train', 'experiment', 'neuron', 'eval']);

/** Coding a file up to this size takes milliseconds (cm: about 30 ms per 64 KiB). */
export const SHORT_CODING_INPUT_BYTES = 1 << 16;
/** compress and decompress options that take a value, so that IN can be told apart. */
const CODING_VALUE_OPTIONS = new Set(['-o', '--output', '--model', '--mixer-cost']);

/**
 * Whether `xent argv…` should run under the supervisor: a command that writes files, unless
 * its work is short. A short run handles its signals itself (handleSignalsInProcess): a
 * signal that arrives while it codes waits for the coding to end, a few milliseconds, and
 * then removes the temporary files the same way. Short: compress or decompress of a
 * regular file (or a stdin redirected from one) of at most SHORT_CODING_INPUT_BYTES.
 * Starting a second Node process would take longer than that work.
 */
export function needsSupervisor(argv: readonly string[]): boolean {
  if (process.env.XENT_CLEANUP_FD !== undefined) return false;
  const command = argv.find((a) => !a.startsWith('-')) ?? '';
  if (!WRITING_COMMANDS.has(command)) return false;
  if (command !== 'compress' && command !== 'decompress') return true;
  const size = inputFileBytes(argv.slice(argv.indexOf(command) + 1));
  return size === undefined || size > SHORT_CODING_INPUT_BYTES;
}

/** The size of compress's or decompress's input when it is a regular file, else undefined. */
function inputFileBytes(args: readonly string[]): number | undefined {
  let input: string | undefined;
  for (let i = 0; i < args.length && input === undefined; i++) {
    const a = args[i];
    if (a === '--') input = args[i + 1];
    else if (CODING_VALUE_OPTIONS.has(a)) i++;
    else if (a === '-' || !a.startsWith('-')) input = a;
  }
  try {
    const stat = input === undefined || input === '-' ? fstatSync(0) : statSync(input);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    // Unreadable: the command reports it, at once.
    return 0;
  }
}
