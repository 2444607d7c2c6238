import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { messages } from '../src/i18n/messages.js';
import { servedLab } from './servedLab.js';

// #/eval end to end: two files dropped on the page, streamed by the worker through the
// engine of `xent eval`, and the log-loss compared with the CLI's on the same files.

const lab = servedLab();

const PRED = 'cat,dog,bird\n0.7,0.2,0.1\n0.1,0.8,0.1\n0.3,0.3,0.4\n0.5,0.25,0.25\n0.05,0.15,0.8\n0.6,0.3,0.1\n';
const LABELS = 'label\ncat\ndog\nbird\ndog\nbird\ncat\n';
const open = (hash: string, width = 1280) => lab.open(hash, { width, waitFor: '.panel-eval' });

/** Drops a file on a drop zone the way a browser does: a drop event carrying a DataTransfer. */
async function drop(page: Page, zone: 'pred' | 'labels', name: string, content: string): Promise<void> {
  await page.evaluate(
    ({ zone, name, content }) => {
      const data = new DataTransfer();
      data.items.add(new File([content], name, { type: 'text/plain' }));
      const target = document.querySelector(`[data-zone="${zone}"]`)!;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    { zone, name, content },
  );
}

async function cliLogLoss(unit: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'xent-eval-e2e-'));
  writeFileSync(join(dir, 'pred.csv'), PRED);
  writeFileSync(join(dir, 'labels.csv'), LABELS);
  const r = await runCli(['eval', '--pred', join(dir, 'pred.csv'), '--labels', join(dir, 'labels.csv'), '--unit', unit, '--json']);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { logLoss: number }).logLoss;
}

describe('#/eval', () => {
  it('evaluates two dropped files in a worker and gives the CLI’s log-loss, in bits and in nats', { timeout: 60_000 }, async () => {
    const { page, problems } = await open('#/eval?lang=en');
    expect(await page.locator('.eval-privacy').innerText()).toBe(messages['eval.privacy'].en);
    await drop(page, 'pred', 'pred.csv', PRED);
    await drop(page, 'labels', 'labels.csv', LABELS);
    const value = page.locator('.eval-logLoss .value');
    await value.waitFor();
    expect(Number(await value.getAttribute('data-value'))).toBe(await cliLogLoss('bits'));
    expect(await page.locator('.eval-figure svg').count()).toBe(1);
    expect(await page.locator('[data-testid="eval-pred-name"]').innerText()).toContain('pred.csv');
    // The unit toggle re-runs the worker.
    await page.locator('label[for="unit-nats"]').click();
    await page.waitForFunction(() => document.querySelector('.eval-logLoss .value')?.textContent?.endsWith('nats'));
    expect(Number(await value.getAttribute('data-value'))).toBe(await cliLogLoss('nats'));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('scores rows printed with six decimals as given, as the CLI does, and refuses rows no rounding explains', { timeout: 60_000 }, async () => {
    const { page } = await open('#/eval?lang=en');
    const rounded = '0.333333,0.333333,0.333333\n0.142857,0.285714,0.571429\n';
    await drop(page, 'pred', 'six.csv', rounded);
    await drop(page, 'labels', 'six-y.csv', '0\n2\n');
    const value = page.locator('.eval-logLoss .value');
    await value.waitFor();
    const dir = mkdtempSync(join(tmpdir(), 'xent-eval-e2e-'));
    writeFileSync(join(dir, 'six.csv'), rounded);
    writeFileSync(join(dir, 'six-y.csv'), '0\n2\n');
    const cli = await runCli(['eval', '--pred', join(dir, 'six.csv'), '--labels', join(dir, 'six-y.csv'), '--unit', 'bits', '--json']);
    expect(Number(await value.getAttribute('data-value'))).toBe((JSON.parse(cli.stdout) as { logLoss: number }).logLoss);
    await drop(page, 'pred', 'bad.csv', '0.333333,0.333333,0.300000\n0.142857,0.285714,0.571429\n');
    await page.waitForSelector('.eval-status.error');
    expect(await page.locator('.eval-status').innerText()).toMatch(/sum to 0\.966666/);
    await page.close();
  });

  it('shows the engine’s one-line error for a bad file', { timeout: 60_000 }, async () => {
    const { page } = await open('#/eval?lang=en');
    await drop(page, 'pred', 'pred.csv', PRED);
    await drop(page, 'labels', 'labels.csv', 'cat\ncow\n');
    await page.waitForSelector('.eval-status.error');
    expect(await page.locator('.eval-status').innerText()).toBe('Cannot evaluate: the label “cow” is not one of the classes (cat, dog, bird) (labels.csv, line 2, column 1)');
    await page.close();
  });

  it('fits 375 px and 1280 px in English and Chinese', { timeout: 90_000 }, async () => {
    for (const lang of ['en', 'zh'] as const) {
      for (const width of [375, 1280]) {
        const { page, problems } = await open(`#/eval?lang=${lang}`, width);
        await drop(page, 'pred', 'pred.csv', PRED);
        await drop(page, 'labels', 'labels.csv', LABELS);
        await page.locator('.eval-figure svg').waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect([lang, width, overflow]).toEqual([lang, width, 0]);
        expect(await page.locator('.panel h2').innerText()).toBe(messages['eval.title'][lang]);
        if (process.env.XENT_SCREENSHOTS) await page.screenshot({ path: join(process.env.XENT_SCREENSHOTS, `eval-${lang}-${width}.png`), fullPage: true });
        expect(problems).toEqual([]);
        await page.close();
      }
    }
  });
});
