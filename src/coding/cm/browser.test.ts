import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { englishText } from '../../../test/coding/testData.js';
import { CmModel } from './CmModel.js';
import { CM_REVISIONS } from './CmRevision.js';

// Debian's chromium, which `npm test` installs when missing (scripts/ensure-chromium.sh).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** CmWasmModel bundled for a page, as the lab bundles it: `cmEngine.probabilities(bytes, tableBits)`. */
async function pageScript(): Promise<string> {
  const model = fileURLToPath(new URL('./CmWasmModel.ts', import.meta.url));
  const result = await build({
    stdin: {
      contents: `import { CmWasmModel, cmWasmRevisions } from ${JSON.stringify(model)};
        export const revisions = () => [...cmWasmRevisions()];
        export function probabilities(bytes, tableBits) {
          const m = new CmWasmModel(tableBits);
          const half = m.clone();
          const p = [];
          for (const byte of bytes) for (let k = 7; k >= 0; k--) { p.push(m.predict()); m.update((byte >> k) & 1); }
          const after = new Float64Array(bytes.length);
          half.measureBytes(Uint8Array.from(bytes), after);
          return { p, cloneBits: after.reduce((a, b) => a + b, 0) };
        }`,
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'cmEngine',
    platform: 'browser',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

describe('the WebAssembly cm engine in a browser', () => {
  it("compiles synchronously on a page's main thread and predicts CmModel's probabilities", async () => {
    expect(existsSync(CHROMIUM)).toBe(true);
    const bytes = Array.from(englishText().subarray(0, 3000));
    const script = await pageScript();
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      await page.addScriptTag({ content: script });
      const out = await page.evaluate(
        (input: number[]) => {
          const engine = (globalThis as unknown as { cmEngine: { revisions(): number[]; probabilities(b: number[], t: number): { p: number[]; cloneBits: number } } }).cmEngine;
          return { revisions: engine.revisions(), ...engine.probabilities(input, 10) };
        },
        bytes,
      );
      const reference = new CmModel(10);
      const expected: number[] = [];
      for (const byte of bytes) {
        for (let k = 7; k >= 0; k--) {
          expected.push(reference.predict());
          reference.update((byte >> k) & 1);
        }
      }
      const costs = new Float64Array(bytes.length);
      new CmModel(10).measureBytes(Uint8Array.from(bytes), costs);
      expect(out.revisions).toEqual([...CM_REVISIONS]);
      expect(out.p).toEqual(expected);
      expect(out.cloneBits).toBe(costs.reduce((a, b) => a + b, 0));
    } finally {
      await browser.close();
    }
  }, 60_000);
});
