import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { sep } from 'node:path';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XentError } from '../core/XentError.js';
import { isAllowedHost } from './isAllowedHost.js';
import { mimeType } from './mimeType.js';
import { resolveStaticPath } from './resolveStaticPath.js';

export interface StaticServerOptions {
  /** Directory whose files are served (the built lab, web/dist). */
  root: string;
  /** Interface to bind; loopback by default so the lab is not exposed to the network. */
  host?: string;
  /** Port; 0 picks a free one (tests). */
  port?: number;
  /** How long a client may take to send its request headers (default 10 s; Node's is 60 s). */
  headersTimeoutMs?: number;
}

export interface StaticServer {
  /** Where the server listens, e.g. `http://127.0.0.1:5173/`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The lab runs with no network at all (no CDN, no fonts), and this policy makes the
 * browser enforce it. No inline scripts or styles either: the charts (src/plot) style
 * their SVG with presentation attributes, which CSP does not govern. 'wasm-unsafe-eval'
 * lets the #/mnist worker compile the WebAssembly SIMD kernels of its first layer
 * (src/core/kernels/denseInputMajorWasm.ts); without it chromium refuses, and the worker
 * trains on the scalar loops, about half as fast. It allows no eval of JavaScript.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * Serves the files under `root` and nothing else: GET and HEAD only, no directory
 * listing, no path escapes (see resolveStaticPath). A taken port is an XentError, so the
 * CLI reports it in one line with exit code 2.
 */
export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 5173;
  // A client that trickles its headers holds a socket; a static server needs no patience.
  // Node checks the timeouts every connectionsCheckingInterval (30 s by default).
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const timeouts = { headersTimeout, requestTimeout: Math.max(headersTimeout, 30_000), connectionsCheckingInterval: Math.min(headersTimeout, 1000) };
  const server = createServer(timeouts, (req, res) => {
    // Any Host other than loopback names, IP literals and the configured host is a
    // DNS-rebinding page reading the lab through its own name.
    if (!isAllowedHost(req.headers.host, host)) {
      send(res, 403, 'forbidden: this server answers only to localhost, an IP address or its configured host\n');
      return;
    }
    handle(options.root, req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'internal error\n');
      else res.destroy();
    });
  });
  await listen(server, host, port);
  const actual = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${actual}/`,
    port: actual,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((done, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') {
        fail(new XentError(`port ${port} on ${host} is already in use; stop the other server or pick another port`, { field: 'port' }));
      } else if (e.code === 'EACCES') {
        fail(new XentError(`not allowed to listen on port ${port} on ${host}`, { field: 'port' }));
      } else if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') {
        fail(new XentError(`cannot listen on host ${host}: no such local address`, { field: 'host' }));
      } else {
        fail(e);
      }
    });
    server.listen(port, host, () => done());
  });
}

async function handle(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, 405, 'method not allowed\n');
    return;
  }
  const file = resolveStaticPath(root, req.url ?? '');
  if (file === undefined) {
    send(res, 400, 'bad request\n');
    return;
  }
  const info = await stat(file).catch(() => undefined);
  if (info === undefined || !info.isFile()) {
    send(res, 404, 'not found\n');
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', mimeType(file));
  res.setHeader('Content-Length', info.size);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('Referrer-Policy', 'no-referrer');
  setIsolationHeaders(res);
  // Vite puts a content hash in every asset name, so only index.html may change.
  res.setHeader('Cache-Control', file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await new Promise<void>((done, fail) => {
    const stream = createReadStream(file);
    stream.on('error', fail);
    stream.on('end', () => done());
    stream.pipe(res);
  });
}

function send(res: ServerResponse, status: number, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // Error pages carry the same policy as the files: no response of the lab is without it.
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('Referrer-Policy', 'no-referrer');
  setIsolationHeaders(res);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

/**
 * Cross-origin isolation: with these, the page and its workers have SharedArrayBuffer, and
 * #/mnist trains on two threads. COEP require-corp costs the lab nothing, since it loads
 * only its own files (the CSP allows no other origin; data: images are exempt); CORP
 * same-origin says so of every response, workers' scripts included.
 */
function setIsolationHeaders(res: ServerResponse): void {
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}
