import { Option, type Command } from 'commander';
import type { Calibrator } from '../../calibration/Calibrator.js';
import { parseCalibrator } from '../../calibration/parseCalibrator.js';
import { calibratedTableStream } from '../../calibration/tableStreams.js';
import { XentError } from '../../core/XentError.js';
import type { TableStream } from '../../formats/TableBatch.js';
import { INFO_UNITS, type InfoUnit } from '../../core/info/unit.js';
import { MAX_BINS } from '../../eval/evalLimits.js';
import { BINNINGS, INPUT_KINDS, SUM_TOLERANCE, type Binning, type InputKind } from '../../eval/EvalOptions.js';
import type { EvalReport } from '../../eval/EvalReport.js';
import { evaluateSources } from '../../eval/evaluateSources.js';
import { reliabilityFigure } from '../../eval/reliabilityFigure.js';
import { figureSvg } from '../../plot/figureSvg.js';
import { addColumnOptions, COLUMN_FLAGS, evalSources, type SourceFlags } from '../columnarFlags.js';
import type { CliIo } from '../CliIo.js';
import { formatNumber, formatTable } from '../formatTable.js';
import { checkOutputPath } from '../output/openOutput.js';
import { parseInteger } from '../parseInteger.js';
import { parseNumber } from '../parseNumber.js';
import { readUserFile } from '../readUserFile.js';
import { toJson } from '../toJson.js';
import { withFlagNames } from '../withFlagNames.js';
import { writeFileAtomic } from '../writeFileAtomic.js';

interface EvalFlags extends SourceFlags {
  input: InputKind;
  bins: string;
  binning: Binning;
  unit: InfoUnit;
  clip?: string;
  normalize?: boolean;
  calibrator?: string;
  svg?: string;
  json?: boolean;
}

const FLAGS = { ...COLUMN_FLAGS, input: '--input', bins: '--bins', binning: '--binning', unit: '--unit', clip: '--clip', pred: '--pred', weights: '--weights' } as const;

export function registerEval(program: Command, io: CliIo): void {
  const command = program
    .command('eval')
    .description('log-loss, Brier score and calibration (ECE, MCE, debiased L2 error, smooth ECE, reliability diagram) of predicted probabilities, streamed from files of any size')
    .option('--pred <FILE>', 'predictions, one row per example: CSV/TSV (a header of class names is optional), JSON, JSON Lines, .npy (float32/float64), Parquet, Arrow IPC, .npz or safetensors')
    .option('--labels <FILE>', 'true classes, one per row: indices 0…K−1, or names from the predictions header; same formats; optional when --pred holds a label column')
    .option('--weights <FILE>', 'sample weights ≥ 0, one per row; same formats')
    .addOption(new Option('--input <KIND>', 'what the prediction columns hold; one column is class 1 (logits through a sigmoid)').choices(INPUT_KINDS).default('probs'))
    .option('--bins <M>', 'calibration bins', '15')
    .addOption(new Option('--binning <B>', 'equal-width bins (m−1)/M < conf ≤ m/M, or equal-mass bins (several passes over the files)').choices(BINNINGS).default('uniform'))
    .addOption(new Option('--unit <U>', 'unit of the log-loss').choices(INFO_UNITS).default('nats'))
    .option('--clip <EPS>', 'raise the true class probability to EPS in the log-loss (reported as clippedRows); by default p = 0 gives Infinity')
    .option('--normalize', 'divide each row by its sum instead of rejecting rows that do not sum to 1 within 1e-6')
    .option('--calibrator <FILE>', 'apply a calibrator saved by xent calibrate to each row before scoring it')
    .option('--svg <FILE>', 'write the reliability diagram as a standalone SVG')
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      `
Examples:
  xent eval --pred probs.csv --labels labels.csv
  xent eval --pred logits.npy --labels y.npy --input logits --json
  xent eval --pred p.jsonl --labels y.csv --binning quantile --bins 10 --svg reliability.svg
  xent eval --pred scores.parquet --pred-columns p0,p1,p2 --label-column y`,
    );
  addColumnOptions(command).action(async (flags: EvalFlags) => io.out(await runEval(flags)));
}

async function runEval(flags: EvalFlags): Promise<string> {
  const bins = parseInteger(flags.bins, '--bins', 1, MAX_BINS);
  const clip = flags.clip === undefined ? undefined : parseNumber(flags.clip, '--clip');
  // The inputs and the output are checked before the work: a bad --svg or --weights is
  // reported at once, not after streaming the predictions.
  const sources = evalSources(flags);
  if (flags.svg !== undefined) checkOutputPath(flags.svg, '--svg');
  const calibrator = flags.calibrator === undefined ? undefined : readCalibrator(flags.calibrator);
  const options = { input: flags.input, bins, binning: flags.binning, unit: flags.unit, clip, normalize: flags.normalize };
  const calibrated =
    calibrator === undefined
      ? options
      : {
          ...options,
          // Calibrated rows are probabilities that sum to 1; the file's own kind is read by the calibrator's stream.
          input: 'probs' as const,
          normalize: false,
          mapPredictions: (s: TableStream) => calibratedTableStream(s, calibrator, flags.input, flags.normalize ?? false, '--calibrator'),
        };
  const report = await withFlagNamesAsync(FLAGS, () => evaluateSources(sources, calibrated));
  if (flags.svg !== undefined) writeFileAtomic(flags.svg, figureSvg(reliabilityFigure(report)), '--svg');
  if (flags.json) return toJson(calibrator === undefined ? report : { ...report, calibrator: calibrator.method }) + '\n';
  return formatReport(report) + (flags.svg === undefined ? '' : `reliability diagram written to ${flags.svg}\n`);
}

/** The calibrator file: JSON of at most a few megabytes, checked key by key. */
function readCalibrator(path: string): Calibrator {
  const text = new TextDecoder().decode(readUserFile(path, '--calibrator'));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new XentError(`is not JSON: ${(e as Error).message}`, { field: '--calibrator' });
  }
  return parseCalibrator(json, '--calibrator');
}

async function withFlagNamesAsync<T>(flags: Readonly<Record<string, string>>, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    return withFlagNames(flags, () => {
      throw e;
    });
  }
}

/** The readable report: the figures with what they mean, then the calibration bins. */
export function formatReport(r: EvalReport): string {
  const classes = r.classNames === undefined ? String(r.classes) : `${r.classes} (${r.classNames.join(', ')})`;
  const summary = formatTable([
    ['rows', r.n, ''],
    ['classes', classes, ''],
    [`log-loss (${r.unit})`, r.logLoss, `± ${formatNumber(r.logLossStdError)} (standard error over rows)`],
    ['perplexity', r.perplexity, 'exp(log-loss in nats): an effective number of equally likely classes'],
    ['accuracy', r.accuracy, 'top label right'],
    ['Brier score', r.brier, r.classes === 2 ? 'mean (p₁ − y)², as sklearn brier_score_loss' : 'mean Σₖ (pₖ − yₖ)²'],
    ['  reliability', r.brierDecomposition.reliability, 'Murphy: calibration error (lower is better)'],
    ['  resolution', r.brierDecomposition.resolution, 'Murphy: how far bins move from the base rate (higher is better)'],
    ['  uncertainty', r.brierDecomposition.uncertainty, 'Murphy: the base rate’s own Brier score'],
    ['spherical score', r.sphericalScore, 'mean p(true class)/‖p‖₂, a bounded proper score (higher is better)'],
    ['ECE', r.ece, `expected calibration error, top label, ${r.bins.length} ${r.binning === 'uniform' ? 'equal-width' : 'equal-mass'} bins`],
    ['MCE', r.mce, 'largest |accuracy − confidence| of a bin'],
    ['debiased L2 CE', r.debiasedL2Ce, '√ of the binned squared gap less its sampling noise (Kumar et al. 2019)'],
    ['smooth ECE', r.smoothEce, `kernel-smoothed, no bins; bandwidth ${formatNumber(r.smoothEceBandwidth, 4)} (Błasiok & Nakkiran 2023)`],
    ['class-wise ECE', r.classwiseEce, 'ECE of each class’s probability, averaged over classes'],
    ['clipped rows', r.clippedRows, r.clippedRows > 0 ? 'true-class probability raised to --clip' : ''],
    ...(r.largestRowSumError > SUM_TOLERANCE ? [['largest |Σp − 1|', r.largestRowSumError, 'rows used as given: printed with few decimals, they sum to 1 within their rounding']] : []),
  ]);
  const bins = formatTable([
    ['bin', 'rows', 'confidence', 'accuracy'],
    ...r.bins.map((b) => [`(${formatNumber(b.lower, 4)}, ${formatNumber(b.upper, 4)}]`, b.count, b.count > 0 ? formatNumber(b.confidence, 4) : '–', b.count > 0 ? formatNumber(b.accuracy, 4) : '–']),
  ]);
  return `${summary}\n${bins}`.replace(/ +$/gm, '');
}
