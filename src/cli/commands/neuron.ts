import { Option, type Command } from 'commander';
import { XentError } from '../../core/XentError.js';
import { neuronFigureData, neuronPresetFigure, neuronPresetSettings, type NeuronFigureData } from '../../experiments/neuronFigure.js';
import { NEURON_PRESET_NAMES, type NeuronPresetName } from '../../experiments/neuronPresets.js';
import { NEURON_COSTS, neuronTrace, validateNeuronSettings, type NeuronCostName, type NeuronRun, type NeuronSettings } from '../../nn/neuron.js';
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
/** --json and --svg keep every row, so the trace is bounded (--csv streams its rows). */
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
    .action((flags: NeuronFlags) => runNeuron(flags, command, io));
}

async function runNeuron(flags: NeuronFlags, command: Command, io: CliIo): Promise<void> {
  if (flags.json && flags.csv) throw new XentError('give --json or --csv, not both', { field: '--csv' });
  const epochs = parseNumber(flags.epochs, '--epochs');
  if (!(Number.isSafeInteger(epochs) && epochs >= 0)) throw new XentError(`epochs ${epochs} must be a non-negative integer`, { field: '--epochs' });
  if (epochs > MAX_NEURON_EPOCHS) throw new XentError(`epochs ${epochs} is above the limit ${MAX_NEURON_EPOCHS}`, { field: '--epochs' });
  if (flags.svg !== undefined) checkOutputPath(flags.svg, '--svg');
  const runs = flags.preset === undefined ? fromFlags(flags, epochs) : fromPreset(flags.preset, epochs, command);
  const figure = () => (flags.preset === undefined ? neuronFigureData(runs.title, runs.settings) : neuronPresetFigure(flags.preset, epochs));
  if (flags.csv) {
    // The figure needs every row at once; the CSV does not, so it streams (10^6 epochs
    // would otherwise be gigabytes of rows held before the first is printed).
    if (flags.svg !== undefined) writeFileAtomic(flags.svg, figureSvg(neuronFigureSpec(figure())), '--svg');
    return writeCsv(runs.settings, io);
  }
  const data = figure();
  if (flags.svg !== undefined) writeFileAtomic(flags.svg, figureSvg(neuronFigureSpec(data)), '--svg');
  if (flags.json) return io.out(toJson({ runs: data.runs, ...(data.note === undefined ? {} : { note: data.note }) }) + '\n');
  io.out(report(data, flags.svg));
}

interface NeuronRuns {
  title: string;
  settings: NeuronSettings[];
}

function fromFlags(flags: NeuronFlags, epochs: number): NeuronRuns {
  const number = (key: 'w' | 'b' | 'eta' | 'x' | 'y') => parseNumber(flags[key], FLAGS[key]);
  const base = { w: number('w'), b: number('b'), eta: number('eta'), x: number('x'), y: number('y'), epochs };
  const names = flags.cost === 'both' ? NEURON_COSTS : [flags.cost];
  const settings: NeuronSettings[] = names.map((cost) => withFlagNames(FLAGS, () => validateNeuronSettings({ cost, ...base })));
  const title =
    names.length === 1 ? `Sigmoid neuron trained with the ${names[0]} cost` : 'Sigmoid neuron: the quadratic cost vs the cross-entropy';
  return { title, settings };
}

function fromPreset(preset: NeuronPresetName, epochs: number, command: Command): NeuronRuns {
  const clash = (['cost', 'w', 'b', 'eta', 'x', 'y'] as const).find((key) => command.getOptionValueSource(key) === 'cli');
  if (clash !== undefined) {
    throw new XentError(`--preset ${preset} sets --cost, --w, --b, --eta, --x and --y; give ${FLAGS[clash]} without --preset`, { field: '--preset' });
  }
  return { title: preset, settings: neuronPresetSettings(preset, epochs) };
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
/** Rows are printed in pieces of about this many characters: few writes, little held. */
const CSV_PIECE_CHARS = 1 << 16;

/**
 * Long format, one row per run and epoch; C is the cost in nats. Numbers print in full
 * precision. Rows go out as they are computed, each piece once stdout has taken the last.
 */
async function writeCsv(settings: readonly NeuronSettings[], io: CliIo): Promise<void> {
  const write = io.outPaced ?? ((text: string) => io.out(text));
  let piece = CSV_COLUMNS.join(',') + '\n';
  for (const s of settings) {
    const head = [s.cost, s.eta, s.w, s.b, s.x, s.y].map(String).join(',');
    for (const r of neuronTrace(s)) {
      piece += `${head},${[r.epoch, r.w, r.b, r.z, r.a, r.cost, r.dCdz].map(String).join(',')}\n`;
      if (piece.length >= CSV_PIECE_CHARS) {
        await write(piece);
        piece = '';
      }
    }
  }
  await write(piece);
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
