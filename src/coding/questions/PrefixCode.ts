import { XentError } from '../../core/XentError.js';
import { toDistribution } from '../../core/info/toDistribution.js';

/** Which construction produced a code. */
export type CodeKind = 'huffman' | 'shannon';

/**
 * A binary prefix code over outcomes 0..n−1, read as a strategy of yes/no questions:
 * each bit is the answer to one question, so a codeword's length is the number of
 * questions asked to identify that outcome.
 */
export interface PrefixCode {
  readonly kind: CodeKind;
  /** The distribution q the code was built from, normalised to sum 1. */
  readonly weights: Float64Array;
  /**
   * Bits (questions) per outcome. `Infinity` when q_k = 0: a strategy built for q never
   * plans for an outcome q calls impossible, so it has no codeword.
   */
  readonly lengths: Float64Array;
  /** Codewords as strings of '0' (answer no) and '1' (answer yes); null when q_k = 0. */
  readonly codes: ReadonlyArray<string | null>;
}

/** The largest alphabet the question strategies accept (2^16 outcomes). */
export const MAX_OUTCOMES = 65536;

/**
 * Validates weights (counts or probabilities) and returns them normalised.
 * Zero weights are allowed (those outcomes get no codeword); at least one must be positive.
 */
export function normalizeWeights(weights: ArrayLike<number>, field: string): Float64Array {
  if (weights != null && typeof weights.length === 'number' && weights.length > MAX_OUTCOMES) {
    throw new XentError(`${weights.length} outcomes is more than the ${MAX_OUTCOMES} supported`, { field });
  }
  return toDistribution(weights, field, { normalize: true });
}

/**
 * Canonical codewords for given lengths (the rule of DEFLATE, RFC 1951 §3.2.2): shorter
 * codewords first, equal lengths in symbol order, each codeword the previous one plus 1,
 * then padded with zeros to its length. Any lengths satisfying Kraft's inequality
 * Σ 2^−l ≤ 1 give a prefix code this way, and the codewords sort lexicographically in
 * the same order as (length, symbol), which makes the question tree easy to build.
 *
 * Strings rather than integers because lengths can exceed 53 bits (a Huffman code of
 * Fibonacci-like weights is n−1 deep).
 *
 * @example
 * canonicalCodes(Float64Array.of(2, 1, 3, 3)) // ['10', '0', '110', '111']
 */
export function canonicalCodes(lengths: Float64Array): (string | null)[] {
  const order: number[] = [];
  for (let k = 0; k < lengths.length; k++) if (Number.isFinite(lengths[k])) order.push(k);
  order.sort((a, b) => lengths[a] - lengths[b] || a - b);
  const codes: (string | null)[] = new Array<string | null>(lengths.length).fill(null);
  let code: string | null = null;
  for (const k of order) {
    const length = lengths[k];
    code = code === null ? '0'.repeat(length) : incrementBinary(code).padEnd(length, '0');
    if (code.length !== length) throw new Error(`lengths violate Kraft's inequality at symbol ${k}`);
    codes[k] = code;
  }
  return codes;
}

/** '0110' → '0111', '0111' → '1000'. Overflow ('111' + 1) means Kraft's inequality failed. */
function incrementBinary(code: string): string {
  const i = code.lastIndexOf('0');
  if (i < 0) throw new Error("lengths violate Kraft's inequality");
  return code.slice(0, i) + '1' + '0'.repeat(code.length - i - 1);
}
