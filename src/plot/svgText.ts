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
    if (/[ilj.,:;'|!()[\]{} ]/.test(c)) em += 0.33;
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
