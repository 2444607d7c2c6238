import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLabBuilt } from '../../src/server/ensureLabBuilt.js';
import { startStaticServer, type StaticServer } from '../../src/server/startStaticServer.js';
import { messages } from '../src/i18n/messages.js';
import { launchChromium, type Chromium } from './launchChromium.js';

// End-to-end: the built lab (web/dist) served by the real server, driven in chromium.

let server: StaticServer;
let browser: Chromium;

beforeAll(async () => {
  const root = await ensureLabBuilt();
  server = await startStaticServer({ root, port: 0 });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Opened {
  page: Page;
  /** Console errors, uncaught exceptions and failed requests seen so far. */
  problems: string[];
}

async function open(hash: string, width = 1280): Promise<Opened> {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  await page.setViewportSize({ width, height: 900 });
  await page.goto(server.url + hash, { waitUntil: 'load' });
  await page.waitForSelector('.panel h2');
  return { page, problems };
}

const text = (page: Page, selector: string) => page.locator(selector).first().innerText();
const measure = (page: Page, key: string) => text(page, `.measure-${key} .value`);

/** English fragments that must not survive a switch to Chinese (placeholders split them). */
const englishOnly = Object.values(messages)
  .flatMap((m) => (m.en === m.zh ? [] : m.en.split(/\{\w+\}/)))
  .map((s) => s.trim())
  .filter((s) => /[A-Za-z]{3}/.test(s) && s.length >= 4)
  .filter((s) => !Object.values(messages).some((m) => m.zh.includes(s)));

const CJK = /[\u3400-\u9fff\uff00-\uffef]/;

describe('the web lab', () => {
  it('loads every route at 375 px and 1280 px with no console error and no sideways scroll', { timeout: 90_000 }, async () => {
    for (const width of [375, 1280]) {
      for (const route of ['entropy', 'guess', 'code']) {
        const { page, problems } = await open(`#/${route}?lang=en`, width);
        await page.waitForLoadState('networkidle');
        expect(await page.locator('.nav-link[aria-current="page"]').getAttribute('data-route')).toBe(route);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect([route, width, overflow]).toEqual([route, width, 0]);
        expect([route, problems]).toEqual([route, []]);
        await page.close();
      }
    }
  });

  it('shows the worked example: H(p) = H(q) = 1.75, H(p,q) = 2.375, H(q,p) = 2.25 bits', async () => {
    const { page, problems } = await open('#/entropy');
    expect(await measure(page, 'hp')).toBe('1.750');
    expect(await measure(page, 'hq')).toBe('1.750');
    expect(await measure(page, 'hpq')).toBe('2.375');
    expect(await measure(page, 'hqp')).toBe('2.250');
    expect(await measure(page, 'klpq')).toBe('0.625');
    expect(await measure(page, 'klqp')).toBe('0.500');
    const body = await page.locator('main').innerText();
    for (const value of ['1.75', '2.25', '2.375']) expect(body).toContain(value);
    expect(await text(page, '.measure-hp .unit')).toBe('bits');
    // Presets change the numbers, the worked example brings them back.
    await page.getByRole('button', { name: 'Uniform' }).click();
    expect(await measure(page, 'hpq')).toBe('2.000');
    await page.getByRole('button', { name: 'Worked example' }).click();
    expect(await measure(page, 'hpq')).toBe('2.375');
    // In nats: 1.75 bits × ln 2.
    await page.locator('label[for="unit-nats"]').click();
    expect(await measure(page, 'hp')).toBe((1.75 * Math.LN2).toFixed(3));
    expect(await text(page, '.measure-hp .unit')).toBe('nats');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('changes the numbers when a bar is dragged or moved with the keyboard', async () => {
    const { page, problems } = await open('#/entropy');
    const barA = page.locator('.bars-p g[role="slider"]').nth(0);
    const box = await barA.locator('.bar').boundingBox();
    if (!box) throw new Error('bar A is not drawn');
    // Drag p(A) from 0.5 down to about a quarter of the axis.
    await page.mouse.move(box.x + box.width / 2, box.y + 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const dragged = Number(await barA.getAttribute('aria-valuenow'));
    expect(dragged).toBeGreaterThan(0.15);
    expect(dragged).toBeLessThan(0.35);
    expect(await measure(page, 'hp')).not.toBe('1.750');
    expect(await measure(page, 'hpq')).not.toBe('2.375');
    // The others were rescaled: the typed field still sums to 1.
    const typed = (await page.locator('#type-p').inputValue()).split(',').map(Number);
    expect(typed.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);

    // Keyboard: the chart is one tab stop, ← → pick a bar, ↑ raises it.
    const before = await measure(page, 'hp');
    await barA.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    const barB = page.locator('.bars-p g[role="slider"]').nth(1);
    await expect.poll(() => barB.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await measure(page, 'hp')).not.toBe(before);

    // Typing numbers works too, and counts are normalised.
    await page.locator('#type-q').fill('1, 1, 1, 1');
    await page.locator('#type-q').press('Enter');
    await expect.poll(() => measure(page, 'hq')).toBe('2.000');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('switches every visible label when the language is toggled', { timeout: 60_000 }, async () => {
    expect(englishOnly.length).toBeGreaterThan(100);
    for (const route of ['entropy', 'guess', 'code']) {
      const { page, problems } = await open(`#/${route}?lang=en`);
      expect(CJK.test((await page.locator('body').innerText()).replace('中文', ''))).toBe(false);
      await page.locator('.lang-toggle').click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      await expect.poll(() => page.url()).toContain('lang=zh');
      // File names of the source excerpts (src/coding/questions/…) stay as they are.
      const zh = (await page.locator('body').innerText()).replace(/src\/[\w/.]+/g, '');
      const left = englishOnly.filter((s) => zh.includes(s));
      expect([route, left]).toEqual([route, []]);
      expect(zh).toContain(messages['nav.entropy'].zh);
      expect(zh).toContain(messages[`${route}.title` as keyof typeof messages].zh);
      // And back.
      await page.locator('.lang-toggle').click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(CJK.test((await page.locator('body').innerText()).replace('中文', ''))).toBe(false);
      expect(problems).toEqual([]);
      await page.close();
    }
  });

  it('restores the whole view from a shared URL', async () => {
    const { page, problems } = await open('#/entropy?lang=en');
    await page.locator('.bars-q g[role="slider"]').nth(0).focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowUp');
    await page.getByRole('button', { name: 'One outcome more' }).click();
    await page.locator('label[for="unit-nats"]').click();
    await page.locator('.lang-toggle').click();
    await page.locator('.nav-link[data-route="guess"]').click();
    await page.locator('label[for="strategy-shannon"]').click();
    await expect.poll(() => page.url()).toContain('strategy=shannon');
    const shared = page.url();
    const table = await text(page, 'table.codes');

    const { page: other, problems: otherProblems } = await open(shared.slice(server.url.length));
    expect(await text(other, 'table.codes')).toBe(table);
    expect(await other.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await other.locator('#strategy-shannon').isChecked()).toBe(true);
    expect(await other.locator('#unit-nats').isChecked()).toBe(true);
    expect(await other.locator('.codes tbody tr').count()).toBe(5);
    // The entropy page of both shows the same numbers.
    await page.locator('.nav-link[data-route="entropy"]').click();
    await other.locator('.nav-link[data-route="entropy"]').click();
    expect(await text(other, '.measures')).toBe(await text(page, '.measures'));
    expect(await measure(other, 'hp')).not.toBe('1.213');
    expect([...problems, ...otherProblems]).toEqual([]);
    await page.close();
    await other.close();
  });

  it('reports a damaged link and falls back to defaults', async () => {
    const { page, problems } = await open('#/entropy?lang=en&p=1,-2&unit=furlongs');
    expect(await text(page, '.notice')).toContain('the distribution p; the unit');
    expect(await measure(page, 'hp')).toBe('1.750');
    expect(page.url()).not.toContain('furlongs');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('plays the guessing game: the computer, then the reader asking and answering', { timeout: 60_000 }, async () => {
    const { page, problems } = await open('#/guess?lang=en');
    expect(await text(page, '.stat-value.hp')).toBe('1.750');
    expect(await text(page, '.stat-value.hpq')).toBe('2.375');
    expect(await page.locator('.question-tree .node-leaf').count()).toBe(4);
    await page.locator('#guess-speed').selectOption('fast');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(async () => Number(await text(page, '.stat-value.games')), { timeout: 20_000 }).toBeGreaterThanOrEqual(100);
    await page.getByRole('button', { name: 'Pause' }).click();
    const mean = Number(await text(page, '.stat-value.mean'));
    expect(mean).toBeGreaterThan(1.75);
    expect(mean).toBeLessThan(3);

    // The reader asks about a hidden secret, halving the candidates each time.
    for (let i = 0; i < 6 && (await page.locator('.you-card .result').innerText()) === ''; i++) {
      const letters = page.locator('.you-card .letter');
      const n = await letters.count();
      for (let k = 0; k < Math.floor(n / 2); k++) await letters.nth(k).click();
      await page.getByRole('button', { name: 'Ask', exact: true }).click();
    }
    expect(await text(page, '.you-card .result')).toMatch(/^It is [A-D]! Questions you asked: \d\./);

    // The reader answers the tree's questions (always "no": the most likely branch of B).
    await page.getByRole('button', { name: 'You answer' }).click();
    await page.getByRole('button', { name: 'no', exact: true }).click();
    expect(await text(page, '.you-card .result')).toBe('Your secret is B. Questions asked: 1; your answers: no.');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('compresses text: real arithmetic-coded size next to the cross-entropy, and gzip', async () => {
    const { page, problems } = await open('#/code?lang=en');
    await expect.poll(() => text(page, '.row-gzip td')).toMatch(/^\d+$/);
    const cells = async (row: string) => (await page.locator(`.row-${row} td`).allInnerTexts()).map(Number);
    const [payloadBytes, payloadPerChar] = await cells('payload');
    const [crossEntropyBytes, crossEntropyPerChar] = await cells('crossEntropy');
    expect(payloadBytes).toBeGreaterThan(0);
    expect(Math.abs(payloadBytes - crossEntropyBytes)).toBeLessThanOrEqual(5);
    expect(Math.abs(payloadPerChar - crossEntropyPerChar)).toBeLessThan(0.3);
    expect(await text(page, '.round-trip')).toContain('identical');

    await page.locator('#code-text').fill('abababababababababababababababababababab');
    await expect.poll(() => text(page, '.counts')).toBe('40 characters, 40 bytes in UTF-8');
    await expect.poll(() => page.url()).toContain('text=abab');
    await page.locator('#code-model').selectOption('order0');
    await expect.poll(() => page.url()).toContain('model=order0');
    // Order 0 sees two equally likely letters: one bit per character.
    await expect.poll(async () => (await cells('crossEntropy'))[1]).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('the lab server on the built files', () => {
  function rawGet(path: string): Promise<{ status: number; type: string; body: string }> {
    return new Promise((done, fail) => {
      const req = request({ host: '127.0.0.1', port: server.port, path }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => done({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
      });
      req.on('error', fail);
      req.end();
    });
  }

  it.each(['/../package.json', '/../../package.json', '/%2e%2e/package.json', '/%2E%2E%2Fpackage.json', '/assets/..%2f..%2f..%2fpackage.json', '/..%5c..%5cpackage.json'])(
    'refuses %s',
    async (path) => {
      const r = await rawGet(path);
      expect(r.status).toBe(400);
      expect(r.body).not.toContain('"name"');
    },
  );

  it('serves the built files with their MIME types and no directory listing', async () => {
    const index = await rawGet('/');
    expect(index).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(index.body)?.[1];
    const style = /href="\.\/(assets\/[^"]+\.css)"/.exec(index.body)?.[1];
    expect((await rawGet(`/${script}`)).type).toBe('text/javascript; charset=utf-8');
    expect((await rawGet(`/${style}`)).type).toBe('text/css; charset=utf-8');
    expect((await rawGet('/favicon.svg')).type).toBe('image/svg+xml');
    expect((await rawGet('/assets')).status).toBe(404);
  });

  it('`xent lab --port 0` serves the lab and prints its URL', { timeout: 30_000 }, async () => {
    const bin = fileURLToPath(new URL('../../bin/xent.js', import.meta.url));
    const built = fileURLToPath(new URL('../../dist/cli/commands/lab.js', import.meta.url));
    expect(existsSync(built), 'dist/ is built by `npm test` (pretest: npm run build)').toBe(true);
    const child = spawn(process.execPath, [bin, 'lab', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((done, fail) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (m) done(m[1]);
        });
        child.on('exit', (code) => fail(new Error(`xent lab exited with ${code}`)));
      });
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>xent lab</title>');
    } finally {
      // It closes its server and dies of the signal, as the CLI contract says (a shell sees 143).
      const exited = new Promise((done) => child.on('exit', (code, signal) => done({ code, signal })));
      child.kill('SIGTERM');
      expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });
    }
  });
});
