#!/usr/bin/env node
'use strict';
// The `xent` command. This file is CommonJS (bin/package.json says so): an ES module entry
// would start Node's ESM loader, which alone costs Node 20 a tenth of its own start-up.
// The CLI is the CommonJS bundle in dist/bin, built by `npm run build` (run by `npm ci` via
// `prepare`): one file per command, loaded only when it runs (scripts/bundleCli.mjs), since
// start-up is most of a short command's time.
//
// The bundle's files are compiled here, with V8's code cache kept on disk for the next
// start: Node 20 has no cache of its own, and Node 22's compile cache holds only the code
// compiled before a file runs (its top level), so every function a command calls would be
// compiled again on each start. The cache is made when the process exits, so it holds the
// functions that ran; it is written once, when it is missing or V8 rejected it, in the
// user's cache directory (XDG's), never in TMPDIR, which a command leaves as it found it.
// NODE_COMPILE_CACHE, when set, chooses the directory instead, NODE_DISABLE_COMPILE_CACHE
// turns both caches off, and without a home directory there is none. V8 checks that a
// cache fits its version, its flags and the source's length; the source's content is
// checked by the hash the build appends to each file (the cache's name holds it).
const { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const vm = require('node:vm');

const bundleDirectory = join(__dirname, '..', 'dist', 'bin');
const cacheRoot = process.env.NODE_DISABLE_COMPILE_CACHE ? undefined : compileCacheRoot();
if (cacheRoot !== undefined && Number(process.versions.node.split('.')[0]) >= 22) {
  // Node's own cache, for what is not in the bundle (dependencies loaded by a command).
  Module.enableCompileCache?.(cacheRoot);
}
const codeCacheDirectory = cacheRoot && join(cacheRoot, `xent-v8-${process.versions.v8}-${process.arch}`);

/** name → module, so that a file runs once and a cycle gets the exports made so far. */
const loaded = new Map();
/** [script, cache file] for each file whose cache is to be written at exit. */
const unsaved = [];
/** `require` for anything outside the bundle: resolved from dist/bin, as Node would. */
let requireOutside;

loadBundled('xent.cjs');

/** Runs dist/bin/`name` as Node runs a CommonJS file, its siblings loaded the same way. */
function loadBundled(name) {
  const known = loaded.get(name);
  if (known !== undefined) return known.exports;
  const filename = join(bundleDirectory, name);
  const source = readFileSync(filename, 'utf8');
  const cacheFile = codeCacheFile(name, source);
  let cachedData;
  if (cacheFile !== undefined) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined; // Not made yet, or unreadable: compile, and make it at exit.
    }
  }
  // Node's own wrapper, with the same parameters: the file's line numbers are unchanged.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, { filename, cachedData });
  if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected)) keepCache(script, cacheFile);
  const module = { id: filename, filename, exports: {}, loaded: false };
  loaded.set(name, module);
  script.runInThisContext()(module.exports, requireFrom, module, filename, bundleDirectory);
  module.loaded = true;
  return module.exports;
}

/** The bundle's own files by their relative name, anything else by Node's `require`. */
function requireFrom(id) {
  if (id.startsWith('./')) return loadBundled(id.slice(2));
  if (Module.isBuiltin(id)) return require(id);
  requireOutside ??= Module.createRequire(join(bundleDirectory, 'xent.cjs'));
  return requireOutside(id);
}

/** Where the code cache of a bundle file lives; undefined without a cache or a hash. */
function codeCacheFile(name, source) {
  if (codeCacheDirectory === undefined) return undefined;
  // The build's last line before the source map's: `// content sha256 <16 hex digits>`.
  const hash = /\n\/\/ content sha256 ([0-9a-f]{16})\n/.exec(source.slice(-200));
  return hash === null ? undefined : join(codeCacheDirectory, `${name.replace(/\.cjs$/, '')}-${hash[1]}.v8`);
}

function keepCache(script, cacheFile) {
  if (unsaved.length === 0) process.on('exit', saveCodeCaches);
  unsaved.push([script, cacheFile]);
}

/**
 * Writes each missing cache, through a temporary file beside it and a rename, so that a
 * reader never sees half of one; earlier builds' caches of the same file are removed.
 * Failures (a read-only or full disk) only mean no cache: the command's result stands.
 */
function saveCodeCaches() {
  for (const [script, cacheFile] of unsaved) {
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    try {
      mkdirSync(codeCacheDirectory, { recursive: true });
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, cacheFile);
      const stem = cacheFile.slice(codeCacheDirectory.length + 1).replace(/-[0-9a-f]{16}\.v8$/, '-');
      for (const old of readdirSync(codeCacheDirectory)) {
        if (old.startsWith(stem) && /^[0-9a-f]{16}\.v8$/.test(old.slice(stem.length)) && join(codeCacheDirectory, old) !== cacheFile) rmSync(join(codeCacheDirectory, old), { force: true });
      }
    } catch {
      try {
        rmSync(temporary, { force: true });
      } catch {
        // Nothing more to do: the cache is only an optimisation.
      }
    }
  }
}

/** NODE_COMPILE_CACHE, else $XDG_CACHE_HOME/xent/node-compile-cache, else ~/.cache/…; undefined without a home. */
function compileCacheRoot() {
  if (process.env.NODE_COMPILE_CACHE) return process.env.NODE_COMPILE_CACHE;
  const cacheHome = process.env.XDG_CACHE_HOME || (process.env.HOME ? join(process.env.HOME, '.cache') : undefined);
  return cacheHome === undefined ? undefined : join(cacheHome, 'xent', 'node-compile-cache');
}
