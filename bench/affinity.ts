import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';

/**
 * CPU pinning with util-linux's taskset. One-thread comparisons run xent and the peer on
 * the same core (core 0): each then meets the same cache, clock and competing load, and
 * neither gets a second core in secret (a JIT or GC helper thread, an OpenMP pool).
 * Two-thread comparisons widen the set to every core.
 */
export const ALL_CORES = `0-${Math.max(0, cpus().length - 1)}`;
export const ONE_CORE = '0';

let available: boolean | undefined;

/** Whether taskset can be run here (Linux with util-linux). */
export function hasTaskset(): boolean {
  available ??= spawnSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' }).status === 0;
  return available;
}

/** The command line that runs `argv` on the cores `cpuList` (unchanged without taskset). */
export function pinned(cpuList: string, argv: string[]): string[] {
  return hasTaskset() ? ['taskset', '-c', cpuList, ...argv] : argv;
}

/** Moves every thread of this process (workers included) to the cores `cpuList`; false without taskset. */
export function pinSelf(cpuList: string): boolean {
  if (!hasTaskset()) return false;
  return spawnSync('taskset', ['-a', '-p', '-c', cpuList, String(process.pid)], { stdio: 'ignore' }).status === 0;
}
