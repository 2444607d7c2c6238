import { createRng } from '../../../src/core/random/createRng.js';

/** A predictions table and its labels, as the text of CSV files. */
export interface ExampleFiles {
  pred: string;
  labels: string;
}

/** Rows and classes of the built-in examples, and the seed they are drawn with. */
export const EXAMPLE_ROWS = 2000;
export const EXAMPLE_CLASSES = 3;
export const EXAMPLE_SEED = 20200226;
/** The over-confident model's logits are the calibrated model's times this. */
export const OVERCONFIDENCE = 2.5;

/**
 * Two models of the same data, drawn from a seeded generator. For each row, logits
 * z ~ N(0, 1.5²) per class give the calibrated model's p = softmax(z), and the true class
 * is drawn from p itself: so the model is calibrated by construction. The over-confident
 * model reports softmax(2.5·z) for the same rows and labels: the same ranking (the same
 * accuracy) but sharper probabilities than the outcomes bear out.
 */
export function exampleFiles(kind: 'calibrated' | 'overconfident', rows = EXAMPLE_ROWS): ExampleFiles {
  const rng = createRng(EXAMPLE_SEED);
  const scale = kind === 'calibrated' ? 1 : OVERCONFIDENCE;
  const pred: string[] = [];
  const labels: string[] = [];
  const z = new Array<number>(EXAMPLE_CLASSES);
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < EXAMPLE_CLASSES; k++) z[k] = 1.5 * rng.normal();
    const truth = softmax(z, 1);
    let u = rng.uniform();
    let label = EXAMPLE_CLASSES - 1;
    for (let k = 0; k < EXAMPLE_CLASSES; k++) {
      u -= truth[k];
      if (u < 0) {
        label = k;
        break;
      }
    }
    pred.push(softmax(z, scale).map((p) => p.toPrecision(9)).join(','));
    labels.push(String(label));
  }
  return { pred: pred.join('\n') + '\n', labels: labels.join('\n') + '\n' };
}

/** The test digits' predicted probabilities (10 per row) and true digits as CSV text. */
export function digitFiles(probabilities: Float64Array, testLabels: Uint8Array): ExampleFiles {
  const classes = probabilities.length / testLabels.length;
  const pred: string[] = [];
  for (let i = 0; i < testLabels.length; i++) pred.push(Array.from(probabilities.subarray(i * classes, (i + 1) * classes), (p) => p.toPrecision(9)).join(','));
  return { pred: pred.join('\n') + '\n', labels: Array.from(testLabels).join('\n') + '\n' };
}

function softmax(z: readonly number[], scale: number): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(scale * (v - m)));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}
