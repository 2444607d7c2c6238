import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLabBuilt } from '../../src/server/ensureLabBuilt.js';
import { startStaticServer, type StaticServer } from '../../src/server/startStaticServer.js';
import { launchChromium, type Chromium } from './launchChromium.js';

// #/mnist trains on two threads where `xent lab` isolates the page (COOP and COEP), on one
// on a host that does not (here: the same files with those two headers taken off the
// document), or with ?threads=1; and the two-thread run gives the one-thread run's
// results bit for bit (the library's guarantee, held in the browser too).

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

const HASH = '#/mnist?lang=en&mnistTrain=1000&mnistEpochs=2&vsHidden=100';

interface Trained {
  isolated: boolean;
  threads: string | null;
  used: string | null;
  note: string;
  runs: { accuracy: string | null; trainCost: string | null }[];
  problems: string[];
}

async function train(query: string, options: { stripIsolation?: boolean; lang?: 'en' | 'zh' } = {}): Promise<Trained> {
  const page: Page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()}`));
  if (options.stripIsolation) {
    // A static host that sends no isolation headers: the document arrives without them.
    await page.route(
      (url) => url.pathname === '/' || url.pathname.endsWith('/index.html'),
      async (route) => {
        const response = await route.fetch();
        const headers = { ...response.headers() };
        delete headers['cross-origin-opener-policy'];
        delete headers['cross-origin-embedder-policy'];
        await route.fulfill({ response, headers });
      },
    );
  }
  const hash = options.lang === 'zh' ? HASH.replace('lang=en', 'lang=zh') : HASH;
  await page.goto(`${server.url}${query}${hash}`, { waitUntil: 'load' });
  await page.waitForSelector('.mnist-train');
  await page.click('.mnist-train');
  await page.waitForFunction(() => document.querySelector('.mnist-threads')?.getAttribute('data-used')?.split(' ').length === 2, null, { timeout: 240_000 });
  const note = page.locator('.mnist-threads');
  const runs = await Promise.all(
    (['a', 'b'] as const).map(async (run) => {
      const row = page.locator(`.mnist-results tr[data-run="${run}"]`);
      return { accuracy: await row.getAttribute('data-accuracy'), trainCost: await row.getAttribute('data-train-cost') };
    }),
  );
  const result = {
    isolated: await page.evaluate(() => crossOriginIsolated),
    threads: await note.getAttribute('data-threads'),
    used: await note.getAttribute('data-used'),
    note: await note.innerText(),
    runs,
    problems,
  };
  await page.close();
  return result;
}

describe('#/mnist on two threads', () => {
  it('trains on 2 threads under xent lab, on 1 with ?threads=1 or without the headers, with the same results bit for bit', { timeout: 600_000 }, async () => {
    const two = await train('');
    expect(two.isolated).toBe(true);
    expect(two.threads).toBe('2');
    expect(two.used).toBe('a:2 b:2');
    expect(two.note).toMatch(/^Trains on 2 threads/);
    expect(two.problems).toEqual([]);

    const one = await train('?threads=1');
    expect(one.isolated).toBe(true);
    expect([one.threads, one.used]).toEqual(['1', 'a:1 b:1']);
    expect(one.note).toMatch(/^Trains on 1 thread, as the address asks/);

    const host = await train('', { stripIsolation: true, lang: 'zh' });
    expect(host.isolated).toBe(false);
    expect([host.threads, host.used]).toEqual(['1', 'a:1 b:1']);
    expect(host.note).toMatch(/^用 1 个线程训练：这个网站没有发送跨源隔离响应头/);
    expect(host.problems).toEqual([]);

    for (const runs of [one.runs, host.runs]) expect(runs).toEqual(two.runs);
    // Full precision, not a rounding of it: equal strings are equal doubles.
    expect(two.runs[0].trainCost).toMatch(/^\d\.\d{12,}/);
  });
});
