import { XentError } from '../core/XentError.js';
import { neumaierAdd, neumaierMerge, neumaierSums, neumaierValue, type NeumaierSums } from '../core/math/index.js';
import { uniformBinEdges, uniformBinOf } from './binEdges.js';
import { checkClassBins } from './evalLimits.js';
import { lostBits } from './lostBits.js';

/**
 * The sums behind the class-wise ECE and the Murphy decomposition of the Brier score: each
 * class k's probability p_k, in M equal-width bins, against the outcome y_k = [k = true
 * class]. Cell k·M + b is class k's bin b.
 */
export interface ClasswiseSums {
  classes: number;
  bins: number;
  /** Per cell: Σw, Σw·p_k, Σw·y_k. */
  weight: NeumaierSums;
  probability: NeumaierSums;
  outcome: NeumaierSums;
}

/** Empty sums; throws (before allocating) when classes × bins passes MAX_CLASS_BINS. */
export function classwiseSums(classes: number, bins: number): ClasswiseSums {
  checkClassBins(classes, bins);
  const cells = classes * bins;
  return { classes, bins, weight: neumaierSums(cells), probability: neumaierSums(cells), outcome: neumaierSums(cells) };
}

/** Adds rows to ClasswiseSums: K + 1 sums a row rather than 3K, since y_k = 0 outside the true class. */
export class ClasswiseBins {
  private readonly edges: Float64Array;
  private unitWeights = true;

  constructor(readonly sums: ClasswiseSums) {
    this.edges = uniformBinEdges(sums.bins);
  }

  /** Adds a row of class probabilities `p` (K of them) whose true class is `label`. */
  add(weight: number, p: Float64Array, label: number): void {
    const { classes: K, bins: M, weight: sw, probability: sp, outcome: sy } = this.sums;
    const edges = this.edges;
    if (weight !== 1) this.unitWeights = false;
    // Sums of ones are exact integers: no compensation needed while every weight is 1.
    const unit = this.unitWeights;
    let trueCell = 0;
    const probabilitySum = sp.sum;
    const probabilityCompensation = sp.compensation;
    for (let k = 0; k < K; k++) {
      const pk = p[k];
      const cell = k * M + uniformBinOf(edges, M, pk);
      if (k === label) trueCell = cell;
      if (unit) sw.sum[cell] += 1;
      else neumaierAdd(sw, cell, weight);
      // neumaierAdd(sp, cell, weight·p_k), written out: K of them a row are the engine's
      // hottest sums, and a call left out of line boxes its double argument on the heap.
      const x = weight * pk;
      const before = probabilitySum[cell];
      const after = before + x;
      probabilityCompensation[cell] += Math.abs(before) >= Math.abs(x) ? before - after + x : x - after + before;
      probabilitySum[cell] = after;
    }
    if (unit) sy.sum[trueCell] += 1;
    else neumaierAdd(sy, trueCell, weight);
  }

  /**
   * `add` over rows 0 … rows − 1 of a batch, in order: row r's K probabilities at
   * p[r·K …], its true class labels[r]. Bit for bit the sums of `add` row by row.
   */
  addBatch(weights: Float64Array, p: Float64Array, labels: Int32Array, rows: number): void {
    const { classes: K, bins: M, weight: sw, probability: sp, outcome: sy } = this.sums;
    const edges = this.edges;
    const weightSum = sw.sum;
    const outcomeSum = sy.sum;
    const probabilitySum = sp.sum;
    const probabilityCompensation = sp.compensation;
    for (let r = 0; r < rows; r++) {
      const weight = weights[r];
      if (weight !== 1) this.unitWeights = false;
      const unit = this.unitWeights;
      const label = labels[r];
      const offset = r * K;
      for (let k = 0; k < K; k++) {
        const pk = p[offset + k];
        const cell = k * M + uniformBinOf(edges, M, pk);
        if (unit) weightSum[cell] += 1;
        else neumaierAdd(sw, cell, weight);
        const x = weight * pk;
        const before = probabilitySum[cell];
        const after = before + x;
        probabilityCompensation[cell] += lostBits(before, x, after);
        probabilitySum[cell] = after;
      }
      // The true class's cell found again rather than remembered in the loop, where `k === label` would be a branch mispredicted once a row.
      const trueCell = label * M + uniformBinOf(edges, M, p[offset + label]);
      if (unit) outcomeSum[trueCell] += 1;
      else neumaierAdd(sy, trueCell, weight);
    }
  }
}

/** Why `from` cannot merge into `into`, or undefined when it can. */
export function classwiseMergeProblem(into: ClasswiseSums, from: ClasswiseSums): string | undefined {
  if (into.classes === from.classes && into.bins === from.bins) return undefined;
  return `cannot merge class-wise sums of ${from.classes} classes × ${from.bins} bins into ${into.classes} × ${into.bins}`;
}

/** Adds the sums of other rows, over the same classes and bins, into `into`. */
export function mergeClasswiseSums(into: ClasswiseSums, from: ClasswiseSums): void {
  const problem = classwiseMergeProblem(into, from);
  if (problem !== undefined) throw new XentError(problem, { field: 'bins' });
  neumaierMerge(into.weight, from.weight);
  neumaierMerge(into.probability, from.probability);
  neumaierMerge(into.outcome, from.outcome);
}

/**
 * Class-wise ECE (Kull et al. 2019, "Beyond temperature scaling", NeurIPS): the ECE of each
 * class's probability against its outcome, averaged over the K classes,
 * (1/K) Σ_k Σ_b |Σw·y_k − Σw·p_k| / W over the cells of class k with weight.
 */
export function classwiseEce(sums: ClasswiseSums, weightSum: number): number {
  const { classes: K, bins: M } = sums;
  let total = 0;
  for (let cell = 0; cell < K * M; cell++) {
    if (!(neumaierValue(sums.weight, cell) > 0)) continue;
    total += Math.abs(neumaierValue(sums.outcome, cell) - neumaierValue(sums.probability, cell)) / weightSum;
  }
  return total / K;
}
