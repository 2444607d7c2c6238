import type { Lang } from '../state/labState.js';

/**
 * A whole number for running text: English groups thousands with commas (8,000); Chinese
 * text writes the digits plain (8000), as Chinese typesetting does for numbers this size.
 */
export function formatCount(n: number, lang: Lang): string {
  return lang === 'zh' ? String(n) : n.toLocaleString('en-US');
}
