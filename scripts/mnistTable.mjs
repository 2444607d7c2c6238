#!/usr/bin/env node
// Prints the README's MNIST table (markdown) from the committed experiment results in
// docs/results/, so the numbers in the README are the measured ones, not retyped.
// Each result file is the --json output of:
//   node bin/xent.js experiment mnist-costs --seeds 3 --epochs 30 [--hidden-sizes 100] [--init large] --json
import { readFileSync } from 'node:fs';

const files = [
  'mnist-costs-default-784-30-10.json',
  'mnist-costs-default-784-100-10.json',
  'mnist-costs-large-784-30-10.json',
  'mnist-costs-large-784-100-10.json',
];
// Nielsen, "Neural Networks and Deep Learning", ch. 1 and 3: 50,000 training digits, the
// 10,000 test digits, best epoch of 30.
const nielsen = { '784,30,10': '95.42 / 95.49', '784,100,10': '96.59 / 96.82' };
const pct = (x) => (100 * x).toFixed(2);

console.log('| init | network | quadratic | cross-entropy | softmax + log-likelihood | Nielsen, full data (quad / CE) |');
console.log('|---|---|---|---|---|---|');
for (const file of files) {
  const r = JSON.parse(readFileSync(new URL(`../docs/results/${file}`, import.meta.url), 'utf8'));
  const sizes = r.rows[0].sizes.join(',');
  const cell = (cost) => {
    const row = r.rows.find((x) => x.cost === cost);
    return `${pct(row.meanAccuracy)} ± ${pct(row.sdAccuracy)} (best ${pct(row.meanBestAccuracy)}), η = ${row.eta}`;
  };
  console.log(`| ${r.init} | [${sizes.replaceAll(',', ', ')}] | ${cell('quadratic')} | ${cell('cross-entropy')} | ${cell('log-likelihood')} | ${nielsen[sizes]} |`);
}
