import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { messages } from '../src/i18n/messages.js';
import { servedLab } from './servedLab.js';

// #/eval end to end with columnar files (test/fixtures/columnar: DuckDB's Parquet,
// apache-arrow's IPC, NumPy's .npz, a safetensors file), each dropped alone: the worker
// reads the labels from the file itself, and gives the CLI's log-loss.

const lab = servedLab();
const fixtures = 'test/fixtures/columnar/';

/** Drops a binary file on a drop zone as a browser does: a drop event carrying a DataTransfer. */
async function drop(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page.evaluate(
    ({ name, base64 }) => {
      const binary = atob(base64);
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(binary, (c) => c.charCodeAt(0))], name));
      const target = document.querySelector('[data-zone="pred"]')!;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    { name, base64: Buffer.from(bytes).toString('base64') },
  );
}

describe('#/eval with columnar files', () => {
  it.each([
    ['table-snappy.parquet', 'scores.parquet'],
    ['table-zstd.parquet', 'scores.pq'],
    ['table.arrow', 'scores.feather'],
    ['table.arrows', 'scores.arrows'],
    ['stored.npz', 'scores.npz'],
    ['compressed.npz', 'scores-compressed.npz'],
    ['pred.safetensors', 'scores.safetensors'],
  ])('%s dropped as %s, without a labels file, gives the CLI’s log-loss', { timeout: 90_000 }, async (fixture, name) => {
    const cli = await runCli(['eval', '--pred', fixtures + fixture, '--unit', 'bits', '--json']);
    expect(cli.code).toBe(0);
    const { page, problems } = await lab.open('#/eval?lang=en', { width: 1280, waitFor: '.panel-eval' });
    expect(await page.locator('.panel-eval').innerText()).toContain(messages['eval.columnarFormats'].en);
    await drop(page, name, new Uint8Array(readFileSync(fixtures + fixture)));
    const value = page.locator('.eval-logLoss .value');
    await value.waitFor({ timeout: 60_000 });
    expect(Number(await value.getAttribute('data-value'))).toBe((JSON.parse(cli.stdout) as { logLoss: number }).logLoss);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says in the reader’s language which column a columnar file lacks', { timeout: 90_000 }, async () => {
    // A safetensors file whose labels array is named target: the predictions are there, a label column is not.
    const { page } = await lab.open('#/eval?lang=zh', { width: 375, waitFor: '.panel-eval' });
    const st = readFileSync(fixtures + 'pred.safetensors');
    const renamed = Buffer.from(st.toString('latin1').replace('"labels"', '"target"'), 'latin1');
    await drop(page, 'nolabel.safetensors', new Uint8Array(renamed));
    await page.waitForFunction(() => document.querySelector('.eval-status')?.classList.contains('error'));
    expect(await page.locator('.eval-status').innerText()).toContain('文件里没有名为“label”的列');
    await page.close();
  });
});
