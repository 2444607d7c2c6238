import type { Command } from 'commander';
import { averageSigmoidSlope, deriveCrossEntropy } from '../../experiments/deriveCrossEntropy.js';
import type { CliIo } from '../CliIo.js';
import { formatNumber, formatTable } from '../formatTable.js';
import { parseNumber } from '../parseNumber.js';
import { toJson } from '../toJson.js';
import { withFlagNames } from '../withFlagNames.js';

interface DeriveFlags {
  y: string;
  json?: boolean;
}

export function registerDerive(program: Command, io: CliIo): void {
  program
    .command('derive')
    .description('integrates ∂C/∂a = (a − y)/(a(1 − a)) numerically and compares it with the binary cross-entropy')
    .option('--y <Y>', 'the target, in [0, 1]', '0')
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      `
Asking a sigmoid unit for ∂C/∂z = a − y (no σ′ factor) forces ∂C/∂a = (a − y)/(a(1 − a)).
Its integral, fixed to ln 2 at a = 1/2, is C = −[y ln a + (1 − y) ln(1 − a)].

Examples:
  xent derive --y 0.25
  xent derive --json`,
    )
    .action((flags: DeriveFlags) => io.out(runDerive(flags)));
}

function runDerive(flags: DeriveFlags): string {
  const y = parseNumber(flags.y, '--y');
  const d = withFlagNames({ y: '--y' }, () => deriveCrossEntropy(y));
  if (flags.json) return toJson(d) + '\n';
  const slope = averageSigmoidSlope();
  return [
    `∂C/∂a = (a − y)/(a(1 − a)) with y = ${formatNumber(y)}, integrated from a = 1/2 (where C = ln 2) by adaptive Simpson quadrature,`,
    'against the closed form C = −[y ln a + (1 − y) ln(1 − a)] (nats):',
    '',
    formatTable([['a', '∫ (numerical)', 'closed form', '|error|'], ...d.grid.map((r) => [r.a, formatNumber(r.integral, 12), formatNumber(r.closedForm, 12), r.absError])]),
    `largest |error| = ${formatNumber(d.maxAbsError, 3)}`,
    '',
    `Nielsen's heuristic: the quadratic cost's extra factor σ′ = a(1 − a) averages ∫₀¹ a(1 − a) da = ${formatNumber(slope, 12)} = 1/6,`,
    `so at equal η it learns very roughly ${formatNumber(1 / slope, 3)} times slower.`,
    '',
  ].join('\n');
}
