import { describe, expect, it } from 'vitest';
import { XentError } from '../XentError.js';
import { classTargetDivisor } from './classTargetDivisor.js';

describe('classTargetDivisor', () => {
  it('counts the rows that are not ignored, weighted by their class', () => {
    expect(classTargetDivisor([0, -100, 2], 3, 3, null, -100)).toBe(2);
    expect(classTargetDivisor([0, -100, 2], 3, 3, [1, 1, 0.5], -100)).toBe(1.5);
    expect(classTargetDivisor([], 0, 3, null, -100)).toBe(0);
    expect(classTargetDivisor([7, 7], 2, 3, null, 7)).toBe(0);
  });

  it('names the first target that is not a class index, by row', () => {
    for (const bad of [3, -1, 1.5, NaN]) {
      try {
        classTargetDivisor([0, 1, bad, 4], 4, 3, null, -100);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(XentError);
        expect((e as XentError).field).toBe('target');
        expect((e as XentError).index).toBe(2);
        expect((e as XentError).message).toBe(`target ${bad} is not a class index in [0, 3) (target, index 2)`);
      }
    }
  });
});
