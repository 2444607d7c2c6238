import { expect } from 'vitest';
import { fromJsonNumber } from '../../src/cli/toJson.js';

/** Every number of two reports, compared leaf by leaf (NaN equals NaN). */
export function expectReportsClose(a: unknown, b: unknown, tolerance: number, path = 'report'): void {
  if (Array.isArray(a)) {
    expect(Array.isArray(b), path).toBe(true);
    expect((b as unknown[]).length, path).toBe(a.length);
    a.forEach((x, i) => expectReportsClose(x, (b as unknown[])[i], tolerance, `${path}[${i}]`));
  } else if (typeof a === 'object' && a !== null) {
    expect(Object.keys(b as object).sort(), path).toEqual(Object.keys(a).sort());
    for (const [k, v] of Object.entries(a)) expectReportsClose(v, (b as Record<string, unknown>)[k], tolerance, `${path}.${k}`);
  } else if (typeof a === 'number' || a === 'NaN' || a === 'Infinity') {
    const x = fromJsonNumber(a);
    const y = fromJsonNumber(b);
    if (Number.isNaN(x) || !Number.isFinite(x)) expect(Object.is(x, y), path).toBe(true);
    else expect(Math.abs(x - y), `${path}: ${x} vs ${y}`).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(x)));
  } else {
    expect(b, path).toEqual(a);
  }
}
