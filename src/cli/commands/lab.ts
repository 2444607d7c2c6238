import type { Command } from 'commander';
import { XentError } from '../../core/XentError.js';
import { ensureLabBuilt } from '../../server/ensureLabBuilt.js';
import { labPaths } from '../../server/labPaths.js';
import { startStaticServer } from '../../server/startStaticServer.js';
import type { CliIo } from '../CliIo.js';

interface LabFlags {
  host: string;
  port: string;
}

export function registerLab(program: Command, io: CliIo): void {
  program
    .command('lab')
    .description('serve the interactive web lab (builds it first if web/dist is missing)')
    .option('--host <HOST>', 'interface to listen on (loopback by default, so only this machine can connect)', '127.0.0.1')
    .option('--port <PORT>', 'port to listen on; 0 picks a free one', '5173')
    .addHelpText(
      'after',
      `
Examples:
  xent lab
  xent lab --port 8080`,
    )
    .action((flags: LabFlags) => runLab(flags, io));
}

async function runLab(flags: LabFlags, io: CliIo): Promise<void> {
  const port = parsePort(flags.port);
  const host = parseHost(flags.host);
  // Listen first, so a taken port is reported at once rather than after a build.
  const server = await startStaticServer({ root: labPaths.dist, host, port }).catch((e: unknown) => {
    // The server names its fields plainly; on the command line they are flags.
    if (e instanceof XentError) throw new XentError(e.problem, { field: `--${e.field}` });
    throw e;
  });
  try {
    await ensureLabBuilt((line) => io.err(`xent lab: ${line}\n`));
  } catch (e) {
    await server.close();
    throw e;
  }
  // The handlers come before the lines that say the lab is up, so a signal sent on
  // reading them always finds the server to close.
  const stopped = new Promise<NodeJS.Signals>((done) => {
    const stop = (received: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(() => done(received));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  io.out(`xent lab: serving ${server.url}\n`);
  const warning = networkWarning(host);
  if (warning !== undefined) io.err(`xent lab: ${warning}\n`);
  io.err('xent lab: press Ctrl-C to stop\n');
  const signal = await stopped;
  // The server is closed; with no listener left the default action applies, and the
  // process dies of the signal it was sent, so a shell sees 130 or 143, not a success,
  // and a script loop stops on Ctrl-C.
  process.kill(process.pid, signal);
}

/** An empty host would make Node listen on every interface, the opposite of the default. */
function parseHost(text: string): string {
  const host = text.trim();
  if (host === '') throw new XentError('the host is empty: give an interface address such as 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)', { field: '--host' });
  return host;
}

/** What to say when the lab listens beyond this machine (nothing for loopback). */
export function networkWarning(host: string): string | undefined {
  if (isLoopback(host)) return undefined;
  return `warning: listening on ${host}: the lab is reachable from the network, by anyone who can connect to this machine`;
}

/** 127.0.0.0/8, ::1 (also as ::ffff:127.x.y.z) and localhost: reachable from this machine only. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^(?:::ffff:)?127(?:\.\d{1,3}){3}$/.test(h) || /^0*:(?:0*:)*0*1$/.test(h);
}

function parsePort(text: string): number {
  const t = text.trim();
  const port = /^\d+$/.test(t) ? Number(t) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new XentError(`'${text}' is not a port number (0 to 65535)`, { field: '--port' });
  }
  return port;
}
