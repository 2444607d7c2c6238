import { Option, type Command } from 'commander';
import { expectedLength, huffmanCode, shannonCode, simulateGuessing, type CodeKind } from '../../coding/index.js';
import { XentError } from '../../core/XentError.js';
import { crossEntropy } from '../../core/info/crossEntropy.js';
import { entropy } from '../../core/info/entropy.js';
import { assertSameLength, toDistribution } from '../../core/info/toDistribution.js';
import { createRng } from '../../core/random/createRng.js';
import type { CliIo } from '../CliIo.js';
import { formatNumber, formatTable } from '../formatTable.js';
import { parseNumberList } from '../parseNumberList.js';
import { toJson } from '../toJson.js';
import { withFlagNames } from '../withFlagNames.js';

interface HuffmanFlags {
  p?: string;
  q?: string;
  code: string;
  simulate?: string;
  seed?: string;
  normalize?: boolean;
  json?: boolean;
}

const FLAGS = { p: '--p', q: '--q', simulate: '--simulate', seed: '--seed' } as const;
/** 10^7 games of 4 outcomes take about a second here, so the cap is well under a minute, not hours. */
export const MAX_SIMULATED_GAMES = 100_000_000;
const CODE_KINDS: readonly CodeKind[] = ['huffman', 'shannon'];

export function registerHuffman(program: Command, io: CliIo): void {
  program
    .command('huffman')
    .description('the yes/no question strategy (prefix code) built from q, used on outcomes of p')
    .option('--p <P>', 'true distribution p: comma list or @file')
    .option('--q <Q>', 'distribution the strategy is built for (default: p)')
    .addOption(new Option('--code <C>', 'construction').choices(CODE_KINDS).default('huffman'))
    .option('--simulate <N>', `play N games (1 to ${MAX_SIMULATED_GAMES.toLocaleString('en-US')}) with secrets drawn from p and count the questions`)
    .option('--seed <S>', 'seed of the simulation (default 1)')
    .option('--normalize', 'divide p and q by their sums (accepts counts)')
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      `
Each codeword bit answers one question "is the secret one of …?" (1 = yes), so the mean
codeword length under p is the mean number of questions: at least H(p); with the
Shannon code of q it lies in [H(p,q), H(p,q) + 1).

Examples:
  xent huffman --p 0.5,0.25,0.125,0.125
  xent huffman --p 0.5,0.25,0.125,0.125 --q 0.125,0.5,0.25,0.125 --code shannon
  xent huffman --p 0.5,0.25,0.125,0.125 --simulate 100000 --seed 7 --json`,
    )
    .action((flags: HuffmanFlags) => io.out(runHuffman(flags)));
}

function runHuffman(flags: HuffmanFlags): string {
  if (flags.p === undefined) throw new XentError('missing distribution: give --p', { field: '--p' });
  const options = { normalize: flags.normalize };
  const pList = parseNumberList(flags.p, '--p');
  const qList = flags.q === undefined ? undefined : parseNumberList(flags.q, '--q');
  const games = flags.simulate === undefined ? undefined : parseCount(flags.simulate, '--simulate', 1, MAX_SIMULATED_GAMES);
  if (flags.seed !== undefined && games === undefined) {
    throw new XentError('--seed needs --simulate N', { field: '--seed' });
  }
  const seed = flags.seed === undefined ? 1 : parseCount(flags.seed, '--seed', 0);
  // Without --q the strategy is built from p, so a fault found in "q" is p's.
  return withFlagNames(qList === undefined ? { ...FLAGS, q: '--p' } : FLAGS, () => {
    const p = toDistribution(pList, 'p', options);
    const q = qList === undefined ? p : toDistribution(qList, 'q', options);
    assertSameLength(p, q);
    const code = flags.code === 'shannon' ? shannonCode(q) : huffmanCode(q);
    const result = {
      strategy: code.kind,
      codes: Array.from(p, (pk, k) => ({ symbol: k, p: pk, q: q[k], code: code.codes[k] })),
      entropy: entropy(p),
      crossEntropy: crossEntropy(p, q),
      expectedLength: expectedLength(code, p),
      ...(games === undefined ? {} : { games, seed, meanQuestions: simulateGuessing(code, p, games, createRng(seed)).meanQuestions }),
    };
    if (flags.json) return toJson(result) + '\n';
    const rows: (string | number)[][] = [['symbol', 'p', 'q', 'code', 'questions']];
    for (const c of result.codes) rows.push([String(c.symbol), c.p, c.q, c.code ?? '(none: q = 0)', c.code === null ? '∞' : String(c.code.length)]);
    const summary: (string | number)[][] = [
      ['H(p)', result.entropy, 'least possible mean questions'],
      ['H(p,q)', result.crossEntropy, 'cross-entropy: the ideal cost of planning for q'],
      ['L', result.expectedLength, `mean questions of this ${code.kind} strategy on p`],
    ];
    if (result.meanQuestions !== undefined) {
      summary.push(['simulated', result.meanQuestions, `mean over ${games} games (seed ${seed})`]);
    }
    return formatTable(rows) + '\n' + formatTable(summary.map(([a, b, c]) => [a, typeof b === 'number' ? formatNumber(b) : b, c]));
  });
}

function parseCount(text: string, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new XentError(`'${text}' is not an integer ≥ ${min}`, { field: flag });
  }
  if (n > max) throw new XentError(`${n} games is above the limit ${max}`, { field: flag });
  return n;
}
