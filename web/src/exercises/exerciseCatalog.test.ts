import { describe, expect, it } from 'vitest';
import { ROUTES } from '../state/labState.js';
import { EXERCISE_IDS } from './exerciseCatalog.js';

describe('EXERCISE_IDS', () => {
  it('names each exercise once, under a route of the lab, prefixed by that route', () => {
    const all = Object.values(EXERCISE_IDS).flat();
    expect(new Set(all).size).toBe(all.length);
    for (const [route, ids] of Object.entries(EXERCISE_IDS)) {
      expect(ROUTES as readonly string[]).toContain(route);
      for (const id of ids) expect(id.startsWith(`${route}.`)).toBe(true);
    }
  });
});
