// Writes containers made by cm's model revision 3 under test/fixtures/coding/, so that
// later builds are tested to still decode revision-3 files bit for bit: the small text and
// bytes inputs under both mixer costs, and englishText() (test/coding/testData.ts).
// Run once, from a build that writes revision 3: `npm run build && node scripts/coding/makeCmRevision3Fixtures.mjs`.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { buildSync } from 'esbuild';
import { compressBytes } from '../../dist/index.js';

const dir = new URL('../../test/fixtures/coding/', import.meta.url);
const bundled = new URL('../../test/coding/testData.bundle.tmp.mjs', import.meta.url);
buildSync({ entryPoints: [new URL('../../test/coding/testData.ts', import.meta.url).pathname], bundle: true, format: 'esm', platform: 'node', outfile: bundled.pathname });
const testData = await import(bundled.href);
rmSync(bundled);
const inputs = {
  text: new Uint8Array(readFileSync(new URL('v1-text.txt', dir))),
  bytes: new Uint8Array(readFileSync(new URL('v1-bytes.bin', dir))),
  englishText: testData.englishText(),
};
for (const [name, input] of Object.entries(inputs)) {
  for (const mixerCost of ['cross-entropy', 'quadratic']) {
    if (name === 'englishText' && mixerCost === 'quadratic') continue;
    const suffix = mixerCost === 'quadratic' ? '.quadratic' : '';
    writeFileSync(new URL(`v2-${name}.cm-revision3${suffix}.xent`, dir), compressBytes(input, { model: 'cm', mixerCost }).bytes);
  }
}
