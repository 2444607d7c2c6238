/**
 * Returns a copy of the distribution `p` with `p[k] = value` and the other entries
 * rescaled together so the total stays 1: dragging one bar keeps the others' ratios.
 * When the others are all zero they share what is left equally.
 */
export function setProbability(p: readonly number[], k: number, value: number): number[] {
  const v = Math.min(1, Math.max(0, value));
  let rest = 0;
  for (let i = 0; i < p.length; i++) if (i !== k) rest += p[i];
  const others = p.length - 1;
  return p.map((x, i) => {
    if (i === k) return v;
    return rest > 0 ? (x / rest) * (1 - v) : (1 - v) / others;
  });
}

/** Adds an outcome with probability 1/(n+1), scaling the others down to make room. */
export function addOutcome(p: readonly number[]): number[] {
  const n = p.length + 1;
  return [...p.map((x) => (x * (n - 1)) / n), 1 / n];
}

/** Drops the last outcome and rescales the rest; uniform if nothing is left. */
export function removeOutcome(p: readonly number[]): number[] {
  const kept = p.slice(0, -1);
  const sum = kept.reduce((a, b) => a + b, 0);
  return sum > 0 ? kept.map((x) => x / sum) : kept.map(() => 1 / kept.length);
}

export function uniform(n: number): number[] {
  return Array.from({ length: n }, () => 1 / n);
}

export function oneHot(n: number, k = 0): number[] {
  return Array.from({ length: n }, (_, i) => (i === k ? 1 : 0));
}
