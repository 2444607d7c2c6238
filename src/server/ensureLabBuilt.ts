import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { XentError } from '../core/XentError.js';
import { labPaths } from './labPaths.js';

/**
 * Builds the lab with Vite unless web/dist already holds a build, and returns the
 * directory to serve. The published package ships web/dist (package.json `files`), so an
 * installed xent serves it as it is; only a checkout builds it, since Vite and the
 * sources are there alone. A package without either is reported, not crashed on.
 *
 * @param log receives one line before a build starts (the build takes seconds)
 */
export async function ensureLabBuilt(log: (line: string) => void = () => {}): Promise<string> {
  if (existsSync(join(labPaths.dist, 'index.html'))) return labPaths.dist;
  if (!existsSync(labPaths.viteConfig)) {
    throw new XentError('the web lab is not built (no web/dist) and its sources (web/) are missing; reinstall xent, or run npm run build:web in a checkout', { field: 'lab' });
  }
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    throw new XentError('the web lab is not built and vite is not installed; run npm install, then npm run build:web', { field: 'lab' });
  }
  log('building the web lab (web/dist)…');
  await vite.build({ configFile: labPaths.viteConfig, logLevel: 'warn' });
  return labPaths.dist;
}
