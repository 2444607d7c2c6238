import { XentError } from '../core/XentError.js';
import { parseUnit, type InfoUnit } from '../core/info/unit.js';
import { MAX_BINS } from './evalLimits.js';

/** What the prediction columns hold: probabilities, unnormalised logits, or log-probabilities. */
export type InputKind = 'probs' | 'logits' | 'log-probs';
export const INPUT_KINDS: readonly InputKind[] = ['probs', 'logits', 'log-probs'];

/** Equal-width bins (Guo et al. 2017) or equal-mass bins whose edges are order statistics of the confidences. */
export type Binning = 'uniform' | 'quantile';
export const BINNINGS: readonly Binning[] = ['uniform', 'quantile'];

export interface EvalOptions {
  /** Default 'probs'. A single column is the probability (logit, log-probability) of class 1. */
  input?: InputKind;
  /** Number of calibration bins M, default 15. */
  bins?: number;
  /** Default 'uniform'. */
  binning?: Binning;
  /** Unit of the log-loss and its standard error, default 'nats'. */
  unit?: InfoUnit;
  /** Raise the true class's probability to at least `clip` in the log-loss (0 < clip < 1); by default nothing is clipped. */
  clip?: number;
  /** Divide each row of probabilities by its sum instead of rejecting rows that do not sum to 1. */
  normalize?: boolean;
}

export interface ResolvedEvalOptions {
  input: InputKind;
  bins: number;
  binning: Binning;
  unit: InfoUnit;
  clip: number | undefined;
  normalize: boolean;
}

/** Probabilities must sum to 1 within this, else the row is an error (or, with normalize, is divided by its sum). */
export const SUM_TOLERANCE = 1e-6;

export function resolveEvalOptions(options: EvalOptions = {}): ResolvedEvalOptions {
  const input = options.input ?? 'probs';
  if (!INPUT_KINDS.includes(input)) throw new XentError(`unknown input '${String(input)}', expected probs, logits or log-probs`, { field: 'input' });
  const bins = options.bins ?? 15;
  if (!Number.isInteger(bins) || bins < 1 || bins > MAX_BINS) throw new XentError(`bins must be a whole number from 1 to ${MAX_BINS}, got ${bins}`, { field: 'bins' });
  const binning = options.binning ?? 'uniform';
  if (!BINNINGS.includes(binning)) throw new XentError(`unknown binning '${String(binning)}', expected uniform or quantile`, { field: 'binning' });
  const unit = parseUnit(options.unit ?? 'nats');
  const clip = options.clip;
  if (clip !== undefined && !(clip > 0 && clip < 1)) throw new XentError(`clip must lie strictly between 0 and 1, got ${clip}`, { field: 'clip' });
  return { input, bins, binning, unit, clip, normalize: options.normalize ?? false };
}
