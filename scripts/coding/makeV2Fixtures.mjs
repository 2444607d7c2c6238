// Records what the teaching models (order0–order3) write into a version-2 container, so
// that a faster implementation is tested to write the very same bytes: the containers of
// the small v1 inputs are committed whole, and of two larger inputs (englishText(), and
// multiChunkText(), which spans two chunks) the length and SHA-256.
// Run from a build of the reference implementation (commit 68b46ed):
// `npm run build && node scripts/coding/makeV2Fixtures.mjs`.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { buildSync } from 'esbuild';
import { compressBytes } from '../../dist/index.js';

const dir = new URL('../../test/fixtures/coding/', import.meta.url);
// test/coding/testData.ts is TypeScript: bundle it beside itself (it reads files
// relative to its own URL) to run it here.
const bundled = new URL('../../test/coding/testData.bundle.tmp.mjs', import.meta.url);
buildSync({ entryPoints: [new URL('../../test/coding/testData.ts', import.meta.url).pathname], bundle: true, format: 'esm', platform: 'node', outfile: bundled.pathname });
const testData = await import(bundled.href);
rmSync(bundled);
const models = ['order0', 'order1', 'order2', 'order3'];
for (const kind of ['text', 'bytes']) {
  const input = new Uint8Array(readFileSync(new URL(kind === 'text' ? 'v1-text.txt' : 'v1-bytes.bin', dir)));
  for (const model of models) writeFileSync(new URL(`v2-${kind}.${model}.xent`, dir), compressBytes(input, { model }).bytes);
}
const digests = {};
for (const [name, input] of [
  ['englishText', testData.englishText()],
  ['multiChunkText', testData.multiChunkText()],
]) {
  for (const model of models) {
    const bytes = compressBytes(input, { model }).bytes;
    digests[`${name}.${model}`] = { inputBytes: input.length, outputBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  }
}
writeFileSync(new URL('v2-digests.json', dir), `${JSON.stringify(digests, null, 2)}\n`);
