import type { ChunkSink } from '../../coding/index.js';
import { openOutput, type BinaryIo } from './openOutput.js';

/**
 * Runs `produce` into the output named by `path` (absent or `-`: stdout): committed only
 * when it returns (or its promise resolves), removed when it throws. See openOutput for
 * what committing means for files, links, devices, FIFOs and stdout.
 * `xent decompress` calls it as
 * `writeOutput(flags.output, io, (sink) => decompressStream(source, sink), { modeFrom: path })`.
 */
export async function writeOutput<T>(
  path: string | undefined,
  io: BinaryIo,
  produce: (sink: ChunkSink) => T | Promise<T>,
  options: { flag?: string; modeFrom?: string } = {},
): Promise<T> {
  const output = openOutput(path ?? '-', { flag: options.flag ?? '-o', modeFrom: options.modeFrom });
  try {
    const result = await produce((chunk) => output.write(chunk));
    await output.commit(io);
    return result;
  } catch (e) {
    output.abort();
    throw e;
  }
}
