import { fstatSync, writeSync } from 'node:fs';
import { BROKEN_PIPE_EXIT_CODE, isBrokenPipe } from './output/isBrokenPipe.js';

/**
 * What a command may touch of the outside world. `main` takes it as a parameter so
 * tests can run commands in-process and read what they print.
 */
export interface CliIo {
  out(text: string): void;
  /**
   * Like `out`, resolving when stdout can take more: a command that streams a long output
   * waits for a slow reader instead of queueing it all in memory. Absent: `out`.
   */
  outPaced?(text: string): Promise<void>;
  err(text: string): void;
  /** All of standard input (commands that read `-`). */
  readStdin(): Promise<Buffer>;
  /** Standard input as it arrives (absent: commands fall back to readStdin). */
  stdinChunks?(): AsyncIterable<Uint8Array>;
  /** Whether stderr is a terminal (progress bars show only then). */
  stderrIsTTY: boolean;
}

export function processIo(): CliIo {
  const direct = directStdout();
  if (direct === undefined) {
    // `xent … | head` closes the pipe early: the reader's choice, not an error. The exit
    // code is a pipeline stage's (141, as if killed by SIGPIPE); the exit hook of
    // pendingFiles removes any temporary file.
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (isBrokenPipe(e)) process.exit(BROKEN_PIPE_EXIT_CODE);
      throw e;
    });
  }
  return {
    out: direct ?? ((text) => process.stdout.write(text)),
    outPaced: direct
      ? async (text) => direct(text)
      : (text) =>
          new Promise((resolve) => {
            // A closed pipe never drains: the 'error' handler above then ends the process.
            if (process.stdout.write(text)) resolve();
            else process.stdout.once('drain', resolve);
          }),
    err: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    stdinChunks: () => process.stdin,
    // Asked only by a command that may show progress: process.stderr is made on first use,
    // and making it (a pipe's or a terminal's stream) costs a tenth of Node's start-up.
    get stderrIsTTY() {
      return Boolean(process.stderr.isTTY);
    },
  };
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes to standard output when it is a regular file or a character device (a terminal,
 * /dev/null), where Node's own stream writes synchronously too (fs.writeSync for a file, a
 * blocking write for a terminal), so the bytes and their order are the same; undefined for
 * a pipe or a socket, whose stream writes asynchronously and reports EPIPE. Making
 * process.stdout loads Node's streams, a tenth of its start-up, for the line or two most
 * commands print.
 */
function directStdout(): ((text: string) => void) | undefined {
  if (process.platform === 'win32') return undefined;
  try {
    const stat = fstatSync(1);
    if (!stat.isFile() && !stat.isCharacterDevice()) return undefined;
  } catch {
    return undefined;
  }
  return (text) => {
    const bytes = Buffer.from(text);
    for (let done = 0; done < bytes.length; ) {
      try {
        done += writeSync(1, bytes, done, bytes.length - done);
      } catch (e) {
        // A descriptor left non-blocking by another process: wait for room.
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
        Atomics.wait(pause, 0, 0, 1);
      }
    }
  };
}

/** An in-memory io for tests: everything printed is collected. */
export function memoryIo(stdin: Buffer | string = ''): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
    readStdin: async () => (typeof stdin === 'string' ? Buffer.from(stdin) : stdin),
    stderrIsTTY: false,
  };
  return io;
}
