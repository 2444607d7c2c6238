// Renders the compression table of docs/compression.md from a committed benchmark run
// (docs/results/compress-*.json, one line of `npm run -s bench -- --case compression`).
// test/docsCompression.test.ts keeps the page equal to this output.
//
// Usage: node scripts/coding/compressionTable.mjs [--docs] [FILE]   (default: the newest
// compress-*.json; --docs rewrites the table in docs/compression.md instead of printing it)
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function newestResult() {
  const dir = join(root, 'docs', 'results');
  const files = readdirSync(dir).filter((f) => /^compress-.*\.json$/.test(f)).sort();
  if (files.length === 0) throw new Error('no docs/results/compress-*.json');
  return join(dir, files[files.length - 1]);
}

const f2 = (x) => (x === null || x === undefined ? '—' : x.toFixed(3));
const speed = (x) => (x === null || x === undefined ? '—' : x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(2));

/** How the run timed its contenders: older runs timed xent once. */
function xentReps(run) {
  const xent = run.corpora[0].rows.find((r) => r.coder === 'xent cm');
  return xent.reps > 1
    ? `Peers and xent alike: medians of ${xent.reps} runs after a warm-up run.`
    : 'Peers: medians of 3 runs after a warm-up; xent: one run each (a cm run took tens of seconds).';
}

/** The page this table lives on, between its compression-table markers. */
export const COMPRESSION_PAGE = join(root, 'docs', 'compression.md');

/** The markdown docs/compression.md shows between its compression-table markers. */
export function renderCompressionTable(file) {
  const run = JSON.parse(readFileSync(file, 'utf8'));
  const [prose, code] = ['prose', 'code'].map((name) => run.corpora.find((c) => c.name === name));
  const byCoder = (corpus) => new Map(corpus.rows.map((r) => [r.coder, r]));
  const p = byCoder(prose);
  const c = byCoder(code);
  // Bits per byte from the sizes (the JSON's bitsPerByte keeps only 3 significant digits).
  const bpb = (row, corpus) => (row ? (8 * row.outputBytes) / corpus.bytes : undefined);
  const coders = [...p.keys()].sort((a, b) => p.get(a).outputBytes - p.get(b).outputBytes);
  const lines = [
    '| coder | prose bits/byte | code bits/byte | compress MB/s, prose / code | decompress MB/s, prose / code |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const name of coders) {
    const a = p.get(name);
    const b = c.get(name);
    const bold = name === 'xent cm' ? '**' : '';
    lines.push(
      `| ${bold}${name}${bold} | ${bold}${f2(bpb(a, prose))}${bold} | ${bold}${f2(bpb(b, code))}${bold} | ${speed(a.compressCpuMBps)} / ${speed(b?.compressCpuMBps)} | ${speed(a.decompressCpuMBps)} / ${speed(b?.decompressCpuMBps)} |`,
    );
  }
  const pct = (corpus, other) => {
    const m = byCoder(corpus);
    return `${((100 * (m.get(other).outputBytes - m.get('xent cm').outputBytes)) / m.get('xent cm').outputBytes).toFixed(2)}%`;
  };
  const bound = [...prose.rows, ...code.rows].filter((r) => r.payloadWithinBound !== undefined);
  const worst = Math.max(...bound.map((r) => Math.abs(r.coderOverheadBits)));
  lines.push(
    '',
    `Corpora (scripts/coding/buildCorpora.mjs, from the files \`npm ci\` installs): **prose**, ${prose.bytes.toLocaleString('en-US')} bytes — ${prose.description}; ` +
      `**code**, ${code.bytes.toLocaleString('en-US')} bytes — ${code.description}. cm was tuned on the separate \`tune\` samples${run.corpora.some((x) => x.heldOut) ? '; the held-out corpora below were used for no tuning' : ''}. ` +
      `MB/s = 10^6 bytes of original per second of CPU time (user + system), one thread pinned to CPU 0 ` +
      `(load average ${run.loadAverage.join(' / ')} at the end of the run; wall-clock figures are in the JSON). ` +
      `${xentReps(run)} Sizes are whole files (xent containers, 7z and zpaq archives). ` +
      `Every round trip was checked byte for byte; xent's payload was within 0.01% + 32 bits of its cross-entropy in every row ` +
      `(${bound.every((r) => r.payloadWithinBound) ? 'all' : 'NOT all'} ${bound.length} rows; largest gap ${worst.toFixed(1)} bits). ` +
      `Training cm's mixer on quadratic cost instead of cross-entropy makes the file ${pct(prose, 'xent cm, quadratic mixer')} larger on prose and ${pct(code, 'xent cm, quadratic mixer')} on code.`,
  );
  lines.push(...renderHeldOut(run));
  return lines.join('\n');
}

/**
 * The held-out corpora (scripts/coding/buildHeldOut.sh; no model was tuned on them) as a
 * table of their own, one column per corpus; nothing for a run that has none.
 */
function renderHeldOut(run) {
  const held = run.corpora.filter((c) => c.heldOut);
  if (held.length === 0) return [];
  const maps = held.map((corpus) => new Map(corpus.rows.map((r) => [r.coder, r])));
  const first = maps[0];
  const coders = [...first.keys()].sort((a, b) => first.get(a).outputBytes - first.get(b).outputBytes);
  const names = held.map((c) => c.name).join(' / ');
  const lines = [
    '',
    `**Held-out corpora** (never used for tuning any model), in a table of their own:`,
    '',
    `| coder | ${held.map((c) => `${c.name} bits/byte`).join(' | ')} | compress MB/s, ${names} | decompress MB/s, ${names} |`,
    `| --- | ${held.map(() => '---:').join(' | ')} | ---: | ---: |`,
  ];
  for (const name of coders) {
    const rows = maps.map((m) => m.get(name));
    const bold = name === 'xent cm' ? '**' : '';
    const bpb = rows.map((r, i) => `${bold}${f2(r ? (8 * r.outputBytes) / held[i].bytes : undefined)}${bold}`);
    lines.push(
      `| ${bold}${name}${bold} | ${bpb.join(' | ')} | ${rows.map((r) => speed(r?.compressCpuMBps)).join(' / ')} | ${rows.map((r) => speed(r?.decompressCpuMBps)).join(' / ')} |`,
    );
  }
  const bound = held.flatMap((c) => c.rows).filter((r) => r.payloadWithinBound !== undefined);
  lines.push(
    '',
    `Held-out corpora (scripts/coding/buildHeldOut.sh, from Debian packages named by version): ` +
      held.map((c) => `**${c.name}**, ${c.bytes.toLocaleString('en-US')} bytes — ${c.description}`).join('; ') +
      `. On them xent runs only ${[...new Set(bound.map((r) => r.coder.replace(/^xent /, '')))].join(' and ')}, beside every peer; timing and checks as above ` +
      `(xent's payload within its bound in ${bound.every((r) => r.payloadWithinBound) ? 'all' : 'NOT all'} ${bound.length} rows).`,
  );
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const table = renderCompressionTable(args.find((a) => a !== '--docs') ?? newestResult());
  if (args.includes('--docs')) {
    // Rewrites the page between its markers, through a temporary file and a rename.
    const page = readFileSync(COMPRESSION_PAGE, 'utf8');
    const marked = /(<!-- compression-table:start -->\n)[\s\S]*?(\n<!-- compression-table:end -->)/;
    if (!marked.test(page)) throw new Error('docs/compression.md has no compression-table markers');
    writeFileSync(`${COMPRESSION_PAGE}.tmp`, page.replace(marked, (_, start, end) => start + table + end));
    renameSync(`${COMPRESSION_PAGE}.tmp`, COMPRESSION_PAGE);
    process.stderr.write(`compression: docs/compression.md's table rendered\n`);
  } else console.log(table);
}
