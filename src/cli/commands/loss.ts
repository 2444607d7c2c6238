import type { Command } from 'commander';
import { XentError } from '../../core/XentError.js';
import { evaluateLossRequest, LOSS_NAMES } from '../../core/losses/lossRequest.js';
import type { LossResult } from '../../core/losses/LossResult.js';
import type { CliIo } from '../CliIo.js';
import { formatNumber, formatTable } from '../formatTable.js';
import { parseLossRequest } from '../decodeLossRequest.js';
import { inputSizeLimit } from '../inputSizeLimit.js';
import { readStdinUpTo } from '../readStdinUpTo.js';
import { readUserFile } from '../readUserFile.js';
import { toJson } from '../toJson.js';

interface LossFlags {
  request?: string;
  json?: boolean;
}

export function registerLoss(program: Command, io: CliIo): void {
  program
    .command('loss')
    .description('one loss and its exact gradient, with PyTorch semantics, from a JSON request')
    .option('--request <FILE>', 'the request: a JSON file, or - for standard input')
    .option('--json', 'print one JSON object {loss, grad}')
    .addHelpText(
      'after',
      `
The request names a loss (${LOSS_NAMES.join(', ')})
and gives torch.nn.functional's keyword arguments in snake_case, with dtype float64|float32:
  {"loss": "cross_entropy", "input": [[2.0, -1.0, 0.5]], "target": [0],
   "weight": [1, 2, 1], "ignore_index": -100, "label_smoothing": 0.1,
   "reduction": "mean", "dtype": "float64"}
grad is d(loss)/d(input), shaped like the input (for reduction "none", of the sum).

Examples:
  echo '{"loss":"cross_entropy","input":[[2,-1,0.5]],"target":[0]}' | xent loss --request -
  xent loss --request request.json --json`,
    )
    .action(async (flags: LossFlags) => io.out(await runLoss(flags, io)));
}

async function runLoss(flags: LossFlags, io: CliIo): Promise<string> {
  if (flags.request === undefined) throw new XentError('missing request: give --request FILE, or - for standard input', { field: '--request' });
  const source = flags.request === '-' ? 'standard input' : `'${flags.request}'`;
  const text = (flags.request === '-' ? await readStdinUpTo(io, '--request', inputSizeLimit('--request')) : readUserFile(flags.request, '--request')).toString('utf8');
  const request = parseLossRequest(text, source);
  const result = evaluateLossRequest(request);
  const loss = typeof result.loss === 'number' ? result.loss : nest(result.loss, result.lossShape);
  const grad = nest(result.grad, result.gradShape);
  if (flags.json) return toJson({ loss, grad }) + '\n';
  return formatResult(request.loss, result, grad);
}

/** Flat row-major values → nested arrays of `shape` (a number for the scalar shape []). */
export function nest(flat: ArrayLike<number>, shape: readonly number[]): unknown {
  let offset = 0;
  const build = (depth: number): unknown => {
    if (depth === shape.length) return flat[offset++];
    return Array.from({ length: shape[depth] }, () => build(depth + 1));
  };
  return build(0);
}

function formatResult(name: string, result: LossResult, grad: unknown): string {
  const rows: (string | number)[][] = [
    ['loss', name],
    ['dtype', result.dtype],
    ['value', typeof result.loss === 'number' ? result.loss : `[${Array.from(result.loss, (x) => formatNumber(x)).join(', ')}]`],
    ['grad shape', `(${result.gradShape.join(', ')})`],
  ];
  const gradRows = Array.isArray(grad) && result.gradShape.length === 2 ? (grad as number[][]) : [Array.from(result.grad)];
  gradRows.forEach((row, i) => rows.push([i === 0 ? 'grad' : '', row.map((x) => formatNumber(x)).join('  ')]));
  return formatTable(rows);
}
