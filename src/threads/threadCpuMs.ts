import { readFileSync } from 'node:fs';

/**
 * The CPU time the calling thread has run, in ms (Linux: the first field of
 * /proc/thread-self/schedstat, nanoseconds on the CPU); NaN where that file is absent.
 * Node 20 has no per-thread clock (process.cpuUsage adds up every thread), and on a
 * shared machine this is what a thread's work costs whatever the others' load: the
 * elapsed time of a two-thread epoch on an idle machine is at least the larger of its
 * threads' CPU times.
 */
export function threadCpuMs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
}
