import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/xent.js', import.meta.url));

/** What a bounded run of the CLI gave. */
export interface BoundedRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `xent args…` (the built dist) as a child under a watchdog: its writable memory is
 * capped with prlimit (RLIMIT_DATA, 2 GiB by default) and it is killed after `timeoutMs`.
 * The cap is on data, not address space: from Node 22 on, V8 reserves many gigabytes of
 * address space, unwritable, for each WebAssembly memory, and a cap on address space makes
 * it fail to start its own WebAssembly (undici's HTTP parser among it). A reader that
 * takes an endless or enormous input fails the test by dying or by being killed, rather
 * than by filling the machine's memory or running forever.
 */
export function runCliBounded(args: readonly string[], options: { input?: string | Buffer; stdin?: number; timeoutMs?: number; memoryBytes?: number; cwd?: string } = {}): BoundedRun {
  const memory = options.memoryBytes ?? 2 ** 31;
  const result = spawnSync('prlimit', [`--data=${Math.round(memory)}`, process.execPath, BIN, ...args], {
    input: options.input,
    stdio: [options.stdin ?? 'pipe', 'pipe', 'pipe'],
    cwd: options.cwd,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 20_000,
    killSignal: 'SIGKILL',
    maxBuffer: 1 << 20,
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}
