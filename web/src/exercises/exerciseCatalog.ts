/**
 * The ids of every route's exercises, in the order the page asks them. The home page counts
 * a route's progress from this list, so a page's exercises must match its entry here
 * (the e2e tests check that every listed id is on its page).
 */
export const EXERCISE_IDS: Record<string, readonly string[]> = {
  entropy: ['entropy.dropQ', 'entropy.zeroQ'],
  guess: ['guess.meanQuestions'],
  code: ['code.smallerFile'],
  neuron: ['neuron.firstBelow', 'neuron.step'],
  derivation: ['derivation.integrate'],
  mnist: ['mnist.leader'],
  eval: ['eval.overconfident', 'eval.temperature'],
};
