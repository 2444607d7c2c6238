import { Option, type Command } from 'commander';
import { Compressor, MIXER_COSTS, MODEL_NAMES, parseMixerCost, parseModelName, type CompressionReport } from '../../coding/index.js';
import type { CliIo } from '../CliIo.js';
import { formatTable } from '../formatTable.js';
import { toJson } from '../toJson.js';
import { withFlagNames } from '../withFlagNames.js';
import { writeOutput } from '../output/writeOutput.js';
import { openInput, printReport } from './codingFiles.js';

interface CompressFlags {
  output?: string;
  model: string;
  mixerCost: string;
  json?: boolean;
}

export function registerCompress(program: Command, io: CliIo): void {
  program
    .command('compress')
    .description('arithmetic coding with a context model: the output size is the cross-entropy of the data under the model')
    .argument('[IN]', 'input file; absent or - reads stdin')
    .option('-o, --output <OUT>', 'output file; absent or - writes stdout')
    .addOption(new Option('--model <M>', 'context model').choices(MODEL_NAMES).default('cm'))
    .addOption(new Option('--mixer-cost <C>', "what cm's mixer minimises as it learns").choices(MIXER_COSTS).default('cross-entropy'))
    .option('--json', 'print the report as one JSON object (on stderr when the data goes to stdout)')
    .addHelpText(
      'after',
      `
Models: cm (the default) mixes orders 2, 3, 4 and 6, the shape of the line so far, words,
the byte above and a match model with a learnt mixer and two SSE stages (at most 145 MB
of tables, run as WebAssembly where it can); order0 is static (byte
counts per 1 MiB chunk); order1..3 adapt as they go, blending contexts of 0..k bytes.
--mixer-cost quadratic trains cm's mixer on squared error instead of coding cost: its
steps shrink by p(1-p) where it is confidently wrong, and the file grows.
The report (a table, or JSON with --json) goes to stdout when -o names a file; when the
data itself goes to stdout, only --json prints it, on stderr.

Examples:
  xent compress book.txt -o book.xent
  xent compress book.txt -o book.xent --model order3
  cat book.txt | xent compress --json > book.xent`,
    )
    .action(async (input: string | undefined, flags: CompressFlags) => {
      const report = await runCompress(input, flags, io);
      const text = flags.json ? toJson(reportJson(report)) + '\n' : formatReport(report);
      printReport(text, flags, io);
    });
}

async function runCompress(path: string | undefined, flags: CompressFlags, io: CliIo): Promise<CompressionReport> {
  const model = withFlagNames({ model: '--model' }, () => parseModelName(flags.model));
  const mixerCost = withFlagNames({ mixerCost: '--mixer-cost' }, () => parseMixerCost(flags.mixerCost, 'mixerCost'));
  const input = await openInput(path, io, flags.output);
  try {
    // One pass: chunks are coded as they arrive and streamed to a temporary file.
    return await writeOutput(flags.output, io, async (sink) => {
      const compressor = new Compressor(model, sink, { mixerCost, sizeHint: input.sizeHint });
      for await (const chunk of input.chunks()) compressor.write(chunk);
      return compressor.finish();
    }, { modeFrom: path });
  } finally {
    input.close();
  }
}

/** The JSON of the CLI contract (docs/design.md), plus the header's share and bits per input byte. */
function reportJson(r: CompressionReport) {
  return {
    inputBytes: r.inputBytes,
    outputBytes: r.outputBytes,
    model: r.model,
    mixerCost: r.mixerCost,
    crossEntropyBits: r.crossEntropyBits,
    payloadBits: r.payloadBits,
    headerBytes: r.headerBytes,
    chunks: r.chunks,
    bitsPerByte: r.inputBytes > 0 ? r.payloadBits / r.inputBytes : 0,
  };
}

function formatReport(r: CompressionReport): string {
  const perByte = (bits: number) => (r.inputBytes > 0 ? (bits / r.inputBytes).toFixed(4) : '0');
  return formatTable([
    ['model', r.model, r.model === 'cm' ? `mixer learns by ${r.mixerCost} cost` : ''],
    ['input', `${r.inputBytes} bytes`, ''],
    ['output', `${r.outputBytes} bytes`, `header and ${r.chunks} chunk records ${r.headerBytes} + payload ${r.payloadBytes}`],
    ['cross-entropy', `${r.crossEntropyBits.toFixed(1)} bits`, `${perByte(r.crossEntropyBits)} bits/byte: Σ −log2 q(x | context)`],
    ['payload', `${r.payloadBits} bits`, `${perByte(r.payloadBits)} bits/byte: what the coder really wrote`],
  ]);
}
