/**
 * A file as a stream of byte chunks, opened afresh by each call of `chunks()` (equal-mass
 * binning reads the files more than once). Node's files (fileByteSource) and the browser's
 * File.stream() both fit, so the readers are the same in the CLI and the lab's worker.
 */
export interface ByteSource {
  /** The name errors print: the path as given, or the dropped file's name. */
  name: string;
  chunks(): AsyncIterable<Uint8Array>;
}
