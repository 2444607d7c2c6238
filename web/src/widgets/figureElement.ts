import { figureSvg, type FigureSpec } from '../../../src/plot/figureSvg.js';

/**
 * A figure spec drawn by `src/plot` (the very code behind the CLI's --svg) as an element
 * for the page. The markup is parsed as XML, not assigned to innerHTML, so nothing in it
 * can run, and the CSP needs no 'unsafe-inline' for scripts: the SVG uses presentation
 * attributes only.
 */
export function figureElement(spec: FigureSpec): SVGSVGElement {
  const parsed = new DOMParser().parseFromString(figureSvg(spec), 'image/svg+xml');
  const svg = document.importNode(parsed.documentElement, true) as unknown as SVGSVGElement;
  // The page's own font stack (with its CJK fonts) replaces the figure's print fonts.
  svg.classList.add('figure');
  return svg;
}
