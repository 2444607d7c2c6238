import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLabBuilt } from '../../src/server/ensureLabBuilt.js';
import { startStaticServer, type StaticServer } from '../../src/server/startStaticServer.js';
import { launchChromium, type Chromium } from './launchChromium.js';

// The lab's charts are SVG from src/plot, drawn under the server's Content-Security-Policy.

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

describe('the lab charts', () => {
  it.each([
    ['entropy', '.stack-chart', ['H(p,q)', 'H(q,p)', 'H(p) 1.750', 'KL 0.625', 'bits']],
    ['guess', '.play-card .chart', ['questions', 'rounds']],
    ['code', '.code-chart', ['bits per character', 'the text itself (UTF-8)']],
  ])('#/%s draws its chart with src/plot, inside its box, with no CSP violation', async (route, box, texts) => {
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP: ${e.violatedDirective} ${e.blockedURI}`));
    });
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${server.url}#/${route}?lang=en`, { waitUntil: 'load' });
      const svg = page.locator(`${box} svg.figure`);
      await svg.waitFor();
      expect(await svg.getAttribute('role')).toBe('img');
      expect(await svg.getAttribute('aria-label')).not.toBe('');
      const drawn = await svg.evaluate((el: SVGSVGElement) => ({
        ns: el.namespaceURI,
        width: el.getBoundingClientRect().width,
        boxWidth: (el.parentElement as HTMLElement).clientWidth,
        font: getComputedStyle(el).fontFamily,
        texts: [...el.querySelectorAll('text')].map((t) => t.textContent),
      }));
      expect(drawn.ns).toBe('http://www.w3.org/2000/svg');
      expect(drawn.width).toBeGreaterThan(200);
      expect(drawn.width).toBeLessThanOrEqual(drawn.boxWidth + 0.5);
      // The page's font stack, not the print figure's.
      expect(drawn.font).toContain('system-ui');
      expect(drawn.texts).toEqual(expect.arrayContaining(texts));
    }
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
