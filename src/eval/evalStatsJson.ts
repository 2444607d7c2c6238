import { XentError } from '../core/XentError.js';
import { parseUnit } from '../core/info/unit.js';
import { BINNINGS, INPUT_KINDS, resolveEvalOptions, type Binning, type InputKind } from './EvalOptions.js';
import { evalSums, type EvalSums } from './EvalSums.js';
import { EQUAL_MASS_GRID } from './EvalSumsScale.js';
import { MAX_BINS } from './evalLimits.js';
import { kllSketch } from './KllSketch.js';
import { bootstrapSums } from './PoissonBootstrap.js';

/** The `format` of a saved table of sums. */
export const EVAL_STATS_FORMAT = 'xent-eval-stats';
export const EVAL_STATS_VERSION = 1;

/**
 * The settings a saved table records: every one must agree for tables to merge. Beyond
 * EvalSettings, the bins M, and the clip and normalisation the rows were read with.
 */
export interface EvalStatsSettings {
  classes: number;
  input: InputKind;
  unit: string;
  binning: Binning;
  bins: number;
  clip: number | null;
  normalize: boolean;
  classNames?: string[];
}

export function evalStatsSettings(sums: EvalSums, clip: number | undefined, normalize: boolean): EvalStatsSettings {
  const s = sums.settings;
  const settings: EvalStatsSettings = { classes: s.classes, input: s.input, unit: s.unit, binning: s.binning, bins: sums.classwise.bins, clip: clip ?? null, normalize };
  if (s.classNames !== undefined) settings.classNames = s.classNames;
  return settings;
}

/**
 * The table of sums as JSON text: `{"format": "xent-eval-stats", "version": 1, "settings":
 * {…}, "sums": {…}}`. Every number is written so that it reads back to the same float64:
 * finite numbers as JSON numbers (JavaScript writes the shortest decimal that round-trips),
 * and −0, ±Infinity and NaN as the strings "-0", "Infinity", "-Infinity", "NaN".
 */
export function evalStatsJson(sums: EvalSums, settings: EvalStatsSettings): string {
  const { settings: _inner, ...rest } = sums;
  return JSON.stringify({ format: EVAL_STATS_FORMAT, version: EVAL_STATS_VERSION, settings, sums: rest }, replacer) + '\n';
}

function replacer(_key: string, v: unknown): unknown {
  if (typeof v === 'number') return encodeNumber(v);
  if (v instanceof Float64Array) return Array.from(v, encodeNumber);
  return v;
}

function encodeNumber(x: number): number | string {
  if (Object.is(x, -0)) return '-0';
  return Number.isFinite(x) ? x : String(x);
}

function decodeNumber(v: unknown, where: string, field: string): number {
  if (typeof v === 'number') return v;
  if (v === '-0') return -0;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (v === 'NaN') return NaN;
  throw new XentError(`${where} is not a number`, { field });
}

/** A saved table of sums, read back and checked against the shape its settings give. */
export interface EvalStats {
  settings: EvalStatsSettings;
  sums: EvalSums;
}

/**
 * Reads the JSON text of `evalStatsJson`. The settings are checked first, then the sums
 * must have exactly the shape of an empty table of those settings (every key, every
 * array's length), so a file of other bins or classes, or a damaged one, is refused with
 * the first key that is wrong. `field` names the file in errors.
 */
export function parseEvalStats(json: unknown, field: string): EvalStats {
  if (!isObject(json)) throw new XentError('is not a JSON object', { field });
  if (json.format !== EVAL_STATS_FORMAT) throw new XentError(`format must be "${EVAL_STATS_FORMAT}", got ${JSON.stringify(json.format)?.slice(0, 40)}`, { field });
  if (json.version !== EVAL_STATS_VERSION) throw new XentError(`version ${JSON.stringify(json.version)} is not supported (this xent reads version ${EVAL_STATS_VERSION})`, { field });
  const settings = parseSettings(json.settings, field);
  const raw = json.sums;
  if (!isObject(raw)) throw new XentError('sums is not an object', { field });
  const topLabel = raw.topLabel;
  const equalMassBins = raw.equalMassBins;
  const fine = equalMassBins !== undefined;
  if (fine && equalMassBins !== settings.bins) throw new XentError(`sums.equalMassBins must be the ${settings.bins} bins of the settings`, { field });
  const edgesRaw = isObject(topLabel) ? topLabel.edges : undefined;
  const M = fine ? EQUAL_MASS_GRID : settings.bins;
  if (!Array.isArray(edgesRaw) || edgesRaw.length !== M + 1) throw new XentError(`sums.topLabel.edges must hold ${M + 1} numbers`, { field });
  const edges = Float64Array.from(edgesRaw, (v, i) => decodeNumber(v, `sums.topLabel.edges[${i}]`, field));
  for (let i = 0; i < edges.length; i++) {
    if (!(edges[i] >= 0 && edges[i] <= 1) || (i > 0 && edges[i] < edges[i - 1])) throw new XentError(`sums.topLabel.edges must rise from 0 to 1, not at index ${i}`, { field });
  }
  const options = resolveEvalOptions({ input: settings.input, bins: settings.bins, binning: settings.binning, unit: parseUnit(settings.unit) });
  const template = evalSums(settings.classes, options, edges, settings.classNames);
  if (fine) {
    template.equalMassBins = settings.bins;
    if (raw.quantileSketch !== undefined) template.quantileSketch = parseSketch(raw.quantileSketch, field);
  } else if (raw.quantileSketch !== undefined) {
    throw new XentError('sums.quantileSketch needs sums.equalMassBins', { field });
  }
  if (raw.bootstrap !== undefined) {
    const b = raw.bootstrap;
    if (!isObject(b) || !Number.isInteger(b.replicates) || !Number.isSafeInteger(b.seed)) throw new XentError('sums.bootstrap needs whole replicates and seed', { field });
    template.bootstrap = bootstrapSums(b.replicates as number, b.seed as number, M);
  }
  fill(template as unknown as Record<string, unknown>, raw, 'sums', field, new Set(['settings', 'quantileSketch']));
  return { settings, sums: template };
}

function parseSettings(v: unknown, field: string): EvalStatsSettings {
  if (!isObject(v)) throw new XentError('settings is not an object', { field });
  const { classes, input, unit, binning, bins, clip, normalize, classNames } = v;
  if (!Number.isInteger(classes) || (classes as number) < 2) throw new XentError('settings.classes must be a whole number ≥ 2', { field });
  if (!INPUT_KINDS.includes(input as InputKind)) throw new XentError(`settings.input must be one of ${INPUT_KINDS.join(', ')}`, { field });
  if (typeof unit !== 'string') throw new XentError('settings.unit must be a unit name', { field });
  parseUnit(unit);
  if (!BINNINGS.includes(binning as Binning)) throw new XentError(`settings.binning must be one of ${BINNINGS.join(', ')}`, { field });
  if (!Number.isInteger(bins) || (bins as number) < 1 || (bins as number) > MAX_BINS) throw new XentError(`settings.bins must be a whole number from 1 to ${MAX_BINS}`, { field });
  if (!(clip === null || (typeof clip === 'number' && clip > 0 && clip < 1))) throw new XentError('settings.clip must be null or a number in (0, 1)', { field });
  if (typeof normalize !== 'boolean') throw new XentError('settings.normalize must be true or false', { field });
  const settings: EvalStatsSettings = { classes: classes as number, input: input as InputKind, unit, binning: binning as Binning, bins: bins as number, clip: clip as number | null, normalize };
  if (classNames !== undefined) {
    if (!Array.isArray(classNames) || classNames.length !== classes || !classNames.every((x) => typeof x === 'string')) throw new XentError('settings.classNames must be one name per class', { field });
    settings.classNames = classNames as string[];
  }
  return settings;
}

function parseSketch(v: unknown, field: string): EvalSums['quantileSketch'] {
  if (!isObject(v) || !Number.isInteger(v.k) || !Number.isSafeInteger(v.seed) || !Number.isSafeInteger(v.n) || !Array.isArray(v.levels) || !Array.isArray(v.compactions)) {
    throw new XentError('sums.quantileSketch needs k, seed, n, levels and compactions', { field });
  }
  const sketch = kllSketch(v.k as number, v.seed as number);
  const levels = v.levels as unknown[];
  const compactions = v.compactions as unknown[];
  if (levels.length > 64 || compactions.length !== levels.length) throw new XentError('sums.quantileSketch has a level count out of range', { field });
  let weight = 0;
  sketch.levels = levels.map((level, h) => {
    if (!Array.isArray(level) || level.length > 4 * (v.k as number) + 2) throw new XentError(`sums.quantileSketch.levels[${h}] is not a list of at most 4k numbers`, { field });
    weight += level.length * 2 ** h;
    return level.map((x, i) => decodeNumber(x, `sums.quantileSketch.levels[${h}][${i}]`, field));
  });
  sketch.compactions = compactions.map((c, h) => {
    if (!Number.isSafeInteger(c) || (c as number) < 0) throw new XentError(`sums.quantileSketch.compactions[${h}] is not a count`, { field });
    return c as number;
  });
  sketch.n = v.n as number;
  if (weight !== sketch.n) throw new XentError(`sums.quantileSketch's items weigh ${weight}, not its n = ${sketch.n}`, { field });
  return sketch;
}

/** Counts that fix the table's shape: they must equal the settings' rather than be read. */
const STRUCTURAL = new Set(['classes', 'bins', 'replicates', 'seed', 'equalMassBins']);

/** Copies `raw` into `shape` (an empty table), key by key, refusing any difference of shape. */
function fill(shape: Record<string, unknown>, raw: unknown, path: string, field: string, skip: Set<string>): void {
  if (!isObject(raw)) throw new XentError(`${path} is not an object`, { field });
  for (const key of Object.keys(raw)) {
    if (!(key in shape) && !skip.has(key)) throw new XentError(`${path}.${key} is not a key of the table of sums`, { field });
  }
  for (const [key, value] of Object.entries(shape)) {
    if (skip.has(key)) continue;
    const at = `${path}.${key}`;
    const v = raw[key];
    if (value instanceof Float64Array) {
      if (!Array.isArray(v) || v.length !== value.length) throw new XentError(`${at} must hold ${value.length} numbers`, { field });
      for (let i = 0; i < v.length; i++) value[i] = decodeNumber(v[i], `${at}[${i}]`, field);
    } else if (typeof value === 'number') {
      if (v === undefined) throw new XentError(`${at} is missing`, { field });
      const x = decodeNumber(v, at, field);
      if (STRUCTURAL.has(key) && x !== value) throw new XentError(`${at} is ${x}, but the settings make it ${value}`, { field });
      shape[key] = x;
    } else if (isObject(value)) {
      fill(value, v, at, field, new Set());
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first setting on which two saved tables differ, as "name a vs b", or undefined when they agree. */
export function settingsDifference(a: EvalStatsSettings, b: EvalStatsSettings): string | undefined {
  for (const key of ['classes', 'input', 'unit', 'binning', 'bins', 'clip', 'normalize', 'classNames'] as const) {
    const x = JSON.stringify(a[key] ?? null);
    const y = JSON.stringify(b[key] ?? null);
    if (x !== y) return `${key} ${x.slice(0, 60)} vs ${y.slice(0, 60)}`;
  }
  return undefined;
}
