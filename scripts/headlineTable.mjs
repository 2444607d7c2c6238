// Renders the README's table of headline figures from the committed runs: the newest
// docs/results/bench-*.json (speed against PyTorch and pandas + scikit-learn, on the
// machine's Node 20, and start-up on Node 20 and 24), the newest
// docs/results/node24/bench-*.json (the same cases on Node 24) and the newest
// docs/results/compress-*.json (size against Debian's compressors).
// test/readme.test.ts keeps the README equal to this output; docs/benchmarks.md and
// docs/compression.md hold the full tables of the same files.
//
// Usage: node scripts/headlineTable.mjs [--readme]   (--readme rewrites README.md's table
// between its headline-table markers instead of printing it)
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The newest docs/results/[folder/]<prefix>-*.json by name (names carry the date). */
export function newestResults(prefix, folder = '') {
  const dir = join(root, 'docs', 'results', folder);
  const files = readdirSync(dir).filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.json')).sort();
  if (files.length === 0) throw new Error(`no ${join('docs', 'results', folder, `${prefix}-*.json`)}`);
  return join(dir, files[files.length - 1]);
}

/** Three significant digits, as the benchmark tables print them. */
const ms = (x) => `${Number(x.toPrecision(3))} ms`;
const times = (x) => `${Number(x.toPrecision(3))}×`;

/** The markdown between the README's headline-table markers. */
export function renderHeadlineTable(benchPath = newestResults('bench'), compressPath = newestResults('compress'), node24Path = newestResults('bench', 'node24')) {
  const bench = JSON.parse(readFileSync(benchPath, 'utf8'));
  const node24 = JSON.parse(readFileSync(node24Path, 'utf8'));
  const compress = JSON.parse(readFileSync(compressPath, 'utf8'));
  const figure = (file, path, name, peer) => {
    const r = file.results.find((x) => x.case === name);
    if (!r || typeof r.peers?.[peer] !== 'number') throw new Error(`${basename(path)} has no ${peer} figure for ${name}`);
    return r;
  };
  const row = (name, what, peer, peerLabel) => {
    const r = figure(bench, benchPath, name, peer);
    const r24 = figure(node24, node24Path, name, peer);
    return `| ${what}, ${r.shape} | ${ms(r.oursMs)} | ${peerLabel}: ${ms(r.peers[peer])} | ${times(r.peers[peer] / r.oursMs)} | ${times(r24.peers[peer] / r24.oursMs)} |`;
  };
  // Start-up is measured on both Node lines in the Node 20 run, each against its own `node -e 0`.
  const startup = bench.results.find((x) => x.case === 'startup');
  const startupRow = (command, what) => {
    const on = (version) => {
      const line = startup?.nodes?.find((n) => n.version.startsWith(version));
      const mine = line?.commands.find((c) => c.name === command);
      const floor = line?.commands.find((c) => c.name === 'node -e 0');
      if (!mine || !floor) throw new Error(`${basename(benchPath)} has no startup figure for ${command} on Node ${version}`);
      return { mine, floor };
    };
    const { mine, floor } = on('v20.');
    const n24 = on('v24.');
    return `| ${what} | ${ms(mine.wallMs)} | \`node -e 0\`: ${ms(floor.wallMs)} | ${times(floor.wallMs / mine.wallMs)} | ${times(n24.floor.wallMs / n24.mine.wallMs)} |`;
  };
  const prose = compress.corpora.find((c) => c.name === 'prose');
  const size = (coder) => {
    const r = prose.rows.find((x) => x.coder === coder);
    if (!r) throw new Error(`${basename(compressPath)} has no ${coder} row`);
    return r.outputBytes;
  };
  const bpb = (coder) => `${((8 * size(coder)) / prose.bytes).toFixed(3)} bits/byte`;
  const sizeRow = (peer) =>
    `| \`xent compress\` of English prose, ${prose.bytes.toLocaleString('en-US')} bytes | ${bpb('xent cm')} | ${peer}: ${bpb(peer)} | ${times(size(peer) / size('xent cm'))} | the same bytes |`;
  const { machine } = bench;
  return [
    `| task | xent (Node ${bench.machine.node.replace(/^v/, '').split('.')[0]}) | a peer, same run | peer ÷ xent | on Node ${node24.machine.node.replace(/^v/, '').split('.')[0]}: peer ÷ xent |`,
    '| --- | ---: | ---: | ---: | ---: |',
    row('softmax-ce', 'softmax cross-entropy, forward and backward', 'torch', 'PyTorch, 1 thread'),
    row('bce-with-logits', 'binary cross-entropy with logits, forward and backward', 'torch', 'PyTorch, 1 thread'),
    row('mnist-epoch-30', 'one MNIST training epoch', 'torch', 'PyTorch, 1 thread'),
    row('mnist-epoch-batch-100', 'one MNIST training epoch, `--precision float32`', 'torch', 'PyTorch, 1 thread'),
    row('eval-csv-64mb', '`xent eval` of a CSV file', 'pandas+sklearn', 'pandas + scikit-learn'),
    startupRow('xent info', '`xent info --p 0.5,0.5`, start to exit'),
    startupRow('xent compress (1 byte)', '`xent compress` of 1 byte, start to exit'),
    sizeRow('xz -9e'),
    sizeRow('zpaq -m5'),
    '',
    `Times are medians of CPU time on one thread, pinned to one core ([benchmarks.md](docs/benchmarks.md) has the method and every table), from \`docs/results/${basename(benchPath)}\` ` +
      `(Node ${machine.node}, ${machine.cpu}, ${machine.cores} cores) and \`docs/results/node24/${basename(node24Path)}\` (Node ${node24.machine.node}); ` +
      'start-up is elapsed time against Node\'s own start-up on the same Node; ' +
      `sizes are whole files, from \`docs/results/${basename(compressPath)}\` ([compression.md](docs/compression.md)). ` +
      'Above 1×, xent is faster or its file smaller.',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const table = renderHeadlineTable();
  if (process.argv.includes('--readme')) {
    // Rewrites README.md between its markers, through a temporary file and a rename.
    const readmePath = join(root, 'README.md');
    const readme = readFileSync(readmePath, 'utf8');
    const marked = /(<!-- headline-table:start -->\n)[\s\S]*?(<!-- headline-table:end -->)/;
    if (!marked.test(readme)) throw new Error('README.md has no headline-table markers');
    writeFileSync(`${readmePath}.tmp`, readme.replace(marked, (_, start, end) => `${start}${table}\n${end}`));
    renameSync(`${readmePath}.tmp`, readmePath);
    process.stderr.write("headline: README.md's table rendered\n");
  } else console.log(table);
}
