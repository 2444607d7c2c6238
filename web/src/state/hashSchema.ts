import { XentError } from '../../../src/core/XentError.js';
import { parseDistribution } from './parseDistribution.js';
import {
  COST_NAMES,
  MNIST_HIDDEN_SIZES,
  MNIST_MAX_EPOCHS,
  MNIST_TRAIN_SIZES,
  UNIT_VIEWS,
  WEIGHT_INITS,
  defaultState,
  DEMANDED_DELTA_NAMES,
  LANGS,
  MAX_TEXT_LENGTH,
  MODEL_NAMES,
  NEURON_AXES,
  NEURON_LIMITS,
  NEURON_STEPS,
  ROUTES,
  STRATEGIES,
  UNITS,
  THEMES,
  EVAL_EXAMPLES,
  INPUT_KINDS,
  BINNINGS,
  EVAL_MAX_BINS,
  ON_OFF,
  type LabState,
  type Lang,
} from './labState.js';

/**
 * One codec per piece of state: `parse` reads the hash's text and throws an XentError
 * naming the key when the value is invalid; `format` writes it back. Both directions of
 * the URL go through this one table, so they cannot drift apart.
 */
interface Codec<K extends keyof LabState> {
  key: K;
  parse(text: string): LabState[K];
  format(value: LabState[K]): string;
}

function oneOf<K extends keyof LabState>(key: K, choices: readonly LabState[K][]): Codec<K> {
  return {
    key,
    parse(text) {
      const found = choices.find((c) => String(c) === text);
      if (found === undefined) {
        throw new XentError(`'${text}' is not one of ${choices.join(', ')}`, { field: key });
      }
      return found;
    },
    format: (value) => String(value),
  };
}

function distribution(key: 'p' | 'q'): Codec<'p' | 'q'> {
  return {
    key,
    parse: (text) => parseDistribution(text.split(','), key),
    // Six significant digits keep links short; reading renormalises, and dyadic values
    // such as 0.125 are written exactly.
    format: (value) => value.map((v) => String(Number(v.toPrecision(6)))).join(','),
  };
}

const seedCodec: Codec<'seed'> = {
  key: 'seed',
  parse(text) {
    if (!/^\d{1,9}$/.test(text)) throw new XentError(`'${text}' is not a whole number below 10^9`, { field: 'seed' });
    return Number(text);
  },
  format: String,
};

const textCodec: Codec<'text'> = {
  key: 'text',
  parse(text) {
    if (text.length > MAX_TEXT_LENGTH) {
      throw new XentError(`text is ${text.length} characters long, the limit is ${MAX_TEXT_LENGTH}`, { field: 'text' });
    }
    return text;
  },
  format: (value) => value,
};

type NumberKey = { [K in keyof LabState]: LabState[K] extends number ? K : never }[keyof LabState];

/**
 * A number in [min, max], written with at most `digits` decimals (whole numbers when 0),
 * so a slider's value round-trips through the URL unchanged.
 */
function numberIn(key: NumberKey, [min, max]: readonly [number, number], digits: number): Codec<NumberKey> {
  return {
    key,
    parse(text) {
      const pattern = digits === 0 ? /^-?\d{1,9}$/ : /^-?(\d{1,9}(\.\d*)?|\.\d+)(e-?\d{1,3})?$/i;
      const value = Number(text);
      if (!pattern.test(text) || !Number.isFinite(value)) throw new XentError(`'${text}' is not a ${digits === 0 ? 'whole ' : ''}number`, { field: key });
      if (value < min || value > max) throw new XentError(`${value} is outside [${min}, ${max}]`, { field: key });
      return value;
    },
    format: (value) => String(Number(value.toFixed(digits))),
  };
}

/**
 * A number in [min, max] (above min when `open`), an integer when `integer`, written
 * with at most 6 significant digits: the controls offer no finer steps.
 */
function mnistNumber(key: NumberKey, min: number, max: number, options: { integer?: boolean; open?: boolean } = {}): Codec<NumberKey> {
  return {
    key,
    parse(text) {
      const v = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text.trim()) ? Number(text) : NaN;
      const low = options.open ? v > min : v >= min;
      if (!(low && v <= max) || (options.integer && !Number.isInteger(v))) {
        const what = options.integer ? 'a whole number' : 'a number';
        throw new XentError(`'${text}' is not ${what} in ${options.open ? '(' : '['}${min}, ${max}]`, { field: key });
      }
      return v;
    },
    format: (value) => String(Number(value.toPrecision(6))),
  };
}

/** The query keys of the hash, in the order they are written. */
export const HASH_SCHEMA = [
  oneOf('lang', LANGS),
  oneOf('unit', UNITS),
  oneOf('theme', THEMES),
  distribution('p'),
  distribution('q'),
  oneOf('strategy', STRATEGIES),
  seedCodec,
  oneOf('model', MODEL_NAMES),
  textCodec,
  numberIn('nw', NEURON_LIMITS.nw, 3),
  numberIn('nb', NEURON_LIMITS.nb, 3),
  numberIn('eta', NEURON_LIMITS.eta, 4),
  numberIn('nx', NEURON_LIMITS.nx, 3),
  numberIn('ny', NEURON_LIMITS.ny, 3),
  numberIn('epochs', NEURON_LIMITS.epochs, 0),
  numberIn('at', NEURON_LIMITS.epochs, 0),
  oneOf('axes', NEURON_AXES),
  oneOf('step', NEURON_STEPS),
  numberIn('dy', [0, 1], 3),
  oneOf('delta', DEMANDED_DELTA_NAMES),
  // #/mnist
  oneOf('mnistCost', COST_NAMES),
  oneOf('mnistHidden', MNIST_HIDDEN_SIZES),
  mnistNumber('mnistEta', 0, 100, { open: true }),
  mnistNumber('mnistLambda', 0, 1000),
  oneOf('mnistInit', WEIGHT_INITS),
  oneOf('vsCost', COST_NAMES),
  oneOf('vsHidden', MNIST_HIDDEN_SIZES),
  mnistNumber('vsEta', 0, 100, { open: true }),
  mnistNumber('vsLambda', 0, 1000),
  oneOf('vsInit', WEIGHT_INITS),
  mnistNumber('mnistEpochs', 1, MNIST_MAX_EPOCHS, { integer: true }),
  mnistNumber('mnistSeed', 0, 999_999_999, { integer: true }),
  oneOf('mnistTrain', MNIST_TRAIN_SIZES),
  oneOf('mnistUnits', UNIT_VIEWS),
  // #/eval
  oneOf('evalExample', EVAL_EXAMPLES),
  oneOf('evalInput', INPUT_KINDS),
  oneOf('evalBinning', BINNINGS),
  mnistNumber('evalBins', 1, EVAL_MAX_BINS, { integer: true }),
  oneOf('evalNormalize', ON_OFF),
] as const;

export interface ParsedHash {
  state: LabState;
  /** What was wrong in the hash and was replaced by a default; empty when all was valid. */
  problems: XentError[];
}

/**
 * Reads `#/route?key=value&…`. Every invalid or unknown part is reported and replaced by
 * its default, so any URL opens a working page.
 *
 * @param fallbackLang the language when the hash names none (the browser's preference)
 */
export function parseHash(hash: string, fallbackLang: Lang = 'en'): ParsedHash {
  const state = defaultState(fallbackLang);
  const problems: XentError[] = [];
  const body = hash.replace(/^#/, '');
  const q = body.indexOf('?');
  const path = q < 0 ? body : body.slice(0, q);
  const route = path.replace(/^\//, '');
  if (route !== '') {
    const known = ROUTES.find((r) => r === route);
    if (known) state.route = known;
    else problems.push(new XentError(`unknown page '${route}'`, { field: 'route' }));
  }
  const params = new URLSearchParams(q < 0 ? '' : body.slice(q + 1));
  const codecs = HASH_SCHEMA as readonly Codec<keyof LabState>[];
  for (const key of new Set(params.keys())) {
    const codec = codecs.find((c) => c.key === key);
    if (!codec) {
      problems.push(new XentError(`unknown setting '${key}'`, { field: key }));
      continue;
    }
    try {
      (state as unknown as Record<string, unknown>)[key] = codec.parse(params.get(key) ?? '');
    } catch (e) {
      if (!(e instanceof XentError)) throw e;
      problems.push(e);
    }
  }
  if (state.p.length !== state.q.length) {
    // When p itself was unreadable, p is the one to name: q was fine as written.
    if (!problems.some((e) => e.field === 'p'))
      problems.push(new XentError(`q has ${state.q.length} outcomes but p has ${state.p.length}; q is reset to uniform`, { field: 'q' }));
    state.q = state.p.map(() => 1 / state.p.length);
  }
  if (state.at > state.epochs) {
    problems.push(new XentError(`epoch ${state.at} is past the last epoch ${state.epochs}`, { field: 'at' }));
    state.at = state.epochs;
  }
  return { state, problems };
}

/**
 * Writes the state as `#/route?…`. The language is always written, so a link opens in the
 * language it was shared in; other settings only when they differ from the default.
 */
export function formatHash(state: LabState): string {
  const defaults = defaultState(state.lang);
  const params = new URLSearchParams();
  for (const codec of HASH_SCHEMA as readonly Codec<keyof LabState>[]) {
    const text = codec.format(state[codec.key]);
    if (codec.key === 'lang' || text !== codec.format(defaults[codec.key])) params.set(codec.key, text);
  }
  // URLSearchParams escapes commas; they are safe in a fragment and keep p and q readable.
  return `#/${state.route === 'home' ? '' : state.route}?${params.toString().replace(/%2C/g, ',')}`;
}
