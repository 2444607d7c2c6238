import { XentError } from '../XentError.js';

/**
 * A seeded source of randomness. Every random choice in xent (weight init, shuffles,
 * data splits, simulations) draws from one of these, so a seed reproduces a run bit for
 * bit in Node and in the browser.
 */
export interface Rng {
  /** The next 32 random bits as an unsigned integer in [0, 2^32). */
  nextUint32(): number;
  /** A uniform double in [0, 1) with 53 random bits. */
  uniform(): number;
  /** A uniform integer in [0, n), without modulo bias; n is an integer in [1, 2^32]. */
  int(n: number): number;
  /** A standard normal N(0, 1) sample. */
  normal(): number;
}

const TWO_POW_32 = 4294967296;

/**
 * xoshiro128** (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
 * ACM TOMS 47, 2021; reference C at https://prng.di.unimi.it/xoshiro128starstar.c):
 * 128 bits of state, period 2^128 − 1, passes BigCrush, and needs only 32-bit integer
 * operations, which JavaScript does exactly with `| 0`, `>>> 0` and `Math.imul`.
 *
 * The four state words come from splitmix64 applied to the seed, as the authors
 * recommend, so nearby seeds (1, 2, 3) give unrelated streams and no seed gives the
 * forbidden all-zero state. The first 64-bit output gives words 0 and 1 (low half
 * first), the second gives words 2 and 3.
 *
 * Normal samples use Marsaglia's polar method (Marsaglia & Bray, SIAM Review 6, 1964),
 * which needs no trigonometry; it yields two independent normals per accepted pair, the
 * second is kept for the next call.
 *
 * @param seed an integer in [0, 2^53)
 * @example
 * const rng = createRng(42);
 * rng.uniform(); // in [0, 1)
 * rng.normal();  // N(0, 1)
 */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new XentError(`seed ${seed} must be an integer in [0, 2^53)`, { field: 'seed' });
  }
  const s = seedState(seed);
  let s0 = s[0];
  let s1 = s[1];
  let s2 = s[2];
  let s3 = s[3];
  let spareNormal: number | undefined;

  function nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  }

  function uniform(): number {
    // 27 + 26 high bits of two outputs make a 53-bit integer, divided by 2^53
    // (the same construction as Java's nextDouble and NumPy's random_sample).
    const hi = nextUint32() >>> 5;
    const lo = nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  function int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) {
      throw new XentError(`range ${n} must be an integer in [1, 2^32]`, { field: 'n' });
    }
    // Rejection sampling: accept only draws below the largest multiple of n.
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    let x = nextUint32();
    while (x >= limit) x = nextUint32();
    return x % n;
  }

  function normal(): number {
    if (spareNormal !== undefined) {
      const z = spareNormal;
      spareNormal = undefined;
      return z;
    }
    let u: number;
    let v: number;
    let r2: number;
    do {
      u = 2 * uniform() - 1;
      v = 2 * uniform() - 1;
      r2 = u * u + v * v;
    } while (r2 >= 1 || r2 === 0);
    const scale = Math.sqrt((-2 * Math.log(r2)) / r2);
    spareNormal = v * scale;
    return u * scale;
  }

  return { nextUint32, uniform, int, normal };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** splitmix64 (Steele, Lea & Flood, OOPSLA 2014), run twice from the seed: four 32-bit words. */
function seedState(seed: number): [number, number, number, number] {
  const mask = (1n << 64n) - 1n;
  let x = BigInt(seed);
  const words: number[] = [];
  for (let i = 0; i < 2; i++) {
    x = (x + 0x9e3779b97f4a7c15n) & mask;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
    z = z ^ (z >> 31n);
    words.push(Number(z & 0xffffffffn) | 0, Number(z >> 32n) | 0);
  }
  return [words[0], words[1], words[2], words[3]];
}
