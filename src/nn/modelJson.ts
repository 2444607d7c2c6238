import { XentError } from '../core/XentError.js';
import type { CostName } from './Cost.js';
import { checkSizes, parseCost, type Network } from './Network.js';

/**
 * A trained network as plain JSON. Weights are the row-major arrays of Network
 * (layer l: sizes[l+1] × sizes[l]); float64 numbers survive JSON exactly (shortest
 * round-trip printing), so a saved model predicts bit for bit like the original.
 */
export interface ModelJson {
  format: 'xent-mlp';
  version: 1;
  sizes: number[];
  cost: CostName;
  /** What produced it (the training config); informational, not read back. */
  trainedWith?: unknown;
  weights: number[][];
  biases: number[][];
}

/**
 * @example
 * JSON.stringify(networkToJson(net, config))
 */
export function networkToJson(network: Network, trainedWith?: unknown): ModelJson {
  return {
    format: 'xent-mlp',
    version: 1,
    sizes: [...network.sizes],
    cost: network.cost.name,
    ...(trainedWith === undefined ? {} : { trainedWith }),
    weights: network.weights.map((w) => Array.from(w)),
    biases: network.biases.map((b) => Array.from(b)),
  };
}

/**
 * Checks a parsed model file and rebuilds the network; every defect is a XentError
 * naming the part of the model at fault (field `model`).
 *
 * @example
 * const net = networkFromJson(JSON.parse(text));
 */
export function networkFromJson(value: unknown): Network {
  const field = 'model';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new XentError('a model must be a JSON object', { field });
  }
  const m = value as Record<string, unknown>;
  if (m.format !== 'xent-mlp') throw new XentError(`"format" must be "xent-mlp", found ${JSON.stringify(m.format)}`, { field });
  if (m.version !== 1) throw new XentError(`unsupported model version ${JSON.stringify(m.version)}`, { field });
  if (!Array.isArray(m.sizes)) throw new XentError('"sizes" must be an array of layer sizes', { field });
  const sizes = rename(() => checkSizes(m.sizes as number[]), 'sizes');
  const cost = rename(() => parseCost(String(m.cost)), 'cost');
  const layers = sizes.length - 1;
  const weights = readLayers(m.weights, 'weights', layers, (l) => sizes[l + 1] * sizes[l]);
  const biases = readLayers(m.biases, 'biases', layers, (l) => sizes[l + 1]);
  return { sizes, cost, weights, biases };
}

function readLayers(v: unknown, name: string, layers: number, expected: (l: number) => number): Float64Array[] {
  if (!Array.isArray(v) || v.length !== layers) {
    throw new XentError(`"${name}" must be an array of ${layers} layers`, { field: 'model' });
  }
  return v.map((layer: unknown, l) => {
    if (!Array.isArray(layer) || layer.length !== expected(l)) {
      throw new XentError(`"${name}" layer ${l} must hold ${expected(l)} numbers`, { field: 'model' });
    }
    const out = new Float64Array(layer.length);
    layer.forEach((x: unknown, i) => {
      if (typeof x !== 'number' || !Number.isFinite(x)) {
        throw new XentError(`"${name}" layer ${l} has ${JSON.stringify(x)} at index ${i}, not a finite number`, { field: 'model' });
      }
      out[i] = x;
    });
    return out;
  });
}

function rename<T>(fn: () => T, key: string): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof XentError) throw new XentError(`"${key}": ${e.message}`, { field: 'model' });
    throw e;
  }
}
