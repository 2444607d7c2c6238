import { XentError } from '../../core/XentError.js';
import { parseModelName, type ModelName } from '../arithmetic/container.js';
import { CmModel, MAX_TABLE_BITS, MIN_TABLE_BITS, type MixerCost } from '../cm/CmModel.js';
import { CM_REVISION_NEWEST, type CmRevision } from '../cm/CmRevision.js';
import { CmWasmModel, cmWasmRevisions } from '../cm/CmWasmModel.js';
import type { CodingModel } from './CodingModel.js';
import { blockBitsFor, MixedOrderModel } from './MixedOrderModel.js';
import { StaticOrder0Model } from './StaticOrder0Model.js';

/** What sizes a model, as a container's header records it. */
export interface CodingModelOptions {
  /**
   * The size of the model's tables, as the version-2 header stores it (tableBitsFor of
   * the input's length when coding): encoder and decoder must agree on it.
   */
  readonly tableBits: number;
  /** How cm's mixer learns (default cross-entropy); the other models ignore it. */
  readonly mixerCost?: MixerCost;
  /** cm's model revision: 5 (the default), or 4, 3 or 2 to read files those revisions wrote. */
  readonly cmRevision?: CmRevision;
  /** order0's frequencies when they are known up front (version 1's header); otherwise each chunk brings its own. */
  readonly frequencies?: Uint32Array;
}

/** Every model by its name: the compiler checks that each name has one. */
const MODELS: Record<ModelName, (options: CodingModelOptions) => CodingModel> = {
  order0: (o) => new StaticOrder0Model(o.frequencies),
  order1: (o) => new MixedOrderModel(1, blockBitsFor(o.tableBits)),
  order2: (o) => new MixedOrderModel(2, blockBitsFor(o.tableBits)),
  order3: (o) => new MixedOrderModel(3, blockBitsFor(o.tableBits)),
  cm: (o) => cmModel(o.tableBits, o.mixerCost ?? 'cross-entropy', o.cmRevision ?? CM_REVISION_NEWEST),
};

/**
 * cm on the WebAssembly engine where it runs that revision (the same probabilities, bit
 * for bit, in about half the time), else on CmModel.ts.
 */
function cmModel(tableBits: number, mixerCost: MixerCost, revision: CmRevision): CodingModel {
  if (cmWasmRevisions().includes(revision)) return new CmWasmModel(tableBits, mixerCost, revision);
  return new CmModel(tableBits, mixerCost, revision);
}

/**
 * The model named `name` in its starting state, sized by `tableBits`: what the
 * compressor codes with, the decompressor decodes with, and the surprise measures and
 * the lab ask about.
 *
 * @example
 * createCodingModel('order2', { tableBits: 10 }).adaptive // true
 */
export function createCodingModel(name: ModelName, options: CodingModelOptions): CodingModel {
  const { tableBits } = options;
  if (!Number.isInteger(tableBits) || tableBits < MIN_TABLE_BITS || tableBits > MAX_TABLE_BITS) {
    throw new XentError(`tableBits ${tableBits} is not an integer in [${MIN_TABLE_BITS}, ${MAX_TABLE_BITS}]`, { field: 'tableBits' });
  }
  return MODELS[parseModelName(name)](options);
}
