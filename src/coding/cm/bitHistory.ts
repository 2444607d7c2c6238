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

/**
 * Largest max(n0, n1) allowed for each min(n0, n1) = 0, 1, …, CAP.length − 1 (none
 * beyond): cm revisions 2 and 3, 169 states.
 */
const CAP = [24, 20, 12, 8, 6, 5];
/**
 * Revision 4's caps, 233 states: longer runs and more mixed counts are told apart. On the
 * tuning corpora the files were 0.4–0.9% smaller for the same time (only the tables
 * change); more states helped steadily up to the byte's 256, and a gentler discount of the
 * opposite count (n → ⌊n/2⌋ + 2) made them 1.4% larger.
 */
const CAP_REVISION_4 = [30, 26, 18, 12, 8, 7, 6];

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

function allowed(n0: number, n1: number, cap: readonly number[]): boolean {
  const lo = Math.min(n0, n1);
  return lo < cap.length && Math.max(n0, n1) <= cap[lo];
}

function step({ n0, n1 }: Counts, bit: number, cap: readonly number[]): Counts {
  let a = n0;
  let b = n1;
  if (bit) {
    b++;
    if (a > 2) a = (a >> 1) + 1;
  } else {
    a++;
    if (b > 2) b = (b >> 1) + 1;
  }
  // Clamp the larger count to what the smaller allows (the count just seen steps back
  // when the smaller is beyond the caps).
  while (!allowed(a, b, cap)) {
    const lo = Math.min(a, b);
    if (lo >= cap.length) {
      if (bit) a--;
      else b--;
    } else if (a > b) a = cap[lo];
    else b = cap[lo];
  }
  return { n0: a, n1: b, last: a > 0 && b > 0 ? bit : 0 };
}

function makeTable(cap: readonly number[]): BitHistoryTable {
  const key = (c: Counts) => `${c.n0},${c.n1},${c.last}`;
  const states: Counts[] = [{ n0: 0, n1: 0, last: 0 }];
  const index = new Map<string, number>([[key(states[0]), 0]]);
  const nextPairs: number[] = [];
  // Breadth-first from the empty history: only reachable states get a number.
  for (let s = 0; s < states.length; s++) {
    for (const bit of [0, 1]) {
      const t = step(states[s], bit, cap);
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

/** The tables, built once (integers only, so identical on every engine): revisions 2 and 3's, and 4's. */
export const BIT_HISTORY: BitHistoryTable = makeTable(CAP);
export const BIT_HISTORY_REVISION_4: BitHistoryTable = makeTable(CAP_REVISION_4);

/** The counts a state of revisions 2 and 3's table (or of revision 4's) stands for, for tests and explanations. */
export function bitHistoryCounts(state: number, revision4 = false): Counts {
  const cap = revision4 ? CAP_REVISION_4 : CAP;
  const states: Counts[] = [{ n0: 0, n1: 0, last: 0 }];
  const index = new Map<string, number>([['0,0,0', 0]]);
  for (let s = 0; s < states.length && states.length <= state; s++) {
    for (const bit of [0, 1]) {
      const t = step(states[s], bit, cap);
      const k = `${t.n0},${t.n1},${t.last}`;
      if (!index.has(k)) {
        index.set(k, states.length);
        states.push(t);
      }
    }
  }
  return states[state];
}
