// The #/mnist worker's epoch against `xent train`'s, for the same seeded run: the built
// lab (web/dist, served by the real static server) in headless Chromium, on one thread
// (?threads=1), and bin/xent.js in Node, run after run. Prints one JSON line: each side's
// seconds per epoch of run A (its mean over the epochs of a run, as the page shows it;
// the median over `--reps` runs), and lab ÷ node.
//   node scripts/lab/labVsNodeEpoch.mjs [--reps 3] [--epochs 3] [--hidden 30] [--node PATH] [--root web/dist]
// Needs `npm run build` and `npm run build:web`, and /usr/bin/chromium. Under `taskset -c 0`
// the browser's own processes and threads (the page drawing each epoch's charts, the
// compositor) share the one core with the worker: that measures a one-core machine, not
// only the worker's arithmetic, so run it both ways.
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../../dist/server/startStaticServer.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : process.argv[i + 1];
};
const reps = Number(arg('reps', 3));
const epochs = Number(arg('epochs', 3));
const hidden = Number(arg('hidden', 30));
const node = arg('node', process.execPath);
const root = arg('root', `${repo}web/dist`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const server = await startStaticServer({ root, port: 0 });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const lab = [];
const cli = [];
let args;
let kernels;
try {
  for (let r = 0; r < reps; r++) {
    const page = await browser.newPage();
    await page.goto(`${server.url}?threads=1#/mnist?lang=en&mnistEpochs=${epochs}&mnistHidden=${hidden}&vsHidden=${hidden}`, { waitUntil: 'load' });
    await page.waitForSelector('.mnist-train');
    args = (await page.locator('.mnist-cli').innerText()).trim().split(/\s+/).slice(2);
    await page.click('.mnist-train');
    await page.waitForFunction(() => (globalThis.document.querySelector('.mnist-threads')?.getAttribute('data-used') ?? '').includes('a:'), null, { timeout: 600_000 });
    const seconds = Number(await page.locator('.mnist-results tr[data-run="a"]').getAttribute('data-seconds'));
    kernels = await page.locator('.mnist-status').getAttribute('data-kernels');
    await page.close();
    lab.push(seconds);
    const out = JSON.parse(execFileSync(node, [`${repo}bin/xent.js`, 'train', ...args, '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 }));
    cli.push(out.epochs.reduce((sum, e) => sum + e.seconds, 0) / out.epochs.length);
  }
} finally {
  await browser.close();
  await server.close();
}
const labSeconds = median(lab);
const nodeSeconds = median(cli);
process.stdout.write(
  `${JSON.stringify({ args: args.join(' '), reps, labRuns: lab, nodeRuns: cli, kernels, labSeconds, nodeSeconds, ratio: labSeconds / nodeSeconds, node: execFileSync(node, ['--version'], { encoding: 'utf8' }).trim(), loadAverage: loadavg() })}\n`,
);
