import type { QuestionNode } from '../../../src/coding/index.js';

/** A node placed on the grid: `depth` questions from the root, `row` among the leaves. */
export interface PlacedNode {
  node: QuestionNode | null;
  depth: number;
  /** Leaves take rows 0, 1, 2… top to bottom; a question sits halfway between its branches. */
  row: number;
  /** The answer that leads here from the parent (undefined at the root). */
  answer?: boolean;
  parent?: PlacedNode;
}

export interface TreeLayout {
  nodes: PlacedNode[];
  rows: number;
  maxDepth: number;
}

/**
 * Places a question tree for drawing left to right: depth is the number of questions
 * asked, leaves are stacked in codeword order (the "no" branch, bit 0, above the "yes"
 * branch). A branch no outcome reaches (a wasted question of a Shannon code) is kept as
 * an empty leaf so the waste shows.
 */
export function layoutQuestionTree(root: QuestionNode): TreeLayout {
  const nodes: PlacedNode[] = [];
  let rows = 0;
  let maxDepth = 0;
  function place(node: QuestionNode | null, depth: number, parent?: PlacedNode, answer?: boolean): PlacedNode {
    const placed: PlacedNode = { node, depth, row: 0, parent, answer };
    nodes.push(placed);
    maxDepth = Math.max(maxDepth, depth);
    if (node === null || node.symbol !== undefined) {
      placed.row = rows++;
    } else {
      const no = place(node.no ?? null, depth + 1, placed, false);
      const yes = place(node.yes ?? null, depth + 1, placed, true);
      placed.row = (no.row + yes.row) / 2;
    }
    return placed;
  }
  place(root, 0);
  return { nodes, rows, maxDepth };
}
