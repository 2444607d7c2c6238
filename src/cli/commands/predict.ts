import type { Command } from 'commander';
import { XentError } from '../../core/XentError.js';
import { readIdxFile } from '../../data/readIdxFile.js';
import { imagesToInputs } from '../../data/datasetFromIdx.js';
import { networkFromJson } from '../../nn/modelJson.js';
import { predict } from '../../nn/predict.js';
import type { CliIo } from '../CliIo.js';
import { formatTable } from '../formatTable.js';
import { readUserFile } from '../readUserFile.js';
import { toJson } from '../toJson.js';

interface PredictFlags {
  model: string;
  images: string;
  json?: boolean;
}

export function registerPredict(program: Command, io: CliIo): void {
  program
    .command('predict')
    .description('classify images with a model saved by xent train --out')
    .requiredOption('--model <FILE>', 'model JSON written by xent train --out')
    .requiredOption('--images <FILE>', 'IDX images (ubyte n×28×28, optionally .gz) or JSON: one image as an array of pixels in [0, 1], or an array of such images')
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      `
Examples:
  xent train --epochs 5 --out model.json
  xent predict --model model.json --images t10k-images-idx3-ubyte.gz --json
  xent predict --model model.json --images digit.json

For a sigmoid-output model the probabilities are the output activations divided by
their sum; for a softmax model (--cost log-likelihood) they are the softmax itself.`,
    )
    .action((flags: PredictFlags) => io.out(runPredict(flags)));
}

function runPredict(flags: PredictFlags): string {
  const network = readModel(flags.model);
  const inputs = readImages(flags.images, network.sizes[0]);
  const predictions = predict(network, inputs);
  if (flags.json) return toJson({ predictions }) + '\n';
  return formatTable([
    ['image', 'label', 'probability', 'runner-up'],
    ...predictions.map((p, i) => {
      const order = p.probabilities.map((q, k) => [q, k]).sort((a, b) => b[0] - a[0]);
      return [String(i), String(p.label), order[0][0].toFixed(4), `${order[1]?.[1] ?? '-'} (${(order[1]?.[0] ?? 0).toFixed(4)})`];
    }),
  ]);
}

function readModel(path: string) {
  const text = readUserFile(path, '--model').toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new XentError(`'${path}' is not valid JSON: ${(e as Error).message}`, { field: '--model' });
  }
  try {
    return networkFromJson(parsed);
  } catch (e) {
    if (e instanceof XentError) throw new XentError(`'${path}': ${e.problem}`, { field: '--model' });
    throw e;
  }
}

/** Pixels as float32 in [0, 1], image after image; `pixels` values per image. */
function readImages(path: string, pixels: number): Float32Array {
  const bytes = readUserFile(path, '--images');
  let first = 0;
  while (first < bytes.length && /\s/.test(String.fromCharCode(bytes[first]))) first++;
  if (bytes[first] === 0x5b /* [ */) return readJsonImages(bytes.toString('utf8'), path, pixels);
  let idx;
  try {
    idx = readIdxFile(path);
  } catch (e) {
    if (e instanceof XentError) throw new XentError(`'${path}' is neither JSON nor a valid IDX file: ${e.problem}`, { field: '--images' });
    throw e;
  }
  const perImage = idx.dims.slice(1).reduce((p, d) => p * d, 1);
  if (idx.type !== 'ubyte' || idx.dims.length < 2 || perImage !== pixels) {
    throw new XentError(`'${path}' holds ${idx.type} ${idx.dims.join('×')}, expected ubyte n images of ${pixels} pixels`, { field: '--images' });
  }
  return imagesToInputs(idx);
}

function readJsonImages(text: string, path: string, pixels: number): Float32Array {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new XentError(`'${path}' is not valid JSON: ${(e as Error).message}`, { field: '--images' });
  }
  const arr = parsed as unknown[];
  const images = arr.length > 0 && arr.every((x) => typeof x === 'number') ? [arr] : arr;
  if (images.length === 0) throw new XentError(`'${path}' holds no images`, { field: '--images' });
  const out = new Float32Array(images.length * pixels);
  images.forEach((image, i) => {
    if (!Array.isArray(image) || image.length !== pixels) {
      throw new XentError(`image ${i} must be an array of ${pixels} pixels`, { field: '--images' });
    }
    image.forEach((v: unknown, k) => {
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
        const hint = typeof v === 'number' && v > 1 && v <= 255 ? ' (scale 0–255 pixels by 1/255)' : '';
        throw new XentError(`image ${i} pixel ${k} is ${JSON.stringify(v)}, not in [0, 1]${hint}`, { field: '--images' });
      }
      out[i * pixels + k] = v;
    });
  });
  return out;
}
