import { describe, expect, it } from 'vitest';
import { fromJsonNumber, toJson } from './toJson.js';

describe('toJson', () => {
  it('spells out non-finite numbers and flattens typed arrays', () => {
    const text = toJson({ a: Infinity, b: -Infinity, c: NaN, d: 1.5, e: new Float32Array([0.5, Infinity]), f: [NaN] });
    expect(text).toBe('{"a":"Infinity","b":"-Infinity","c":"NaN","d":1.5,"e":[0.5,"Infinity"],"f":["NaN"]}');
  });

  it('round-trips through fromJsonNumber', () => {
    for (const x of [0, -0.25, 1e-300, Infinity, -Infinity]) expect(fromJsonNumber(JSON.parse(toJson(x)))).toBe(x);
    expect(fromJsonNumber(JSON.parse(toJson(NaN)))).toBeNaN();
    expect(() => fromJsonNumber('inf')).toThrow(TypeError);
  });
});
