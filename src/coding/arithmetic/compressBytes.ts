import { chunkSourceOf, type ChunkSink } from './chunks.js';
import type { MixerCost } from '../cm/CmModel.js';
import { Compressor, type CompressionReport } from './Compressor.js';
import { parseModelName, type ModelName } from './container.js';
import { decompressStream } from './decompressStream.js';

/**
 * Compresses bytes in memory with a context model and reports the real size next to
 * the cross-entropy: `payloadBits` is within 0.01% + 32 bits of `crossEntropyBits`
 * (the range coder wastes almost nothing), which is the point of the exercise:
 * cross-entropy is code length.
 *
 * @example
 * const r = compressBytes(new TextEncoder().encode('abracadabra'), { model: 'cm' });
 * r.crossEntropyBits; // ideal bits under the model
 * r.payloadBits;      // real bits of the arithmetic code
 */
export function compressBytes(
  input: Uint8Array,
  options: {
    /** order0 (static), order1, order2, order3 (the teaching models) or cm (default: the strongest). */
    model?: ModelName;
    /** How cm's mixer learns (default cross-entropy). */
    mixerCost?: MixerCost;
  } = {},
): CompressionReport & { bytes: Uint8Array } {
  const model = parseModelName(options.model ?? 'cm');
  const chunks: Uint8Array[] = [];
  const c = new Compressor(model, collect(chunks), { mixerCost: options.mixerCost, sizeHint: input.length });
  c.write(input);
  const report = c.finish();
  return { ...report, bytes: concat(chunks) };
}

/**
 * Decompresses a container made by `compressBytes` (or `xent compress`).
 * Throws a CorruptInputError, message `corrupt input (…)`, for anything else.
 *
 * @example
 * decompressBytes(compressBytes(data).bytes) // equal to data
 */
export function decompressBytes(container: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  decompressStream(chunkSourceOf(container), collect(chunks));
  return concat(chunks);
}

function collect(chunks: Uint8Array[]): ChunkSink {
  return (chunk) => chunks.push(chunk.slice());
}

function concat(chunks: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
