import type { NeuronCostName, NeuronRun } from '../nn/neuron.js';

/** One run of a preset: a cost, its learning rate and the start (w₀, b₀). */
export interface NeuronPresetRun {
  cost: NeuronCostName;
  eta: number;
  w: number;
  b: number;
}

/** Settings of a named figure: the runs, shared epochs/x/y, and what the reader must know. */
export interface NeuronPreset {
  name: NeuronPresetName;
  title: string;
  epochs: number;
  x: number;
  y: number;
  runs: readonly NeuronPresetRun[];
  /**
   * The caveat the comparison needs, computed from the trained runs (in preset order);
   * printed with the output and drawn under the figure's title.
   */
  note?: (runs: readonly NeuronRun[]) => string;
}

export type NeuronPresetName = 'seed' | 'nielsen';
export const NEURON_PRESET_NAMES: readonly NeuronPresetName[] = ['seed', 'nielsen'];

const starts = [
  { w: 0.6, b: 0.9 },
  { w: 2, b: 2 },
] as const;

/**
 * The settings of Nielsen's chapter 3 widgets (x = 1, y = 0, 300 epochs, starts
 * (0.6, 0.9) and (2, 2)). `seed` uses η = 0.15 for both costs, so only the cost differs.
 * `nielsen` is the book's own choice, η = 0.005 for the cross-entropy: two things change
 * at once, which the note says.
 */
export const NEURON_PRESETS: Readonly<Record<NeuronPresetName, NeuronPreset>> = {
  seed: {
    name: 'seed',
    title: 'Learning slowdown of a sigmoid neuron: quadratic vs cross-entropy cost (η = 0.15)',
    epochs: 300,
    x: 1,
    y: 0,
    runs: starts.flatMap(({ w, b }) => [
      { cost: 'quadratic', eta: 0.15, w, b },
      { cost: 'cross-entropy', eta: 0.15, w, b },
    ]),
  },
  nielsen: {
    name: 'nielsen',
    title: "Nielsen's widget settings: quadratic at η = 0.15, cross-entropy at η = 0.005",
    epochs: 300,
    x: 1,
    y: 0,
    runs: starts.flatMap(({ w, b }) => [
      { cost: 'quadratic', eta: 0.15, w, b },
      { cost: 'cross-entropy', eta: 0.005, w, b },
    ]),
    note: nielsenNote,
  },
};

/**
 * Why the `nielsen` preset does not compare like with like, with the numbers of the
 * saturated start (2, 2): runs 2 (quadratic) and 3 (cross-entropy) of the preset.
 */
function nielsenNote(runs: readonly NeuronRun[]): string {
  const [quadratic, crossEntropy] = [runs[2], runs[3]];
  const last = (run: NeuronRun) => run.trace[run.trace.length - 1];
  const f = (v: number) => String(Number(v.toPrecision(3)));
  const epochs = quadratic.trace.length - 1;
  // With --epochs the race can end before the quadratic cost escapes its plateau (at 50
  // epochs the cross-entropy is still ahead), or before it starts (0 epochs): say what happened.
  const [aQuadratic, aCrossEntropy] = [last(quadratic).a, last(crossEntropy).a];
  const race =
    epochs === 0
      ? ''
      : `From (2, 2), ${epochs === 1 ? '1 epoch takes' : `${epochs} epochs take`} a from ${f(quadratic.trace[0].a)} to ${f(aQuadratic)} with the ` +
        `quadratic cost ${aCrossEntropy > aQuadratic ? 'but only' : 'and'} to ${f(aCrossEntropy)} with the cross-entropy. `;
  return (
    `Not like with like: the cross-entropy runs use η = ${crossEntropy.eta}, ${f(quadratic.eta / crossEntropy.eta)} times ` +
    `smaller than the quadratic's ${quadratic.eta}, so cost and step size change together. ${race}` +
    `What does compare is the shape: the cross-entropy's steps are ` +
    `largest at the start, where the neuron is most wrong (|∂C/∂z| = ${f(Math.abs(crossEntropy.trace[0].dCdz))}), ` +
    `the quadratic's are tiny there (${f(Math.abs(quadratic.trace[0].dCdz))}). The seed preset uses η = 0.15 for both.`
  );
}
