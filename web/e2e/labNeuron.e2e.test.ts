import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random/createRng.js';
import { createNetwork } from '../../src/nn/Network.js';
import { trainNeuron } from '../../src/nn/neuron.js';
import { messages } from '../src/i18n/messages.js';
import { translator } from '../src/i18n/translate.js';
import { neuronStepPlain } from '../src/panels/neuronFormula.js';
import { firstBelow, firstSteps } from '../src/panels/neuronExerciseFacts.js';
import { neuronStepNumbers } from '../src/panels/neuronStepNumbers.js';
import { changeSinceStart, weightImage } from '../src/widgets/weightImage.js';
import { servedLab } from './servedLab.js';

// #/neuron's moving formula and exercises, #/derivation's exercise, and #/mnist's exercise
// and hidden-unit weights, in chromium, in both languages.

const lab = servedLab();
const repo = fileURLToPath(new URL('../..', import.meta.url));
const LANGS = ['en', 'zh'] as const;

const exercise = (page: Page, id: string) => page.locator(`[data-exercise="${id}"]`);
const stateOf = (page: Page, id: string) => exercise(page, id).getAttribute('data-exercise-state');
const feedbackOf = (page: Page, id: string) => exercise(page, id).locator('[data-exercise-feedback]').innerText();

/** The exercise ready for an answer: an answer from an earlier page of this browser is cleared. */
async function fresh(page: Page, id: string): Promise<void> {
  await exercise(page, id).waitFor();
  if ((await stateOf(page, id)) !== 'unanswered') await exercise(page, id).locator('.exercise-retry').click();
  expect(await stateOf(page, id)).toBe('unanswered');
}

async function choose(page: Page, id: string, value: string): Promise<void> {
  await exercise(page, id).locator(`input[type="radio"][value="${value}"]`).check();
  await exercise(page, id).locator('button[type="submit"]').click();
}

async function typeNumber(page: Page, id: string, value: string): Promise<void> {
  await exercise(page, id).locator('input[type="number"]').fill(value);
  await exercise(page, id).locator('button[type="submit"]').click();
}

const answered = (page: Page, id: string, timeout = 30_000) =>
  page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-exercise-state') !== 'unanswered', `[data-exercise="${id}"]`, { timeout });

/** The number as the feedback writes it: three significant digits, − for minus. */
const three = (v: number) => String(Number(v.toPrecision(3))).replace('-', '−');

describe('#/neuron', () => {
  for (const lang of LANGS) {
    it(`writes the step out with the shown epoch's numbers, and they move with the epoch (${lang})`, { timeout: 60_000 }, async () => {
      const { page, problems } = await lab.open(`#/neuron?lang=${lang}&at=0`);
      await page.waitForSelector('[data-formula="quadratic"] .katex');
      const runs = Object.fromEntries((['quadratic', 'cross-entropy'] as const).map((cost) => [cost, trainNeuron({ cost, w: 2, b: 2, eta: 0.15, epochs: 300, x: 1, y: 0 }).trace]));
      const shown = async () => ({
        quadratic: await page.locator('[data-formula="quadratic"] .katex-html').innerText(),
        crossEntropy: await page.locator('[data-formula="cross-entropy"] .katex-html').innerText(),
        plain: await page.locator('[data-formula="quadratic"]').getAttribute('data-plain'),
        ratio: await page.locator('[data-formula="ratio"]').innerText(),
      });
      const at0 = await shown();
      // KaTeX's text: a = σ(4) = 0.982, σ′(z) = 0.0177 at the saturated start, and the
      // cross-entropy's ∂C/∂z = 0.982 − 0 = 0.982; the step ratio is 1/σ′(4) = 56.6.
      expect(at0.quadratic.replace(/\s+/g, '')).toContain('σ(4)=0.982');
      expect(at0.quadratic).toContain('0.0177');
      expect(at0.crossEntropy.replace(/\s+/g, '')).toContain('0.982−0=0.982');
      expect(at0.ratio).toContain('56.6');
      expect(at0.plain).toBe(neuronStepPlain('quadratic', neuronStepNumbers('quadratic', runs.quadratic[0].z, 0, 0.15, 1), 0.15, 1));
      // One step on, and then the end of the run: the formula follows the slider.
      await page.locator('button[data-action="step"]').click();
      await page.waitForFunction(() => /\b1\b/.test(document.querySelector('.neuron-formula h3')?.textContent ?? ''));
      const at1 = await shown();
      expect(at1.quadratic).not.toBe(at0.quadratic);
      expect(at1.plain).toBe(neuronStepPlain('quadratic', neuronStepNumbers('quadratic', runs.quadratic[1].z, 0, 0.15, 1), 0.15, 1));
      await page.goto(`${lab.url()}#/neuron?lang=${lang}&at=300`);
      await page.waitForFunction(() => /300/.test(document.querySelector('.neuron-formula h3')?.textContent ?? ''));
      await page.waitForSelector('[data-formula="cross-entropy"] .katex');
      const at300 = await shown();
      const n = neuronStepNumbers('cross-entropy', runs['cross-entropy'][300].z, 0, 0.15, 1);
      expect(await page.locator('[data-formula="cross-entropy"]').getAttribute('data-plain')).toBe(neuronStepPlain('cross-entropy', n, 0.15, 1));
      expect(at300.crossEntropy).not.toBe(at1.crossEntropy);
      expect(problems).toEqual([]);
      await page.close();
    });

    it(`asks which cost gets a below 0.1 first, plays both runs, and judges (${lang})`, { timeout: 60_000 }, async () => {
      const t = translator(lang);
      const { page, problems } = await lab.open(`#/neuron?lang=${lang}&nw=0.6&nb=0.9`);
      const id = 'neuron.firstBelow';
      await fresh(page, id);
      const facts = firstBelow(2000);
      expect(facts.first).not.toBe('quadratic');
      await choose(page, id, 'quadratic');
      await answered(page, id);
      expect(await stateOf(page, id)).toBe('wrong');
      const text = await feedbackOf(page, id);
      expect(text).toContain(messages['exercise.wrong'][lang]);
      expect(text).toContain(String(facts.quadratic));
      expect(text).toContain(String(facts.crossEntropy));
      // The reveal set the exercise's start, (2, 2), the defaults the link leaves out, and
      // played the run to its end.
      const hash = await page.evaluate(() => location.hash);
      expect(hash).not.toMatch(/nw=|nb=/);
      const [at, epochs] = (await page.locator('.epoch-now').innerText()).match(/\d+/g)?.map(Number) ?? [];
      expect(at).toBe(epochs);
      expect(epochs).toBeGreaterThanOrEqual(Math.max(facts.quadratic ?? 0, facts.crossEntropy ?? 0));
      expect(await page.locator('.epoch-now').innerText()).toBe(t('neuron.epochNow', { at, epochs }));
      expect(await page.locator('[data-chart="a"] svg').innerHTML()).toContain('a = 0.1');
      // Try again, and answer rightly.
      await exercise(page, id).locator('.exercise-retry').click();
      expect(await stateOf(page, id)).toBe('unanswered');
      await choose(page, id, facts.first);
      await answered(page, id);
      expect(await stateOf(page, id)).toBe('right');
      expect(await feedbackOf(page, id)).toContain(messages['exercise.right'][lang]);
      expect(problems).toEqual([]);
      await page.close();
    });

    it(`asks how many times larger the cross-entropy's first step is, within 5% (${lang})`, { timeout: 60_000 }, async () => {
      const { page, problems } = await lab.open(`#/neuron?lang=${lang}&at=120`);
      const id = 'neuron.step';
      await fresh(page, id);
      const { ratio } = firstSteps();
      await typeNumber(page, id, '4');
      await answered(page, id);
      expect(await stateOf(page, id)).toBe('wrong');
      expect(await feedbackOf(page, id)).toContain(three(ratio));
      // The reveal shows epoch 0, where the formula has this very ratio.
      expect(await page.locator('[data-formula="ratio"]').innerText()).toContain(three(ratio));
      await exercise(page, id).locator('.exercise-retry').click();
      await typeNumber(page, id, (ratio * 1.03).toFixed(1));
      await answered(page, id);
      expect(await stateOf(page, id)).toBe('right');
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});

describe('#/derivation', () => {
  for (const lang of LANGS) {
    it(`asks which cost δ = a − y integrates to, and marks the integral (${lang})`, { timeout: 60_000 }, async () => {
      const { page, problems } = await lab.open(`#/derivation?lang=${lang}`);
      const id = 'derivation.integrate';
      await fresh(page, id);
      await choose(page, id, 'log-likelihood');
      await answered(page, id);
      expect(await stateOf(page, id)).toBe('wrong');
      expect(await feedbackOf(page, id)).toContain(messages['derivation.ex.whyLogLikelihood'][lang]);
      expect(await page.locator('.derivation-step.is-revealed').count()).toBe(1);
      await exercise(page, id).locator('.exercise-retry').click();
      expect(await page.locator('.derivation-step.is-revealed').count()).toBe(0);
      await choose(page, id, 'cross-entropy');
      await answered(page, id);
      expect(await stateOf(page, id)).toBe('right');
      expect(await feedbackOf(page, id)).toContain(messages['derivation.ex.whyRight'][lang]);
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});

/** `xent train … --out`: the model the page's run A trains, for its weights. */
function cliModel(args: string[]): { weights: number[][] } {
  const dir = mkdtempSync(join(tmpdir(), 'xent-labneuron-'));
  try {
    execFileSync(process.execPath, [join(repo, 'bin/xent.js'), 'train', ...args, '--out', join(dir, 'm.json'), '--json'], { encoding: 'utf8' });
    return JSON.parse(readFileSync(join(dir, 'm.json'), 'utf8')) as { weights: number[][] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('#/mnist', () => {
  for (const lang of LANGS) {
    it(`trains one epoch of each cost from N(0, 1) weights to say which leads, drawing the hidden units as they learn (${lang})`, { timeout: 240_000 }, async () => {
      const { page, problems } = await lab.open(`#/mnist?lang=${lang}&mnistTrain=1000`);
      const id = 'mnist.leader';
      await fresh(page, id);
      expect(await page.locator('.unit-image').count()).toBe(0);
      // Every redraw of run A's weights, as the worker sends them.
      await page.evaluate(() => {
        const w = window as unknown as { unitFrames: { done: string; image: string }[] };
        w.unitFrames = [];
        new MutationObserver(() => {
          const row = document.querySelector<HTMLElement>('.unit-row[data-run="a"]');
          const canvas = row?.querySelector<HTMLCanvasElement>('canvas[data-unit="0"]');
          if (row && canvas && w.unitFrames.at(-1)?.done !== row.dataset.done) w.unitFrames.push({ done: row.dataset.done ?? '', image: canvas.toDataURL() });
        }).observe(document.querySelector('.unit-rows') as Node, { childList: true, subtree: true });
      });
      // A wrong answer on purpose: one the measured accuracies will not bear out.
      await choose(page, id, 'tie');
      await answered(page, id, 200_000);
      const accuracy = async (run: string) => Number(await page.locator(`.mnist-results tr[data-run="${run}"]`).getAttribute('data-accuracy'));
      const xent = await accuracy('a');
      const quad = await accuracy('b');
      const leader = leaderOf(xent, quad);
      expect(await stateOf(page, id)).toBe(leader === 'tie' ? 'right' : 'wrong');
      const text = await feedbackOf(page, id);
      expect(text).toContain(`${(100 * xent).toFixed(1)}%`);
      expect(text).toContain(`${(100 * quad).toFixed(1)}%`);
      // The runs the reveal trained: the N(0, 1) preset for one epoch.
      expect(await page.evaluate(() => location.hash)).toMatch(/mnistInit=large.*vsInit=large|vsInit=large.*mnistInit=large/);
      // The weights were drawn more than once in run A, and changed as it trained.
      const frames = await page.evaluate(() => (window as unknown as { unitFrames: { done: string; image: string }[] }).unitFrames);
      expect(frames.length).toBeGreaterThanOrEqual(2);
      expect(new Set(frames.map((f) => f.image)).size).toBeGreaterThanOrEqual(2);
      expect(await page.locator('.unit-row[data-run="a"] .unit-image').count()).toBe(8);
      expect(await page.locator('.unit-row[data-run="b"] .unit-image').count()).toBe(8);
      // After the epoch, run A's first unit is the CLI's network's, pixel for pixel (±1 of 255
      // for float rounding).
      const model = cliModel(['--cost', 'cross-entropy', '--init', 'large', '--eta', '0.5', '--hidden', '30', '--lambda', '0', '--epochs', '1', '--batch', '10', '--seed', '1', '--train-size', '1000', '--test-size', '2000']);
      const unitA0 = () =>
        page.evaluate(() => {
          const canvas = document.querySelector<HTMLCanvasElement>('.unit-row[data-run="a"] canvas[data-unit="0"]') as HTMLCanvasElement;
          return Array.from((canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, 28, 28).data);
        });
      const within1 = (got: number[], want: Uint8ClampedArray) => got.length === want.length && got.every((v, i) => Math.abs(v - want[i]) <= 1);
      const trained = Float32Array.from(model.weights[0].slice(0, 784));
      expect(within1(await unitA0(), weightImage(trained).rgba)).toBe(true);
      // The first frame is the start, before any mini-batch; the change since then is what
      // the CLI's epoch added to the weights trainNetwork drew from the seed.
      expect(frames[0].done).toBe('0/0');
      const start = Float32Array.from(createNetwork({ sizes: [784, 30, 10], cost: 'cross-entropy', init: 'large', rng: createRng(1) }).weights[0].subarray(0, 784));
      await page.locator('button[data-units-view="change"]').click();
      await page.waitForFunction(() => location.hash.includes('mnistUnits=change'));
      expect(within1(await unitA0(), weightImage(changeSinceStart(trained, start)).rgba)).toBe(true);
      await page.locator('button[data-units-view="weights"]').click();
      expect(within1(await unitA0(), weightImage(trained).rgba)).toBe(true);
      // Try again clears the verdict; answering with the measured leader is right.
      await exercise(page, id).locator('.exercise-retry').click();
      expect(await stateOf(page, id)).toBe('unanswered');
      await choose(page, id, leader);
      await answered(page, id, 200_000);
      const again = leaderOf(await accuracy('a'), await accuracy('b'));
      expect(await stateOf(page, id)).toBe(again === leader ? 'right' : 'wrong');
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});

function leaderOf(xent: number, quad: number): string {
  const points = 100 * (xent - quad);
  return Math.abs(points) < 0.5 ? 'tie' : points > 0 ? 'cross-entropy' : 'quadratic';
}
