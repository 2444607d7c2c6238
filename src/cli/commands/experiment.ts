import { Argument, Option, type Command } from 'commander';
import { XentError } from '../../core/XentError.js';
import { DEFAULT_ARMS, runMnistCosts, type CostArm, type MnistCostsResult } from '../../experiments/mnistCosts.js';
import { mnistCostsFigure } from '../../experiments/mnistCostsFigure.js';
import type { CostName } from '../../nn/Cost.js';
import { COST_NAMES, WEIGHT_INITS, type WeightInit } from '../../nn/Network.js';
import { figureSvg } from '../../plot/figureSvg.js';
import type { CliIo } from '../CliIo.js';
import { checkNetworkSize } from '../checkNetworkSize.js';
import { formatTable } from '../formatTable.js';
import { checkOutputPath } from '../output/openOutput.js';
import { parseInteger } from '../parseInteger.js';
import { parseNumber } from '../parseNumber.js';
import { createProgress } from '../progressBar.js';
import { toJson } from '../toJson.js';
import { withFlagNames } from '../withFlagNames.js';
import { writeFileAtomic } from '../writeFileAtomic.js';
import { addDataOptions, loadDataFromFlags, TRAIN_FLAGS, type DataFlags } from './train.js';

interface ExperimentFlags extends DataFlags {
  seeds: string;
  epochs: string;
  hiddenSizes: string;
  costs: string;
  etas?: string;
  batch: string;
  lambda: string;
  init: WeightInit;
  svg?: string;
  json?: boolean;
}

export function registerExperiment(program: Command, io: CliIo): void {
  const command = program
    .command('experiment')
    .description('run a comparison over several seeds: mnist-costs trains each output cost on each network size')
    .addArgument(new Argument('<name>', 'the experiment').choices(['mnist-costs']))
    .option('--seeds <N>', 'training seeds 1..N per cost and size', '3')
    .option('--epochs <N>', 'epochs per run', '30')
    .option('--hidden-sizes <H>', 'comma list: one network [784, H, 10] per value (30,100 compares two sizes)', '30')
    .option('--costs <C>', `comma list of costs (${COST_NAMES.join(', ')})`, DEFAULT_ARMS.map((a) => a.cost).join(','))
    .option('--etas <E>', `learning rates, one per cost (default: ${DEFAULT_ARMS.map((a) => `${a.cost} ${a.eta}`).join(', ')})`)
    .option('--batch <B>', 'mini-batch size', '10')
    .option('--lambda <L>', 'L2 weight decay λ', '0')
    .addOption(new Option('--init <I>', 'weight initialisation').choices(WEIGHT_INITS).default('default'));
  addDataOptions(command)
    .option('--svg <FILE>', 'write the test accuracy vs epoch curves (mean over seeds) as SVG')
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      `
Examples:
  xent experiment mnist-costs --seeds 3 --epochs 30 --svg costs.svg
  xent experiment mnist-costs --hidden-sizes 30,100 --json > costs.json
  xent experiment mnist-costs --costs quadratic,cross-entropy --etas 3,0.5 --epochs 5`,
    )
    .action((_name: string, flags: ExperimentFlags) => runExperiment(flags, io));
}

function runExperiment(flags: ExperimentFlags, io: CliIo): void {
  if (flags.svg !== undefined) checkOutputPath(flags.svg, '--svg');
  const seedCount = parseInteger(flags.seeds, '--seeds', 1, 1000);
  const epochs = parseInteger(flags.epochs, '--epochs', 1, 100_000);
  const hiddenSizes = flags.hiddenSizes.split(',').map((h, i) => {
    const v = parseNumber(h, '--hidden-sizes', i);
    if (!Number.isInteger(v) || v < 1 || v > 100_000) throw new XentError(`hidden size ${h.trim()} must be a positive integer`, { field: '--hidden-sizes', index: i });
    return v;
  });
  const arms = parseArms(flags);
  const batchSize = parseInteger(flags.batch, '--batch', 1);
  const lambda = parseNumber(flags.lambda, '--lambda');
  const data = loadDataFromFlags(flags);
  for (const h of hiddenSizes) checkNetworkSize([data.train.inputSize, h, data.train.classes], '--hidden-sizes');
  const progress = createProgress(io);
  let result: MnistCostsResult;
  let label = '';
  let runOffset = 0;
  const totalRuns = hiddenSizes.length * arms.length * seedCount;
  try {
    result = withFlagNames(TRAIN_FLAGS, () =>
      runMnistCosts(data.train, data.test, {
        arms,
        hiddenSizes,
        seeds: Array.from({ length: seedCount }, (_, i) => i + 1),
        epochs,
        batchSize,
        lambda,
        init: flags.init,
        onRun: ({ index, config }) => {
          runOffset = index;
          label = `run ${index + 1}/${totalRuns} ${config.cost} [${config.sizes.join(',')}] seed ${config.seed}`;
        },
        onBatch: (epoch, done, total) => {
          const perRun = epochs * total;
          progress.update(runOffset * perRun + (epoch - 1) * total + done, totalRuns * perRun, label);
        },
      }),
    );
  } finally {
    progress.stop();
  }
  if (flags.svg !== undefined) {
    writeFileAtomic(flags.svg, figureSvg(mnistCostsFigure(result, data.source)), '--svg');
  }
  const report = { experiment: 'mnist-costs', dataset: flags.dataset, source: data.source, trainSize: data.train.n, testSize: data.test.n, ...result };
  io.out(flags.json ? toJson(report) + '\n' : textReport(report, flags.svg));
}

function parseArms(flags: ExperimentFlags): CostArm[] {
  const names = flags.costs.split(',').map((c, i) => {
    const name = c.trim();
    if (!(COST_NAMES as readonly string[]).includes(name)) {
      throw new XentError(`unknown cost '${name}', expected ${COST_NAMES.join(', ')}`, { field: '--costs', index: i });
    }
    return name as CostName;
  });
  const etas =
    flags.etas === undefined
      ? names.map((name) => DEFAULT_ARMS.find((a) => a.cost === name)!.eta)
      : flags.etas.split(',').map((e, i) => {
          const v = parseNumber(e, '--etas', i);
          if (!(Number.isFinite(v) && v > 0)) throw new XentError(`learning rate ${e.trim()} must be a finite number > 0`, { field: '--etas', index: i });
          return v;
        });
  if (etas.length !== names.length) {
    throw new XentError(`${etas.length} learning rates for ${names.length} costs`, { field: '--etas' });
  }
  return names.map((cost, i) => ({ cost, eta: etas[i] }));
}

function textReport(report: MnistCostsResult & { source: string }, svg: string | undefined): string {
  const pct = (mean: number, sd: number) => `${(100 * mean).toFixed(2)} ± ${Number.isNaN(sd) ? '–' : (100 * sd).toFixed(2)}`;
  const lines = [
    `data: ${report.source}`,
    `${report.epochs} epochs, batch ${report.batchSize}, λ = ${report.lambda}, init ${report.init}, seeds ${report.seeds.join(', ')}`,
    'test accuracy (%), mean ± sd over the seeds: after the last epoch, and the best epoch of each run',
    '',
    formatTable([
      ['network', 'cost', 'η', 'final accuracy', 'best accuracy', 's/epoch'],
      ...report.rows.map((r) => [
        `[${r.sizes.join(', ')}]`,
        r.cost,
        String(r.eta),
        pct(r.meanAccuracy, r.sdAccuracy),
        pct(r.meanBestAccuracy, r.sdBestAccuracy),
        r.meanSecondsPerEpoch.toFixed(2),
      ]),
    ]),
  ];
  if (svg !== undefined) lines.push(`curves written to ${svg}`);
  return lines.join('\n') + '\n';
}
