import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLabBuilt } from '../../src/server/ensureLabBuilt.js';
import { startStaticServer, type StaticServer } from '../../src/server/startStaticServer.js';
import { messages } from '../src/i18n/messages.js';
import { launchChromium, type Chromium } from './launchChromium.js';

// #/mnist end to end: the library's network trained in the lab's Web Worker, in chromium,
// under the server's CSP, against `node bin/xent.js train` for the same settings.

const repo = fileURLToPath(new URL('../..', import.meta.url));
let root: string;
let server: StaticServer;
let browser: Chromium;

beforeAll(async () => {
  root = await ensureLabBuilt();
  server = await startStaticServer({ root, port: 0 });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Opened {
  page: Page;
  problems: string[];
  requests: string[];
}

async function open(hash: string, width = 1280): Promise<Opened> {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP: ${e.violatedDirective} ${e.blockedURI}`));
    // The main thread's long tasks (≥ 50 ms), kept for the test to read.
    const w = window as unknown as { longTasks: { start: number; duration: number }[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.setViewportSize({ width, height: 900 });
  await page.goto(server.url + hash, { waitUntil: 'load' });
  await page.waitForSelector('.panel h2');
  return { page, problems, requests };
}

const untilDone = (page: Page, timeout = 120_000) =>
  page.waitForFunction(() => document.querySelector('.panel-mnist')?.classList.contains('is-training') === false && /Done|完成/.test(document.querySelector('.mnist-status')?.textContent ?? ''), null, { timeout });

async function runRow(page: Page, run: 'a' | 'b') {
  const row = page.locator(`.mnist-results tr[data-run="${run}"]`);
  return {
    accuracy: Number(await row.getAttribute('data-accuracy')),
    trainCost: Number(await row.getAttribute('data-train-cost')),
    seconds: Number(await row.getAttribute('data-seconds')),
    shown: await row.locator('.acc').innerText(),
  };
}

/** `xent train … --json`, the CLI the page promises to agree with. */
function cli(args: string[]): { epochs: { testAccuracy: number; trainCost: number; seconds: number }[] } {
  return JSON.parse(execFileSync(process.execPath, [join(repo, 'bin/xent.js'), 'train', ...args, '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 }));
}

describe('#/mnist', () => {
  it('loads its code and digits only when opened: the first page stays under 300 kB gzipped', { timeout: 60_000 }, async () => {
    const { page, problems, requests } = await open('#/entropy?lang=en');
    const local = requests.filter((u) => u.startsWith(server.url)).map((u) => new URL(u).pathname);
    expect(local.some((p) => /mnist|\.gz$/.test(p))).toBe(false);
    const files = [...new Set(local.map((p) => (p === '/' ? '/index.html' : p)))];
    const gzipped = files.map((p) => gzipSync(readFileSync(join(root, p)), { level: 9 }).length);
    const total = gzipped.reduce((s, n) => s + n, 0);
    console.log(`initial page (#/entropy): ${files.length} files, ${(total / 1024).toFixed(1)} kB gzipped: ${files.join(', ')}`);
    expect(total).toBeLessThan(300 * 1024);
    await page.click('a[data-route="mnist"]');
    await page.waitForSelector('.panel-mnist .mnist-train');
    expect(requests.some((u) => /mnistPanel/.test(u))).toBe(true);
    expect(requests.some((u) => /\.gz$/.test(u))).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('trains one short epoch in the worker and shows the accuracy, the confusion matrix and the digits', { timeout: 120_000 }, async () => {
    const { page, problems, requests } = await open('#/mnist?lang=en&mnistTrain=1000&mnistEpochs=1');
    await page.waitForSelector('.mnist-train');
    expect((await runRow(page, 'a')).shown).toBe('—');
    await page.click('.mnist-train');
    await untilDone(page);
    const a = await runRow(page, 'a');
    expect(a.shown).toMatch(/^\d+\.\d\d%$/);
    expect(a.accuracy).toBeGreaterThan(0.5);
    expect(requests.filter((u) => /digits-(images|labels)-.*\.gz$/.test(u))).toHaveLength(2);
    // The matrix counts all 2,000 test digits; the grid shows 24 with their probabilities.
    await page.locator('.mnist-inspect').scrollIntoViewIfNeeded();
    await page.waitForSelector('.confusion td');
    const cells = await page.locator('.confusion td').allInnerTexts();
    expect(cells).toHaveLength(100);
    expect(cells.reduce((s, c) => s + Number(c), 0)).toBe(2000);
    expect(await page.locator('.digit-grid .grid-digit').count()).toBe(24);
    expect(await page.locator('.digit-grid .prob-bars').count()).toBe(24);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps the page responsive while it trains: clicks and typing are handled while the worker trains', { timeout: 180_000 }, async () => {
    const { page, problems } = await open('#/mnist?lang=en&mnistHidden=100&vsHidden=100&mnistEpochs=3');
    await page.waitForSelector('.mnist-train');
    // Run A's command as the page prints it before training (the seed typed below changes
    // the command, not the run under way).
    const argsA = (await page.locator('.mnist-cli').innerText()).trim().split(' ').slice(2);
    const started = await page.evaluate(() => performance.now());
    await page.click('.mnist-train');
    await page.waitForFunction(() => /epoch/.test(document.querySelector('.mnist-status')?.textContent ?? ''), null, { timeout: 60_000 });
    // Interact while the worker trains: toggle the inspected run, type a seed.
    const roundTrips: number[] = [];
    for (let i = 0; i < 6; i++) {
      const run = i % 2 === 0 ? 'b' : 'a';
      const t0 = Date.now();
      await page.click(`.seg-button[data-run="${run}"]`);
      await page.waitForSelector(`.seg-button[data-run="${run}"][aria-pressed="true"]`);
      roundTrips.push(Date.now() - t0);
    }
    await page.fill('#mnist-seed', '5');
    await page.press('#mnist-seed', 'Enter');
    await page.waitForFunction(() => location.hash.includes('mnistSeed=5'));
    const stillTraining = await page.evaluate(() => document.querySelector('.panel-mnist')?.classList.contains('is-training'));
    await untilDone(page, 170_000);
    const tasks = await page.evaluate((t) => (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks.filter((e) => e.start >= t), started);
    const longest = Math.max(0, ...tasks.map((e) => e.duration));
    const a = await runRow(page, 'a');
    const seconds = [a, await runRow(page, 'b')].map((r) => r.seconds.toFixed(3));
    // The same run by the CLI: the worker's [784, 100, 10] network is the library's, so it
    // ends at the same test accuracy; its epoch time is printed beside the worker's.
    const cliA = cli(argsA);
    expect(argsA).toEqual(expect.arrayContaining(['--hidden', '100', '--epochs', '3', '--train-size', '8000']));
    expect(a.accuracy).toBe(cliA.epochs.at(-1)!.testAccuracy);
    const nodeSeconds = cliA.epochs.reduce((s, e) => s + e.seconds, 0) / cliA.epochs.length;
    console.log(
      `#/mnist while training [784, 100, 10] on 8,000 digits: longest main-thread task ${longest.toFixed(0)} ms ` +
        `(${tasks.length} long tasks ≥ 50 ms); click → update round trips ${Math.min(...roundTrips)}–${Math.max(...roundTrips)} ms; ` +
        `seconds per epoch in the worker A ${seconds[0]}, B ${seconds[1]}; node bin/xent.js train (run A) ${nodeSeconds.toFixed(3)} s; ` +
        `test accuracy ${a.accuracy} in both`,
    );
    // Responsiveness is judged by what happened, not by a clock: every click and the typed
    // seed took effect while training went on. The longest main-thread task is printed above
    // as a figure; the machine's load moves it, so no test bounds it.
    expect(stillTraining).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('gives the same accuracy as `xent train --json` for the same settings, and reads a digit drawn on the pad', { timeout: 180_000 }, async () => {
    const hash = '#/mnist?lang=en&mnistEpochs=2&mnistSeed=3&vsCost=log-likelihood&vsEta=0.5&vsInit=large';
    const { page, problems } = await open(hash);
    await page.waitForSelector('.mnist-train');
    const shownCommand = (await page.locator('.mnist-cli').innerText()).trim();
    await page.click('.mnist-train');
    await untilDone(page);
    const a = await runRow(page, 'a');
    const b = await runRow(page, 'b');
    // Run A's command is the one the page prints; run B's differs in cost, η and init.
    expect(shownCommand.startsWith('xent train ')).toBe(true);
    const argsA = shownCommand.split(' ').slice(2);
    const cliA = cli(argsA);
    const argsB = [...argsA];
    argsB[argsB.indexOf('--cost') + 1] = 'log-likelihood';
    argsB[argsB.indexOf('--init') + 1] = 'large';
    const cliB = cli(argsB);
    expect(argsA).toEqual(expect.arrayContaining(['--seed', '3', '--epochs', '2', '--train-size', '8000', '--hidden', '30']));
    expect(a.accuracy).toBe(cliA.epochs.at(-1)!.testAccuracy);
    // The costs agree to a few ulps, not bit for bit: chromium's V8 and Node's round
    // Math.exp and Math.log1p differently in the last bit now and then.
    const relative = (x: number, y: number) => Math.abs(x - y) / Math.abs(y);
    expect(relative(a.trainCost, cliA.epochs.at(-1)!.trainCost)).toBeLessThan(1e-12);
    expect(b.accuracy).toBe(cliB.epochs.at(-1)!.testAccuracy);
    expect(relative(b.trainCost, cliB.epochs.at(-1)!.trainCost)).toBeLessThan(1e-12);
    const nodeSeconds = cliA.epochs.map((e) => e.seconds);
    // The worker trained on the WebAssembly SIMD kernels, as Node does: the server's CSP
    // lets it compile them.
    expect(await page.locator('.mnist-status').getAttribute('data-kernels')).toBe('wasm-simd');
    console.log(
      `MNIST epoch, [784, 30, 10] cross-entropy, 8,000 digits, batch 10: lab worker (headless chromium, wasm-simd kernels) ${a.seconds.toFixed(3)} s ` +
        `(mean of 2 epochs), node bin/xent.js train ${(nodeSeconds.reduce((s, x) => s + x, 0) / nodeSeconds.length).toFixed(3)} s; ` +
        `test accuracy ${a.accuracy} in both`,
    );

    // A vertical stroke, drawn with the mouse: a "1".
    const pad = page.locator('canvas.pad');
    await pad.scrollIntoViewIfNeeded();
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.15);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + box.width * (0.5 - 0.002 * i), box.y + box.height * (0.15 + 0.035 * i));
    await page.mouse.up();
    await page.waitForFunction(() => document.querySelector('.pad-reading-a')?.hasAttribute('data-digit'));
    expect(await page.locator('.pad-reading-a').innerText()).toMatch(/^Run A reads \d \(\d+%\)$/);
    expect(await page.locator('.pad-reading-a').getAttribute('data-digit')).toBe('1');
    expect(await page.locator('.prob-bars.pad-bars:not(.is-empty)').count()).toBe(2);
    // What the network saw: dark pixels in the 28 × 28 preview.
    const ink = await page.locator('canvas.pad-preview').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, 28, 28).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 128) n++;
      return n;
    });
    expect(ink).toBeGreaterThan(10);
    await page.click('.pad-clear');
    expect(await page.locator('.pad-reading-a').innerText()).toBe('Draw a digit in the box.');

    // The keyboard's way in: a test digit picked from the list is read like a drawing.
    await page.locator('#mnist-pick').focus();
    await page.locator('#mnist-pick').selectOption('0');
    await page.waitForFunction(() => document.querySelector('.pad-reading-a')?.hasAttribute('data-digit'));
    expect(await page.locator('.pad-reading-a').innerText()).toMatch(/^Run A reads \d \(\d+%\)$/);

    // #/eval scores run A on its test digits, in the same session: the same accuracy.
    await page.locator('.nav-link[data-route="eval"]').click();
    await page.locator('.eval-source[data-example="mnist"]').click();
    await page.waitForSelector('.eval-accuracy .value');
    expect(await page.locator('[data-testid="eval-source-hint"]').innerText()).toContain('Run A');
    expect(Number(await page.locator('.eval-accuracy .value').getAttribute('data-value'))).toBe(a.accuracy);
    expect(await page.locator('.eval-table caption').innerText()).toBe('2,000 rows, 10 classes');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('restores its settings from a shared URL and writes changes back to it', { timeout: 60_000 }, async () => {
    const hash = '#/mnist?lang=zh&mnistCost=log-likelihood&mnistHidden=100&mnistEta=0.25&mnistInit=large&vsCost=cross-entropy&vsLambda=5&mnistEpochs=3&mnistSeed=7&mnistTrain=1000';
    const { page, problems } = await open(hash, 375);
    await page.waitForSelector('#mnist-a-cost');
    const values = async () =>
      page.evaluate(() =>
        ['a-cost', 'a-hidden', 'a-eta', 'a-lambda', 'a-init', 'b-cost', 'b-lambda', 'epochs', 'seed', 'train'].map((id) => (document.getElementById(`mnist-${id}`) as HTMLInputElement).value),
      );
    expect(await values()).toEqual(['log-likelihood', '100', '0.25', '0', 'large', 'cross-entropy', '5', '3', '7', '1000']);
    expect(await page.locator('.mnist-cli').innerText()).toContain('--cost log-likelihood --hidden 100 --eta 0.25 --lambda 0 --init large --epochs 3 --batch 10 --seed 7 --train-size 1000');
    expect(await page.locator('h2').innerText()).toBe('神经网络学认手写数字');
    // No English left on the Chinese page, apart from the command line (which is the CLI's)
    // and the page's own address.
    const zh = await page.evaluate(() => {
      const clone = document.body.cloneNode(true) as HTMLElement;
      clone.querySelector('.mnist-cli')?.remove();
      // The printed link is an address, whose keys are English words (mnistEpochs=…).
      clone.querySelector('.print-link')?.remove();
      return clone.textContent ?? '';
    });
    const english = Object.entries(messages)
      .filter(([key, m]) => key.startsWith('mnist.') && m.en !== m.zh)
      .flatMap(([, m]) => m.en.split(/\{\w+\}/))
      .map((f) => f.trim())
      .filter((f) => /[A-Za-z]{3}/.test(f) && f.length >= 4 && !Object.values(messages).some((m) => m.zh.includes(f)));
    expect(english.length).toBeGreaterThan(40);
    expect(english.filter((f) => zh.includes(f))).toEqual([]);
    await page.selectOption('#mnist-b-init', 'large');
    await page.waitForFunction(() => location.hash.includes('vsInit=large'));
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('#mnist-b-init');
    expect(await page.locator('#mnist-b-init').inputValue()).toBe('large');
    expect(await values()).toEqual(['log-likelihood', '100', '0.25', '0', 'large', 'cross-entropy', '5', '3', '7', '1000']);
    // No sideways scroll on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });
});
