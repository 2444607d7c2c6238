import { needsSupervisor } from './output/needsSupervisor.js';

/**
 * What bin/xent.js runs (bundled into dist/bin by scripts/bundleCli.mjs). Commands that
 * write files and may work long run as a child of a small supervisor that removes their
 * temporary files whatever ends them, signals included; short ones handle their signals
 * themselves (needsSupervisor, pendingFiles). Only what the command needs is loaded:
 * start-up is most of a short command's time.
 */
export async function runBin(script: string, argv: readonly string[]): Promise<void> {
  if (needsSupervisor(argv)) {
    const { superviseCli } = await import('./output/superviseCli.js');
    superviseCli(script, argv);
    return;
  }
  const [{ main }, { handleSignalsInProcess }] = await Promise.all([import('./main.js'), import('./output/pendingFiles.js')]);
  // Under the supervisor, the child dies of a signal at once and the supervisor cleans up.
  if (process.env.XENT_CLEANUP_FD === undefined) handleSignalsInProcess();
  process.exitCode = await main(argv);
}
