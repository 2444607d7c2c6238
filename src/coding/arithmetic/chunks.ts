import { CorruptInputError } from './CorruptInputError.js';

/**
 * Receives output in chunks. A chunk is valid only during the call (the writer reuses
 * its buffer, so no garbage piles up on long streams): copy it to keep it.
 */
export type ChunkSink = (chunk: Uint8Array) => void;

/** Supplies input in chunks; `undefined` means the end (empty chunks are skipped). */
export type ChunkSource = () => Uint8Array | undefined;

/**
 * The size of the pieces a byte stream is handed on in (ChunkWriter's buffer, and what
 * the CLI reads at a time): large enough to amortise calls, small enough to keep memory
 * flat. Not the container's chunks, which are CHUNK_RAW_BYTES of original each.
 */
export const STREAM_PIECE_BYTES = 1 << 16;

/** @deprecated the old name of STREAM_PIECE_BYTES */
export const CHUNK_BYTES = STREAM_PIECE_BYTES;

/**
 * A source that supplies `chunks` in order, then ends.
 *
 * @example
 * chunkSourceOf(Uint8Array.of(1, 2))()?.length // 2
 */
export function chunkSourceOf(...chunks: Uint8Array[]): ChunkSource {
  let next = 0;
  return () => chunks[next++];
}

/**
 * The chunks of a source, as an iterable (for-of, or for-await beside asynchronous streams).
 *
 * @example
 * [...chunksOf(chunkSourceOf(Uint8Array.of(1, 2), Uint8Array.of(3)))].length // 2
 */
export function* chunksOf(source: ChunkSource): Generator<Uint8Array> {
  for (let chunk = source(); chunk !== undefined; chunk = source()) yield chunk;
}

/** Buffers bytes and hands them to a sink in fixed-size chunks. */
export class ChunkWriter {
  private readonly buffer: Uint8Array;
  private pos = 0;
  /** Bytes written so far. */
  written = 0;

  constructor(
    private readonly sink: ChunkSink,
    chunkBytes = STREAM_PIECE_BYTES,
  ) {
    this.buffer = new Uint8Array(chunkBytes);
  }

  writeByte(b: number): void {
    if (this.pos === this.buffer.length) this.flush();
    this.buffer[this.pos++] = b;
    this.written++;
  }

  writeBytes(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.length; ) {
      if (this.pos === this.buffer.length) this.flush();
      const n = Math.min(bytes.length - at, this.buffer.length - this.pos);
      this.buffer.set(bytes.subarray(at, at + n), this.pos);
      this.pos += n;
      at += n;
    }
    this.written += bytes.length;
  }

  /** Hands what is buffered to the sink, then reuses the buffer. */
  flush(): void {
    if (this.pos === 0) return;
    this.sink(this.buffer.subarray(0, this.pos));
    this.pos = 0;
  }
}

/**
 * Reads bytes from a chunk source. Past the end, `paddedByte` returns zeros, as the range
 * decoder needs (the encoder drops trailing zeros), but only a few: a valid payload
 * never needs more than `maxPadding`, so more means the input was truncated, and the
 * bound also guarantees that damaged input cannot keep the decoder busy for long.
 */
export class ChunkReader {
  private chunk: Uint8Array = new Uint8Array(0);
  private pos = 0;
  private ended = false;
  /** Zero bytes supplied past the end of the input. */
  padding = 0;
  /** Bytes of real input consumed so far. */
  private before = 0;

  constructor(
    private readonly source: ChunkSource,
    private readonly maxPadding = 6,
  ) {}

  /** The next byte, or −1 at the end of the input. */
  readByte(): number {
    if (this.pos < this.chunk.length) return this.chunk[this.pos++];
    if (!this.refill()) return -1;
    return this.chunk[this.pos++];
  }

  /** The next byte, or 0 past the end (counted, and refused beyond `maxPadding`). */
  paddedByte(): number {
    if (this.pos < this.chunk.length) return this.chunk[this.pos++];
    if (this.refill()) return this.chunk[this.pos++];
    if (++this.padding > this.maxPadding) throw new CorruptInputError('truncated payload');
    return 0;
  }

  /** Exactly n bytes, or a CorruptInputError naming `what` if the input ends first. */
  readExactly(n: number, what: string): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; ) {
      if (this.pos === this.chunk.length && !this.refill()) throw new CorruptInputError(`truncated ${what}`);
      const k = Math.min(n - i, this.chunk.length - this.pos);
      out.set(this.chunk.subarray(this.pos, this.pos + k), i);
      this.pos += k;
      i += k;
    }
    return out;
  }

  /** Bytes of real input consumed so far (padding not included). */
  get position(): number {
    return this.before + this.pos;
  }

  /** Whether the input is exhausted (pulls the next chunk to find out). */
  atEnd(): boolean {
    return this.pos >= this.chunk.length && !this.refill();
  }

  private refill(): boolean {
    while (!this.ended) {
      const next = this.source();
      if (next === undefined) {
        this.ended = true;
        break;
      }
      if (next.length > 0) {
        this.before += this.chunk.length;
        this.chunk = next;
        this.pos = 0;
        return true;
      }
    }
    return false;
  }
}
