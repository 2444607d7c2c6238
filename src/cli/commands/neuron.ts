import { Option, type Command } from 'commander';
import { XentError } from '../../core/XentError.js';
import { neuronFigureData, neuronPresetFigure, type NeuronFigureData } from '../../experiments/neuronFigure.js';
import { NEURON_PRESET_NAMES, type NeuronPresetName } from '../../experiments/neuronPresets.js';
import { NEURON_COSTS, validateNeuronSettings, type NeuronCostName, type NeuronRun, type NeuronSettings } from '../../nn/neuron.js';
import { neuronFigureSpec } from '../../experiments/neuronFigureSpec.js';
import { figureSvg } from '../../plot/figureSvg.js';
import type { CliIo } from '../CliIo.js';
import { formatNumber, formatTable } from '../formatTable.js';
import { checkOutputPath } from '../output/openOutput.js';
import { parseNumber } from '../parseNumber.js';
import { toJson } from '../toJson.js';
import { withFlagNames } from '../withFlagNames.js';
import { writeFileAtomic } from '../writeFileAtomic.js';

interface NeuronFlags {
  cost: NeuronCostName | 'both';
  w: string;
  b: string;
  eta: string;
  epochs: string;
  x: string;
  y: string;
  preset?: NeuronPresetName;
  svg?: string;
  csv?: boolean;
  json?: boolean;
}

const FLAGS = { cost: '--cost', w: '--w', b: '--b', eta: '--eta', epochs: '--epochs', x: '--x', y: '--y' } as const;
/** Every row is kept (and printed by --json/--csv), so the trace is bounded. */
export const MAX_NEURON_EPOCHS = 1_000_000;

export function registerNeuron(program: Command, io: CliIo): void {
  const command = program
    .command('neuron')
    .description('trains the single sigmoid neuron a = σ(wx + b) by gradient descent: the learning slowdown')
    .addOption(new Option('--cost <C>', 'cost to train with').choices([...NEURON_COSTS, 'both']).default('both'))
    .option('--w <W>', 'starting weight w₀', '0.6')
    .option('--b <B>', 'starting bias b₀', '0.9')
    .option('--eta <ETA>', 'learning rate η > 0', '0.15')
    .option('--epochs <N>', `gradient-descent steps (0 to ${MAX_NEURON_EPOCHS})`, '300')
    .option('--x <X>', 'the input', '1')
    .option('--y <Y>', 'the target, in [0, 1]', '0')
    .addOption(
      new Option('--preset <NAME>', "named figure settings instead of --cost/--w/--b/--eta/--x/--y: 'seed' (both costs from (0.6, 0.9) and (2, 2), η = 0.15) or 'nielsen' (cross-entropy at η = 0.005)").choices(
        NEURON_PRESET_NAMES,
      ),
    )
    .option('--svg <FILE>', 'write the figure as a standalone SVG')
    .option('--csv', 'print the traces as CSV (one row per run and epoch)')
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      `
Examples:
  xent neuron --w 2 --b 2                 quadratic vs cross-entropy from a saturated start
  xent neuron --preset seed --svg seed.svg
  xent neuron --cost quadratic --epochs 1000 --csv > trace.csv`,
    )
    .action((flags: NeuronFlags) => io.out(runNeuron(flags, command)));
}

function runNeuron(flags: NeuronFlags, command: Command): string {
  if (flags.json && flags.csv) throw new XentError('give --json or --csv, not both', { field: '--csv' });
  const epochs = parseNumber(flags.epochs, '--epochs');
  if (!(Number.isSafeInteger(epochs) && epochs >= 0)) throw new XentError(`epochs ${epochs} must be a non-negative integer`, { field: '--epochs' });
  if (epochs > MAX_NEURON_EPOCHS) throw new XentError(`epochs ${epochs} is above the limit ${MAX_NEURON_EPOCHS}`, { field: '--epochs' });
  if (flags.svg !== undefined) checkOutputPath(flags.svg, '--svg');
  const data = flags.preset === undefined ? fromFlags(flags, epochs) : fromPreset(flags.preset, epochs, command);
  if (flags.svg !== undefined) writeFileAtomic(flags.svg, figureSvg(neuronFigureSpec(data)), '--svg');
  if (flags.json) return toJson({ runs: data.runs, ...(data.note === undefined ? {} : { note: data.note }) }) + '\n';
  if (flags.csv) return toCsv(data.runs);
  return report(data, flags.svg);
}

function fromFlags(flags: NeuronFlags, epochs: number): NeuronFigureData {
  const number = (key: 'w' | 'b' | 'eta' | 'x' | 'y') => parseNumber(flags[key], FLAGS[key]);
  const base = { w: number('w'), b: number('b'), eta: number('eta'), x: number('x'), y: number('y'), epochs };
  const names = flags.cost === 'both' ? NEURON_COSTS : [flags.cost];
  const settings: NeuronSettings[] = names.map((cost) => withFlagNames(FLAGS, () => validateNeuronSettings({ cost, ...base })));
  const title =
    names.length === 1 ? `Sigmoid neuron trained with the ${names[0]} cost` : 'Sigmoid neuron: the quadratic cost vs the cross-entropy';
  return neuronFigureData(title, settings);
}

function fromPreset(preset: NeuronPresetName, epochs: number, command: Command): NeuronFigureData {
  const clash = (['cost', 'w', 'b', 'eta', 'x', 'y'] as const).find((key) => command.getOptionValueSource(key) === 'cli');
  if (clash !== undefined) {
    throw new XentError(`--preset ${preset} sets --cost, --w, --b, --eta, --x and --y; give ${FLAGS[clash]} without --preset`, { field: '--preset' });
  }
  return neuronPresetFigure(preset, epochs);
}

function report(data: NeuronFigureData, svg: string | undefined): string {
  const parts: string[] = [];
  for (const run of data.runs) {
    parts.push(`${run.cost}: η = ${formatNumber(run.eta)}, start (w, b) = (${formatNumber(run.w0)}, ${formatNumber(run.b0)}), x = ${formatNumber(run.x)}, y = ${formatNumber(run.y)}`);
    parts.push(formatTable([['epoch', 'w', 'b', 'a', 'cost (nats)', 'dC/dz'], ...sampleRows(run).map((r) => [String(r.epoch), r.w, r.b, r.a, r.cost, r.dCdz])]));
  }
  if (data.note !== undefined) parts.push(wrap(`Note: ${data.note}`, 100) + '\n');
  if (svg !== undefined) parts.push(`figure written to ${svg}\n`);
  return parts.join('\n');
}

/** About seven rows: the start, round epochs in between, and the last. */
function sampleRows(run: NeuronRun): NeuronRun['trace'] {
  const last = run.trace.length - 1;
  let step = Math.max(1, Math.ceil(last / 6));
  if (step > 10) step = Math.ceil(step / 10) * 10;
  return run.trace.filter((r) => r.epoch % step === 0 || r.epoch === last);
}

const CSV_COLUMNS = ['cost', 'eta', 'w0', 'b0', 'x', 'y', 'epoch', 'w', 'b', 'z', 'a', 'C', 'dCdz'] as const;

/** Long format, one row per run and epoch; C is the cost in nats. Numbers print in full precision. */
function toCsv(runs: readonly NeuronRun[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const run of runs) {
    const head = [run.cost, run.eta, run.w0, run.b0, run.x, run.y].map(String).join(',');
    for (const r of run.trace) lines.push(`${head},${[r.epoch, r.w, r.b, r.z, r.a, r.cost, r.dCdz].map(String).join(',')}`);
  }
  return lines.join('\n') + '\n';
}

/** Breaks text at spaces into lines of at most `width` characters (longer words stay whole). */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  return [...lines, line].join('\n');
}
