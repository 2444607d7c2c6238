import type { QuestionNode } from '../../../src/coding/index.js';
import { outcomeName } from '../state/labState.js';
import { s } from '../ui/h.js';
import { layoutQuestionTree, type PlacedNode } from './layoutQuestionTree.js';

export interface QuestionTreeOptions {
  root: QuestionNode;
  label: string;
  yes: string;
  no: string;
  wasted: string;
  question(symbols: readonly number[]): string;
}

export interface QuestionTreeView {
  element: SVGSVGElement;
  /**
   * Marks the path of answers `prefix` (a codeword prefix, '1' = yes) as walked and its
   * end as the current node; undefined clears the marks.
   */
  highlight(prefix: string | undefined): void;
}


const TOP = 12;
const LEFT = 14;

/**
 * Draws a question tree left to right: a fork per question, the "no" branch (grey)
 * above the "yes" branch (green), leaves labelled with their letter and codeword.
 * Geometry is recomputed for the element's width, so it fits 375 px and a desktop.
 */
export function createQuestionTreeView(options: QuestionTreeOptions): QuestionTreeView {
  const layout = layoutQuestionTree(options.root);
  // Few letters get roomy rows; 26 letters must still fit a phone screen or two.
  const ROW = layout.rows <= 8 ? 34 : 24;
  const height = TOP * 2 + layout.rows * ROW;
  const svg = s('svg', { class: 'question-tree', role: 'img', 'aria-label': options.label, height });
  const byPrefix = new Map<string, SVGGElement>();
  const edgeByPrefix = new Map<string, SVGElement>();
  let current: string | undefined;

  const keyOf = (n: PlacedNode): string => n.node?.prefix ?? `${n.parent?.node?.prefix ?? ''}${n.answer ? '1' : '0'}`;
  const maxCode = Math.max(0, ...layout.nodes.filter((n) => n.node?.symbol !== undefined).map((n) => n.depth));

  function draw(): void {
    const width = Math.max(240, svg.clientWidth || svg.parentElement?.clientWidth || 320);
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.replaceChildren();
    byPrefix.clear();
    edgeByPrefix.clear();
    const labelWidth = Math.min(width * 0.4, 30 + maxCode * 7.2);
    const showCodes = 30 + maxCode * 7.2 <= width * 0.4;
    const level = (width - LEFT - labelWidth) / Math.max(1, layout.maxDepth);
    const x = (n: PlacedNode) => LEFT + n.depth * level;
    const y = (n: PlacedNode) => TOP + n.row * ROW + ROW / 2;
    const edges = s('g', { class: 'edges' });
    const nodes = s('g', { class: 'nodes' });
    svg.append(edges, nodes);
    for (const n of layout.nodes) {
      const key = keyOf(n);
      if (n.parent) {
        const x0 = x(n.parent);
        const y0 = y(n.parent);
        const x1 = x(n);
        const y1 = y(n);
        const xm = (x0 + x1) / 2;
        const edge = s(
          'g',
          { class: `edge ${n.answer ? 'edge-yes' : 'edge-no'}${n.node ? '' : ' edge-wasted'}` },
          s('path', { d: `M${x0},${y0} C${xm},${y0} ${xm},${y1} ${x1},${y1}` }),
          level >= 46 ? s('text', { x: xm, y: (y0 + y1) / 2 + (n.answer ? 12 : -5), 'text-anchor': 'middle', class: 'edge-label' }, n.answer ? options.yes : options.no) : null,
        );
        edges.append(edge);
        edgeByPrefix.set(key, edge);
      }
      const g = s('g', { class: 'node', transform: `translate(${x(n)},${y(n)})` });
      if (n.node === null) {
        g.classList.add('node-wasted');
        g.append(s('title', {}, options.wasted), s('text', { x: 0, dy: '0.32em', 'text-anchor': 'middle' }, '∅'));
      } else if (n.node.symbol !== undefined) {
        g.classList.add('node-leaf');
        g.append(s('circle', { r: 4 }), s('text', { x: 8, dy: '0.32em', class: 'leaf-name' }, outcomeName(n.node.symbol)));
        if (showCodes) g.append(s('text', { x: 25, dy: '0.32em', class: 'leaf-code' }, n.node.prefix || '—'));
      } else {
        g.classList.add('node-question');
        g.append(s('title', {}, options.question(n.node.yes?.symbols ?? [])), s('circle', { r: 6 }));
      }
      nodes.append(g);
      byPrefix.set(key, g);
    }
    applyHighlight();
  }

  function applyHighlight(): void {
    for (const [key, g] of byPrefix) {
      const onPath = current !== undefined && current.startsWith(key);
      g.classList.toggle('on-path', onPath);
      g.classList.toggle('current', current === key);
      edgeByPrefix.get(key)?.classList.toggle('on-path', onPath);
    }
  }

  new ResizeObserver(() => draw()).observe(svg);
  draw();

  return {
    element: svg,
    highlight(prefix) {
      current = prefix;
      applyHighlight();
    },
  };
}
