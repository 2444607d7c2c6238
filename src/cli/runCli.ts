import { memoryIo } from './CliIo.js';
import { main } from './main.js';

/**
 * Runs `xent argv…` in this process with `stdin` as standard input and returns the exit
 * code with everything printed: the CLI as a function, for tests and scripts.
 *
 * @example
 * const { code, stdout } = await runCli(['info', '--p', '0.5,0.5', '--json']);
 * // code 0, stdout '{"unit":"bits","entropy":1}\n'
 */
export async function runCli(argv: readonly string[], stdin: Buffer | string = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = memoryIo(stdin);
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}
