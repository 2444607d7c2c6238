import { Option, type Command } from 'commander';
import { XentError } from '../../core/XentError.js';
import { crossEntropy } from '../../core/info/crossEntropy.js';
import { entropy } from '../../core/info/entropy.js';
import { jointMeasures } from '../../core/info/jointMeasures.js';
import { jsDivergence } from '../../core/info/jsDivergence.js';
import { klDivergence } from '../../core/info/klDivergence.js';
import { INFO_UNITS, parseUnit, type InfoUnit } from '../../core/info/unit.js';
import type { CliIo } from '../CliIo.js';
import { formatTable } from '../formatTable.js';
import { parseNumberList } from '../parseNumberList.js';
import { readTableFile, type TableFile } from '../readTableFile.js';
import { toJson } from '../toJson.js';
import { withFlagNames } from '../withFlagNames.js';

interface InfoFlags {
  p?: string;
  q?: string;
  joint?: string;
  unit: string;
  normalize?: boolean;
  json?: boolean;
}

const FLAGS = { p: '--p', q: '--q', joint: '--joint', unit: '--unit' } as const;

export function registerInfo(program: Command, io: CliIo): void {
  program
    .command('info')
    .description('entropy, cross-entropy, KL and JS of p (and q), or the measures of a joint table')
    .option('--p <P>', 'distribution p: comma list (0.5,0.25,0.25) or @file (JSON array or one CSV row)')
    .option('--q <Q>', 'distribution q, same forms as --p')
    .option('--joint <FILE>', 'joint table of X (rows) and Y (columns): CSV or JSON matrix of counts or probabilities')
    .addOption(new Option('--unit <U>', 'unit of the results').choices(INFO_UNITS).default('bits'))
    .option('--normalize', 'divide p and q by their sums (accepts counts)')
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      `
Examples:
  xent info --p 0.5,0.25,0.125,0.125 --q 0.125,0.5,0.25,0.125
  xent info --p 3,1 --normalize --unit nats --json
  xent info --joint counts.csv`,
    )
    .action((flags: InfoFlags) => io.out(runInfo(flags)));
}

function runInfo(flags: InfoFlags): string {
  const unit = withFlagNames(FLAGS, () => parseUnit(flags.unit));
  if (flags.joint !== undefined) {
    if (flags.p !== undefined || flags.q !== undefined) {
      throw new XentError('give either --joint or --p/--q, not both', { field: '--joint' });
    }
    const table = readTableFile(flags.joint, '--joint');
    const m = inFilePlaces(table, () => withFlagNames(FLAGS, () => jointMeasures(table.rows, { unit })));
    if (flags.json) return toJson(m) + '\n';
    return formatTable([
      ['unit', m.unit],
      ['H(X)', m.hX],
      ['H(Y)', m.hY],
      ['H(X,Y)', m.hXY],
      ['H(X|Y)', m.hXgivenY],
      ['H(Y|X)', m.hYgivenX],
      ['I(X;Y)', m.mutualInformation],
    ]);
  }
  if (flags.p === undefined) throw new XentError('missing distribution: give --p (or --joint FILE)', { field: '--p' });
  const p = parseNumberList(flags.p, '--p');
  const q = flags.q === undefined ? undefined : parseNumberList(flags.q, '--q');
  return withFlagNames(FLAGS, () => (q === undefined ? reportP(p, unit, flags) : reportPQ(p, q, unit, flags)));
}

function reportP(p: number[], unit: InfoUnit, flags: InfoFlags): string {
  const options = { unit, normalize: flags.normalize };
  const result = { unit, entropy: entropy(p, options) };
  if (flags.json) return toJson(result) + '\n';
  return formatTable([
    ['unit', unit],
    ['H(p)', result.entropy],
  ]);
}

function reportPQ(p: number[], q: number[], unit: InfoUnit, flags: InfoFlags): string {
  const options = { unit, normalize: flags.normalize };
  const result = {
    unit,
    entropy: entropy(p, options),
    crossEntropy: crossEntropy(p, q, options),
    kl: klDivergence(p, q, options),
    js: jsDivergence(p, q, options),
  };
  if (flags.json) return toJson(result) + '\n';
  return formatTable([
    ['unit', unit],
    ['H(p)', result.entropy, 'entropy: least average effort for outcomes of p'],
    ['H(q)', entropy(q, options), ''],
    ['H(p,q)', result.crossEntropy, 'cross-entropy: effort with a strategy built for q'],
    ['H(q,p)', crossEntropy(q, p, options), ''],
    ['KL(p‖q)', result.kl, 'extra effort: H(p,q) − H(p)'],
    ['KL(q‖p)', klDivergence(q, p, options), ''],
    ['JS(p,q)', result.js, 'Jensen–Shannon divergence (symmetric, ≤ 1 bit)'],
  ]);
}

/**
 * The library names a cell by its 0-based place in the table it was given; a reader of
 * the file counts from 1, with the header and labels the table no longer holds.
 */
function inFilePlaces<T>(table: TableFile, measure: () => T): T {
  try {
    return measure();
  } catch (e) {
    const cell = e instanceof XentError && typeof e.index === 'string' ? /^row (\d+), column (\d+)$/.exec(e.index) : null;
    if (cell === null) throw e;
    throw new XentError((e as XentError).problem, { field: (e as XentError).field, index: table.place(Number(cell[1]), Number(cell[2])) });
  }
}
