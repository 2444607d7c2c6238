// How long the built lab takes to show its first route: from navigation to the route's
// panel in the page, and to the load event, in headless Chromium with a fresh cache, for
// each route in turn. Prints one JSON line: the median milliseconds over `--reps` loads.
//   node scripts/lab/firstRouteMs.mjs [--reps 5] [--root web/dist]
// Needs `npm run build` and `npm run build:web`, and /usr/bin/chromium.
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../../dist/server/startStaticServer.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : process.argv[i + 1];
};
const reps = Number(arg('reps', 5));
const root = arg('root', `${repo}web/dist`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ROUTES = ['', 'entropy', 'guess', 'code', 'neuron', 'derivation', 'mnist', 'eval'];

const server = await startStaticServer({ root, port: 0 });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const result = {};
try {
  for (const route of ROUTES) {
    const shown = [];
    const loaded = [];
    for (let r = 0; r < reps; r++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const start = Date.now();
      await page.goto(`${server.url}#/${route}`, { waitUntil: 'load' });
      loaded.push(Date.now() - start);
      // The panel is in the page once the shell has rendered the route (main.ts).
      await page.waitForFunction(() => (globalThis.document.querySelector('main')?.children.length ?? 0) > 0 && !globalThis.document.querySelector('[aria-busy="true"]'));
      shown.push(Date.now() - start);
      await context.close();
    }
    result[route === '' ? 'home' : route] = { shownMs: median(shown), loadMs: median(loaded) };
  }
} finally {
  await browser.close();
  await server.close();
}
process.stdout.write(`${JSON.stringify({ reps, routes: result, loadAverage: loadavg() })}\n`);
