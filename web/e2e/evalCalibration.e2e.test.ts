import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { exampleFiles } from '../src/panels/evalExamples.js';
import { translator } from '../src/i18n/translate.js';
import { servedLab } from './servedLab.js';

// #/eval's calibration section: temperature scaling fitted in the worker, judged against
// `xent calibrate` on the same rows, the slider along the log-loss curve, and the
// page's two exercises answered rightly and wrongly in both languages.

const lab = servedLab();
const open = (hash: string, width = 1280) => lab.open(hash, { width, waitFor: '.panel-eval' });
const fitted = '.eval-calibration[data-calibration-state="fitted"]';
const numberAt = async (page: Page, selector: string, attribute = 'data-value') => Number(await page.locator(selector).getAttribute(attribute));

/** The over-confident example's files, calibrated by the CLI: T* and the ECE before and after (15 equal-width bins, as the page). */
async function cliCalibration(): Promise<{ temperature: number; eceBefore: number; eceAfter: number; logLossBefore: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'xent-evalcal-e2e-'));
  const files = exampleFiles('overconfident');
  writeFileSync(join(dir, 'pred.csv'), files.pred);
  writeFileSync(join(dir, 'labels.csv'), files.labels);
  const r = await runCli(['calibrate', '--pred', join(dir, 'pred.csv'), '--labels', join(dir, 'labels.csv'), '--json']);
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout) as { calibrator: { temperature: number }; eceBefore: number; eceAfter: number; logLossBefore: number };
  return { temperature: out.calibrator.temperature, eceBefore: out.eceBefore, eceAfter: out.eceAfter, logLossBefore: out.logLossBefore };
}

/** Moves the slider to position i as a drag does: a new value and an input event. */
async function slideTo(page: Page, i: number): Promise<{ temperature: number; logLoss: number }> {
  await page.locator('#eval-cal-t').evaluate((el, i) => {
    (el as HTMLInputElement).value = String(i);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, i);
  return { temperature: await numberAt(page, '.eval-cal-readout', 'data-temperature'), logLoss: await numberAt(page, '.eval-cal-readout', 'data-log-loss') };
}

describe('#/eval calibration', () => {
  it('fits T > 1 to the over-confident example, as xent calibrate does, and lowers its ECE', { timeout: 90_000 }, async () => {
    const { page, problems } = await open('#/eval?lang=en&unit=nats&evalExample=overconfident');
    await page.waitForSelector(fitted, { timeout: 60_000 });
    const cli = await cliCalibration();
    const temperature = Number(await page.locator(fitted).getAttribute('data-temperature'));
    expect(temperature).toBeGreaterThan(1);
    expect(Math.abs(temperature / cli.temperature - 1)).toBeLessThan(1e-9);
    const eceBefore = await numberAt(page, '.eval-cal-ece td.before');
    const eceAfter = await numberAt(page, '.eval-cal-ece td.after');
    expect(eceAfter).toBeLessThan(eceBefore);
    expect(eceBefore).toBe(await numberAt(page, '.eval-ece .value'));
    expect(eceBefore).toBeCloseTo(cli.eceBefore, 12);
    expect(eceAfter).toBeCloseTo(cli.eceAfter, 9);
    // Temperature keeps the order of the classes, so the accuracy.
    expect(await numberAt(page, '.eval-cal-accuracy td.after')).toBe(await numberAt(page, '.eval-cal-accuracy td.before'));
    expect(await page.locator('.eval-cal-figures svg').count()).toBe(2);
    expect(await page.locator('[data-testid="eval-cal-sample"]').innerText()).toContain('2,000 of the 2,000 rows');
    expect(await page.locator('[data-testid="eval-cal-sample"]').innerText()).toContain('at most 100,000 rows');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the log-loss along the slider, changing as it moves and least at T*', { timeout: 90_000 }, async () => {
    const { page, problems } = await open('#/eval?lang=en&unit=nats&evalExample=overconfident');
    await page.waitForSelector(fitted, { timeout: 60_000 });
    const best = Number(await page.locator(fitted).getAttribute('data-temperature'));
    // It starts at T = 1, the model as given: the page's own log-loss.
    const start = { temperature: await numberAt(page, '.eval-cal-readout', 'data-temperature'), logLoss: await numberAt(page, '.eval-cal-readout', 'data-log-loss') };
    expect(start.temperature).toBe(1);
    // (the curve sums the shifted log-sum-exp of each row, the report log p: equal to rounding)
    expect(start.logLoss).toBeCloseTo(await numberAt(page, '.eval-logLoss .value'), 9);
    const positions = Number(await page.locator('#eval-cal-t').getAttribute('max')) + 1;
    const walk: { temperature: number; logLoss: number }[] = [];
    for (let i = 0; i < positions; i++) walk.push(await slideTo(page, i));
    // The temperatures increase along the slider, and the log-loss changes with them.
    for (let i = 1; i < walk.length; i++) {
      expect(walk[i].temperature).toBeGreaterThan(walk[i - 1].temperature);
      expect(walk[i].logLoss).not.toBe(walk[i - 1].logLoss);
    }
    const least = walk.reduce((a, b) => (b.logLoss < a.logLoss ? b : a));
    expect(least.temperature).toBe(best);
    // The readout says so there, and "Go to T*" goes there.
    await slideTo(page, 0);
    await page.getByRole('button', { name: 'Go to T*' }).click();
    expect(await numberAt(page, '.eval-cal-readout', 'data-temperature')).toBe(best);
    expect(await numberAt(page, '.eval-cal-readout', 'data-log-loss')).toBe(least.logLoss);
    expect(await page.locator('.eval-cal-readout').innerText()).toContain('the least, at T*');
    // The log-loss shown at T* is the sample's minimum, that of every row scored at T* here (2,000 rows, all in the sample).
    expect(least.logLoss).toBeCloseTo(await numberAt(page, '.eval-cal-logLoss td.after'), 9);
    expect(least.logLoss).toBeLessThan(start.logLoss);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('fits a file larger than the sample on a seeded 100,000 of its rows, and scores every row at T*', { timeout: 120_000 }, async () => {
    const { page, problems } = await open('#/eval?lang=en&unit=nats');
    // 150,000 rows of two classes, 0.9 on the class that is right 70% of the time, built in the page.
    await page.evaluate(() => {
      const rows = 150_000;
      const pred: string[] = [];
      const labels: string[] = [];
      for (let i = 0; i < rows; i++) {
        const first = i % 2 === 0;
        pred.push(first ? '0.9,0.1' : '0.1,0.9');
        labels.push(String(i % 10 < 7 ? (first ? 0 : 1) : first ? 1 : 0));
      }
      for (const [zone, name, text] of [
        ['pred', 'big-pred.csv', pred.join('\n')],
        ['labels', 'big-labels.csv', labels.join('\n')],
      ]) {
        const data = new DataTransfer();
        data.items.add(new File([text], name, { type: 'text/csv' }));
        document.querySelector(`[data-zone="${zone}"]`)!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      }
    });
    await page.waitForSelector(fitted, { timeout: 100_000 });
    expect(await page.locator('[data-testid="eval-cal-sample"]').innerText()).toContain('100,000 of the 150,000 rows');
    // Said 90%, right 70%: the best T maps 0.9 to 0.7 on every row, logit(0.7) = logit(0.9) / T; the
    // sample's share right is near 70%, so T* is near ln 9 / ln(7/3).
    const temperature = Number(await page.locator(fitted).getAttribute('data-temperature'));
    expect(temperature).toBeCloseTo(Math.log(9) / Math.log(7 / 3), 1);
    // Every row was scored again at T*: the after-ECE is that of all 150,000 rows, whose share right is exactly 70%.
    expect(await numberAt(page, '.eval-cal-ece td.before')).toBeCloseTo(0.2, 12);
    expect(await numberAt(page, '.eval-cal-ece td.after')).toBeLessThan(0.01);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says why no temperature can be fitted when a true class has probability 0', { timeout: 60_000 }, async () => {
    const { page, problems } = await open('#/eval?lang=zh');
    await page.evaluate(() => {
      for (const [zone, text] of [
        ['pred', '1,0\n0.5,0.5\n'],
        ['labels', '1\n0\n'],
      ]) {
        const data = new DataTransfer();
        data.items.add(new File([text], `${zone}.csv`, { type: 'text/csv' }));
        document.querySelector(`[data-zone="${zone}"]`)!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      }
    });
    await page.waitForSelector('.eval-calibration[data-calibration-state="unfit"]');
    expect(await page.locator('.eval-calibration .hint').innerText()).toBe(translator('zh')('evalLab.unfitZeroTrueClass'));
    expect(await page.locator('.eval-logLoss .value').innerText()).toContain('∞');
    expect(problems).toEqual([]);
    await page.close();
  });

  for (const lang of ['en', 'zh'] as const) {
    it(`judges the exercises, one right and one wrong, and explains (${lang})`, { timeout: 90_000 }, async () => {
      const t = translator(lang);
      const { page, problems } = await open(`#/eval?lang=${lang}`, 375);
      // A verdict from an earlier test in this browser would be shown instead of the question.
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await page.waitForSelector('[data-exercise="eval.temperature"]');
      const over = page.locator('[data-exercise="eval.overconfident"]');
      const temp = page.locator('[data-exercise="eval.temperature"]');
      expect(await over.getAttribute('data-exercise-state')).toBe('unanswered');
      expect(await over.locator('legend').innerText()).toBe(t('ex.eval.overconfident.q'));
      // English answers the first rightly and the second wrongly; Chinese the other way round.
      await over.getByLabel(t(lang === 'en' ? 'ex.eval.overconfident.over' : 'ex.eval.overconfident.under')).check();
      await over.locator('button[type="submit"]').click();
      await page.waitForSelector(`[data-exercise="eval.overconfident"][data-exercise-state="${lang === 'en' ? 'right' : 'wrong'}"]`, { timeout: 60_000 });
      const overFeedback = await over.locator('[data-exercise-feedback]').innerText();
      expect(overFeedback).toContain(t(lang === 'en' ? 'exercise.right' : 'exercise.wrong'));
      // The reveal scored the over-confident example, and the feedback quotes its top bin.
      expect(new URL(page.url()).hash).toContain('evalExample=overconfident');
      await page.locator('.eval-ece .value').waitFor();
      expect(overFeedback).toMatch(/\d+%.*\d+%/);
      expect(overFeedback).toContain(t(lang === 'en' ? 'ex.eval.overconfident.right' : 'ex.eval.overconfident.wrongUnder').split('{')[0]);

      await temp.getByLabel(t(lang === 'en' ? 'ex.eval.temperature.below' : 'ex.eval.temperature.above')).check();
      await temp.locator('button[type="submit"]').click();
      await page.waitForSelector(`[data-exercise="eval.temperature"][data-exercise-state="${lang === 'en' ? 'wrong' : 'right'}"]`, { timeout: 60_000 });
      await page.waitForSelector(fitted);
      const best = Number(await page.locator(fitted).getAttribute('data-temperature'));
      const tempFeedback = await temp.locator('[data-exercise-feedback]').innerText();
      expect(tempFeedback).toContain(t(lang === 'en' ? 'exercise.wrong' : 'exercise.right'));
      expect(tempFeedback).toContain(`T* = ${String(Number(best.toPrecision(4)))}`);
      expect(tempFeedback).toContain(t(lang === 'en' ? 'ex.eval.temperature.wrongBelow' : 'ex.eval.temperature.right').split('{')[0]);
      // At 375 px, with the calibration drawn, nothing scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
      // Try again clears the verdict.
      await temp.locator('.exercise-retry').click();
      expect(await temp.getAttribute('data-exercise-state')).toBe('unanswered');
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});
