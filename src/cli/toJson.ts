/**
 * JSON text for a command's result. Typed arrays become plain arrays, and the
 * non-finite numbers JSON cannot express become the strings "Infinity", "-Infinity"
 * and "NaN" (docs/design.md), so a KL of Infinity is reported rather than turned into null.
 */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, replacer, indent);
}

function replacer(_key: string, v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
  return v;
}

/** Inverse of the encoding above, for readers of xent's JSON (tests, scripts). */
export function fromJsonNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (v === 'NaN') return NaN;
  throw new TypeError(`not a JSON number: ${JSON.stringify(v)}`);
}
