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
// checked by the hash the build appends to each file, which heads the cache file.
const { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { basename, join, sep } = require('node:path');
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
/** [script, its cache] for each file whose cache is to be written at exit. */
const unsaved = [];
/** `require` for anything outside the bundle: resolved from dist/bin, as Node would. */
let requireOutside;
/** The cache file's first bytes: the content hash of the source it was made from. */
const HASH_BYTES = 16;

loadBundled('xent.cjs');

/** Runs dist/bin/`name` as Node runs a CommonJS file, its siblings loaded the same way. */
function loadBundled(name) {
  const known = loaded.get(name);
  if (known !== undefined) return known.exports;
  const filename = bundleDirectory + sep + name;
  const source = readFileSync(filename, 'utf8');
  const cache = codeCache(filename, source);
  // Node's own wrapper, with the same parameters: the file's line numbers are unchanged.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, { filename, cachedData: cache?.data });
  if (cache !== undefined && (cache.data === undefined || script.cachedDataRejected)) keepCache(script, cache);
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
  requireOutside ??= Module.createRequire(bundleDirectory + sep + 'xent.cjs');
  return requireOutside(id);
}

/**
 * The code cache of a bundle file: its file, named after the file's path (as Node names
 * its own), and the V8 data, when the file holds it for this content. The file starts with
 * the content hash the build appended to the source (`// content sha256 <16 hex digits>`,
 * the last line before the source map's); undefined without a cache directory or a hash.
 */
function codeCache(filename, source) {
  if (codeCacheDirectory === undefined) return undefined;
  const hash = /\n\/\/ content sha256 ([0-9a-f]{16})\n/.exec(source.slice(-200))?.[1];
  if (hash === undefined) return undefined;
  const file = `${codeCacheDirectory}${sep}${basename(filename, '.cjs')}-${fnv1a(filename)}`;
  let data;
  try {
    const bytes = readFileSync(file);
    if (bytes.toString('latin1', 0, HASH_BYTES) === hash) data = bytes.subarray(HASH_BYTES);
  } catch {
    // Not made yet, or unreadable: compiled from source, and made at exit.
  }
  return { file, hash, data };
}

/** FNV-1a, 32 bits, of a path's UTF-16 code units: a short name for a cache file. */
function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

function keepCache(script, cache) {
  if (unsaved.length === 0) process.on('exit', saveCodeCaches);
  unsaved.push([script, cache]);
}

/**
 * Writes each missing or rejected cache through a temporary file beside it and a rename, so
 * that a reader never sees half of one. Failures (a read-only or full disk) only mean no
 * cache: the command's result stands.
 */
function saveCodeCaches() {
  for (const [script, { file, hash }] of unsaved) {
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      mkdirSync(codeCacheDirectory, { recursive: true });
      writeFileSync(temporary, Buffer.concat([Buffer.from(hash, 'latin1'), script.createCachedData()]));
      renameSync(temporary, file);
    } catch {
      try {
        rmSync(temporary, { force: true });
      } catch {
        // Nothing more to do: the cache only saves time.
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
