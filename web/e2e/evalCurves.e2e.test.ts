import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import type { EvalReport } from '../../src/eval/EvalReport.js';
import { messages } from '../src/i18n/messages.js';
import { servedLab } from './servedLab.js';

// #/eval's smoothed reliability diagram (with its bootstrap band and density) and its
// risk–coverage curve, against `xent eval --bootstrap 200 --seed 1` on the same files.

const lab = servedLab();

/** 400 rows of 3 classes from a fixed linear congruential stream, over-confident on purpose. */
function files(): { pred: string; labels: string } {
  let state = 2026;
  const uniform = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  const pred: string[] = [];
  const labels: string[] = [];
  for (let i = 0; i < 400; i++) {
    const z = [0, 1, 2].map(() => Math.exp(4 * uniform()));
    const sum = z[0] + z[1] + z[2];
    const p = z.map((v) => v / sum);
    pred.push(p.map((v) => v.toFixed(6)).join(','));
    // Labels from softened probabilities: right less often than the confidence says.
    const q = p.map((v) => Math.sqrt(v));
    let u = uniform() * (q[0] + q[1] + q[2]);
    let y = 2;
    for (let k = 0; k < 3; k++) {
      u -= q[k];
      if (u < 0) {
        y = k;
        break;
      }
    }
    labels.push(String(y));
  }
  return { pred: pred.join('\n') + '\n', labels: labels.join('\n') + '\n' };
}

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

async function cliReport(pred: string, labels: string): Promise<EvalReport> {
  const dir = mkdtempSync(join(tmpdir(), 'xent-eval-curves-'));
  writeFileSync(join(dir, 'pred.csv'), pred);
  writeFileSync(join(dir, 'labels.csv'), labels);
  const r = await runCli(['eval', '--pred', join(dir, 'pred.csv'), '--labels', join(dir, 'labels.csv'), '--bootstrap', '200', '--seed', '1', '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as EvalReport;
}

const SHOTS = process.env.XENT_SHOTS;

describe('#/eval curves', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`shows the CLI's AURC, E-AURC and smooth ECE, the risk–coverage curve and the banded smoothed diagram (${lang})`, { timeout: 240_000 }, async () => {
      const { pred, labels } = files();
      const cli = await cliReport(pred, labels);
      for (const width of [1280, 375]) {
        const { page, problems } = await lab.open(`#/eval?lang=${lang}`, { width, waitFor: '.panel-eval' });
        await drop(page, 'pred', 'pred.csv', pred);
        await drop(page, 'labels', 'labels.csv', labels);
        await page.locator('.eval-aurc .value').waitFor();
        const value = async (key: string) => Number(await page.locator(`.eval-${key} .value`).getAttribute('data-value'));
        // The same engine on the same rows: the same float64.
        expect(await value('aurc')).toBe(cli.aurc);
        expect(await value('eAurc')).toBe(cli.eAurc);
        expect(await value('smoothEce')).toBe(cli.smoothEce);
        expect(await page.locator('.eval-aurc .desc').innerText()).toBe(messages['evalCurves.aurcDesc'][lang]);
        expect(await page.locator('.eval-eAurc .desc').innerText()).toBe(messages['evalCurves.eAurcDesc'][lang]);
        // The smoothed diagram: the diagonal, the curve, the density, and the band.
        const smooth = page.locator('.eval-smooth-figure svg');
        await smooth.waitFor();
        expect(await smooth.getAttribute('aria-label')).toContain(lang === 'en' ? 'Smoothed reliability diagram' : '平滑可靠性图');
        expect(await page.locator('.eval-smooth-figure path[fill-opacity]').count()).toBeGreaterThan(0);
        expect(cli.smoothReliability.band?.replicates).toBe(200);
        expect(await page.locator('.eval-smooth-hint').innerText()).toContain('200');
        // The risk–coverage curve and the figures in its hint, as the table prints them.
        expect(await page.locator('.eval-rc-figure svg path[stroke="#D55E00"]').count()).toBe(1);
        const hint = await page.locator('.eval-rc-hint').innerText();
        expect(hint).toContain(await page.locator('.eval-aurc .value').innerText());
        expect(hint).toContain(await page.locator('.eval-eAurc .value').innerText());
        // Nothing wider than the page.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        if (SHOTS !== undefined) {
          await page.locator('.eval-table').screenshot({ path: join(SHOTS, `eval-table-${lang}-${width}.png`) });
          await page.locator('.eval-curves').screenshot({ path: join(SHOTS, `eval-curves-${lang}-${width}.png`) });
        }
        expect(problems).toEqual([]);
        await page.close();
      }
    });
  }
});
