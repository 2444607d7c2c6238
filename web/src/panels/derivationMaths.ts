import katex from 'katex';
// KaTeX's stylesheet and fonts, bundled by Vite into this lazily loaded chunk (served from
// 'self', so the CSP's style-src 'self' and default-src 'self' admit them).
import 'katex/dist/katex.min.css';

/**
 * Typesets every `[data-tex]` element under `root`. `katex.render` builds DOM nodes and
 * sets their sizes through CSSOM (`element.style`), which a CSP without 'unsafe-inline'
 * allows; only style *attributes* parsed from markup would be refused, and none is parsed
 * here (no innerHTML). The HTML output carries a MathML copy for screen readers.
 */
export function typeset(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-tex]')) {
    katex.render(el.dataset.tex ?? '', el, { displayMode: el.dataset.display === 'block', throwOnError: true, output: 'htmlAndMathml' });
  }
}
