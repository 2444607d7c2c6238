/**
 * Bit histories: a byte-sized state that summarises what followed one context, after the
 * nonstationary counters described for PAQ by M. Mahoney ("Adaptive weighing of context
 * models for lossless data compression", 2005, and the lpaq1/paq8 documentation). This
 * table is generated here from that description, not copied from those programs.
 *
 * A state stands for a pair of counts (n0, n1) of the zeros and ones seen, plus the last
 * bit when both are non-zero. Seeing a bit increments its count; if the other count is
 * above 2, its excess is halved (n → ⌊n/2⌋ + 1): old evidence against the new bit fades,
 * which lets a state follow a context whose statistics change. Counts are capped
 * by how mixed the history is (a deterministic run may reach 24, a mixed one far less),
 * which keeps the whole table within one byte. The state's meaning as a probability is
 * not fixed here: a StateMap learns, per state, how often a 1 really followed.
 */

/** Largest max(n0, n1) allowed for each min(n0, n1) = 0, 1, …, 5 (none beyond 5). */
const CAP = [24, 20, 12, 8, 6, 5];

interface Counts {
  n0: number;
  n1: number;
  last: number;
}

export interface BitHistoryTable {
  /** NEXT[2·s + bit]: the state after seeing `bit` in state s. */
  readonly next: Uint8Array;
  /** n0 + n1 of each state: how much a context has seen (for hash-table replacement). */
  readonly total: Uint8Array;
  /** (n1 + 1/2)/(n0 + n1 + 1) in units of 2^−16: the starting guess of a StateMap. */
  readonly initialP16: Uint16Array;
  readonly count: number;
}

function allowed(n0: number, n1: number): boolean {
  const lo = Math.min(n0, n1);
  return lo < CAP.length && Math.max(n0, n1) <= CAP[lo];
}

function step({ n0, n1 }: Counts, bit: number): Counts {
  let a = n0;
  let b = n1;
  if (bit) {
    b++;
    if (a > 2) a = (a >> 1) + 1;
  } else {
    a++;
    if (b > 2) b = (b >> 1) + 1;
  }
  // Clamp the larger count to what the smaller allows; the halving keeps the smaller ≤ 5.
  while (!allowed(a, b)) {
    const lo = Math.min(a, b);
    if (lo >= CAP.length) {
      if (bit) a--;
      else b--;
    } else if (a > b) a = CAP[lo];
    else b = CAP[lo];
  }
  return { n0: a, n1: b, last: a > 0 && b > 0 ? bit : 0 };
}

function makeTable(): BitHistoryTable {
  const key = (c: Counts) => `${c.n0},${c.n1},${c.last}`;
  const states: Counts[] = [{ n0: 0, n1: 0, last: 0 }];
  const index = new Map<string, number>([[key(states[0]), 0]]);
  const nextPairs: number[] = [];
  // Breadth-first from the empty history: only reachable states get a number.
  for (let s = 0; s < states.length; s++) {
    for (const bit of [0, 1]) {
      const t = step(states[s], bit);
      let i = index.get(key(t));
      if (i === undefined) {
        i = states.length;
        states.push(t);
        index.set(key(t), i);
      }
      nextPairs[2 * s + bit] = i;
    }
  }
  if (states.length > 256) throw new Error(`bit history needs ${states.length} states, more than a byte`);
  const total = Uint8Array.from(states, (c) => c.n0 + c.n1);
  const initialP16 = Uint16Array.from(states, (c) => Math.floor((65536 * (2 * c.n1 + 1)) / (2 * (c.n0 + c.n1) + 2)));
  return { next: Uint8Array.from(nextPairs), total, initialP16, count: states.length };
}

/** The table, built once (integers only, so identical on every engine). */
export const BIT_HISTORY: BitHistoryTable = makeTable();

/** The counts a state stands for (for tests and explanations). */
export function bitHistoryCounts(state: number): Counts {
  const states: Counts[] = [{ n0: 0, n1: 0, last: 0 }];
  const index = new Map<string, number>([['0,0,0', 0]]);
  for (let s = 0; s < states.length && states.length <= state; s++) {
    for (const bit of [0, 1]) {
      const t = step(states[s], bit);
      const k = `${t.n0},${t.n1},${t.last}`;
      if (!index.has(k)) {
        index.set(k, states.length);
        states.push(t);
      }
    }
  }
  return states[state];
}
