/**
 * A deep copy of a model: its typed arrays copied, views that share a buffer (CmModel's
 * table32) kept sharing the copy, scalars copied. Models hold nothing else, so each
 * model's clone() is this one function rather than a field list that could fall behind
 * its fields.
 */
export function cloneModelState<T extends object>(model: T): T {
  const copy = Object.create(Object.getPrototypeOf(model) as object) as Record<string, unknown>;
  const buffers = new Map<ArrayBufferLike, ArrayBuffer>();
  const cloneView = (v: ArrayBufferView & { length: number }) => {
    let buffer = buffers.get(v.buffer);
    if (!buffer) {
      buffer = (v.buffer as ArrayBuffer).slice(0);
      buffers.set(v.buffer, buffer);
    }
    const Ctor = v.constructor as new (b: ArrayBuffer, offset: number, length: number) => unknown;
    return new Ctor(buffer, v.byteOffset, v.length);
  };
  for (const [key, value] of Object.entries(model)) {
    if (ArrayBuffer.isView(value)) copy[key] = cloneView(value as ArrayBufferView & { length: number });
    else if (Array.isArray(value)) copy[key] = value.map((x: unknown) => (ArrayBuffer.isView(x) ? cloneView(x as ArrayBufferView & { length: number }) : x));
    else copy[key] = value;
  }
  return copy as T;
}
