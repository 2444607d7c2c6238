import { Option, type Command } from 'commander';
import { CALIBRATION_METHODS, type CalibrationMethod } from '../../calibration/Calibrator.js';
import { calibrateSources, MAX_FOLDS, type CalibrationReport } from '../../calibration/calibrateSources.js';
import { MAX_HISTOGRAM_BINS } from '../../calibration/fitHistogramBinning.js';
import { MAX_BINS } from '../../eval/evalLimits.js';
import { INPUT_KINDS, type InputKind } from '../../eval/EvalOptions.js';
import type { CliIo } from '../CliIo.js';
import { addColumnOptions, COLUMN_FLAGS, evalSources, type SourceFlags } from '../columnarFlags.js';
import { formatNumber, formatTable } from '../formatTable.js';
import { checkOutputPath } from '../output/openOutput.js';
import { parseInteger } from '../parseInteger.js';
import { parseNumber } from '../parseNumber.js';
import { toJson } from '../toJson.js';
import { withFlagNames } from '../withFlagNames.js';
import { writeFileAtomic } from '../writeFileAtomic.js';

interface CalibrateFlags extends SourceFlags {
  input: InputKind;
  normalize?: boolean;
  method: CalibrationMethod;
  bins: string;
  histogramBins: string;
  offDiagonalPenalty?: string;
  interceptPenalty?: string;
  cv?: string;
  seed: string;
  out?: string;
  json?: boolean;
}

const FLAGS = { ...COLUMN_FLAGS, pred: '--pred', weights: '--weights', folds: '--cv', bins: '--histogram-bins', method: '--method', offDiagonalPenalty: '--off-diagonal-penalty', interceptPenalty: '--intercept-penalty' } as const;

export function registerCalibrate(program: Command, io: CliIo): void {
  const command = program
    .command('calibrate')
    .description('fit a calibrator to predictions and labels by minimising their cross-entropy (or by isotonic regression or binning), and save it for xent eval --calibrator')
    .option('--pred <FILE>', 'predictions, one row per example, as for xent eval (CSV/TSV, JSON, JSON Lines, .npy, Parquet, Arrow IPC, .npz or safetensors)')
    .option('--labels <FILE>', 'true classes, one per row, as for xent eval; optional when --pred holds a label column')
    .option('--weights <FILE>', 'sample weights ≥ 0, one per row')
    .addOption(new Option('--input <KIND>', 'what the prediction columns hold').choices(INPUT_KINDS).default('probs'))
    .option('--normalize', 'divide each row by its sum instead of rejecting rows that do not sum to 1 within 1e-6')
    .addOption(
      new Option('--method <M>', 'temperature: one T for all classes; vector: a weight and a bias per class; dirichlet: a K×K matrix on log-probabilities (Kull et al. 2019); platt: a·logit + b, two classes; isotonic; histogram')
        .choices(CALIBRATION_METHODS)
        .default('temperature'),
    )
    .option('--bins <M>', 'equal-width bins of the ECE reported before and after', '15')
    .option('--histogram-bins <M>', 'bins of the histogram method', '15')
    .option('--off-diagonal-penalty <L>', 'dirichlet: λ on the off-diagonal of the matrix (default 0.001)')
    .option('--intercept-penalty <MU>', 'dirichlet: μ on the intercepts (default 0.001)')
    .option('--cv <K>', `also report K-fold cross-validated figures after calibration (2 to ${MAX_FOLDS}): each fold calibrated by a fit on the others`)
    .option('--seed <S>', 'seed of the folds', '1')
    .option('-o, --out <FILE>', 'save the calibrator as JSON (for xent eval --calibrator)')
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      `
The log-loss is in nats. The calibrator maps each row's log-probabilities to new
probabilities; a calibrator fitted and scored on the same rows flatters itself, so
use --cv, or score held-out rows with xent eval --calibrator.

Examples:
  xent calibrate --pred val-logits.npy --labels val-y.npy --input logits -o temperature.json
  xent calibrate --pred val.csv --labels val-y.csv --method dirichlet --cv 5 --json
  xent eval --pred test-logits.npy --labels test-y.npy --input logits --calibrator temperature.json`,
    );
  addColumnOptions(command).action(async (flags: CalibrateFlags) => io.out(await runCalibrate(flags)));
}

async function runCalibrate(flags: CalibrateFlags): Promise<string> {
  const evalBins = parseInteger(flags.bins, '--bins', 1, MAX_BINS);
  const bins = parseInteger(flags.histogramBins, '--histogram-bins', 1, MAX_HISTOGRAM_BINS);
  const folds = flags.cv === undefined ? undefined : parseInteger(flags.cv, '--cv', 2, MAX_FOLDS);
  const seed = parseInteger(flags.seed, '--seed', 0, 2 ** 32 - 1);
  const offDiagonalPenalty = flags.offDiagonalPenalty === undefined ? undefined : parseNumber(flags.offDiagonalPenalty, '--off-diagonal-penalty');
  const interceptPenalty = flags.interceptPenalty === undefined ? undefined : parseNumber(flags.interceptPenalty, '--intercept-penalty');
  if (flags.out !== undefined) checkOutputPath(flags.out, '--out');
  const sources = evalSources(flags);
  const options = { method: flags.method, input: flags.input, normalize: flags.normalize, evalBins, bins, folds, seed, offDiagonalPenalty, interceptPenalty };
  let report: CalibrationReport;
  try {
    report = await calibrateSources(sources, options);
  } catch (e) {
    report = withFlagNames(FLAGS, () => {
      throw e;
    });
  }
  if (flags.out !== undefined) writeFileAtomic(flags.out, toJson(report.calibrator) + '\n', '--out');
  if (flags.json) {
    const { before: _before, after: _after, ...fields } = report;
    return toJson(fields) + '\n';
  }
  return formatCalibration(report, flags.out);
}

/** The readable report: the figures before and after, and where the calibrator went. */
function formatCalibration(r: CalibrationReport, out: string | undefined): string {
  const rows: Array<Array<string | number>> = [
    ['', 'before', 'after', ''],
    ['log-loss (nats)', r.logLossBefore, r.logLossAfter, 'on the rows the calibrator was fitted on'],
    ['ECE', r.eceBefore, r.eceAfter, `top label, ${r.before.bins.length} equal-width bins`],
    ['accuracy', r.before.accuracy, r.after.accuracy, ''],
  ];
  if (r.crossValidated !== undefined) {
    const cv = r.crossValidated;
    rows.push(['log-loss, cross-validated', r.logLossBefore, cv.logLossAfter, `${cv.folds} folds (seed ${cv.seed}): each calibrated by a fit on the others`]);
    rows.push(['ECE, cross-validated', r.eceBefore, cv.eceAfter, '']);
  }
  const head = `${r.method} calibration of ${r.n} rows, ${r.classes} classes${parameterLine(r)}\n`;
  return `${head}\n${formatTable(rows)}${out === undefined ? '' : `\ncalibrator written to ${out}\n`}`.replace(/ +$/gm, '');
}

function parameterLine(r: CalibrationReport): string {
  const c = r.calibrator;
  if (c.method === 'temperature') return `: T = ${formatNumber(c.temperature)}`;
  if (c.method === 'platt') return `: a = ${formatNumber(c.a)}, b = ${formatNumber(c.b)}`;
  return '';
}
