import { createRng } from '../../../src/core/random/createRng.js';
import { DEFAULT_TEXT } from '../state/labState.js';

/** Texts that show what a model can and cannot predict. */
export const CODE_SAMPLES = {
  english: DEFAULT_TEXT,
  chinese:
    '信息论里有一个朴素的想法：越是意料之中的事，说出来越不值钱；越是出人意料的事，包含的信息就越多。' +
    '如果你事先知道天气总是晴天，那么天气预报几乎不用说话；如果天气完全随机，预报员每天都得认真交代。' +
    '熵衡量的正是这种平均的意外程度，而交叉熵衡量的是：当你用一个不太准的模型去预测时，平均要付出多少代价。',
  repetitive: 'abcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabc',
  // Uniform letters: no model can beat log2 26 ≈ 4.70 bits per character.
  random: randomLetters(300, 7),
};

function randomLetters(n: number, seed: number): string {
  const rng = createRng(seed);
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(97 + rng.int(26));
  return s;
}
