import { describe, expect, it } from 'vitest';
import { commanderErrorLine } from './commanderErrorLine.js';

describe('commanderErrorLine', () => {
  it.each([
    ["error: option '--unit <U>' argument 'foo' is invalid. Allowed choices are bits, nats.", "option '--unit <U>' argument 'foo' is invalid. Allowed choices are bits, nats (--unit)"],
    ["error: option '-V, --version' argument missing", "option '-V, --version' argument missing (--version)"],
    ["error: required option '--model <M>' not specified", "required option '--model <M>' not specified (--model)"],
    ["error: unknown option '--pp'\n(Did you mean --p?)", "unknown option '--pp', did you mean --p? (xent info)"],
    ["error: missing required argument 'name'", "missing required argument 'name' (xent info)"],
  ])('%j', (message, line) => {
    const out = commanderErrorLine(message, 'xent info');
    expect(out).toBe(line);
    expect(out).not.toContain('\n');
  });
});
