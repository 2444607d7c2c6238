// Bundles the compiled CLI into dist/bin as CommonJS, so that a command loads four files
// instead of dozens of ES modules (each resolved, read, linked and evaluated by Node 20's
// ESM loader), which is most of what makes `xent info` start nearly as fast as `node -e 0`
// (bench/cases/startup.ts):
//   xent.cjs         the start-up (src/cli/bin.ts, runBin.ts);
//   shared.cjs       main and every module it imports (errors, io, pendingFiles, the
//                    command table): one copy, shared by the commands, since their classes
//                    (XentError) and state (pendingFiles) must be the same objects;
//   commander.cjs    commander, with node:child_process required only if it is used (for
//                    executable subcommands, which xent has none of): that module and the
//                    network modules it loads cost a tenth of Node's own start-up;
//   cmd-<name>.cjs   one per command, required only when that command runs;
//   superviseCli.cjs the supervisor, required only by commands that write files for long.
// Each file ends with `// content sha256 <16 hex digits>` before its source map's line:
// bin/xent.js keeps V8's code cache of a file under that name, so that a rebuilt file never
// meets the cache of another (V8 itself checks only the source's length).
// dist/bin is two levels below the package root like dist/cli, so the paths the code
// builds from import.meta.url (package.json, web/, src/data/, dist/threads/) still hold;
// the kernels' FMA builds, read from beside their loader, are copied beside the bundles.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = `${root}dist/`;
const outdir = `${dist}bin`;
const commands = [...readFileSync(`${dist}cli/commands/index.js`, 'utf8').matchAll(/import\('\.\/(\w+)\.js'\)/g)].map((m) => m[1]);
if (commands.length === 0) throw new Error('bundleCli: no command found in dist/cli/commands/index.js');
/** Modules reached only by import() at run time: each is its own file. */
const lazy = new Map([
  ...commands.map((c) => [`${dist}cli/commands/${c}.js`, `./cmd-${c}.cjs`]),
  [`${dist}cli/output/superviseCli.js`, './superviseCli.cjs'],
]);

const external = (path) => ({ path, external: true });
/** import('./info.js') in the command table is require('./cmd-info.cjs') at run time. */
const lazyFiles = {
  name: 'lazy-files',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      const file = lazy.get(resolve(args.resolveDir, args.path));
      return file === undefined || args.kind === 'entry-point' ? undefined : external(file);
    });
  },
};
/** `commander` is dist/bin/commander.cjs. */
const sharedCommander = {
  name: 'shared-commander',
  setup(b) {
    b.onResolve({ filter: /^commander$/ }, () => external('./commander.cjs'));
  },
};
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, () => ({ path: 'child_process', namespace: 'lazy' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
      loader: 'js',
    }));
  },
};
/** A module of shared.cjs, imported from another file: its exports, taken from there. */
const fromShared = (shared) => ({
  name: 'from-shared',
  setup(b) {
    b.onResolve({ filter: /^\.\/shared\.cjs$/ }, () => external('./shared.cjs'));
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      const path = resolve(args.resolveDir, args.path);
      return shared.has(path) && args.kind !== 'entry-point' ? { path: relative(dist, path), namespace: 'shared' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'shared' }, (args) => ({
      contents: `module.exports = require('./shared.cjs')[${JSON.stringify(args.path)}];`,
      loader: 'js',
    }));
  },
});

/**
 * main.js reads the version from package.json at run time (dist/cli runs unbundled too); in
 * the bundle it is the literal of the package.json built with it, which saves a module
 * resolution and a file read at every start.
 */
const inlineVersion = {
  name: 'inline-version',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]cli[\\/]main\.js$/ }, (args) => {
      const code = readFileSync(args.path, 'utf8');
      const read = "createRequire(import.meta.url)('../../package.json')";
      if (!code.includes(read)) throw new Error(`bundleCli: ${args.path} no longer reads the version as ${read}`);
      const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
      return { contents: code.replace(read, JSON.stringify({ version })), loader: 'js' };
    });
  },
};

const banner = 'const __xentModuleUrl = require("node:url").pathToFileURL(__filename).href;';
const common = {
  outdir,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // vite and playwright-core are needed only by `xent lab` and tests.
  external: ['cli-progress', 'vite', 'playwright-core'],
  define: { 'import.meta.url': '__xentModuleUrl' },
  banner: { js: banner },
  outExtension: { '.js': '.cjs' },
  // The lazy files are required when they are needed, not loaded as ES modules.
  supported: { 'dynamic-import': false },
  logLevel: 'warning',
};

rmSync(outdir, { recursive: true, force: true });
await build({ ...common, entryPoints: { commander: 'commander' }, plugins: [lazyChildProcess] });
// What main imports, found by bundling it once without writing.
const probe = await build({ ...common, entryPoints: [`${dist}cli/main.js`, `${dist}cli/output/pendingFiles.js`], write: false, metafile: true, plugins: [inlineVersion, lazyFiles, sharedCommander] });
const shared = new Set(Object.keys(probe.metafile.inputs).map((p) => resolve(root, p)).filter((p) => p.startsWith(dist)));
const sharedEntry = [...shared].map((p, i) => `import * as m${i} from ${JSON.stringify(p)};`).join('\n') + `\nmodule.exports = { ${[...shared].map((p, i) => `${JSON.stringify(relative(dist, p))}: m${i}`).join(', ')} };\n`;
await build({ ...common, stdin: { contents: sharedEntry, resolveDir: dist, sourcefile: 'shared.js', loader: 'js' }, outdir: undefined, outfile: `${outdir}/shared.cjs`, plugins: [inlineVersion, lazyFiles, sharedCommander] });
const entries = {
  xent: `${dist}cli/bin.js`,
  superviseCli: `${dist}cli/output/superviseCli.js`,
  ...Object.fromEntries(commands.map((c) => [`cmd-${c}`, `${dist}cli/commands/${c}.js`])),
};
await build({ ...common, entryPoints: entries, plugins: [fromShared(shared), lazyFiles, sharedCommander] });
for (const name of readdirSync(outdir).filter((f) => f.endsWith('.cjs'))) {
  const file = `${outdir}/${name}`;
  let code = readFileSync(file, 'utf8');
  // The banner's URL is made only in files that use it (an empty line keeps the source map's lines).
  if (code.startsWith(`${banner}\n`) && code.indexOf('__xentModuleUrl', banner.length) < 0) code = code.slice(banner.length);
  const mapLine = code.lastIndexOf('\n//# sourceMappingURL=');
  const body = mapLine < 0 ? code : code.slice(0, mapLine + 1);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  writeFileSync(file, `${body}${body.endsWith('\n') ? '' : '\n'}// content sha256 ${hash}\n${mapLine < 0 ? '' : code.slice(mapLine + 1)}`);
}
for (const file of readdirSync(`${dist}core/kernels/wasm`).filter((f) => f.endsWith('.wasm'))) {
  copyFileSync(`${dist}core/kernels/wasm/${file}`, `${outdir}/${file}`);
}
