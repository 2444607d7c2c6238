import type { LabelResolver } from './TableBatch.js';

/**
 * How a reader reads its cells: as numbers (predictions, weights), or as labels, where a
 * cell that is not a number is a class name handed to `resolve` (which also checks ranges).
 */
export type CellMode = { kind: 'numbers' } | { kind: 'labels'; resolve: LabelResolver };
