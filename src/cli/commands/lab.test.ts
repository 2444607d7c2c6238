import { createServer } from 'node:net';
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
