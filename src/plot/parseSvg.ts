/** An element of an SVG document as `parseSvg` reads it: name, attributes (entities decoded), children and its text. */
export interface SvgNode {
  name: string;
  attrs: Readonly<Record<string, string>>;
  children: SvgNode[];
  /** The text of the element and its descendants, entities decoded (DOM's textContent). */
  text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name]);
}

/**
 * Reads SVG markup of the kind `figureSvg` writes into a tree, strictly: one root element,
 * balanced tags, double-quoted attributes, no raw '<', '>' or stray '&' in text. Throws on
 * anything else, so tests (in Node, with no DOM) can both check that a figure is
 * well-formed XML and look inside it. Not a general XML parser: no comments, CDATA,
 * processing instructions or single-quoted attributes, which figureSvg never writes.
 *
 * @example
 * parseSvg('<svg><text x="1">a &amp; b</text></svg>').children[0].text // 'a & b'
 */
export function parseSvg(svg: string): SvgNode {
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  const root: SvgNode = { name: '#document', attrs: {}, children: [], text: '' };
  const open: SvgNode[] = [root];
  let last = 0;
  const addText = (raw: string, where: string) => {
    if (/[<>]|&(?!(amp|lt|gt|quot|#39);)/.test(raw)) throw new Error(`raw markup characters in text before ${where}`);
    const text = decode(raw);
    // The document node keeps only the text outside the root element.
    if (open.length === 1) root.text += text;
    else for (const node of open.slice(1)) node.text += text;
  };
  for (const m of svg.matchAll(tag)) {
    addText(svg.slice(last, m.index), m[0]);
    last = m.index + m[0].length;
    const [, closing, name, attrText, selfClosing] = m;
    if (closing) {
      const top = open.pop();
      if (top?.name !== name || open.length === 0) throw new Error(`</${name}> closes <${top?.name}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of attrText.matchAll(/([\w:-]+)="([^"]*)"/g)) {
      if (a[1] in attrs) throw new Error(`attribute ${a[1]} twice on <${name}>`);
      attrs[a[1]] = decode(a[2]);
    }
    const node: SvgNode = { name, attrs, children: [], text: '' };
    open[open.length - 1].children.push(node);
    if (!selfClosing) open.push(node);
  }
  addText(svg.slice(last), 'the end');
  if (open.length !== 1) throw new Error(`<${open[open.length - 1].name}> is never closed`);
  if (root.children.length !== 1 || root.text.trim() !== '') throw new Error('not one root element');
  return root.children[0];
}

/** Every element under `node` (itself included) with this name and these attribute values, in document order. */
export function findAll(node: SvgNode, name: string, attrs: Readonly<Record<string, string>> = {}): SvgNode[] {
  const found: SvgNode[] = [];
  const visit = (n: SvgNode) => {
    if (n.name === name && Object.entries(attrs).every(([k, v]) => n.attrs[k] === v)) found.push(n);
    n.children.forEach(visit);
  };
  visit(node);
  return found;
}

/** The texts of all <text> elements of an SVG document, in order. */
export function svgTexts(svg: string): string[] {
  return findAll(parseSvg(svg), 'text').map((t) => t.text);
}
