import type { Command } from 'commander';
import { XentError } from '../../core/XentError.js';
import { readIdxFile } from '../../data/readIdxFile.js';
import { imagesToInputs } from '../../data/datasetFromIdx.js';
import { networkFromJson } from '../../nn/modelJson.js';
import { COST_NAMES } from '../../nn/Network.js';
import { predict, type Prediction } from '../../nn/predict.js';
import type { CliIo } from '../CliIo.js';
import { formatTable } from '../formatTable.js';
import { peekUserFile } from '../peekUserFile.js';
import { readUserFile } from '../readUserFile.js';
import { stripBom } from '../stripBom.js';
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
  checkFinite(predictions, flags.model);
  if (flags.json) return toJson({ predictions }) + '\n';
  return formatTable([
    ['image', 'label', 'probability', 'runner-up'],
    ...predictions.map((p, i) => {
      const order = p.probabilities.map((q, k) => [q, k]).sort((a, b) => b[0] - a[0]);
      return [String(i), String(p.label), order[0][0].toFixed(4), `${order[1]?.[1] ?? '-'} (${(order[1]?.[0] ?? 0).toFixed(4)})`];
    }),
  ]);
}

/**
 * A model whose weighted sums overflow float64 (weights of ±1e308) gives ∞ − ∞ = NaN
 * inside the network, and no rearrangement of the output layer can recover a
 * probability from that: the model is refused, rather than printing "probability NaN".
 */
function checkFinite(predictions: readonly Prediction[], path: string): void {
  const bad = predictions.findIndex((p) => !p.probabilities.every(Number.isFinite));
  if (bad >= 0) {
    throw new XentError(`'${path}' gives no probabilities for image ${bad}: its weighted sums overflow float64 (weights too large)`, { field: '--model' });
  }
}

function readModel(path: string) {
  const parsed = parseJsonFile(readUserFile(path, '--model'), path, '--model');
  const cost = (parsed as { cost?: unknown } | null)?.cost;
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && typeof cost !== 'string') {
    throw new XentError(`'${path}': "cost" must be one of ${COST_NAMES.join(', ')}, found ${cost === undefined ? 'no "cost"' : JSON.stringify(cost)}`, { field: '--model' });
  }
  try {
    return networkFromJson(parsed);
  } catch (e) {
    if (e instanceof XentError) throw new XentError(`'${path}': ${e.problem}`, { field: '--model' });
    throw e;
  }
}

function parseJsonFile(bytes: Buffer, path: string, flag: string): unknown {
  try {
    return JSON.parse(stripBom(bytes.toString('utf8')));
  } catch (e) {
    throw new XentError(`'${path}' is not valid JSON: ${(e as Error).message}`, { field: flag });
  }
}

/** IDX starts with two zero bytes, gzip with 0x1f 0x8b; anything else is taken for JSON. */
function isIdx(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0 && bytes[1] === 0) || (bytes[0] === 0x1f && bytes[1] === 0x8b));
}

/**
 * Pixels as float32 in [0, 1], image after image; `pixels` values per image. The first
 * bytes choose the reader, and with it the limit: JSON is read whole up to --images' limit,
 * IDX up to the size its header declares (checked before reading on).
 */
function readImages(path: string, pixels: number): Float32Array {
  const head = peekUserFile(path, '--images', 2);
  if (head === undefined || !isIdx(head)) {
    const bytes = readUserFile(path, '--images');
    if (isIdx(bytes)) throw new XentError(`'${path}' holds IDX data, which is read from a regular file only, not from a pipe or device`, { field: '--images' });
    return readJsonImages(parseJsonFile(bytes, path, '--images'), path, pixels);
  }
  let idx;
  try {
    idx = readIdxFile(path);
  } catch (e) {
    if (e instanceof XentError) throw new XentError(`'${path}' is not a valid IDX file: ${e.problem}`, { field: '--images' });
    throw e;
  }
  const perImage = idx.dims.slice(1).reduce((p, d) => p * d, 1);
  if (idx.type !== 'ubyte' || idx.dims.length < 2 || perImage !== pixels) {
    throw new XentError(`'${path}' holds ${idx.type} ${idx.dims.join('×')}, expected ubyte n images of ${pixels} pixels`, { field: '--images' });
  }
  return imagesToInputs(idx);
}

function readJsonImages(parsed: unknown, path: string, pixels: number): Float32Array {
  if (!Array.isArray(parsed)) {
    const found = parsed === null ? 'JSON null' : typeof parsed === 'object' ? 'a JSON object' : `a JSON ${typeof parsed}`;
    throw new XentError(`'${path}' holds ${found}, expected one image (an array of ${pixels} pixels in [0, 1]) or an array of images`, { field: '--images' });
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
        // JSON.parse reads 1e400 as Infinity, which JSON.stringify would print as null.
        const shown = typeof v === 'number' && !Number.isFinite(v) ? `${v} (beyond the range of float64)` : JSON.stringify(v);
        throw new XentError(`image ${i} pixel ${k} is ${shown}, not in [0, 1]${hint}`, { field: '--images' });
      }
      out[i * pixels + k] = v;
    });
  });
  return out;
}
