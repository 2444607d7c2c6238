/** The figures' font stack, ink and grid colour. */
export const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';
export const INK = '#222';
export const GRID = '#e6e6e6';

/** Escapes text for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/**
 * Approximate rendered width of `text` in pixels. SVG has no text metrics without a
 * renderer, so widths are estimated from per-character classes of a sans-serif face
 * (DejaVu Sans proportions, the widest common default); used only to size legend boxes,
 * margins and line wrapping, where a few pixels of slack is harmless.
 */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const c of text) {
    // CJK ideographs, kana, hangul and full-width forms take a whole em.
    if (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c)) em += 1;
    else if (/[ilj.,:;'|!()[\]{} ]/.test(c)) em += 0.33;
    else if (/[mwMW—]/.test(c)) em += 0.9;
    else if (/[A-Z0-9×=+−<>]/.test(c)) em += 0.68;
    else em += 0.6;
  }
  return em * fontSize;
}

/** Splits `text` into lines no wider than `maxWidth` pixels, breaking at spaces. */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && textWidth(candidate, fontSize) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** A number for SVG coordinates: at most 2 decimals, no trailing zeros. */
export function px(v: number): string {
  return String(Math.round(v * 100) / 100);
}
