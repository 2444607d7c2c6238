/**
 * One-way signals between threads through an Int32Array on shared memory: a slot holds a
 * counter that only one thread writes (raise) and the others wait on (waitFor). A
 * counter instead of a flag means a signal cannot be missed or seen twice: the waiter
 * knows which value it expects next.
 *
 * waitFor polls the slot `spins` times before it sleeps in Atomics.wait. A sleeping
 * thread costs a futex wake-up and a reschedule to resume (about 25 µs per round trip on
 * this machine, see barrierRoundTrip.ts), which a mini-batch of 10 MNIST digits (about
 * 0.15 ms of work) cannot afford twice per batch; a short poll catches the partner that
 * is about to finish, and the sleep keeps a thread that waits long (or whose partner has
 * lost its core to another process) from burning its own.
 */

/** Polls before sleeping: an Atomics.load takes 7–9 ns here (measured in a loop of 10⁷),
 * so about 15 µs, the order of a futex hand-over, after which polling longer costs more
 * than sleeping would. */
export const DEFAULT_SPINS = 2_000;

/** Stores `value` into slot `index` and wakes whoever sleeps on it. */
export function raise(ints: Int32Array, index: number, value: number): void {
  Atomics.store(ints, index, value);
  Atomics.notify(ints, index);
}

/** Returns once slot `index` holds `value`: polls `spins` times, then sleeps in Atomics.wait. */
export function waitFor(ints: Int32Array, index: number, value: number, spins: number = DEFAULT_SPINS): void {
  for (let i = 0; i < spins; i++) if (Atomics.load(ints, index) === value) return;
  for (;;) {
    const now = Atomics.load(ints, index);
    if (now === value) return;
    // Sleeps only while the slot still holds `now`, so a raise between the load and the
    // wait is not lost.
    Atomics.wait(ints, index, now);
  }
}

/** Int32 slots per cache line: each thread's counter gets a line of its own, so that one
 * thread's writes do not invalidate the line another thread polls. */
export const SLOT_STRIDE = 16;

/**
 * waitFor with a deadline and without polling, for rare waits such as a thread's start:
 * true once slot `index` holds `value`, false if it does not within `timeoutMs`.
 */
export function waitWithin(ints: Int32Array, index: number, value: number, timeoutMs: number): boolean {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const now = Atomics.load(ints, index);
    if (now === value) return true;
    const left = deadline - performance.now();
    if (left <= 0) return false;
    Atomics.wait(ints, index, now, left);
  }
}
