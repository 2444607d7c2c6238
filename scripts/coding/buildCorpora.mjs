// Builds the compression corpora from the files `npm ci` installs (package-lock.json pins
// them, so every clone gets the same bytes), deterministically, into
// node_modules/.cache/xent-corpora/:
//
// - prose-{tune,report}.txt: English prose, every distinct README/CHANGELOG/*.md/licence
//   text under node_modules;
// - code-{tune,report}.txt: source code, distinct .js/.mjs/.cjs/.ts files under node_modules
//   that are not minified (no line over 400 characters), sampled by content hash.
//
// Files are taken in sorted path order (as a tarball of the tree would hold them) and
// assigned to `tune` or `report` by their SHA-256, so the model is tuned on one sample
// and reported on another drawn from the same population. Duplicates (same SHA-256)
// count once. Prints a JSON manifest; `--quiet` prints nothing.
//
// Usage: node scripts/coding/buildCorpora.mjs [--quiet]
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CORPUS_DIR = join(root, 'node_modules', '.cache', 'xent-corpora');

const PROSE = /^(readme|changelog|history|license|licence|copying|notice|authors|contributing|security)(\.(md|markdown|txt))?$|\.(md|markdown)$/i;
const CODE = /\.(js|mjs|cjs|ts|mts|cts)$/;

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '.cache' && entry.name !== '.bin') walk(path, out);
    } else if (entry.isFile()) out.push(path);
  }
}

function isMinified(data) {
  let line = 0;
  for (let i = 0; i < data.length; i++) {
    if (data[i] === 10) line = 0;
    else if (++line > 400) return true;
  }
  return false;
}

/** Builds (or rebuilds) the four corpus files and returns their manifest. */
export function buildCorpora() {
  const paths = [];
  walk(join(root, 'node_modules'), paths);
  const seen = new Set();
  const parts = { 'prose-tune': [], 'prose-report': [], 'code-tune': [], 'code-report': [] };
  for (const path of paths) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    const prose = PROSE.test(name);
    const code = !prose && CODE.test(name) && !name.endsWith('.min.js');
    if (!prose && !code) continue;
    const data = readFileSync(path);
    if (data.length < 256) continue;
    const digest = createHash('sha256').update(data).digest();
    const key = digest.toString('hex');
    if (seen.has(key)) continue;
    seen.add(key);
    const bucket = digest.readUInt32BE(0);
    if (prose) {
      parts[bucket % 4 === 0 ? 'prose-tune' : 'prose-report'].push(data);
    } else {
      // About 4/64 of the (non-minified) sources to report, 2/64 to tune: a few MB.
      const slot = bucket % 64;
      if (slot > 5 || data.length > 200_000 || isMinified(data)) continue;
      parts[slot < 4 ? 'code-report' : 'code-tune'].push(data);
    }
  }
  mkdirSync(CORPUS_DIR, { recursive: true });
  const manifest = {};
  for (const [name, list] of Object.entries(parts)) {
    const bytes = Buffer.concat(list);
    const file = join(CORPUS_DIR, `${name}.txt`);
    writeFileSync(file, bytes);
    manifest[name] = { file, bytes: bytes.length, files: list.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  }
  return manifest;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const manifest = buildCorpora();
  if (!process.argv.includes('--quiet')) console.log(JSON.stringify(manifest, null, 2));
}
