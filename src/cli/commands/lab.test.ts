import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../CliIo.js';
import { main } from '../main.js';

describe('xent lab', () => {
  it('says in one line, exit code 2, that the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const port = (blocker.address() as { port: number }).port;
    try {
      const io = memoryIo();
      const code = await main(['lab', '--port', String(port)], io);
      expect(code).toBe(2);
      expect(io.stderr).toBe(`xent: error: port ${port} on 127.0.0.1 is already in use; stop the other server or pick another port (--port)\n`);
      expect(io.stdout).toBe('');
    } finally {
      blocker.close();
    }
  });

  it.each(['http', '-1', '65536', '80.5', ''])('refuses the port %j', async (port) => {
    const io = memoryIo();
    expect(await main(['lab', '--port', port], io)).toBe(2);
    expect(io.stderr).toMatch(/^xent: error: '.*' is not a port number \(0 to 65535\) \(--port\)\n$/);
  });

  it('lists its options in --help', async () => {
    const io = memoryIo();
    expect(await main(['lab', '--help'], io)).toBe(0);
    expect(io.stdout).toContain('--host <HOST>');
    expect(io.stdout).toContain('--port <PORT>');
  });
});

describe('xent lab on a signal', () => {
  /**
   * Starts `xent lab --port 0` as a child, waits until it has answered a request (it is
   * then idle, its handlers in place), sends `signal`, and returns how it ended.
   */
  function stopWith(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const bin = fileURLToPath(new URL('../../../bin/xent.js', import.meta.url));
    const child = spawn(process.execPath, [bin, 'lab', '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
    // A watchdog: a lab that does not stop is killed, and the test fails on SIGKILL.
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 60_000);
    let out = '';
    let asked = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /serving (http:\/\/\S+)/.exec(out)?.[1];
      if (url !== undefined && !asked) {
        asked = true;
        void fetch(url).then(async (res) => {
          await res.arrayBuffer();
          child.kill(signal);
        });
      }
    });
    return new Promise((done) =>
      child.on('close', (code, got) => {
        clearTimeout(watchdog);
        done({ code, signal: got });
      }),
    );
  }

  it.each(['SIGINT', 'SIGTERM'] as const)('dies of %s after closing the server, as the shell expects', async (signal) => {
    expect(await stopWith(signal)).toEqual({ code: null, signal });
  }, 70_000);
});
