/**
 * What a command may touch of the outside world. `main` takes it as a parameter so
 * tests can run commands in-process and read what they print.
 */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** All of standard input (commands that read `-`). */
  readStdin(): Promise<Buffer>;
  /** Standard input as it arrives (absent: commands fall back to readStdin). */
  stdinChunks?(): AsyncIterable<Uint8Array>;
  /** Whether stderr is a terminal (progress bars show only then). */
  stderrIsTTY: boolean;
}

export function processIo(): CliIo {
  // `xent … | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    stdinChunks: () => process.stdin,
    stderrIsTTY: Boolean(process.stderr.isTTY),
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
