import { describe, expect, it } from 'vitest';
import { servedLab } from './servedLab.js';

// #/code's surprise view and mixer switch, in the built lab served by the real server.

const lab = servedLab();
const open = (hash: string, width = 1280) => lab.open(hash, { width, waitFor: '.surprise-char' });

const TEXT = 'the cat sat on the mat. the cat sat on the hat.\nthe cat sat on the mat.';
const hash = (lang: string) => `#/code?lang=${lang}&model=cm&text=${encodeURIComponent(TEXT)}`;
const number = (s: string) => Number(/[\d.]+/.exec(s.replace(/,/g, ''))![0]);

describe('#/code: surprise view and mixer switch', () => {
  it('shades every character by its cost; the running total ends at the cross-entropy', { timeout: 60_000 }, async () => {
    const { page, problems } = await open(hash('en'));
    const chars = page.locator('.surprise-char');
    expect(await chars.count()).toBe([...TEXT].length);
    // Shading grows with cost: the repeated second "the cat sat on the mat" is cheaper than the first.
    const costs = await chars.evaluateAll((els) => els.map((e) => Number(/([\d.]+) bits/.exec(e.getAttribute('aria-label') ?? '')![1])));
    const firstLine = costs.slice(0, 23).reduce((a, b) => a + b, 0);
    const repeat = costs.slice(48, 71).reduce((a, b) => a + b, 0);
    expect(repeat).toBeLessThan(firstLine / 2);
    const alphas = await chars.evaluateAll((els) => els.map((e) => Number(/rgba\(\d+, \d+, \d+, ([\d.]+)\)/.exec((e as HTMLElement).style.background)![1])));
    const order = costs.map((c, i) => [c, alphas[i]]).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < order.length; i++) expect(order[i][1]).toBeGreaterThanOrEqual(order[i - 1][1]);
    // One running total per line; the last equals the model's cross-entropy in the table.
    const totals = await page.locator('.surprise-total').allInnerTexts();
    expect(totals).toHaveLength(2);
    const crossEntropyBytes = Number(await page.locator('.row-crossEntropy td').first().innerText());
    expect(Math.abs(number(totals[1]) - 8 * crossEntropyBytes)).toBeLessThanOrEqual(1);
    expect(Math.abs(costs.reduce((a, b) => a + b, 0) - number(totals[1]))).toBeLessThanOrEqual(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('hovering or focusing a character shows the model’s top predictions there', { timeout: 60_000 }, async () => {
    const { page, problems } = await open(hash('en'));
    // Character 54 is the "a" of the third "cat": after "the c" the model should expect it.
    await page.locator('.surprise-char[data-index="53"]').hover();
    await expect.poll(() => page.locator('.surprise-top li').count()).toBe(5);
    expect(await page.locator('.surprise-detail').innerText()).toMatch(/^Character 54, “a”, cost [\d.]+ bits; code length so far [\d.]+ bits\./);
    expect(await page.locator('.surprise-top li').first().innerText()).toMatch(/^1\. a [\d.]+%$/);
    expect(await page.locator('.surprise-top li.hit').count()).toBe(1);
    // Keyboard: focus the first character, move right with the arrow key.
    await page.locator('.surprise-char[data-index="0"]').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('.surprise-detail').innerText()).toMatch(/^Character 2, “h”/);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-index'))).toBe('1');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the mixer switch recodes with the quadratic rule and shows both code lengths', { timeout: 60_000 }, async () => {
    const { page, problems } = await open(hash('en'));
    expect(await page.locator('#code-mixer-cross-entropy').isChecked()).toBe(true);
    const bitsOf = async (cost: string) => number(await page.locator(`label[for="code-mixer-${cost}"] .mixer-bits`).innerText());
    const ce = await bitsOf('cross-entropy');
    const quad = await bitsOf('quadratic');
    expect(ce).toBeGreaterThan(0);
    expect(quad).not.toBe(ce);
    const tableBits = async () => 8 * Number(await page.locator('.row-crossEntropy td').first().innerText());
    expect(Math.abs((await tableBits()) - ce)).toBeLessThanOrEqual(1);
    await page.locator('#code-mixer-quadratic').check();
    await expect.poll(async () => Math.abs((await tableBits()) - quad)).toBeLessThanOrEqual(1);
    expect(await page.locator('.mixer-diff').innerText()).toMatch(/quadratic rule (happens to )?cost/);
    expect(await page.locator('.mixer').innerText()).toContain('p(1 − p)·(y − p)');
    expect(await page.locator('.round-trip').innerText()).toContain('identical');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('speaks Chinese and fits 375 px (screenshots for review in the system temp directory)', { timeout: 60_000 }, async () => {
    for (const lang of ['en', 'zh']) {
      for (const width of [375, 1280]) {
        const { page, problems } = await open(hash(lang), width);
        await page.locator('.surprise-char[data-index="53"]').hover();
        await expect.poll(() => page.locator('.surprise-top li').count()).toBe(5);
        if (lang === 'zh') expect(await page.locator('.surprise h3').innerText()).toBe('逐字符的“意外”');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await page.locator('.surprise').screenshot({ path: `${process.env.TMPDIR ?? '/tmp'}/xent-code-surprise-${lang}-${width}.png` });
        await page.locator('.mixer').screenshot({ path: `${process.env.TMPDIR ?? '/tmp'}/xent-code-mixer-${lang}-${width}.png` });
        expect(problems).toEqual([]);
        await page.close();
      }
    }
  });
});
