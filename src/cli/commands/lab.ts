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
  // Listen first, so a taken port is reported at once rather than after a build.
  const server = await startStaticServer({ root: labPaths.dist, host: flags.host, port }).catch((e: unknown) => {
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
  io.out(`xent lab: serving ${server.url}\n`);
  io.err('xent lab: press Ctrl-C to stop\n');
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function parsePort(text: string): number {
  const t = text.trim();
  const port = /^\d+$/.test(t) ? Number(t) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new XentError(`'${text}' is not a port number (0 to 65535)`, { field: '--port' });
  }
  return port;
}
