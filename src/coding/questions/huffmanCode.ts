import { canonicalCodes, normalizeWeights, type PrefixCode } from './PrefixCode.js';

/**
 * The Huffman code (D. A. Huffman, "A Method for the Construction of Minimum-Redundancy
 * Codes", Proc. IRE 40, 1952): repeatedly merge the two least likely groups. It is the
 * optimal yes/no question strategy for the distribution it is built from: its mean
 * length L satisfies H(q) ≤ L < H(q) + 1, and no prefix code does better on q.
 *
 * Deterministic tie-breaking, so every platform builds the same code:
 * - a min-heap ordered by (weight, id), where outcome k has id k and the j-th merged
 *   group has id n + j. Among equal weights, single outcomes are merged before groups
 *   and earlier groups before later ones; this is the "combined node as high as
 *   possible" rule that gives the minimum-variance Huffman code (E. S. Schwartz, 1964);
 * - the code lengths are then turned into canonical codewords (see `canonicalCodes`).
 *
 * Outcomes with weight 0 get no codeword (length Infinity). One outcome with all the
 * weight gets the empty codeword: nothing needs to be asked.
 *
 * @param weights probabilities or counts (normalised here), up to 2^16 outcomes
 * @example
 * huffmanCode([0.5, 0.25, 0.125, 0.125]).codes // ['0', '10', '110', '111']
 */
export function huffmanCode(weights: ArrayLike<number>, field = 'q'): PrefixCode {
  const q = normalizeWeights(weights, field);
  const n = q.length;
  const lengths = new Float64Array(n).fill(Infinity);
  const support: number[] = [];
  for (let k = 0; k < n; k++) if (q[k] > 0) support.push(k);

  // Nodes 0..n−1 are outcomes, n.. are merged groups; parent[] records the tree.
  const weight = new Float64Array(2 * n);
  const parent = new Int32Array(2 * n).fill(-1);
  const heap = new MinHeap((a, b) => weight[a] - weight[b] || a - b);
  for (const k of support) {
    weight[k] = q[k];
    heap.push(k);
  }
  let next = n;
  while (heap.size > 1) {
    const a = heap.pop();
    const b = heap.pop();
    weight[next] = weight[a] + weight[b];
    parent[a] = next;
    parent[b] = next;
    heap.push(next);
    next++;
  }
  // Depths top-down: a group is created after its children, so walk ids downwards.
  const depth = new Int32Array(next);
  for (let id = next - 2; id >= 0; id--) if (parent[id] >= 0) depth[id] = depth[parent[id]] + 1;
  for (const k of support) lengths[k] = depth[k];
  return { kind: 'huffman', weights: q, lengths, codes: canonicalCodes(lengths) };
}

/** A binary heap of node ids under a total order. */
class MinHeap {
  private readonly items: number[] = [];
  constructor(private readonly less: (a: number, b: number) => number) {}

  get size(): number {
    return this.items.length;
  }

  push(x: number): void {
    const items = this.items;
    let i = items.push(x) - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (this.less(items[up], x) <= 0) break;
      items[i] = items[up];
      i = up;
    }
    items[i] = x;
  }

  pop(): number {
    const items = this.items;
    const top = items[0];
    const last = items.pop() as number;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= items.length) break;
        const r = l + 1;
        const c = r < items.length && this.less(items[r], items[l]) < 0 ? r : l;
        if (this.less(items[c], last) >= 0) break;
        items[i] = items[c];
        i = c;
      }
      items[i] = last;
    }
    return top;
  }
}
