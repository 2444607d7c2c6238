import { describe, expect, it } from 'vitest';
import { huffmanCode, questionTree, shannonCode } from '../../../src/coding/index.js';
import { layoutQuestionTree } from './layoutQuestionTree.js';

describe('layoutQuestionTree', () => {
  it('stacks leaves in codeword order and centres questions between branches', () => {
    const layout = layoutQuestionTree(questionTree(huffmanCode([0.5, 0.25, 0.125, 0.125])));
    const leaves = layout.nodes.filter((n) => n.node?.symbol !== undefined);
    expect(leaves.map((n) => [n.node?.symbol, n.depth, n.row])).toEqual([
      [0, 1, 0],
      [1, 2, 1],
      [2, 3, 2],
      [3, 3, 3],
    ]);
    expect(layout.rows).toBe(4);
    expect(layout.maxDepth).toBe(3);
    expect(layout.nodes[0]).toMatchObject({ depth: 0, row: (0 + (1 + (2 + 3) / 2) / 2) / 2 });
  });

  it('keeps the empty branches of a Shannon code as leaves', () => {
    // Lengths 2, 2, 2 leave one of the four two-answer paths unused.
    const layout = layoutQuestionTree(questionTree(shannonCode([0.4, 0.3, 0.3])));
    expect(layout.rows).toBe(4);
    expect(layout.nodes.filter((n) => n.node === null)).toHaveLength(1);
  });
});
