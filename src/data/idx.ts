// The IDX decoder is pure and lives in src/nn, so the web lab's worker can decode the
// compact MNIST asset too (the lab may not import src/data); re-exported here, beside the
// Node readers that use it.
export { readIdx, writeIdx } from '../nn/idx.js';
export type { IdxArray, IdxData, IdxType } from '../nn/idx.js';
