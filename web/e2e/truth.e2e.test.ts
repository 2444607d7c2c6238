import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { servedLab } from './servedLab.js';

// What the lab claims, checked in the browser: equal learning rates where costs are
// compared, the true step ratio, the model list, named sources, the unit, plain-worded
// bad-link notices, ∞ rather than Infinity, and #/eval's examples, settings and errors.

const lab = servedLab();
const open = (hash: string, width = 1280) => lab.open(hash, { width });

const bodyText = (page: Page) => page.locator('main').innerText();
/** Words of three Latin letters or more, apart from names and symbols Chinese text keeps. */
const english = (text: string) => text.replace(/sigmoid|softmax|logits?|Brier|ECE|MCE|Nielsen|huaqi\.blue|Cross Entropy|Neural Networks and Deep Learning|Michael|xent[^\n]*|UTF-8|gzip|CSV|TSV|JSON|Lines|npy|src\/[\w/.]+|[\w-]+\.csv|KL|JS|MNIST|Web Worker|Hamlet|Tab|Simpson|ln|exp|stretch/g, '').match(/[A-Za-z]{3,}/g) ?? [];
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('what the lab says is true', () => {
  it('compares like with like and says what it measures, in both languages', { timeout: 90_000 }, async () => {
    for (const lang of ['en', 'zh'] as const) {
      // #/mnist: the default compares the costs at one η; a different η is called out.
      const mnist = await open(`#/mnist?lang=${lang}`);
      await mnist.page.waitForSelector('#mnist-a-eta');
      const etas = await mnist.page.evaluate(() => ['#mnist-a-eta', '#mnist-b-eta'].map((id) => (document.querySelector(id) as HTMLInputElement).value));
      expect(etas[0]).toBe(etas[1]);
      expect(await mnist.page.locator('.mnist-run-a select').first().inputValue()).not.toBe(await mnist.page.locator('.mnist-run-b select').first().inputValue());
      expect(await mnist.page.locator('[data-testid="mnist-eta-note"]').isVisible()).toBe(false);
      expect(await mnist.page.locator('.unit-note').innerText()).toMatch(lang === 'en' ? /nats/ : /奈特/);
      await mnist.page.evaluate(() => (location.hash = location.hash + '&vsEta=3'));
      const note = mnist.page.locator('[data-testid="mnist-eta-note"]');
      await note.waitFor({ state: 'visible' });
      expect(await note.innerText()).toContain('0.5');
      expect(await note.innerText()).toContain('3');
      expect(await note.innerText()).toMatch(lang === 'en' ? /same η/ : /η 相同/);
      await mnist.page.close();

      // #/derivation §6: the ratio is 1/σ′(z), at least 4, and large when saturated.
      const derivation = await open(`#/derivation?lang=${lang}`);
      const sixth = derivation.page.locator('.derivation-step').filter({ has: derivation.page.locator('[data-check="ratio"]') });
      const heading = await sixth.locator('h3').innerText();
      expect(heading).toContain('1/σ′(z)');
      expect(heading).toContain('4');
      const ratio = await derivation.page.locator('[data-check="ratio"]').innerText();
      const start = 1 / (sigmoid(4) * (1 - sigmoid(4)));
      expect(ratio).toContain(String(Number(start.toPrecision(3))));
      expect(await derivation.page.locator('.unit-note').count()).toBe(1);
      const costAxes = await derivation.page.locator('[data-chart="integral"] text').allInnerTexts();
      if (lang === 'zh') expect(costAxes.filter((s) => /nats/.test(s))).toEqual([]);
      await derivation.page.close();

      // #/neuron: sources named and linked; no notes about how the page was made.
      const neuron = await open(`#/neuron?lang=${lang}`);
      const text = await bodyText(neuron.page);
      expect(text).not.toMatch(/\bissue\b|需求|Article:/);
      const links = await neuron.page.locator('.sources a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(links.some((href) => href.includes('huaqi.blue'))).toBe(true);
      expect(links.some((href) => href.includes('neuralnetworksanddeeplearning.com/chap3'))).toBe(true);
      expect(await neuron.page.locator('.sources').innerText()).toContain('Cross Entropy 的前世今生');
      expect(await neuron.page.locator('.unit-note').count()).toBe(1);
      if (lang === 'zh') {
        const figureWords = await neuron.page.locator('.article-figure text').allInnerTexts();
        expect(figureWords.length).toBeGreaterThan(20);
        expect(english(figureWords.join('\n'))).toEqual([]);
      }
      await neuron.page.close();

      // #/code: cm mixes orders 1 to 4.
      const code = await open(`#/code?lang=${lang}`);
      const cm = await code.page.locator('#code-model option[value="cm"]').innerText();
      expect(cm).toContain('1–4');
      expect(cm).not.toContain('1–6');
      await code.page.close();

      // The bad-link notice names what the reader sees, and only what was wrong.
      const bad = await open(`#/entropy?lang=${lang}&p=abc&q=1,2,3`);
      const notice = await bad.page.locator('.notice').innerText();
      expect(notice).toContain(lang === 'en' ? 'the distribution p' : '分布 p');
      expect(notice).not.toContain(lang === 'en' ? 'distribution q' : '分布 q');
      await bad.page.close();
      const badMnist = await open(`#/mnist?lang=${lang}&mnistEpochs=0&mnistHidden=7&zoom=2`);
      const mnistNotice = await badMnist.page.locator('.notice').innerText();
      expect(mnistNotice).not.toMatch(/mnistEpochs|mnistHidden|zoom/);
      expect(mnistNotice).toContain(lang === 'en' ? 'number of epochs' : '训练轮数');
      if (lang === 'zh') expect(english(mnistNotice)).toEqual([]);
      await badMnist.page.close();
      expect([mnist.problems, derivation.problems, neuron.problems, code.problems]).toEqual([[], [], [], []]);
    }
  });

  it('scores built-in examples, keeps its settings in the URL, and says its errors in the page’s language', { timeout: 90_000 }, async () => {
    const { page, problems } = await open('#/eval?lang=en&evalExample=calibrated');
    const value = async (key: string) => Number(await page.locator(`.eval-${key} .value`).getAttribute('data-value'));
    await page.waitForSelector('.eval-ece .value');
    const calibrated = { ece: await value('ece'), logLoss: await value('logLoss'), accuracy: await value('accuracy') };
    await page.locator('.eval-source[data-example="overconfident"]').click();
    await page.waitForFunction((ece) => Number(document.querySelector('.eval-ece .value')?.getAttribute('data-value')) !== ece, calibrated.ece);
    const sharp = { ece: await value('ece'), logLoss: await value('logLoss'), accuracy: await value('accuracy') };
    // The same answers stated more confidently: equal accuracy, worse calibration and log-loss.
    expect(sharp.accuracy).toBe(calibrated.accuracy);
    expect(sharp.ece).toBeGreaterThan(3 * calibrated.ece);
    expect(sharp.logLoss).toBeGreaterThan(calibrated.logLoss);
    expect(await page.locator('.eval-figure svg').getAttribute('aria-label')).toMatch(/ECE 0\.\d+/);
    await page.fill('#eval-bins', '10');
    await page.locator('#eval-bins').dispatchEvent('change');
    await page.selectOption('#eval-binning', 'quantile');
    await page.waitForFunction(() => location.hash.includes('evalBins=10') && location.hash.includes('evalBinning=quantile') && location.hash.includes('evalExample=overconfident'));
    const hash = await page.evaluate(() => location.hash);
    await page.close();

    // The address alone brings the same view back.
    const again = await open(hash);
    await again.page.waitForSelector('.eval-ece .value');
    expect(await again.page.locator('#eval-bins').inputValue()).toBe('10');
    expect(await again.page.locator('.eval-source[data-example="overconfident"]').getAttribute('aria-pressed')).toBe('true');
    expect(await again.page.locator('.eval-figure svg').getAttribute('aria-label')).toContain('10');
    await again.page.close();

    // No network trained in this session: the page says how to get one.
    const digits = await open('#/eval?lang=en&evalExample=mnist');
    expect(await digits.page.locator('[data-testid="eval-source-hint"]').innerText()).toContain('Train one on the Digits page');
    expect(await digits.page.locator('.eval-mnist-link').isVisible()).toBe(true);
    await digits.page.close();

    // Rows that do not sum to 1: an error in Chinese pointing at 归一化, which then works.
    const zh = await open('#/eval?lang=zh');
    await zh.page.setInputFiles('#eval-pred', { name: 'pred.csv', mimeType: 'text/csv', buffer: Buffer.from('0.7,0.2,0.08\n0.1,0.8,0.1\n0.3,0.3,0.4\n') });
    await zh.page.setInputFiles('#eval-labels', { name: 'labels.csv', mimeType: 'text/csv', buffer: Buffer.from('0\n1\n2\n') });
    await zh.page.waitForSelector('.eval-status.error');
    const error = await zh.page.locator('.eval-status').innerText();
    expect(error).toContain('归一化');
    expect(english(error)).toEqual([]);
    await zh.page.check('#eval-normalize');
    await zh.page.waitForSelector('.eval-logLoss .value');
    await zh.page.waitForFunction(() => location.hash.includes('evalNormalize=on'));
    expect(await zh.page.locator('.eval-status').innerText()).not.toContain('归一化');
    await zh.page.close();

    // A true class given probability 0: the log-loss is ∞, written as the entropy page writes it.
    const inf = await open('#/eval?lang=en');
    await inf.page.setInputFiles('#eval-pred', { name: 'pred.csv', mimeType: 'text/csv', buffer: Buffer.from('1,0\n0.5,0.5\n') });
    await inf.page.setInputFiles('#eval-labels', { name: 'labels.csv', mimeType: 'text/csv', buffer: Buffer.from('1\n0\n') });
    await inf.page.waitForSelector('.eval-logLoss .value');
    const table = await inf.page.locator('.eval-table').innerText();
    expect(table).toContain('∞');
    expect(table).not.toMatch(/Infinity|NaN/);
    await inf.page.close();
    expect([problems, again.problems, digits.problems, zh.problems, inf.problems]).toEqual([[], [], [], [], []]);
  });
});
