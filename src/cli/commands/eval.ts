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
import { evaluateSources, type EvalSources } from '../../eval/evaluateSources.js';
import { evaluateMultiLabelSources } from '../../eval/evaluateMultiLabel.js';
import { reliabilityFigure } from '../../eval/reliabilityFigure.js';
import { smoothReliabilityPanels } from '../../eval/smoothReliabilityFigure.js';
import { figureSvg } from '../../plot/figureSvg.js';
import { COLUMN_FLAGS, evalSources, type SourceFlags } from '../columnarFlags.js';
import type { CliIo } from '../CliIo.js';
import { formatNumber, formatTable } from '../formatTable.js';
import { formatMultiLabelReport } from './formatMultiLabelReport.js';
import { checkOutputPath } from '../output/openOutput.js';
import { parseInteger } from '../parseInteger.js';
import { parseNumber } from '../parseNumber.js';
import { readUserFile } from '../readUserFile.js';
import { toJson } from '../toJson.js';
import { withFlagNames } from '../withFlagNames.js';
import { writeFileAtomic } from '../writeFileAtomic.js';
import { formatScale, mergeEvalStatsFiles, reportOfStats } from './evalStats.js';
import { evalStatsJson, evalStatsSettings } from '../../eval/evalStatsJson.js';
import { evalSql, SQL_DIALECTS, type SqlDialect } from '../../eval/sql/evalSql.js';
import { checkCiLevel, MAX_BOOTSTRAP_REPLICATES } from '../../eval/PoissonBootstrap.js';
import type { EvalSums } from '../../eval/EvalSums.js';
import type { AccumulatorScale } from '../../eval/EvalAccumulator.js';

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
  // Scale: saved sums, SQL, bootstrap.
  saveStats?: string;
  fromStats?: string[];
  rowOffset?: string;
  bootstrap?: string;
  seed: string;
  ciLevel: string;
  sql?: SqlDialect;
  table?: string;
  weightColumn?: string;
  multiLabel?: boolean;
}

const FLAGS = { ...COLUMN_FLAGS, input: '--input', bins: '--bins', binning: '--binning', unit: '--unit', clip: '--clip', pred: '--pred', weights: '--weights' } as const;

export function registerEval(program: Command, io: CliIo): void {
  program
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
    // Scale: the table of sums saved, merged, computed by a SQL engine; the Poisson bootstrap.
    .option('--save-stats <FILE>', 'also write the table of sums (JSON, "format": "xent-eval-stats") for --from-stats')
    .option('--from-stats <FILE...>', 'report from saved tables of sums (this command\'s --save-stats, or a --sql result saved as CSV, JSON or Parquet), merged')
    .option('--row-offset <N>', 'index of the first row among all shards\' rows, for the bootstrap\'s draws (a shard starting at row N of the whole)', '0')
    .option('--bootstrap <B>', `Poisson bootstrap with B replicates (at most ${MAX_BOOTSTRAP_REPLICATES}): percentile intervals of log-loss, accuracy, Brier, spherical score and ECE`)
    .option('--seed <S>', 'seed of the bootstrap\'s draws', '1')
    .option('--ci-level <L>', 'level of the bootstrap intervals', '0.95')
    .addOption(new Option('--sql <ENGINE>', 'print a SQL query whose result is the table of sums of --table (for --from-stats)').choices(SQL_DIALECTS))
    .option('--table <T>', 'with --sql: the table (dataset.table, catalog.schema.table)')
    .option('--pred-columns <A,B,…>', 'the prediction columns, in class order: of a columnar --pred file (Parquet, Arrow IPC, .npz, safetensors; default: every floating-point column), or with --sql of --table')
    .option('--label-column <Y>', 'the label column (class indices 0…K−1): of a columnar file (default: label, else labels; --labels may then be left out), or with --sql of --table')
    .option('--weight-column <W>', 'with --sql: the weight column')
    // Multi-label predictions: its own engine and report (evaluateMultiLabel.ts, formatMultiLabelReport.ts).
    .option('--multi-label', 'one binary probability per column (a label each), against --labels, a 0/1 matrix of the same shape: per-label and macro/micro log-loss, Brier, ECE, accuracy at 0.5')
    .addHelpText(
      'after',
      `
Examples:
  xent eval --pred probs.csv --labels labels.csv
  xent eval --pred logits.npy --labels y.npy --input logits --json
  xent eval --pred p.jsonl --labels y.csv --binning quantile --bins 10 --svg reliability.svg
  xent eval --pred scores.parquet --pred-columns p0,p1,p2 --label-column y
  xent eval --pred part1.csv --labels y1.csv --save-stats part1.json
  xent eval --from-stats part1.json part2.json --json
  xent eval --sql duckdb --table preds --pred-columns p0,p1,p2 --label-column y
  xent eval --pred tags.csv --labels tags-true.csv --multi-label --json`,
    )
    .action(async (flags: EvalFlags) => io.out(await runEval(flags)));
}

async function runEval(flags: EvalFlags): Promise<string> {
  // Scale: a SQL query, or a report from saved sums, instead of reading predictions.
  const scaled = await runEvalScale(flags);
  if (scaled !== undefined) return scaled;
  const bins = parseInteger(flags.bins, '--bins', 1, MAX_BINS);
  const clip = flags.clip === undefined ? undefined : parseNumber(flags.clip, '--clip');
  const scale = scaleOptions(flags);
  // The inputs and the output are checked before the work: a bad --svg or --weights is
  // reported at once, not after streaming the predictions.
  const sources = evalSources(flags);
  if (flags.svg !== undefined) checkOutputPath(flags.svg, '--svg');
  if (flags.multiLabel) return runMultiLabel(flags, sources, bins, clip);
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
  if (flags.saveStats !== undefined) checkOutputPath(flags.saveStats, '--save-stats');
  let saved: EvalSums | undefined;
  const report = await withFlagNamesAsync(FLAGS, () => evaluateSources(sources, { ...calibrated, ...scale, onSums: (s) => (saved = s) }));
  if (flags.saveStats !== undefined && saved !== undefined) writeFileAtomic(flags.saveStats, evalStatsJson(saved, evalStatsSettings(saved, clip, calibrator === undefined ? (flags.normalize ?? false) : false)), '--save-stats');
  if (flags.svg !== undefined) writeFileAtomic(flags.svg, figureSvg(evalFigure(report)), '--svg');
  if (flags.json) return toJson(calibrator === undefined ? report : { ...report, calibrator: calibrator.method }) + '\n';
  return formatReport(report) + formatScale(report) + (flags.svg === undefined ? '' : `reliability diagram written to ${flags.svg}\n`);
}

/** The bootstrap and stats options of a pass over predictions. */
function scaleOptions(flags: EvalFlags): { scale: AccumulatorScale; ciLevel: number } {
  const ciLevel = parseNumber(flags.ciLevel, '--ci-level');
  withFlagNames({ 'ci-level': '--ci-level' }, () => checkCiLevel(ciLevel));
  const scale: AccumulatorScale = {};
  if (flags.bootstrap !== undefined) {
    const replicates = parseInteger(flags.bootstrap, '--bootstrap', 1, MAX_BOOTSTRAP_REPLICATES);
    scale.bootstrap = { replicates, seed: parseInteger(flags.seed, '--seed', 0), rowOffset: parseInteger(flags.rowOffset ?? '0', '--row-offset', 0) };
  }
  // Saved equal-mass sums must merge with other shards': one pass, a fine grid and a sketch.
  if (flags.saveStats !== undefined && flags.binning === 'quantile') scale.equalMassFromStats = true;
  return { scale, ciLevel };
}

/** --sql prints a query; --from-stats reports merged saved sums; otherwise undefined. */
async function runEvalScale(flags: EvalFlags): Promise<string | undefined> {
  if (flags.sql !== undefined) {
    for (const [value, flag] of [[flags.table, '--table'], [flags.predColumns, '--pred-columns'], [flags.labelColumn, '--label-column']] as const) {
      if (value === undefined) throw new XentError(`--sql needs ${flag}`, { field: flag });
    }
    if (flags.pred !== undefined || flags.fromStats !== undefined || flags.bootstrap !== undefined || flags.normalize) {
      throw new XentError('--sql reads the table in the warehouse: it takes no --pred, --from-stats, --bootstrap or --normalize', { field: '--sql' });
    }
    const clip = flags.clip === undefined ? undefined : parseNumber(flags.clip, '--clip');
    const request = {
      dialect: flags.sql,
      table: flags.table!,
      predColumns: flags.predColumns!.split(',').map((s) => s.trim()),
      labelColumn: flags.labelColumn!,
      weightColumn: flags.weightColumn,
      input: flags.input,
      bins: parseInteger(flags.bins, '--bins', 1, MAX_BINS),
      binning: flags.binning,
      unit: flags.unit,
      clip,
    };
    return withFlagNames({ table: '--table', columns: '--pred-columns', 'pred-columns': '--pred-columns', bins: '--bins', input: '--input', clip: '--clip' }, () => evalSql(request));
  }
  if (flags.fromStats === undefined) return undefined;
  if (flags.pred !== undefined || flags.labels !== undefined || flags.saveStats !== undefined || flags.bootstrap !== undefined || flags.calibrator !== undefined) {
    throw new XentError('--from-stats reports saved sums: it takes no --pred, --labels, --save-stats, --bootstrap or --calibrator (the files\' own settings apply)', { field: '--from-stats' });
  }
  const ciLevel = parseNumber(flags.ciLevel, '--ci-level');
  withFlagNames({ 'ci-level': '--ci-level' }, () => checkCiLevel(ciLevel));
  if (flags.svg !== undefined) checkOutputPath(flags.svg, '--svg');
  const report = reportOfStats(await mergeEvalStatsFiles(flags.fromStats), ciLevel);
  if (flags.svg !== undefined) writeFileAtomic(flags.svg, figureSvg(evalFigure(report)), '--svg');
  if (flags.json) return toJson(report) + '\n';
  return formatReport(report) + formatScale(report) + (flags.svg === undefined ? '' : `reliability diagram written to ${flags.svg}\n`);
}

/** `--multi-label`: the same files and flags, scored label by label; no reliability diagram or calibrator. */
async function runMultiLabel(flags: EvalFlags, sources: EvalSources, bins: number, clip: number | undefined): Promise<string> {
  for (const [given, flag] of [[flags.svg, '--svg'], [flags.calibrator, '--calibrator'], [flags.normalize, '--normalize']] as const) {
    if (given !== undefined) throw new XentError(`${flag} does not apply to --multi-label`, { field: flag });
  }
  if (flags.binning !== 'uniform') throw new XentError('--multi-label bins by equal width only', { field: '--binning' });
  if (flags.predColumns !== undefined || flags.labelColumn !== undefined) throw new XentError('--multi-label reads text and .npy tables, not columns of a columnar file', { field: flags.predColumns !== undefined ? '--pred-columns' : '--label-column' });
  if (sources.labels === undefined) throw new XentError('--multi-label needs --labels FILE, a 0/1 matrix of the same shape as --pred', { field: '--labels' });
  const files = { pred: sources.pred, labels: sources.labels, weights: sources.weights };
  const report = await withFlagNamesAsync(FLAGS, () => evaluateMultiLabelSources(files, { input: flags.input, bins, unit: flags.unit, clip }));
  return flags.json ? toJson(report) + '\n' : formatMultiLabelReport(report);
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
    ['AURC', r.aurc, `area under the risk–coverage curve, most confident rows kept first (E-AURC ${formatNumber(r.eAurc)})`],
    ['clipped rows', r.clippedRows, r.clippedRows > 0 ? 'true-class probability raised to --clip' : ''],
    ...(r.largestRowSumError > SUM_TOLERANCE ? [['largest |Σp − 1|', r.largestRowSumError, 'rows used as given: printed with few decimals, they sum to 1 within their rounding']] : []),
  ]);
  const bins = formatTable([
    ['bin', 'rows', 'confidence', 'accuracy'],
    ...r.bins.map((b) => [`(${formatNumber(b.lower, 4)}, ${formatNumber(b.upper, 4)}]`, b.count, b.count > 0 ? formatNumber(b.confidence, 4) : '–', b.count > 0 ? formatNumber(b.accuracy, 4) : '–']),
  ]);
  return `${summary}\n${bins}`.replace(/ +$/gm, '');
}

/** The SVG of --svg: the binned reliability diagram and its counts, then the smoothed diagram and the density. */
function evalFigure(report: EvalReport) {
  const binned = reliabilityFigure(report);
  return { ...binned, panels: [...binned.panels, ...smoothReliabilityPanels(report)] };
}
