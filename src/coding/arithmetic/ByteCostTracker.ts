import type { CodingModel } from '../models/CodingModel.js';
import { parseModelName } from './container.js';
import { tableBitsFor } from './containerV2.js';
import { measureCosts, modelFor, type SurpriseOptions } from './surprise.js';

/**
 * byteCosts for an input that changes a little at a time, as text does while it is typed:
 * the very same costs, but only the bytes from a little before the first change are
 * modelled again.
 *
 * An adaptive model's state after input[0..i) depends on those bytes and on its table
 * sizes only, so the tracker keeps a copy of the model taken `lag` bytes before the end of
 * the last input. When the next input has the same bytes up to there and the same table
 * sizes (compressBytes sizes tables by the input length), it resumes from that copy and
 * keeps the costs before it; otherwise it starts over. order0's costs depend on the whole
 * chunk's counts (it is not adaptive), so it always starts over (it is cheap).
 *
 * @example
 * const text = new TextEncoder().encode('the cat sat on the mat');
 * const tracker = new ByteCostTracker({ model: 'order2' }, 8);
 * tracker.costs(text.subarray(0, 20)).length // 20
 * tracker.costs(text).length // 22 (only bytes 12..21 modelled again)
 */
export class ByteCostTracker {
  private last?: {
    input: Uint8Array;
    costs: Float64Array;
    /** The model after input[0..at), never run further (resuming runs a copy). */
    checkpoint: CodingModel;
    at: number;
    tableBits: number;
  };

  /** @param lag how far before the end of an input the model is copied, in bytes */
  constructor(
    private readonly options: SurpriseOptions = {},
    private readonly lag = 256,
  ) {
    // Checked now: a wrong name fails here rather than at the first input.
    parseModelName(options.model ?? 'cm');
  }

  /** Equal to byteCosts(input, options). */
  costs(input: Uint8Array): Float64Array {
    const tableBits = tableBitsFor(input.length);
    const costs = new Float64Array(input.length);
    const last = this.last;
    let from = 0;
    let m: CodingModel;
    if (last && last.tableBits === tableBits && last.at <= input.length && samePrefix(last.input, input, last.at)) {
      from = last.at;
      costs.set(last.costs.subarray(0, from));
      m = last.checkpoint.clone();
    } else {
      m = modelFor(input, this.options);
      if (!m.adaptive) {
        measureCosts(m, input, costs, 0, input.length);
        return costs;
      }
    }
    const at = Math.max(from, input.length - this.lag);
    measureCosts(m, input, costs, from, at);
    const checkpoint = at === from && last && from > 0 ? last.checkpoint : m.clone();
    measureCosts(m, input, costs, at, input.length);
    this.last = { input: input.slice(), costs, checkpoint, at, tableBits };
    return costs;
  }
}

function samePrefix(a: Uint8Array, b: Uint8Array, n: number): boolean {
  if (a.length < n || b.length < n) return false;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}
