import type { PrefixCode } from './PrefixCode.js';

/**
 * One point of the guessing game. At a question node the guesser asks "is the secret
 * one of `yes.symbols`?"; the answer yes is bit 1 of the codeword, no is bit 0. A leaf
 * names the secret.
 */
export interface QuestionNode {
  /** The answers that lead here, as a codeword prefix ('' at the root). */
  readonly prefix: string;
  /** The outcomes still possible here, ascending. */
  readonly symbols: readonly number[];
  /** Σ q_k over `symbols`: how likely the strategy thinks this point is. */
  readonly weight: number;
  /** At a leaf, the outcome identified; undefined at a question. */
  readonly symbol?: number;
  /**
   * The branches of a question. A branch is null when no outcome has that answer: the
   * question was wasted (Shannon codes whose Kraft sum is below 1 have these).
   */
  readonly no?: QuestionNode | null;
  readonly yes?: QuestionNode | null;
}

/**
 * The question tree of a code, for drawing and playing the guessing game. Built from
 * the codewords, so it is exactly the strategy `code` describes. Meant for small
 * alphabets: every node lists its outcomes.
 *
 * @example
 * const root = questionTree(huffmanCode([0.5, 0.25, 0.25]));
 * root.yes?.symbols // [1, 2]: the first question is "is it 1 or 2?"
 */
export function questionTree(code: PrefixCode): QuestionNode {
  const entries: { symbol: number; code: string }[] = [];
  code.codes.forEach((c, symbol) => {
    if (c !== null) entries.push({ symbol, code: c });
  });
  return build('', entries, code.weights);
}

function build(prefix: string, entries: { symbol: number; code: string }[], q: Float64Array): QuestionNode {
  const symbols = entries.map((e) => e.symbol).sort((a, b) => a - b);
  let weight = 0;
  for (const s of symbols) weight += q[s];
  if (entries.length === 1 && entries[0].code.length === prefix.length) {
    return { prefix, symbols, weight, symbol: entries[0].symbol };
  }
  const depth = prefix.length;
  const no = entries.filter((e) => e.code[depth] === '0');
  const yes = entries.filter((e) => e.code[depth] === '1');
  return {
    prefix,
    symbols,
    weight,
    no: no.length > 0 ? build(prefix + '0', no, q) : null,
    yes: yes.length > 0 ? build(prefix + '1', yes, q) : null,
  };
}

/** One question asked in a game: the set asked about and the answer. */
export interface AskedQuestion {
  readonly node: QuestionNode;
  /** "Is the secret one of these?" */
  readonly asked: readonly number[];
  readonly answer: boolean;
}

/**
 * Plays the game on `secret`: walks the tree, answering each question truthfully, and
 * returns the questions asked in order. Its length is the codeword length; an outcome
 * with no codeword (q_k = 0) cannot be found, which is an empty-handed `undefined`.
 *
 * @example
 * playGuess(questionTree(huffmanCode([0.5, 0.25, 0.25])), 2).map((s) => s.answer) // [true, true]
 */
export function playGuess(root: QuestionNode, secret: number): AskedQuestion[] | undefined {
  const steps: AskedQuestion[] = [];
  let node: QuestionNode | null | undefined = root;
  while (node && node.symbol === undefined) {
    const yes: QuestionNode | null | undefined = node.yes;
    const answer: boolean = yes != null && yes.symbols.includes(secret);
    steps.push({ node, asked: yes?.symbols ?? [], answer });
    node = answer ? yes : node.no;
  }
  return node && node.symbol === secret ? steps : undefined;
}
