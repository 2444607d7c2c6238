import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMnistDigits } from '../../src/data/loadMnist.js';
import { launchChromium, type Chromium } from '../../web/e2e/launchChromium.js';
import { directoryBytes, packedFileProblems, run, servePage, startCommand, type Started } from './consumerHelpers.js';

// The package as a user installs it: `npm pack` of this checkout, `npm install` of the
// tarball into an empty project (from the npm cache; nothing but the registry), then the
// library, its types, the CLI, the lab and a browser bundle, all from that project.
// `npm test` builds dist/ and web/dist/ first (pretest); the tarball is packed from them.

const repo = fileURLToPath(new URL('../../', import.meta.url));
/** The limit for node_modules after a fresh install of the tarball. */
const INSTALLED_LIMIT_BYTES = 10 * 1024 * 1024;
/**
 * Budget of a minified esbuild bundle of one loss (crossEntropyLoss from xent/losses).
 * Measured 25.9 kB on 2026-12-01, of which 13.9 kB is the base64 WebAssembly kernel its
 * float32 path dispatches to; the budget leaves room for small changes, not for a coder.
 */
const ONE_LOSS_BUNDLE_BUDGET_BYTES = 32 * 1024;

let work: string;
let project: string;
let tarball: string;
let packed: { size: number; unpackedSize: number; files: { path: string }[] };

beforeAll(async () => {
  for (const built of ['dist/index.js', 'dist/entries/losses.js', 'web/dist/index.html']) {
    if (!existsSync(join(repo, built))) throw new Error(`${built} is missing: run npm run build && npm run build:web (npm test does)`);
  }
  work = mkdtempSync(join(tmpdir(), 'xent-consumer-'));
  project = join(work, 'project');
  // --ignore-scripts: pack what pretest built, without rebuilding it here.
  const pack = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], repo);
  [packed] = JSON.parse(pack.stdout) as (typeof packed)[];
  tarball = join(work, (JSON.parse(pack.stdout) as { filename: string }[])[0].filename);
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
  await run('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], project);
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('lists only what belongs: the build, the built lab, the MNIST asset and the notes', () => {
    const paths = packed.files.map((f) => f.path);
    expect(packedFileProblems(paths)).toEqual([]);
    for (const needed of [
      'package.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'bin/xent.js',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/entries/nn.d.ts',
      'web/dist/index.html',
      'src/data/mnist/digits-images-idx3-ubyte.gz',
      'src/data/mnist/digits-labels-idx1-ubyte.gz',
      'src/data/mnist/README.md',
    ]) {
      expect(paths).toContain(needed);
    }
    console.log(`consumer: tarball ${packed.size} bytes, unpacked ${packed.unpackedSize} bytes, ${paths.length} files`);
  });

  it('would refuse tests, fixtures, sources of the lab and source maps', () => {
    expect(packedFileProblems(['src/data/loadMnist.test.ts', 'dist/data/idx.test.js', 'test/fixtures/a.json', 'web/src/main.ts', 'dist/index.js.map', 'src/index.ts'])).toHaveLength(6);
  });

  it(`installs into a node_modules under ${INSTALLED_LIMIT_BYTES / 1024 / 1024} MB with only the CLI's dependencies`, () => {
    const bytes = directoryBytes(join(project, 'node_modules'));
    console.log(`consumer: node_modules ${bytes} bytes after npm install of the tarball`);
    expect(bytes).toBeLessThan(INSTALLED_LIMIT_BYTES);
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules/xent/package.json'), 'utf8')) as { dependencies?: object };
    expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual(['cli-progress', 'commander', 'hyparquet', 'hyparquet-compressors']);
  });
});

describe('the library from the installed package', () => {
  it('imports from xent and its subpaths in Node', async () => {
    const script = `
      import { crossEntropy, crossEntropyLoss as mainLoss } from 'xent';
      import { entropy } from 'xent/info';
      import { crossEntropyLoss } from 'xent/losses';
      import { huffmanCode } from 'xent/coding';
      import { createNetwork, createRng } from 'xent/nn';
      const net = createNetwork({ sizes: [2, 3, 2], cost: 'cross-entropy', rng: createRng(1) });
      console.log(JSON.stringify({
        h: entropy([0.5, 0.25, 0.125, 0.125]),
        hpq: crossEntropy([0.5, 0.25, 0.125, 0.125], [0.125, 0.5, 0.25, 0.125]),
        same: mainLoss === crossEntropyLoss,
        loss: crossEntropyLoss([[2, -1, 0.5]], [0]).loss,
        codes: huffmanCode([0.5, 0.25, 0.125, 0.125]).codes,
        sizes: net.sizes,
      }));`;
    const { stdout } = await run('node', ['--input-type=module', '-e', script], project);
    expect(JSON.parse(stdout)).toEqual({
      h: 1.75,
      hpq: 2.375,
      same: true,
      loss: expect.closeTo(Math.log(Math.exp(2) + Math.exp(-1) + Math.exp(0.5)) - 2, 14),
      codes: ['0', '10', '110', '111'],
      sizes: [2, 3, 2],
    });
  });

  it('loads no dependency and no Node built-in through any library entry', async () => {
    for (const entry of ['xent', 'xent/info', 'xent/losses', 'xent/coding', 'xent/nn']) {
      const result = await build({
        stdin: { contents: `export * from '${entry}';`, resolveDir: project, loader: 'js' },
        bundle: true,
        write: false,
        metafile: true,
        format: 'esm',
        platform: 'neutral',
        absWorkingDir: project,
        logLevel: 'silent',
      });
      const inputs = Object.keys(result.metafile.inputs).filter((p) => p !== '<stdin>');
      expect(inputs.filter((p) => !p.startsWith('node_modules/xent/dist/')), entry).toEqual([]);
      const imports = Object.values(result.metafile.inputs).flatMap((i) => i.imports.filter((x) => x.external).map((x) => x.path));
      expect(imports, entry).toEqual([]);
    }
  });

  // lib 'dom' (or @types/node) is needed: the kernels' declarations name WebAssembly types.
  it('type-checks a consumer written against the published declarations', async () => {
    writeFileSync(
      join(project, 'consumer.ts'),
      `import { crossEntropy, type InfoUnit } from 'xent';
import { entropy } from 'xent/info';
import { crossEntropyLoss, type LossResult } from 'xent/losses';
import { huffmanCode } from 'xent/coding';
import { createNetwork, createRng, type Network } from 'xent/nn';
const unit: InfoUnit = 'nats';
export const bits: number = crossEntropy([0.5, 0.5], [0.25, 0.75]) + entropy([1], { unit });
export const result: LossResult = crossEntropyLoss([[1, 2]], [0]);
export const codes: ReadonlyArray<string | null> = huffmanCode([0.5, 0.5]).codes;
export const net: Network = createNetwork({ sizes: [2, 2], cost: 'cross-entropy', rng: createRng(1) });
// @ts-expect-error the types are real: entropy returns a number
export const wrong: string = entropy([1]);
`,
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2023', 'dom'], types: [], strict: true, noEmit: true },
        files: ['consumer.ts'],
      }),
    );
    const tsc = join(repo, 'node_modules/typescript/bin/tsc');
    const { code, stdout } = await run('node', [tsc, '-p', 'tsconfig.json'], project, { allowFailure: true });
    expect(stdout).toBe('');
    expect(code).toBe(0);
  });
});

describe('the CLI from the installed package', () => {
  it('npx xent info prints the measures', async () => {
    const { stdout } = await run('npx', ['--no-install', 'xent', 'info', '--p', '0.5,0.25,0.125,0.125', '--q', '0.125,0.5,0.25,0.125', '--json'], project);
    expect(JSON.parse(stdout)).toMatchObject({ unit: 'bits', entropy: 1.75, crossEntropy: 2.375, kl: 0.625 });
  });

  it('npx xent train trains on the shipped digits, exactly as the checkout does', async () => {
    const args = ['train', '--epochs', '1', '--hidden', '10', '--train-size', '300', '--test-size', '100', '--seed', '2', '--json'];
    const [installed, checkout] = await Promise.all([run('npx', ['--no-install', 'xent', ...args], project), run('node', ['bin/xent.js', ...args], repo)]);
    const withoutTimes = (text: string) => {
      const report = JSON.parse(text) as { epochs: { seconds?: number }[] };
      for (const e of report.epochs) delete e.seconds;
      return report;
    };
    expect(withoutTimes(installed.stdout)).toEqual(withoutTimes(checkout.stdout));
    expect(withoutTimes(installed.stdout)).toMatchObject({ config: { dataset: 'mnist', trainSize: 300, testSize: 100 } });
  });

  it('npx xent train --threads 2 finds its worker in the installed package and trains the same network', async () => {
    const args = ['train', '--epochs', '1', '--hidden', '10', '--train-size', '300', '--test-size', '100', '--json'];
    const [two, one] = await Promise.all([run('npx', ['--no-install', 'xent', ...args, '--threads', '2'], project), run('npx', ['--no-install', 'xent', ...args], project)]);
    expect(two.stderr).not.toMatch(/note/);
    const report = JSON.parse(two.stdout) as { threadsUsed: number; epochs: { seconds?: number }[] };
    expect(report.threadsUsed).toBe(2);
    const figures = (r: { epochs: { seconds?: number }[] }) => r.epochs.map(({ seconds: _s, ...rest }) => rest);
    expect(figures(report)).toEqual(figures(JSON.parse(one.stdout)));
  });
});

describe('the lab and a browser bundle from the installed package', () => {
  let lab: Started;
  let browser: Chromium;

  beforeAll(async () => {
    [lab, browser] = await Promise.all([startCommand('npx', ['--no-install', 'xent', 'lab', '--port', '0'], project, /serving (http:\S+)/), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    lab?.stop();
    await browser?.close();
  });

  it('npx xent lab serves the built lab with no build step', async () => {
    const url = lab.match[1];
    const index = await fetch(url);
    expect(index.status).toBe(200);
    const html = await index.text();
    const script = /<script type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
    expect(script).toMatch(/^\.\/assets\/.+\.js$/);
    // Hostable from any directory: every URL in the page is relative.
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(urls.filter((u) => !u.startsWith('./'))).toEqual([]);
    const asset = await fetch(new URL(script!, url));
    expect([asset.status, asset.headers.get('content-type')]).toEqual([200, expect.stringContaining('javascript')]);

    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(`${url}#/entropy`);
    await page.waitForSelector('main', { timeout: 20_000 });
    expect(await page.title()).toMatch(/xent/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the built lab also works from a sub-directory of a plain file host', async () => {
    // As on GitHub Pages or an S3 bucket: the files of web/dist under /some/dir/, no server logic.
    const dist = join(project, 'node_modules/xent/web/dist');
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} ${r.url()}`));
    await page.route('http://xent.test/**', (route) => {
      const path = new URL(route.request().url()).pathname;
      const file = path === '/some/dir/' ? 'index.html' : path.startsWith('/some/dir/') ? path.slice('/some/dir/'.length) : undefined;
      if (file === undefined || file.includes('..') || !existsSync(join(dist, file))) return route.fulfill({ status: 404, body: '' });
      const type = file.endsWith('.html') ? 'text/html' : file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'image/svg+xml';
      return route.fulfill({ contentType: type, body: readFileSync(join(dist, file)) });
    });
    await page.goto('http://xent.test/some/dir/#/entropy');
    await page.waitForSelector('main', { timeout: 20_000 });
    expect(await page.locator('main').innerText()).not.toBe('');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('an esbuild bundle of one loss is small, has no coder, data or Node built-in, and runs in chromium', async () => {
    writeFileSync(
      join(project, 'one-loss.js'),
      `import { crossEntropyLoss } from 'xent/losses';
const r = crossEntropyLoss([[2, -1, 0.5]], [0]);
globalThis.xentResult = { loss: r.loss, grad: Array.from(r.grad) };
`,
    );
    const result = await build({
      entryPoints: [join(project, 'one-loss.js')],
      bundle: true,
      minify: true,
      write: false,
      metafile: true,
      format: 'iife',
      platform: 'browser',
      outfile: join(project, 'one-loss.bundle.js'),
      absWorkingDir: project,
      logLevel: 'silent',
    });
    const bundle = result.outputFiles[0].contents;
    const [output] = Object.values(result.metafile.outputs);
    const included = Object.entries(output.inputs)
      .filter(([, v]) => v.bytesInOutput > 0)
      .map(([path]) => path);
    console.log(`consumer: one-loss bundle ${bundle.length} bytes minified (${included.length} modules)`);
    expect(bundle.length).toBeLessThan(ONE_LOSS_BUNDLE_BUDGET_BYTES);
    expect(included.filter((p) => /\/(coding|nn|data|experiments|plot|cli|server)\//.test(p) || /mnist/i.test(p))).toEqual([]);
    expect(included).toContain('node_modules/xent/dist/core/losses/crossEntropyLoss.js');
    const text = new TextDecoder().decode(bundle);
    expect(text).not.toMatch(/node:|require\(/);

    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await servePage(page, '<script src="/one-loss.js"></script>', { '/one-loss.js': { type: 'text/javascript', body: bundle } });
    const got = (await page.evaluate('globalThis.xentResult')) as { loss: number; grad: number[] };
    // Closed form: −log softmax(x)_0 = log Σ e^x − x_0, and ∂/∂x = softmax(x) − onehot(0).
    const z = Math.exp(2) + Math.exp(-1) + Math.exp(0.5);
    expect(got.loss).toBeCloseTo(Math.log(z) - 2, 14);
    [Math.exp(2) / z - 1, Math.exp(-1) / z, Math.exp(0.5) / z].forEach((g, k) => expect(got.grad[k]).toBeCloseTo(g, 14));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the MNIST asset decodes in chromium (fetch + DecompressionStream) to the digits xent train uses', async () => {
    writeFileSync(
      join(project, 'mnist.js'),
      `import { mnistDigitsFromIdx } from 'xent/nn';
async function gunzip(url) {
  const body = (await fetch(url)).body.pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(body).arrayBuffer());
}
const d = mnistDigitsFromIdx(await gunzip('/digits-images-idx3-ubyte.gz'), await gunzip('/digits-labels-idx1-ubyte.gz'));
let checksum = 0;
for (let i = 0; i < d.inputs.length; i++) checksum += d.inputs[i] * ((i % 997) + 1);
globalThis.xentMnist = { n: d.n, checksum, labels: Array.from(d.labels.filter((_, i) => i % 101 === 0)) };
`,
    );
    const result = await build({ entryPoints: [join(project, 'mnist.js')], bundle: true, write: false, format: 'esm', platform: 'browser', logLevel: 'silent' });
    const asset = join(project, 'node_modules/xent/src/data/mnist');
    const page = await browser.context.newPage();
    const gz = (name: string) => ({ type: 'application/gzip', body: readFileSync(join(asset, name)) });
    await servePage(page, '<script type="module" src="/mnist.js"></script>', {
      '/mnist.js': { type: 'text/javascript', body: result.outputFiles[0].contents },
      '/digits-images-idx3-ubyte.gz': gz('digits-images-idx3-ubyte.gz'),
      '/digits-labels-idx1-ubyte.gz': gz('digits-labels-idx1-ubyte.gz'),
    });
    await page.waitForFunction('globalThis.xentMnist !== undefined', undefined, { timeout: 30_000 });
    const got = (await page.evaluate('globalThis.xentMnist')) as { n: number; checksum: number; labels: number[] };
    const digits = loadMnistDigits();
    let checksum = 0;
    for (let i = 0; i < digits.inputs.length; i++) checksum += digits.inputs[i] * ((i % 997) + 1);
    expect(got).toEqual({ n: 10000, checksum, labels: Array.from(digits.labels.filter((_, i) => i % 101 === 0)) });
    await page.close();
  });
});
