import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

/**
 * The layers of docs/design.md as data: each layer names the layers its files may import.
 * A file belongs to the first layer whose folder contains it (most specific first), so
 * `src/core/math` is its own layer below the rest of `src/core`. Imports point inward:
 * `cli → (experiments, eval, data) → (nn, coding, formats, plot) → core`; `formats` (the
 * pure file formats) and `plot` import only `core`; the lab imports what runs in a browser,
 * never `data` (the Node edges).
 */
export const LAYERS: ReadonlyArray<{ layer: string; folder: string; mayImport: readonly string[] }> = [
  { layer: 'core/XentError', folder: 'src/core/XentError.ts', mayImport: [] },
  { layer: 'core/math', folder: 'src/core/math', mayImport: ['core/XentError'] },
  { layer: 'core/random', folder: 'src/core/random', mayImport: ['core/math', 'core/XentError'] },
  { layer: 'core/info', folder: 'src/core/info', mayImport: ['core/math', 'core/XentError'] },
  { layer: 'core/kernels', folder: 'src/core/kernels', mayImport: ['core/math', 'core/XentError'] },
  { layer: 'core/losses', folder: 'src/core/losses', mayImport: ['core/kernels', 'core/math', 'core/XentError'] },
  { layer: 'plot', folder: 'src/plot', mayImport: CORE() },
  { layer: 'formats', folder: 'src/formats', mayImport: CORE() },
  { layer: 'coding', folder: 'src/coding', mayImport: [...CORE(), 'formats'] },
  { layer: 'nn', folder: 'src/nn', mayImport: CORE() },
  { layer: 'eval', folder: 'src/eval', mayImport: [...CORE(), 'plot', 'formats'] },
  { layer: 'calibration', folder: 'src/calibration', mayImport: [...CORE(), 'formats', 'eval'] },
  { layer: 'experiments', folder: 'src/experiments', mayImport: [...CORE(), 'nn', 'coding', 'plot'] },
  { layer: 'data', folder: 'src/data', mayImport: [...CORE(), 'nn', 'formats'] },
  { layer: 'server', folder: 'src/server', mayImport: CORE() },
  // The Node edge of training's worker threads: starts them with worker_threads (nn holds
  // everything else about them, and takes the starter as an argument).
  { layer: 'threads', folder: 'src/threads', mayImport: [...CORE(), 'nn'] },
  { layer: 'cli', folder: 'src/cli', mayImport: [...CORE(), 'nn', 'coding', 'plot', 'eval', 'calibration', 'experiments', 'formats', 'data', 'server', 'threads'] },
  { layer: 'entries', folder: 'src/entries', mayImport: [...CORE(), 'nn', 'coding', 'plot', 'eval', 'experiments', 'formats', 'data'] },
  { layer: 'index', folder: 'src/index.ts', mayImport: [...CORE(), 'nn', 'coding', 'plot', 'eval', 'calibration', 'experiments', 'formats', 'data'] },
  // The lab runs in a browser: it reads dropped files through formats and never imports
  // data, whose files open the disk with Node's built-ins.
  { layer: 'web', folder: 'web/src', mayImport: [...CORE(), 'nn', 'coding', 'plot', 'eval', 'calibration', 'experiments', 'formats'] },
];

function CORE(): string[] {
  return ['core/XentError', 'core/math', 'core/random', 'core/info', 'core/kernels', 'core/losses'];
}

/** The layer of a repository-relative path, or undefined for files outside the layered tree. */
export function layerOf(path: string): string | undefined {
  const best = LAYERS.filter((l) => path === l.folder || path.startsWith(l.folder + '/')).sort((a, b) => b.folder.length - a.folder.length)[0];
  return best?.layer;
}

/** Relative module specifiers of import/export/dynamic-import statements and `?raw` imports. */
export function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  const pattern = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const m of source.matchAll(pattern)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec.startsWith('.')) found.push(spec.replace(/\?.*$/, ''));
  }
  return found;
}

export interface LayerViolation {
  from: string;
  to: string;
  reason: string;
}

/** The violation an import from `fromPath` of `specifier` makes, or null when it points inward. */
export function checkImport(fromPath: string, specifier: string): LayerViolation | null {
  const to = posix.normalize(posix.join(posix.dirname(fromPath), specifier)).replace(/\.js$/, '.ts');
  const fromLayer = layerOf(fromPath);
  const toLayer = layerOf(to);
  if (fromLayer === undefined || toLayer === undefined || fromLayer === toLayer) return null;
  const rule = LAYERS.find((l) => l.layer === fromLayer)!;
  if (rule.mayImport.includes(toLayer)) return null;
  return { from: fromPath, to, reason: `${fromLayer} may not import ${toLayer}` };
}

/** Every non-test TypeScript file under the given repository-relative folders. */
export function sourceFiles(root: string, folders: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) && !/\.d\.ts$/.test(entry.name)) out.push(path);
    }
  };
  for (const folder of folders) walk(folder);
  return out.sort();
}

/** All violations of the layering, and every import cycle between files, in the tree at root. */
export function checkTree(root: string, folders: readonly string[] = ['src', 'web/src']): { violations: LayerViolation[]; cycles: string[][] } {
  const files = sourceFiles(root, folders);
  const edges = new Map<string, string[]>();
  const violations: LayerViolation[] = [];
  for (const file of files) {
    const source = readFileSync(join(root, file), 'utf8');
    const specs = importSpecifiers(source);
    const targets: string[] = [];
    for (const spec of specs) {
      const v = checkImport(file, spec);
      if (v !== null) violations.push(v);
      targets.push(posix.normalize(posix.join(posix.dirname(file), spec)).replace(/\.js$/, '.ts'));
    }
    edges.set(file, targets);
  }
  return { violations, cycles: findCycles(edges) };
}

/** The strongly connected components with more than one file (Tarjan), each a cycle of imports. */
export function findCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!edges.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

