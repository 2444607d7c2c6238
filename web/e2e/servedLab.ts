import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ensureLabBuilt } from '../../src/server/ensureLabBuilt.js';
import { startStaticServer, type StaticServer } from '../../src/server/startStaticServer.js';
import { launchChromium, type Chromium } from './launchChromium.js';

export interface OpenOptions {
  /** Viewport width in CSS pixels (default 1280; the height is 900). */
  width?: number;
  colorScheme?: 'light' | 'dark';
  /** What to wait for once loaded (default '.panel h2', a route's heading). */
  waitFor?: string;
}

export interface OpenedPage {
  page: Page;
  /** Console errors, page errors, failed requests and HTTP errors, as they happen. */
  problems: string[];
}

export interface ServedLab {
  /** The server's base URL, once the suite has started. */
  url(): string;
  open(hash: string, options?: OpenOptions): Promise<OpenedPage>;
}

/**
 * The built lab served by the real static server, and one chromium for the test file:
 * started before its tests and stopped after them. `open` loads a route in a new page that
 * records every problem the page shows.
 */
export function servedLab(): ServedLab {
  let server: StaticServer;
  let browser: Chromium;
  beforeAll(async () => {
    server = await startStaticServer({ root: await ensureLabBuilt(), port: 0 });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    url: () => server.url,
    async open(hash, options = {}) {
      const page = await browser.context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()}`));
      page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
      if (options.colorScheme !== undefined) await page.emulateMedia({ colorScheme: options.colorScheme });
      await page.setViewportSize({ width: options.width ?? 1280, height: 900 });
      await page.goto(server.url + hash, { waitUntil: 'load' });
      await page.waitForSelector(options.waitFor ?? '.panel h2');
      return { page, problems };
    },
  };
}
