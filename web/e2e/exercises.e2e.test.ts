import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { compressBytes, MODEL_NAMES } from '../../src/coding/index.js';
import { crossEntropy } from '../../src/core/info/crossEntropy.js';
import { messages } from '../src/i18n/messages.js';
import { DEFAULT_TEXT } from '../src/state/labState.js';
import { servedLab } from './servedLab.js';

// The exercises: answered rightly and wrongly, retried, remembered, counted on the home
// page and forgotten, in both languages; and cross-entropy drawn as an area.

const lab = servedLab();
const P = [0.5, 0.25, 0.125, 0.125];
const Q = [0.125, 0.5, 0.25, 0.125];

const exercise = (page: Page, id: string) => page.locator(`[data-exercise="${id}"]`);
const stateOf = (page: Page, id: string) => exercise(page, id).getAttribute('data-exercise-state');
const feedbackOf = (page: Page, id: string) => exercise(page, id).locator('[data-exercise-feedback]').innerText();
const submit = (page: Page, id: string) => exercise(page, id).locator('button[type="submit"]').click();
const choose = (page: Page, id: string, value: string) => exercise(page, id).locator(`input[type="radio"][value="${value}"]`).check();
const retry = (page: Page, id: string) => exercise(page, id).getByRole('button', { name: /Try again|再试一次/ }).click();

/** Opens a route with no exercise answered yet (the pages of one test file share their storage). */
async function openFresh(hash: string, width = 1280) {
  const opened = await lab.open(hash, { width });
  await opened.page.evaluate(() => localStorage.removeItem('xent-lab-exercises'));
  await opened.page.reload();
  await opened.page.waitForSelector('.panel h2');
  return opened;
}

describe('exercises', () => {
  it('#/entropy: a wrong prediction is explained, retried, answered rightly and remembered', { timeout: 60_000 }, async () => {
    const { page, problems } = await openFresh('#/entropy?lang=en');
    const id = 'entropy.dropQ';
    expect(await stateOf(page, id)).toBe('unanswered');
    await expect.poll(() => page.locator('[data-exercise]').count()).toBe(2);
    // Nothing chosen: asked to choose, not judged.
    await submit(page, id);
    expect(await feedbackOf(page, id)).toBe(messages['exercise.pickOne'].en);
    expect(await stateOf(page, id)).toBe('unanswered');

    await choose(page, id, 'rise');
    await submit(page, id);
    await expect.poll(() => stateOf(page, id)).toBe('wrong');
    // The numbers of the reveal, from the library: q(B) lowered to ¼, the rest of q rescaled by 3/2.
    const qAfter = [0.1875, 0.25, 0.375, 0.1875];
    const before = crossEntropy(P, Q).toFixed(3);
    const after = crossEntropy(P, qAfter).toFixed(3);
    expect(before).toBe('2.375');
    const wrongText = await feedbackOf(page, id);
    expect(wrongText).toContain('Not quite.');
    expect(wrongText).toContain(`It falls, from ${before} to ${after} bits.`);
    // The reveal put the case on the page: the cards, the area and the formula show it.
    await expect.poll(() => page.locator('[data-measure="hpq"] .value').innerText()).toBe(after);
    await expect.poll(() => page.locator('[data-view="cross-entropy-formula"]').getAttribute('data-total'), { timeout: 5000 }).toBe(after);
    expect(await exercise(page, id).locator('input[type="radio"]').first().isDisabled()).toBe(true);

    await retry(page, id);
    expect(await stateOf(page, id)).toBe('unanswered');
    expect(await exercise(page, id).locator('input:checked').count()).toBe(0);
    expect(await exercise(page, id).locator('input[type="radio"]').first().isDisabled()).toBe(false);
    expect((await feedbackOf(page, id)).trim()).toBe('');
    // Focus is back on the choices, for the keyboard.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe('radio');

    await choose(page, id, 'fall');
    await submit(page, id);
    await expect.poll(() => stateOf(page, id)).toBe('right');
    expect(await feedbackOf(page, id)).toMatch(/^Right\. It falls, from 2\.375 to /);

    // A reload shows the verdict, and lets the learner answer anew.
    await page.reload();
    await page.waitForSelector('[data-exercise]');
    expect(await stateOf(page, id)).toBe('right');
    expect(await feedbackOf(page, id)).toContain(messages['exercise.earlierRight'].en);
    await retry(page, id);
    expect(await stateOf(page, id)).toBe('unanswered');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('#/entropy: answered by keyboard alone; q = 0 makes an infinite rectangle', { timeout: 60_000 }, async () => {
    const { page, problems } = await openFresh('#/entropy?lang=zh');
    const id = 'entropy.zeroQ';
    const radios = exercise(page, id).locator('input[type="radio"]');
    await radios.first().focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await radios.nth(2).isChecked()).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => stateOf(page, id)).toBe('right');
    expect(await feedbackOf(page, id)).toMatch(/^答对了。/);
    // The focus moved to "try again", and the area shows D's rectangle torn at the top.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(messages['exercise.tryAgain'].zh);
    await expect.poll(() => page.locator('rect[data-outcome="3"]').getAttribute('class')).toContain('clipped');
    expect(await page.locator('.area-infinite').innerText()).toContain('D');
    await expect.poll(() => page.locator('[data-view="cross-entropy-formula"]').getAttribute('data-total'), { timeout: 5000 }).toBe('Infinity');
    // A fieldset whose legend is the question.
    expect(await exercise(page, id).locator('fieldset legend').innerText()).toBe(messages['ex.entropy.zeroQ.q'].zh);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('#/guess (中文): a number out of range is refused, a far guess explained, a close one right after 1,000 rounds', { timeout: 60_000 }, async () => {
    const { page, problems } = await openFresh('#/guess?lang=zh');
    const id = 'guess.meanQuestions';
    const input = exercise(page, id).locator('input[type="number"]');
    expect(await exercise(page, id).locator(`label[for="${await input.getAttribute('id')}"]`).innerText()).toBe('你的答案（单位：次）');
    await input.fill('99');
    await submit(page, id);
    expect(await feedbackOf(page, id)).toBe('请填一个 0 到 30 之间的数。');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await stateOf(page, id)).toBe('unanswered');

    await input.fill('1');
    await submit(page, id);
    await expect.poll(() => stateOf(page, id)).toBe('wrong');
    const wrong = await feedbackOf(page, id);
    expect(wrong).toMatch(/^不太对。 ?你猜 1，可 1,000 局实际平均问了 [\d.]+ 次。/);
    // Huffman's tree for the worked q: A 3, B 1, C 2, D 3 questions, so Σ p·depth = 2.375.
    expect(wrong).toContain('Σ p_k × 深度_k = 2.375');
    expect(await page.locator('.stat-value.games').innerText()).toBe('1000');
    const mean = Number(await page.locator('.stat-value.mean').innerText());
    expect(Math.abs(mean - 2.375)).toBeLessThan(0.1);

    await retry(page, id);
    expect(await input.inputValue()).toBe('');
    await input.fill('2.4');
    await input.press('Enter');
    await expect.poll(() => stateOf(page, id)).toBe('right');
    expect(await feedbackOf(page, id)).toMatch(/^答对了。 ?很接近：你猜 2\.4，/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('#/code: the reveal runs every model, and the smallest file wins', { timeout: 90_000 }, async () => {
    const bytes = new TextEncoder().encode(DEFAULT_TEXT);
    const sizes = Object.fromEntries(MODEL_NAMES.map((m) => [m, compressBytes(bytes, { model: m }).outputBytes]));
    const smallest = Math.min(...Object.values(sizes));
    const winner = MODEL_NAMES.find((m) => sizes[m] === smallest)!;
    const loser = MODEL_NAMES.find((m) => sizes[m] > smallest)!;
    const { page, problems } = await openFresh('#/code?lang=en&model=order0');
    const id = 'code.smallerFile';
    await choose(page, id, loser);
    await submit(page, id);
    await expect.poll(() => stateOf(page, id), { timeout: 20_000 }).toBe('wrong');
    const wrong = await feedbackOf(page, id);
    expect(wrong).toContain(`${smallest} bytes`);
    expect(wrong).toContain(`makes ${sizes[loser]}`);
    // The reveal shows the winner's file in the table.
    await expect.poll(() => page.locator('#code-model').inputValue()).toBe(winner);
    await expect.poll(() => page.locator('.row-file td').first().innerText()).toBe(String(smallest));
    await retry(page, id);
    await choose(page, id, winner);
    await submit(page, id);
    await expect.poll(() => stateOf(page, id), { timeout: 20_000 }).toBe('right');
    expect(await feedbackOf(page, id)).toMatch(/^Right\. Yes: /);
    expect(problems).toEqual([]);
    await page.close();
  });

  for (const lang of ['en', 'zh'] as const) {
    it(`home (${lang}): each step counts its exercises answered rightly, and the button forgets them`, { timeout: 60_000 }, async () => {
      const { page, problems } = await openFresh(`#/entropy?lang=${lang}`);
      await choose(page, 'entropy.dropQ', 'fall');
      await submit(page, 'entropy.dropQ');
      await choose(page, 'entropy.zeroQ', 'little');
      await submit(page, 'entropy.zeroQ');
      await expect.poll(() => stateOf(page, 'entropy.zeroQ')).toBe('wrong');
      await page.locator('a.nav-link[data-route="home"]').click();
      await page.waitForSelector('[data-progress="entropy"]');
      const mark = page.locator('[data-progress="entropy"]');
      expect([await mark.getAttribute('data-done'), await mark.getAttribute('data-total')]).toEqual(['1', '2']);
      const progress = (k: number, n: number) => messages['home.progress'][lang].replace('{k}', String(k)).replace('{n}', String(n));
      expect((await mark.innerText()).trim()).toBe(progress(1, 2));
      expect((await page.locator('[data-progress="eval"]').innerText()).trim()).toBe(progress(0, 2));
      expect(await page.locator('[data-progress="entropy"] .dot-right').count()).toBe(1);
      expect(await page.locator('[data-progress="entropy"] .dot-wrong').count()).toBe(1);
      // The live figure moves: its reading changes over time (unless paused).
      const figure = page.locator('[data-figure="learning-area"] .home-figure-reading');
      const first = await figure.innerText();
      await expect.poll(() => figure.innerText(), { timeout: 5000 }).not.toBe(first);

      await page.getByRole('button', { name: messages['home.clearProgress'][lang] }).click();
      expect(await mark.getAttribute('data-done')).toBe('0');
      expect(await page.locator('.progress-cleared').innerText()).toBe(messages['home.clearedProgress'][lang]);
      expect(await page.evaluate(() => localStorage.getItem('xent-lab-exercises'))).toBeNull();
      await page.locator('a.nav-link[data-route="entropy"]').click();
      await page.waitForSelector('[data-exercise]');
      expect(await stateOf(page, 'entropy.dropQ')).toBe('unanswered');
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  it('every exercise id of the catalog is on its page', { timeout: 60_000 }, async () => {
    const { EXERCISE_IDS } = await import('../src/exercises/exerciseCatalog.js');
    for (const route of ['entropy', 'guess', 'code'] as const) {
      const { page } = await lab.open(`#/${route}?lang=en`);
      const ids = await page.locator('[data-exercise]').evaluateAll((els) => els.map((e) => e.getAttribute('data-exercise')));
      expect([route, ids]).toEqual([route, EXERCISE_IDS[route]]);
      await page.close();
    }
  });
});

describe('cross-entropy as an area', () => {
  const widthsOf = (page: Page) =>
    page.locator('[data-view="cross-entropy-area"] rect[data-outcome]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('width'))));
  const heightsOf = (page: Page) =>
    page.locator('[data-view="cross-entropy-area"] rect[data-outcome]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('height'))));

  it('draws p_k wide and log2(1/q_k) tall, and reshapes when p changes', { timeout: 60_000 }, async () => {
    const { page, problems } = await lab.open('#/entropy?lang=en', { width: 375 });
    const widths = await widthsOf(page);
    const total = widths.reduce((a, b) => a + b, 0);
    widths.forEach((w, k) => expect(w / total).toBeCloseTo(P[k], 6));
    const heights = await heightsOf(page);
    Q.forEach((q, k) => expect(heights[k] / heights[1]).toBeCloseTo(Math.log2(1 / q) / Math.log2(1 / Q[1]), 6));
    // The formula, typeset by KaTeX, sums to the same H(p,q).
    await page.waitForSelector('[data-view="cross-entropy-formula"] .katex');
    await expect.poll(() => page.locator('[data-view="cross-entropy-formula"]').getAttribute('data-total'), { timeout: 5000 }).toBe('2.375');

    // New p by the link, as a shared view would: the rectangles follow.
    const p2 = [0.1, 0.2, 0.3, 0.4];
    await page.evaluate((p) => (location.hash = `#/entropy?lang=en&p=${p.join(',')}`), p2);
    await expect.poll(async () => (await widthsOf(page))[3] / (await widthsOf(page)).reduce((a, b) => a + b, 0)).toBeCloseTo(0.4, 6);
    const w2 = await widthsOf(page);
    w2.forEach((w, k) => expect(w / w2.reduce((a, b) => a + b, 0)).toBeCloseTo(p2[k], 6));
    await expect.poll(() => page.locator('[data-view="cross-entropy-formula"]').getAttribute('data-total'), { timeout: 5000 }).toBe(crossEntropy(p2, Q).toFixed(3));

    // A keyboard drag of q's first bar grows A's q and shortens its rectangle.
    const before = (await heightsOf(page))[0];
    await page.locator('.bars-q [role="slider"][tabindex="0"]').focus();
    await page.keyboard.press('PageUp');
    await expect.poll(async () => (await heightsOf(page))[0]).toBeLessThan(before);

    // One tab stop; the arrow keys walk the rectangles, and focusing one reads its term.
    expect(await page.locator('rect[data-outcome][tabindex="0"]').count()).toBe(1);
    await page.locator('rect[data-outcome][tabindex="0"]').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-outcome'))).toBe('1');
    expect(await page.locator('.area-readout').innerText()).toMatch(/^B: 0\.200 wide/);
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-outcome'))).toBe('3');
    expect(await page.locator('.area-readout').innerText()).toMatch(/^D: 0\.400 wide × log₂\(1\/[\d.]+\) = [\d.]+ tall = [\d.]+ bits of the total\.$/);
    expect(problems).toEqual([]);
    await page.close();
  });
});
