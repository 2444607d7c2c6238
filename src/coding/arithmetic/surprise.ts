import { CmModel, type MixerCost } from '../cm/CmModel.js';
import { parseModelName, type ModelName } from './container.js';
import { CHUNK_RAW_BYTES, tableBitsFor } from './containerV2.js';
import { ContextMixingModel } from './ContextMixingModel.js';
import { countBytes, scaleCounts } from './StaticOrder0Model.js';

/** Options shared with compressBytes: the same model sees the same bytes the same way. */
export interface SurpriseOptions {
  model?: ModelName;
  mixerCost?: MixerCost;
}

/** An adaptive model as the coder drives it: predict a bit, then learn it. */
export interface BitModel {
  predict(): number;
  update(bit: number): void;
}

/**
 * The surprise of every byte, −log2 q(x_i | x_<i) in bits, under exactly the model and
 * table sizes compressBytes uses, so Σ costs is compressBytes' crossEntropyBits (the
 * test checks it). A byte's cost is the sum over its 8 bits of −log2 P(bit), or for
 * order0, −log2(freq/total) of its chunk's table.
 *
 * @example
 * byteCosts(new TextEncoder().encode('abracadabra'), { model: 'cm' }) // 11 costs, in bits
 */
export function byteCosts(input: Uint8Array, options: SurpriseOptions = {}): Float64Array {
  const model = parseModelName(options.model ?? 'cm');
  const costs = new Float64Array(input.length);
  if (model === 'order0') {
    for (let start = 0; start < input.length; start += CHUNK_RAW_BYTES) {
      const chunk = input.subarray(start, start + CHUNK_RAW_BYTES);
      const freqs = scaleCounts(countBytes(chunk));
      let total = 0;
      for (const f of freqs) total += f;
      for (let i = 0; i < chunk.length; i++) costs[start + i] = freqs[chunk[i]] === total ? 0 : Math.log2(total / freqs[chunk[i]]);
    }
    return costs;
  }
  measureCosts(makeModel(model, input.length, options.mixerCost), input, costs, 0, input.length);
  return costs;
}

/** Runs an adaptive model over input[from..to), writing each byte's cost in bits to costs. */
export function measureCosts(m: BitModel | ContextMixingModel, input: Uint8Array, costs: Float64Array, from: number, to: number): void {
  if (m instanceof ContextMixingModel) {
    m.measureBytes(input, costs, from, to);
    return;
  }
  for (let i = from; i < to; i++) {
    let bits = 0;
    for (let k = 7; k >= 0; k--) {
      const bit = (input[i] >> k) & 1;
      const p1 = m.predict() / 4096;
      bits -= Math.log2(bit ? p1 : 1 - p1);
      m.update(bit);
    }
    costs[i] = bits;
  }
}

export interface BytePrediction {
  byte: number;
  probability: number;
}

/**
 * The model's `k` most probable next bytes after input[0..position). For order1–order3,
 * from the exact distribution of the next byte (ContextMixingModel.nextByteDistribution);
 * for cm, by a beam search down the tree of bit decisions (each step clones the model,
 * which learns as it predicts). Probabilities are exact for the bytes returned.
 *
 * @example
 * topPredictions(new TextEncoder().encode('abracadabra abracadabr'), 21, { model: 'order2' })[0].byte // 114 ('r': what followed "ab" before)
 */
export function topPredictions(input: Uint8Array, position: number, options: SurpriseOptions = {}, k = 5): BytePrediction[] {
  const model = parseModelName(options.model ?? 'cm');
  if (model === 'order0') {
    const chunkStart = position - (position % CHUNK_RAW_BYTES);
    const freqs = scaleCounts(countBytes(input.subarray(chunkStart, chunkStart + CHUNK_RAW_BYTES)));
    let total = 0;
    for (const f of freqs) total += f;
    const all = Array.from(freqs, (f, byte) => ({ byte, probability: total > 0 ? f / total : 0 }));
    return all.filter((p) => p.probability > 0).sort((a, b) => b.probability - a.probability || a.byte - b.byte).slice(0, k);
  }
  const m = makeModel(model, input.length, options.mixerCost);
  if (m instanceof ContextMixingModel) {
    // The teaching models: the exact distribution over all 256 bytes (no beam).
    m.measureBytes(input.subarray(0, position), new Float64Array(position));
    const probabilities = m.nextByteDistribution();
    const all = Array.from(probabilities, (probability, byte) => ({ byte, probability }));
    return all.sort((a, b) => b.probability - a.probability || a.byte - b.byte).slice(0, k);
  }
  for (let i = 0; i < position; i++) {
    for (let b = 7; b >= 0; b--) {
      m.predict();
      m.update((input[i] >> b) & 1);
    }
  }
  // Beam: partial bytes (with their leading 1) and their probabilities.
  let beam: { model: BitModel; prefix: number; probability: number }[] = [{ model: m, prefix: 1, probability: 1 }];
  const width = Math.max(8, 2 * k);
  for (let depth = 0; depth < 8; depth++) {
    const next: typeof beam = [];
    for (const node of beam) {
      const p1 = node.model.predict() / 4096;
      for (const bit of [0, 1]) {
        const child = depth < 7 ? cloneModel(node.model) : node.model;
        if (depth < 7) child.update(bit);
        next.push({ model: child, prefix: (node.prefix << 1) | bit, probability: node.probability * (bit ? p1 : 1 - p1) });
      }
    }
    next.sort((a, b) => b.probability - a.probability || a.prefix - b.prefix);
    beam = next.slice(0, width);
  }
  return beam.slice(0, k).map((n) => ({ byte: n.prefix & 0xff, probability: n.probability }));
}

/** The adaptive model (not order0) that compressBytes would use for `length` bytes. */
export function makeModel(model: ModelName, length: number, mixerCost: MixerCost | undefined): BitModel | ContextMixingModel {
  const tableBits = tableBitsFor(length);
  if (model !== 'cm') return new ContextMixingModel(Number(model.slice(5)) as 1 | 2 | 3, Math.min(17, tableBits + 4));
  return new CmModel(tableBits, mixerCost ?? 'cross-entropy') as unknown as BitModel;
}

/**
 * A deep copy of a model: its typed arrays copied, views that share a buffer (CmModel's
 * table32) kept sharing the copy, scalars copied. Models hold nothing else.
 */
export function cloneModel<T extends object>(model: T): T {
  const copy = Object.create(Object.getPrototypeOf(model) as object) as Record<string, unknown>;
  const buffers = new Map<ArrayBufferLike, ArrayBuffer>();
  const cloneView = (v: ArrayBufferView & { length: number }) => {
    let buffer = buffers.get(v.buffer);
    if (!buffer) {
      buffer = (v.buffer as ArrayBuffer).slice(0);
      buffers.set(v.buffer, buffer);
    }
    const Ctor = v.constructor as new (b: ArrayBuffer, offset: number, length: number) => unknown;
    return new Ctor(buffer, v.byteOffset, v.length);
  };
  for (const [key, value] of Object.entries(model)) {
    if (ArrayBuffer.isView(value)) copy[key] = cloneView(value as ArrayBufferView & { length: number });
    else if (Array.isArray(value)) copy[key] = value.map((x: unknown) => (ArrayBuffer.isView(x) ? cloneView(x as ArrayBufferView & { length: number }) : x));
    else copy[key] = value;
  }
  return copy as T;
}
