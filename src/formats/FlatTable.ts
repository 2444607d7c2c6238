/**
 * A table of a FlatBuffers buffer (google/flatbuffers, "FlatBuffers internals"): a table
 * starts with a signed offset back to its vtable, whose uint16 entries give each field's
 * offset in the table (0: absent, the default applies). References (tables, vectors,
 * strings) are uint32 offsets from where they are stored. Every read is bounds-checked by
 * the DataView, and a reference out of the buffer throws `FlatBufferError`, which the
 * readers turn into a message naming the file.
 */
export class FlatTable {
  private constructor(
    private readonly view: DataView,
    private readonly at: number,
    private readonly vtable: number,
    private readonly vtableSize: number,
  ) {}

  /** The root table of a buffer (its first uint32 is the root's offset). */
  static root(bytes: Uint8Array): FlatTable {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return FlatTable.at(view, view.getUint32(0, true));
  }

  private static at(view: DataView, at: number): FlatTable {
    check(view, at, 4);
    const vtable = at - view.getInt32(at, true);
    check(view, vtable, 4);
    const vtableSize = view.getUint16(vtable, true);
    check(view, vtable, vtableSize);
    return new FlatTable(view, at, vtable, vtableSize);
  }

  /** The position of field `id` in the table, or 0 when it is absent. */
  private field(id: number): number {
    const entry = 4 + 2 * id;
    if (entry + 2 > this.vtableSize) return 0;
    const offset = this.view.getUint16(this.vtable + entry, true);
    return offset === 0 ? 0 : this.at + offset;
  }

  has(id: number): boolean {
    return this.field(id) !== 0;
  }

  uint8(id: number, fallback: number): number {
    const p = this.field(id);
    return p === 0 ? fallback : this.view.getUint8(p);
  }

  int16(id: number, fallback: number): number {
    const p = this.field(id);
    return p === 0 ? fallback : this.view.getInt16(p, true);
  }

  int32(id: number, fallback: number): number {
    const p = this.field(id);
    return p === 0 ? fallback : this.view.getInt32(p, true);
  }

  /** An int64 field as a number (exact below 2^53, which bounds every length and offset here). */
  int64(id: number, fallback: number): number {
    const p = this.field(id);
    return p === 0 ? fallback : int64At(this.view, p);
  }

  table(id: number): FlatTable | null {
    const p = this.field(id);
    return p === 0 ? null : FlatTable.at(this.view, p + this.view.getUint32(p, true));
  }

  string(id: number): string | null {
    const p = this.field(id);
    if (p === 0) return null;
    const start = p + this.view.getUint32(p, true);
    check(this.view, start, 4);
    const length = this.view.getUint32(start, true);
    check(this.view, start + 4, length);
    return new TextDecoder().decode(new Uint8Array(this.view.buffer, this.view.byteOffset + start + 4, length));
  }

  /** A vector of tables. */
  tables(id: number): FlatTable[] {
    const v = this.vector(id, 4);
    const out: FlatTable[] = [];
    for (let i = 0; i < v.length; i++) {
      const p = v.start + 4 * i;
      out.push(FlatTable.at(this.view, p + this.view.getUint32(p, true)));
    }
    return out;
  }

  /** A vector of structs of `size` bytes: the view and each element's position. */
  structs(id: number, size: number): { view: DataView; positions: number[] } {
    const v = this.vector(id, size);
    return { view: this.view, positions: Array.from({ length: v.length }, (_, i) => v.start + size * i) };
  }

  private vector(id: number, elementSize: number): { start: number; length: number } {
    const p = this.field(id);
    if (p === 0) return { start: 0, length: 0 };
    const at = p + this.view.getUint32(p, true);
    check(this.view, at, 4);
    const length = this.view.getUint32(at, true);
    check(this.view, at + 4, length * elementSize);
    return { start: at + 4, length };
  }
}

export class FlatBufferError extends Error {}

function check(view: DataView, at: number, length: number): void {
  if (at < 0 || at + length > view.byteLength) throw new FlatBufferError(`a reference to ${length} bytes at ${at} is outside the ${view.byteLength}-byte buffer`);
}

export function int64At(view: DataView, at: number): number {
  return view.getUint32(at, true) + view.getInt32(at + 4, true) * 2 ** 32;
}
