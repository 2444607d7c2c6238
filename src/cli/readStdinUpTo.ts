import type { CliIo } from './CliIo.js';
import { tooLarge } from './readUserFile.js';

/**
 * All of standard input, at most `limit` bytes: past it the command stops reading at once
 * (leaving the loop closes the stream) and fails with the error of `flag`'s limit.
 */
export async function readStdinUpTo(io: CliIo, flag: string, limit: number): Promise<Buffer> {
  if (io.stdinChunks === undefined) {
    const whole = await io.readStdin();
    if (whole.length > limit) throw tooLarge('standard input', flag, limit);
    return whole;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of io.stdinChunks()) {
    chunks.push(chunk);
    total += chunk.length;
    if (total > limit) throw tooLarge('standard input', flag, limit);
  }
  return Buffer.concat(chunks, total);
}
