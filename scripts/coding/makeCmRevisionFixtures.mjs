// Writes containers made by the cm model revision this build writes, as
// test/fixtures/coding/v2-NAME.cm-revisionN[.quadratic].xent, so that later builds are
// tested to still decode them bit for bit (test/coding/cmRevisionFixtures.test.ts): the small
// text and bytes inputs under both mixer costs, and englishText() (test/coding/testData.ts).
// Run once per revision, from a build that writes it: `npm run build && node scripts/coding/makeCmRevisionFixtures.mjs`
// (revision 2's files came from commit 666568c, the last build that wrote it).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { buildSync } from 'esbuild';
import { CM_REVISION_NEWEST, compressBytes } from '../../dist/index.js';

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
    writeFileSync(new URL(`v2-${name}.cm-revision${CM_REVISION_NEWEST}${suffix}.xent`, dir), compressBytes(input, { model: 'cm', mixerCost }).bytes);
  }
}
