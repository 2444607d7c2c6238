import { XentError } from '../core/XentError.js';
import { MAX_QUANTILE_BINS, QUANTILE_COLLECT_LIMIT } from './evalLimits.js';

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// Which half of the float64 is the high word (sign, exponent, top of the mantissa).
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

interface Target {
  /** 1-based rank of the wanted value among those sharing `prefix`. */
  rank: number;
  /** 16-bit digits of the float64 bit pattern known so far (0–4). */
  level: number;
  /** Those digits as one integer (below 2^48). */
  prefix: number;
  /** Values sharing the prefix, from the last pass. */
  count: number;
  /** Whether the next pass keeps the values (true) or counts the next digit (false). */
  collect: boolean;
  value: number | undefined;
}

/**
 * Exact equal-mass bin edges in bounded memory, by radix selection over several passes
 * of the data. The edges are the order statistics c_(r_m), r_m = ⌈m·n/M⌉, m = 1 … M−1, of
 * the confidences (unweighted ranks), and 0 and 1 at the ends; a bin holds
 * lower < confidence ≤ upper, as the equal-width bins do, so tied confidences stay in
 * one bin and an edge may repeat (an empty bin).
 *
 * A non-negative float64's bit pattern orders like the number, so each pass histograms one
 * more 16-bit digit of the patterns that still share each wanted value's prefix (256 KB
 * per edge); once at most 2^20 values share it, the next pass keeps them and sorts. Pass 1
 * counts the top digit; a typical run needs 3 or 4 passes and at most 5 (four digits, or
 * three and a sorting pass). Memory never depends on the number of rows.
 *
 * Use: `observe` every confidence of a pass, `endPass()`, and repeat while `done` is false.
 */
export class ConfidenceQuantiles {
  readonly bins: number;
  private n = 0;
  private pass = 0;
  private targets: Target[] = [];
  private top: Uint32Array | undefined = new Uint32Array(65536);
  private readonly histograms: Map<number, Uint32Array>[] = [new Map(), new Map(), new Map(), new Map()];
  private readonly collected: Map<number, number[]>[] = [new Map(), new Map(), new Map(), new Map()];

  private readonly collectLimit: number;

  /** @param collectLimit values kept for sorting at most (tests lower it to exercise the histogram passes) */
  constructor(bins: number, collectLimit = QUANTILE_COLLECT_LIMIT) {
    this.collectLimit = collectLimit;
    if (!Number.isInteger(bins) || bins < 1 || bins > MAX_QUANTILE_BINS) {
      throw new XentError(`equal-mass binning takes 1 to ${MAX_QUANTILE_BINS} bins, got ${bins}`, { field: 'bins' });
    }
    this.bins = bins;
  }

  get done(): boolean {
    return this.pass > 0 && this.targets.every((t) => t.value !== undefined);
  }

  /** Passes over the data so far. */
  get passes(): number {
    return this.pass;
  }

  observe(confidence: number): void {
    f64[0] = confidence;
    const hi = u32[HI];
    const lo = u32[LO];
    if (this.top !== undefined) {
      this.n++;
      this.top[hi >>> 16]++;
      return;
    }
    const [, h1, h2, h3] = this.histograms;
    if (h1.size > 0) {
      const h = h1.get(hi >>> 16);
      if (h !== undefined) h[hi & 0xffff]++;
    }
    if (h2.size > 0) {
      const h = h2.get(hi);
      if (h !== undefined) h[lo >>> 16]++;
    }
    if (h3.size > 0) {
      const h = h3.get(hi * 65536 + (lo >>> 16));
      if (h !== undefined) h[lo & 0xffff]++;
    }
    const [, c1, c2, c3] = this.collected;
    if (c1.size > 0) c1.get(hi >>> 16)?.push(confidence);
    if (c2.size > 0) c2.get(hi)?.push(confidence);
    if (c3.size > 0) c3.get(hi * 65536 + (lo >>> 16))?.push(confidence);
  }

  endPass(): void {
    this.pass++;
    if (this.top !== undefined) {
      const M = this.bins;
      for (let m = 1; m < M; m++) {
        const rank = Math.ceil((m * this.n) / M);
        this.targets.push({ rank: Math.max(1, rank), level: 0, prefix: 0, count: this.n, collect: false, value: undefined });
      }
      if (this.n > 0) for (const t of this.targets) this.descend(t, this.top);
      else for (const t of this.targets) t.value = 0;
      this.top = undefined;
    } else {
      for (const t of this.targets) {
        if (t.value !== undefined) continue;
        if (t.collect) {
          const values = this.collected[t.level].get(t.prefix)!;
          t.value = sortedCopy(values)[t.rank - 1];
        } else {
          this.descend(t, this.histograms[t.level].get(t.prefix)!);
        }
      }
      for (const m of this.histograms) m.clear();
      for (const m of this.collected) m.clear();
    }
    this.plan();
  }

  /** The bin edges 0, c_(r_1), …, c_(r_{M−1}), 1, once `done`. */
  edges(): Float64Array {
    if (!this.done) throw new Error('ConfidenceQuantiles.edges() before the last pass');
    const edges = new Float64Array(this.bins + 1);
    this.targets.forEach((t, i) => (edges[i + 1] = t.value!));
    edges[this.bins] = 1;
    return edges;
  }

  /** Follows one digit of the histogram to the bucket holding the target's rank. */
  private descend(t: Target, histogram: Uint32Array): void {
    let before = 0;
    let d = 0;
    while (before + histogram[d] < t.rank) before += histogram[d++];
    t.rank -= before;
    t.count = histogram[d];
    t.prefix = t.level === 3 ? t.prefix : t.prefix * 65536 + d;
    t.level++;
    if (t.level === 4) {
      const prefix48 = t.prefix;
      u32[HI] = Math.floor(prefix48 / 65536);
      u32[LO] = (prefix48 % 65536) * 65536 + d;
      t.value = f64[0];
    }
  }

  /** Decides for each open target whether the next pass counts a digit or keeps the values. */
  private plan(): void {
    let kept = 0;
    for (const t of this.targets) {
      if (t.value !== undefined) continue;
      const collected = this.collected[t.level];
      const histograms = this.histograms[t.level];
      if (collected.has(t.prefix)) t.collect = true;
      else if (histograms.has(t.prefix)) t.collect = false;
      else if (kept + t.count <= this.collectLimit) {
        kept += t.count;
        t.collect = true;
        collected.set(t.prefix, []);
      } else {
        t.collect = false;
        histograms.set(t.prefix, new Uint32Array(65536));
      }
    }
  }
}

function sortedCopy(values: number[]): Float64Array {
  return Float64Array.from(values).sort();
}
