// Writes containers made by the version-1 coder (release 0.1.0, commit e6334b7) under
// test/fixtures/coding/, so that later versions are tested to still decode them.
// Run once, from a build of that release: `npm run build && node scripts/coding/makeV1Fixtures.mjs`.
import { writeFileSync } from 'node:fs';
import { compressBytes } from '../../dist/index.js';

const dir = new URL('../../test/fixtures/coding/', import.meta.url);
const prose =
  'It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of ' +
  'foolishness, it was the epoch of belief, it was the epoch of incredulity, it was the season of Light, ' +
  'it was the season of Darkness, it was the spring of hope, it was the winter of despair.\n' +
  '交叉熵就是编码长度。\n';
const text = new TextEncoder().encode(prose.repeat(3));
// Bytes from a fixed linear congruential sequence: incompressible-looking, reproducible.
const bytes = new Uint8Array(3000);
for (let i = 0, x = 12345; i < bytes.length; i++) {
  x = (Math.imul(x, 1103515245) + 12345) >>> 0;
  bytes[i] = x >>> 24;
}
writeFileSync(new URL('v1-text.txt', dir), text);
writeFileSync(new URL('v1-bytes.bin', dir), bytes);
for (const model of ['order0', 'order1', 'order2', 'order3']) {
  writeFileSync(new URL(`v1-text.${model}.xent`, dir), compressBytes(text, { model }).bytes);
  writeFileSync(new URL(`v1-bytes.${model}.xent`, dir), compressBytes(bytes, { model }).bytes);
}
writeFileSync(new URL('v1-empty.order3.xent', dir), compressBytes(new Uint8Array(0), { model: 'order3' }).bytes);
