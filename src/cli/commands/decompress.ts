import type { Command } from 'commander';
import { decompressStream, type DecompressionReport } from '../../coding/index.js';
import type { CliIo } from '../CliIo.js';
import { formatTable } from '../formatTable.js';
import { toJson } from '../toJson.js';
import { writeOutput } from '../output/writeOutput.js';
import { openInput, printReport } from './codingFiles.js';

interface DecompressFlags {
  output?: string;
  json?: boolean;
}

export function registerDecompress(program: Command, io: CliIo): void {
  program
    .command('decompress')
    .description('restores the original from `xent compress` output, checking its CRC-32')
    .argument('[IN]', 'input file; absent or - reads stdin')
    .option('-o, --output <OUT>', 'output file; absent or - writes stdout')
    .option('--json', 'print the report as one JSON object (on stderr when the data goes to stdout)')
    .addHelpText(
      'after',
      `
Damaged, truncated or foreign input ends with exit code 2 and one line
"xent: error: corrupt input (…)" naming the damaged chunk (each 1 MiB chunk carries a
CRC-32); nothing is written (the output goes to a temporary file that is renamed, or
copied to stdout, only once every CRC-32 matches). Reads both container versions.

Examples:
  xent decompress book.xent -o book.txt
  xent decompress < book.xent > book.txt`,
    )
    .action(async (input: string | undefined, flags: DecompressFlags) => {
      const report = await runDecompress(input, flags, io);
      const text = flags.json ? toJson(reportJson(report)) + '\n' : formatReport(report);
      printReport(text, flags, io);
    });
}

async function runDecompress(path: string | undefined, flags: DecompressFlags, io: CliIo): Promise<DecompressionReport> {
  const input = await openInput(path, io, flags.output);
  try {
    const source = await input.source();
    return await writeOutput(flags.output, io, (sink) => decompressStream(source, sink), { modeFrom: path });
  } finally {
    input.close();
  }
}

function reportJson(r: DecompressionReport) {
  return {
    inputBytes: r.inputBytes,
    outputBytes: r.outputBytes,
    model: r.model,
    mixerCost: r.mixerCost,
    version: r.version,
    crossEntropyBits: r.crossEntropyBits,
    payloadBits: (r.inputBytes - r.headerBytes) * 8,
    headerBytes: r.headerBytes,
    chunks: r.chunks,
  };
}

function formatReport(r: DecompressionReport): string {
  return formatTable([
    ['model', r.model],
    ['input', `${r.inputBytes} bytes`],
    ['output', `${r.outputBytes} bytes (CRC-32 verified)`],
    ['cross-entropy', `${r.crossEntropyBits.toFixed(1)} bits`],
  ]);
}
