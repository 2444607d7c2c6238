import { compressBytes, expectedLength, huffmanCode, shannonCode, simulateGuessing } from '../../coding/index.js';
import { crossEntropy } from '../../core/info/crossEntropy.js';
import { entropy } from '../../core/info/entropy.js';
import { createRng } from '../../core/random/createRng.js';
import { formatNumber, formatTable } from '../formatTable.js';
import type { TourSection } from './TourSection.js';

const p = [1 / 2, 1 / 4, 1 / 8, 1 / 8];
const q = [1 / 8, 1 / 2, 1 / 4, 1 / 8];
const letters = ['A', 'B', 'C', 'D'];
const SAMPLE = 20_000;

export const codingSection: TourSection = {
  title: 'Coding: cross-entropy is the number of questions, and the size of the file',
  render() {
    const forP = huffmanCode(p);
    const forQ = huffmanCode(q);
    const games = simulateGuessing(forQ, p, SAMPLE, createRng(1));
    // A message of outcomes drawn from p, one letter per byte, packed by the static
    // order-0 coder: its real size per letter should be H(p) of the message's own counts.
    const rng = createRng(2);
    const message = new Uint8Array(SAMPLE);
    const cumulative = [0.5, 0.75, 0.875, 1];
    for (let i = 0; i < SAMPLE; i++) {
      const u = rng.uniform();
      message[i] = letters[cumulative.findIndex((c) => u < c)].charCodeAt(0);
    }
    const packed = compressBytes(message, { model: 'order0' });
    const perLetter = (bits: number) => formatNumber(bits / SAMPLE, 4);
    return [
      'Yes/no questions for the secret letter, drawn from p. The Huffman strategy',
      'built for p and the one built for the wrong q (codewords: the answers, 1 = yes):',
      '',
      formatTable([
        ['', ...letters],
        ['p', ...p.map((x) => formatNumber(x))],
        ['for p', ...forP.codes.map((c) => c ?? '-')],
        ['for q', ...forQ.codes.map((c) => c ?? '-')],
      ]),
      formatTable([
        ['questions, strategy for p', formatNumber(expectedLength(forP, p)), `= H(p) = ${formatNumber(entropy(p))}`],
        ['questions, strategy for q', formatNumber(expectedLength(forQ, p)), `= H(p,q) = ${formatNumber(crossEntropy(p, q))}`],
        [`played ${SAMPLE} games`, formatNumber(games.meanQuestions, 4), 'questions per game with the strategy for q'],
        ['Shannon code of q', formatNumber(expectedLength(shannonCode(q), p)), 'always within [H(p,q), H(p,q) + 1)'],
      ]),
      `The arithmetic coder packs ${SAMPLE} such letters (one byte each), static model:`,
      formatTable([
        ['cross-entropy', `${perLetter(packed.crossEntropyBits)} bits/letter`, 'Σ −log2 q(x) under the model it used'],
        ['real payload', `${perLetter(packed.payloadBits)} bits/letter`, `${packed.payloadBytes} bytes (+ ${packed.headerBytes} header) from ${SAMPLE}`],
      ]),
      'Try: xent huffman --p 0.5,0.25,0.125,0.125 --q 0.125,0.5,0.25,0.125 \\',
      '       --simulate 10000',
      '     xent compress book.txt -o book.xent --model order3',
      '',
    ].join('\n');
  },
};
