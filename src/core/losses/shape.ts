/** Number of elements of a tensor of this shape (1 for the scalar shape []). */
export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

export function shapesEqual(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `[2, 3]` → `(2, 3)`, `[]` → `()`, as PyTorch prints shapes. */
export function formatShape(shape: readonly number[]): string {
  return `(${shape.join(', ')})`;
}
