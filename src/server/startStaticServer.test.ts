import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XentError } from '../core/XentError.js';
import { startStaticServer, type StaticServer } from './startStaticServer.js';

/** A raw request: `path` goes on the wire exactly as given (no URL normalisation). */
function rawGet(port: number, path: string, method = 'GET'): Promise<{ status: number; type: string; body: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => done({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
    });
    req.on('error', fail);
    req.end();
  });
}

// A secret next to the served directory: no request may reach it.
const dir = mkdtempSync(join(tmpdir(), 'xent-serve-'));
const root = join(dir, 'dist');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(dir, 'secret.txt'), 'TOP-SECRET');
writeFileSync(join(root, 'index.html'), '<!doctype html><title>lab</title>');
writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(root, 'assets', 'app.css'), 'body{}');
writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
writeFileSync(join(root, 'data.bin'), 'x');

let server: StaticServer;
beforeAll(async () => {
  server = await startStaticServer({ root, port: 0 });
});
afterAll(() => server.close());

describe('startStaticServer', () => {
  it('binds to 127.0.0.1 by default and serves files with their MIME types', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    const cases: [string, string][] = [
      ['/', 'text/html; charset=utf-8'],
      ['/index.html', 'text/html; charset=utf-8'],
      ['/assets/app.js', 'text/javascript; charset=utf-8'],
      ['/assets/app.css', 'text/css; charset=utf-8'],
      ['/favicon.svg', 'image/svg+xml'],
      ['/data.bin', 'application/octet-stream'],
    ];
    for (const [path, type] of cases) {
      const r = await rawGet(server.port, path);
      expect([path, r.status, r.type]).toEqual([path, 200, type]);
    }
    const head = await rawGet(server.port, '/index.html', 'HEAD');
    expect(head).toMatchObject({ status: 200, body: '' });
  });

  it.each(['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/..\\secret.txt'])(
    'refuses the traversal %s',
    async (path) => {
      const r = await rawGet(server.port, path);
      expect(r.status).toBe(400);
      expect(r.body).not.toContain('TOP-SECRET');
    },
  );

  it('lists no directory, finds no missing file, and allows only GET and HEAD', async () => {
    expect((await rawGet(server.port, '/assets')).status).toBe(404);
    expect((await rawGet(server.port, '/assets/')).status).toBe(400);
    expect((await rawGet(server.port, '/nope.js')).status).toBe(404);
    expect((await rawGet(server.port, '/index.html', 'POST')).status).toBe(405);
  });

  it('reports a taken port as an XentError', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const port = (blocker.address() as { port: number }).port;
    try {
      const attempt = startStaticServer({ root, port });
      await expect(attempt).rejects.toBeInstanceOf(XentError);
      await expect(attempt).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });
});

describe('the server against hostile requests', () => {
  /** A raw request with its own Host header; returns the status and the headers. */
  function getWithHost(host: string, path = '/'): Promise<{ status: number; csp: string | undefined; isolation: (string | undefined)[] }> {
    return new Promise((done, fail) => {
      const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host } }, (res) => {
        res.resume();
        const isolation = ['cross-origin-opener-policy', 'cross-origin-embedder-policy', 'cross-origin-resource-policy'].map((k) => res.headers[k] as string | undefined);
        res.on('end', () => done({ status: res.statusCode ?? 0, csp: res.headers['content-security-policy'] as string | undefined, isolation }));
      });
      req.on('error', fail);
      req.end();
    });
  }

  it('answers loopback names and IP literals, and refuses other names (DNS rebinding)', async () => {
    for (const host of ['localhost', `localhost:${server.port}`, `127.0.0.1:${server.port}`, `[::1]:${server.port}`, 'lab.localhost', '192.168.1.5:5173']) {
      expect((await getWithHost(host)).status, host).toBe(200);
    }
    for (const host of ['attacker.example', `attacker.example:${server.port}`, 'localhost.attacker.example', '127.0.0.1.nip.io']) {
      expect((await getWithHost(host)).status, host).toBe(403);
    }
  });

  it('sends the content security policy on error pages too', async () => {
    for (const [path, status] of [['/missing.html', 404], ['/%00', 400]] as const) {
      const r = await getWithHost('localhost', path);
      expect(r.status).toBe(status);
      expect(r.csp).toMatch(/default-src 'self'/);
    }
  });

  it('isolates the page (COOP same-origin, COEP require-corp, CORP same-origin) on files and error pages', async () => {
    for (const [path, status] of [['/', 200], ['/missing.html', 404]] as const) {
      const r = await getWithHost('localhost', path);
      expect(r.status).toBe(status);
      expect(r.isolation).toEqual(['same-origin', 'require-corp', 'same-origin']);
    }
  });

  it('closes a connection whose headers never end', async () => {
    const slow = await startStaticServer({ root, port: 0, headersTimeoutMs: 200 });
    try {
      const socket = connect(slow.port, '127.0.0.1');
      socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n');
      let answer = '';
      socket.on('data', (c: Buffer) => (answer += c.toString()));
      await new Promise<void>((done) => socket.on('close', () => done()));
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await slow.close();
    }
  }, 20_000);
});
