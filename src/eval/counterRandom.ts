/**
 * A counter-based generator: the value for a key is a hash of the key, not the next state of
 * a sequence, so any row's draws can be made in any order, on any machine, in any shard, and
 * agree. The hash is MurmurHash3's 32-bit finaliser (Appleby, fmix32: full avalanche, every
 * input bit flips each output bit with probability ½) applied to the keys folded together
 * with odd multipliers; it is a mixing function, not a cryptographic one, which is all a
 * bootstrap's weights need.
 */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit key for (seed, a): seed and a may be any safe integers (a row index up to 2^53). */
export function counterKey(seed: number, a: number): number {
  const aLow = a >>> 0;
  const aHigh = Math.floor(a / 4294967296) >>> 0;
  const seedLow = seed >>> 0;
  const seedHigh = Math.floor(seed / 4294967296) >>> 0;
  let h = fmix32(seedLow ^ Math.imul(seedHigh, 0x9e3779b1));
  h = fmix32(h ^ Math.imul(aLow, 0xcc9e2d51));
  return fmix32(h ^ Math.imul(aHigh, 0x1b873593) ^ 0x6a09e667);
}

/** A uniform 32-bit integer for (key of (seed, a), b): b the replicate or compaction number. */
export function counterDraw(key: number, b: number): number {
  return fmix32((key ^ Math.imul(b + 1, 0x9e3779b9)) >>> 0);
}

/** A uniform 32-bit integer for (seed, a, b). */
export function counterUniform32(seed: number, a: number, b: number): number {
  return counterDraw(counterKey(seed, a), b);
}
