/**
 * A file as a stream of byte chunks, opened afresh by each call of `chunks()` (equal-mass
 * binning reads the files more than once). Node's files (fileByteSource) and the browser's
 * File.stream() both fit, so the readers are the same in the CLI and the lab's worker.
 */
export interface ByteSource {
  /** The name errors print: the path as given, or the dropped file's name. */
  name: string;
  chunks(): AsyncIterable<Uint8Array>;
  /**
   * Reads of any byte range, where the source has them (a regular file, a dropped File;
   * not a pipe): the columnar formats (Parquet, Arrow IPC, .npz, safetensors) keep their
   * directory at the end of the file and read their columns where the directory says.
   */
  randomAccess?: RandomAccess;
}

/** Positional reads of a source of known length. */
export interface RandomAccess {
  byteLength: number;
  /** The bytes [start, end), end ≤ byteLength; the array is the caller's to keep. */
  read(start: number, end: number): Promise<Uint8Array>;
}
