/**
 * Text without its leading byte-order mark (U+FEFF), which Windows editors write at the
 * start of UTF-8 files and JSON.parse refuses (RFC 8259 §8.1 lets parsers ignore it).
 */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
