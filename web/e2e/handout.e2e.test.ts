import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { servedLab } from './servedLab.js';

// The lab printed, in the dark, on a phone and from the keyboard.

const lab = servedLab();

async function open(hash: string, width = 1280, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  return (await lab.open(hash, { width, colorScheme })).page;
}

/** Relative luminance of a CSS rgb() colour (WCAG 2). */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
const colours = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el) => {
    const style = getComputedStyle(el);
    return { color: style.color, background: getComputedStyle(document.documentElement).backgroundColor };
  });

describe('the lab as a handout, in the dark, on a phone and from the keyboard', () => {
  it('prints each page as a handout: no controls of the shell, the settings as text, the neuron page on at most 4 A4 pages', { timeout: 90_000 }, async () => {
    for (const lang of ['en', 'zh'] as const) {
      const page = await open(`#/neuron?lang=${lang}&eta=0.3`);
      await page.waitForSelector('.article-figure svg');
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      const pages = Number(/\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1]);
      // Four: the settings and the step written term by term, the three charts and the paths,
      // the book's widget, and the article's figure, which is kept whole on a page of its own.
      expect([lang, pages >= 1 && pages <= 4]).toEqual([lang, true]);
      await page.emulateMedia({ media: 'print' });
      const shown = await page.evaluate(() =>
        Object.fromEntries(['.nav', '.settings', '.footer', '.presets', '.print-settings', '.panel h2'].map((s) => [s, getComputedStyle(document.querySelector(s)!).display !== 'none'])),
      );
      expect(shown).toEqual({ '.nav': false, '.settings': false, '.footer': false, '.presets': false, '.print-settings': true, '.panel h2': true });
      const settings = await page.locator('.print-settings').innerText();
      expect(settings).toContain('0.3');
      expect(settings).toContain(lang === 'en' ? 'learning rate η' : '学习率 η');
      await page.close();
    }
  });

  it('follows the dark preference, keeps the chosen colours in the URL, and keeps text legible', { timeout: 60_000 }, async () => {
    const page = await open('#/entropy?lang=en', 1280, 'dark');
    const dark = await colours(page, '.panel h2');
    expect(luminance(dark.background)).toBeLessThan(0.05);
    expect(contrast(dark.color, dark.background)).toBeGreaterThan(7);
    // Each cost keeps its own colour: the bars of p and q differ in the dark too.
    const fills = await page.evaluate(() => ['.bars-p', '.bars-q'].map((s) => getComputedStyle(document.querySelector(`${s} rect.bar`)!).fill));
    expect(fills[0]).not.toBe(fills[1]);
    await page.locator('.theme-toggle').click();
    await page.waitForFunction(() => location.hash.includes('theme=light'));
    const light = await colours(page, '.panel h2');
    expect(luminance(light.background)).toBeGreaterThan(0.8);
    expect(contrast(light.color, light.background)).toBeGreaterThan(7);
    await page.locator('.theme-toggle').click();
    await page.waitForFunction(() => location.hash.includes('theme=dark'));
    await page.close();
    // A shared dark link is dark on a light system too.
    const shared = await open('#/neuron?lang=zh&theme=dark', 1280, 'light');
    const c = await colours(shared, '.intro');
    expect(luminance(c.background)).toBeLessThan(0.05);
    expect(contrast(c.color, c.background)).toBeGreaterThan(7);
    await shared.close();
  });

  it('reads well at 375 px: the article figure, the model list, the tabs, Chinese headers, the run labels and the surprise view', { timeout: 90_000 }, async () => {
    const neuron = await open('#/neuron?lang=zh', 375);
    await neuron.waitForSelector('.article-figure svg text');
    // The figure's text is drawn at a readable size, not shrunk with an 8-panel grid.
    const smallest = await neuron.locator('.article-figure svg text').evaluateAll((ts) => Math.min(...ts.map((t) => t.getBoundingClientRect().height).filter((h) => h > 0)));
    expect(smallest).toBeGreaterThan(8);
    await neuron.close();

    const code = await open('#/code?lang=en&model=order0', 375);
    const select = await code.locator('#code-model').boundingBox();
    expect(select!.x + select!.width).toBeLessThanOrEqual(375);
    // No word of the surprise view is split across lines.
    await code.waitForSelector('.surprise-char');
    const splits = await code.evaluate(() => {
      const chars = [...document.querySelectorAll<HTMLElement>('.surprise-text .surprise-char')];
      let n = 0;
      for (let i = 1; i < chars.length; i++) {
        const a = chars[i - 1];
        const b = chars[i];
        if (a.parentElement === b.parentElement && b.getBoundingClientRect().top > a.getBoundingClientRect().top + 2 && /\w/.test(a.textContent ?? '') && /\w/.test(b.textContent ?? '')) n++;
      }
      return { n, chars: chars.length };
    });
    expect(splits.chars).toBeGreaterThan(100);
    expect(splits.n).toBe(0);
    await code.close();

    // The tabs scroll to the page shown.
    const evalPage = await open('#/eval?lang=zh', 375);
    const tab = await evalPage.evaluate(() => {
      const nav = document.querySelector('.nav')!.getBoundingClientRect();
      const active = document.querySelector('.nav-link[aria-current="page"]')!.getBoundingClientRect();
      return { inside: active.left >= nav.left - 1 && active.right <= nav.right + 1 };
    });
    expect(tab.inside).toBe(true);
    await evalPage.close();

    // Chinese headers break between words, and each run's row is a line or two.
    const guess = await open('#/guess?lang=zh', 375);
    const lineHeight = await guess.locator('table th').first().evaluate((th) => parseFloat(getComputedStyle(th).lineHeight) || 20);
    const headerHeights = await guess.locator('thead th').evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().height));
    expect(Math.max(...headerHeights)).toBeLessThan(2.6 * lineHeight + 16);
    await guess.close();
    const mnist = await open('#/mnist?lang=zh&vsCost=quadratic&vsEta=3', 375);
    await mnist.waitForSelector('.mnist-results tbody th');
    const rowHeights = await mnist.locator('.mnist-results tbody th').evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().height));
    expect(Math.max(...rowHeights)).toBeLessThan(3 * lineHeight);
    expect(await mnist.locator('#mnist-pick').count()).toBe(1);
    expect(await mnist.locator('label[for="mnist-pick"]').innerText()).toContain('测试图');
    await mnist.close();
  });

  it('gives the keyboard a skip link first, and charts a sentence of their data', { timeout: 60_000 }, async () => {
    const page = await open('#/neuron?lang=en');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
    expect(await page.evaluate(() => location.hash)).toContain('#/neuron');
    // The a-vs-epoch chart says where its curves go, with the numbers of the readout.
    const label = (await page.locator('.chart svg[aria-label]').first().getAttribute('aria-label')) ?? '';
    const readout = await page.locator('.neuron-readout td').first().innerText();
    expect(label).toContain(readout.trim());
    expect(label).toMatch(/quadratic.*cross-entropy/);
    await page.close();
  });
});
