// The coding lab: question strategies (Huffman, Shannon) and the arithmetic coder with
// its context models and container format. Pure: no Node built-ins, runs in the browser.

// Question strategies: a code is a yes/no strategy, its length the number of questions.
export { huffmanCode } from './questions/huffmanCode.js';
export { shannonCode, shannonLength } from './questions/shannonCode.js';
export { canonicalCodes, MAX_OUTCOMES, type CodeKind, type PrefixCode } from './questions/PrefixCode.js';
export { questionTree, playGuess, type QuestionNode, type AskedQuestion } from './questions/questionTree.js';
export { expectedLength } from './questions/expectedLength.js';
export { simulateGuessing, type GuessingSimulation } from './questions/simulateGuessing.js';
export { createGuessingGame, type GuessingGame, type GuessingEvent, type GuessingFound } from './questions/guessingGame.js';

// Arithmetic coding: compress in memory, or stream chunk by chunk.
export { compressBytes, decompressBytes } from './arithmetic/compressBytes.js';
export { Compressor, type CompressionReport, type CompressorOptions } from './arithmetic/Compressor.js';
export { byteCosts, topPredictions, type SurpriseOptions } from './arithmetic/surprise.js';
export { ByteCostTracker } from './arithmetic/ByteCostTracker.js';

// The models: one interface, built by name.
export type { BytePrediction, CodingModel } from './models/CodingModel.js';
export { createCodingModel, type CodingModelOptions } from './models/createCodingModel.js';
export { CmModel, MIXER_COSTS, parseMixerCost, type MixerCost } from './cm/CmModel.js';
export { CM_REVISION_NEWEST, type CmRevision } from './cm/CmRevision.js';
export { CmWasmModel, cmWasmRevisions } from './cm/CmWasmModel.js';
export { CHUNK_RAW_BYTES, FORMAT_VERSION_2 } from './arithmetic/containerV2.js';
export { decompressStream, type DecompressionReport } from './arithmetic/decompressStream.js';
export {
  MODEL_NAMES,
  MAGIC,
  FORMAT_VERSION,
  parseModelName,
  type ModelName,
  type ContainerHeader,
} from './arithmetic/container.js';
export { CorruptInputError } from './arithmetic/CorruptInputError.js';
export { CHUNK_BYTES, chunkSourceOf, chunksOf, STREAM_PIECE_BYTES, type ChunkSink, type ChunkSource } from './arithmetic/chunks.js';
export { crc32 } from './arithmetic/crc32.js';
export { RangeEncoder } from './arithmetic/RangeEncoder.js';
export { RangeDecoder } from './arithmetic/RangeDecoder.js';
