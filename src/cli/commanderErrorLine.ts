import { errorLine } from './errorLine.js';

/**
 * One of Commander's parse errors in xent's one-line format, `<what is wrong> (<where>)`
 * (docs/design.md). Commander's wording is kept, but it names no location in parentheses and
 * puts its "Did you mean …?" hint on a second line, which breaks scripts that read one
 * line. `<where>` is the option's long flag when the message is about an option, and
 * otherwise `command` (the command line that was being parsed, `xent info` say). A line
 * break inside the quoted value (`--unit $'foo\nbar'`) is escaped, not taken for the hint.
 *
 * @example
 * commanderErrorLine("error: option '--unit <U>' argument 'foo' is invalid. Allowed choices are bits, nats.", 'xent info')
 * // "option '--unit <U>' argument 'foo' is invalid. Allowed choices are bits, nats (--unit)"
 * commanderErrorLine("error: unknown command 'infoo'\n(Did you mean info?)", 'xent')
 * // "unknown command 'infoo', did you mean info? (xent)"
 */
export function commanderErrorLine(message: string, command: string): string {
  let problem = message.replace(/^error: /, '').trim();
  const hint = /\n\(Did you mean (.+)\?\)$/.exec(problem);
  if (hint) problem = problem.slice(0, hint.index);
  problem = problem.trim().replace(/\.$/, '');
  if (hint) problem += `, did you mean ${hint[1]}?`;
  return errorLine(problem, optionFlag(problem) ?? command);
}

/** `--unit` from "option '--unit <U>' …", `--version` from "option '-V, --version' …". */
function optionFlag(message: string): string | undefined {
  const flags = /^(?:required )?option '([^']+)'/.exec(message)?.[1];
  if (flags === undefined) return undefined;
  const names = flags.split(/[ ,|]+/).filter((f) => f.startsWith('-'));
  return names.find((f) => f.startsWith('--')) ?? names[0];
}
