// Takes the README's picture of the web lab: serves the built lab (web/dist, as
// `xent lab` does, on a free loopback port), opens a route in Debian's chromium through
// playwright-core and writes a PNG of the window.
//
// Usage: npm run build && npm run build:web && node scripts/screenshotLab.mjs
//          [--route '#/entropy'] [--out docs/images/lab-entropy.png] [--width 1200] [--height 930]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { ensureLabBuilt } from '../dist/server/ensureLabBuilt.js';
import { startStaticServer } from '../dist/server/startStaticServer.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    route: { type: 'string', default: '#/entropy' },
    out: { type: 'string', default: join(root, 'docs', 'images', 'lab-entropy.png') },
    width: { type: 'string', default: '1200' },
    height: { type: 'string', default: '930' },
  },
});

const labDir = await ensureLabBuilt();
const server = await startStaticServer({ root: labDir, port: 0 });
const profile = mkdtempSync(join(tmpdir(), 'xent-screenshot-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
  viewport: { width: Number(values.width), height: Number(values.height) },
  deviceScaleFactor: 1,
  locale: 'en-US',
});
try {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(new URL(values.route, server.url).href, { waitUntil: 'networkidle' });
  // The charts are drawn after the first frame; let them settle.
  await page.waitForSelector('svg');
  await page.waitForTimeout(500);
  if (errors.length > 0) throw new Error(`the page reported errors: ${errors.join('; ')}`);
  await page.screenshot({ path: values.out });
  const kB = statSync(values.out).size / 1000;
  process.stderr.write(`screenshot: ${values.route} → ${relative(root, values.out)} (${kB.toFixed(0)} kB)\n`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  await server.close();
}
