import katex from 'katex';
// Loaded with this chunk only, by the pages that typeset (see derivationMaths.ts for the CSP).
import 'katex/dist/katex.min.css';

/** Typesets `tex` into `el`, replacing what it held; inline unless `display`. */
export function renderTex(el: HTMLElement, tex: string, display = false): void {
  katex.render(tex, el, { displayMode: display, throwOnError: true, output: 'htmlAndMathml' });
}
