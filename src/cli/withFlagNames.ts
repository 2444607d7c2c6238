import { XentError } from '../core/XentError.js';

/**
 * Runs `fn` and renames the library's field names in its XentError to the CLI's flags,
 * so `p` in the library becomes `--p` on the command line.
 */
export function withFlagNames<T>(flags: Readonly<Record<string, string>>, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof XentError && Object.hasOwn(flags, e.field)) {
      throw new XentError(e.problem, { field: flags[e.field], index: e.index });
    }
    throw e;
  }
}
