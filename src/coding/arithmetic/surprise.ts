import type { MixerCost } from '../cm/CmModel.js';
import type { BytePrediction, CodingModel } from '../models/CodingModel.js';
import { createCodingModel } from '../models/createCodingModel.js';
import { parseModelName, type ModelName } from './container.js';
import { CHUNK_RAW_BYTES, tableBitsFor } from './containerV2.js';

/** Options shared with compressBytes: the same model sees the same bytes the same way. */
export interface SurpriseOptions {
  model?: ModelName;
  mixerCost?: MixerCost;
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
  const costs = new Float64Array(input.length);
  measureCosts(modelFor(input, options), input, costs, 0, input.length);
  return costs;
}

/** The model, in its starting state, that compressBytes codes `input` with. */
export function modelFor(input: Uint8Array, options: SurpriseOptions): CodingModel {
  return createCodingModel(parseModelName(options.model ?? 'cm'), { tableBits: tableBitsFor(input.length), mixerCost: options.mixerCost });
}

/**
 * Runs a model over input[from..to) as the compressor does, writing each byte's cost in
 * bits to costs: the model is shown each container chunk that starts in the range
 * before it measures the chunk's bytes (which only order0 needs).
 */
export function measureCosts(model: CodingModel, input: Uint8Array, costs: Float64Array, from: number, to: number): void {
  for (let at = from; at < to; ) {
    const chunkStart = at - (at % CHUNK_RAW_BYTES);
    if (at === chunkStart) model.beginChunk(input.subarray(chunkStart, chunkStart + CHUNK_RAW_BYTES));
    const end = Math.min(to, chunkStart + CHUNK_RAW_BYTES);
    model.measureBytes(input, costs, at, end);
    at = end;
  }
}

/**
 * The model's `k` most probable next bytes after input[0..position), with their exact
 * probabilities (CodingModel.topNextBytes: the exact distribution for order0–order3, a
 * beam search for cm).
 *
 * @example
 * topPredictions(new TextEncoder().encode('abracadabra abracadabr'), 21, { model: 'order2' })[0].byte // 114 ('r': what followed "ab" before)
 */
export function topPredictions(input: Uint8Array, position: number, options: SurpriseOptions = {}, k = 5): BytePrediction[] {
  const model = modelFor(input, options);
  measureCosts(model, input, new Float64Array(position), 0, position);
  // A chunk that starts at `position` has not been shown to the model yet.
  if (position % CHUNK_RAW_BYTES === 0) model.beginChunk(input.subarray(position, position + CHUNK_RAW_BYTES));
  return model.topNextBytes(k);
}
