import type { Lang } from '../state/labState.js';
import { formatSignificant } from '../ui/formatSignificant.js';

/** An evaluation error as the engine reports it: its problem, the file (field) and the place in it. */
export interface EvalProblem {
  problem: string;
  field?: string;
  index?: number | string;
}

type Texts = Record<Lang, (v: string[]) => string>;

/**
 * The engine's problems (src/eval, src/data), recognised by their form, in the reader's
 * words. Each entry's captures are the problem's values (numbers, names), shown as the
 * lab writes numbers (∞, not Infinity).
 */
const PROBLEMS: [RegExp, Texts][] = [
  [
    /^probabilities sum to (\S+), not 1 within \S+/,
    {
      en: ([sum]) => `a row’s probabilities sum to ${sum}, not 1. Tick “normalise” to divide each row by its sum, or check that the columns hold probabilities`,
      zh: ([sum]) => `有一行概率之和是 ${sum}，不等于 1。可以勾选“归一化”，把每行除以它的和；也请检查各列是否真是概率`,
    },
  ],
  [/^probability (\S+) of class (\d+) is not a number ≥ 0$/, { en: ([v, k]) => `the probability ${v} of class ${k} is not a number ≥ 0`, zh: ([v, k]) => `类别 ${k} 的概率 ${v} 不是大于等于 0 的数` }],
  [/^probability (\S+) is outside \[0, 1\]$/, { en: ([v]) => `the probability ${v} is outside [0, 1]`, zh: ([v]) => `概率 ${v} 不在 0 到 1 之间` }],
  [/^log-probability (\S+) is above 0$/, { en: ([v]) => `the log-probability ${v} is above 0`, zh: ([v]) => `对数概率 ${v} 大于 0` }],
  [/^log-probability (\S+) of class (\d+) is not a number < Infinity$/, { en: ([v, k]) => `the log-probability ${v} of class ${k} is not a finite number`, zh: ([v, k]) => `类别 ${k} 的对数概率 ${v} 不是有限的数` }],
  [/^logit(?: of class \d+)? is NaN$|^the value is NaN$|^the label is NaN$/, { en: () => 'a value is not a number (NaN)', zh: () => '有一个值不是数（NaN）' }],
  [/^label (\S+) is out of range for (\d+) classes \(0 to (\d+)\)$/, { en: ([l, n, m]) => `the label ${l} is not one of the ${n} classes (0 to ${m})`, zh: ([l, n, m]) => `标签 ${l} 不在 ${n} 个类别（0 到 ${m}）之中` }],
  [/^label (\S+) is not a whole number$/, { en: ([l]) => `the label ${l} is not a whole number`, zh: ([l]) => `标签 ${l} 不是整数` }],
  [
    /^unknown class '(.*)' \((?:classes are (.*)|.*)\)$/,
    {
      en: ([c, known]) => `the label “${c}” is not one of the classes${known ? ` (${known})` : ' (the predictions have no header naming them)'}`,
      zh: ([c, known]) => `标签“${c}”不是预测文件里的类别${known ? `（类别有 ${known}）` : '（预测文件没有写出类别名的表头）'}`,
    },
  ],
  [/ends after (\d+) labels but the predictions go on$/, { en: ([n]) => `there are only ${n} labels, but more rows of predictions`, zh: ([n]) => `标签只有 ${n} 行，预测却还有更多行` }],
  [/has more rows than the (\d+) predictions$/, { en: ([n]) => `there are more labels than the ${n} rows of predictions`, zh: ([n]) => `标签的行数比 ${n} 行预测还多` }],
  [/^the predictions have no rows$/, { en: () => 'the predictions file has no rows', zh: () => '预测文件里没有数据' }],
  [/^(?:the )?row has (\d+) (?:columns|fields|values), expected (\d+)/, { en: ([a, b]) => `a row has ${a} columns where the first has ${b}`, zh: ([a, b]) => `有一行是 ${a} 列，而第一行是 ${b} 列` }],
  [/^the header names (\d+) columns but rows have (\d+)$/, { en: ([a, b]) => `the header names ${a} columns but the rows have ${b}`, zh: ([a, b]) => `表头有 ${a} 列，数据行却有 ${b} 列` }],
  [/^no column '(.*)' in .* \((?:its columns are )?(.*)\)/, { en: ([c, known]) => `the file has no column “${c}” (${known}); drop a labels file, or name the column label`, zh: ([c, known]) => `文件里没有名为“${c}”的列（${known}）；请另给标签文件，或把标签列命名为 label` }],
  [/^(?:the label )?column '(.*)' of .* is (.*), not (?:numbers|class indices or names)$/, { en: ([c, type]) => `the column “${c}” holds ${type}, not numbers`, zh: ([c, type]) => `“${c}”列的类型是 ${type}，不是数字` }],
  [/^the string (.*) is not a number$|^expected a value, found (.*)$|^(null|true|false) is not a number$/, { en: () => 'a cell holds something that is not a number', zh: () => '有一格的内容不是数字' }],
];

const FALLBACK: Texts = { en: () => 'the file could not be read as a table of numbers', zh: () => '这个文件无法读成一张数字表' };

/** "line 3, column 2", "row 4" and "the .npy header" in the reader's language. */
function place(index: number | string | undefined, lang: Lang): string {
  if (index === undefined) return '';
  if (typeof index === 'number') return lang === 'zh' ? `第 ${index + 1} 行` : `row ${index + 1}`;
  const m = /^(line|row) (\d+)(?:, column (\d+))?$/.exec(index);
  if (m) {
    if (lang === 'zh') return `第 ${m[2]} 行${m[3] === undefined ? '' : `第 ${m[3]} 列`}`;
    return `${m[1]} ${m[2]}${m[3] === undefined ? '' : `, column ${m[3]}`}`;
  }
  if (index === 'the .npy header') return lang === 'zh' ? '.npy 文件头' : 'the .npy header';
  return lang === 'zh' ? '' : index;
}

const shown = (v: string | undefined) => (v === undefined ? '' : /^-?(\d|Infinity|NaN)/.test(v) && !Number.isNaN(Number(v)) ? formatSignificant(Number(v)) : v === 'NaN' ? '—' : v);

/** The problem as one sentence in `lang`, with the file and the place where it was found. */
export function evalErrorText(e: EvalProblem, lang: Lang): string {
  let text = FALLBACK[lang]([]);
  for (const [pattern, texts] of PROBLEMS) {
    const m = pattern.exec(e.problem);
    if (m) {
      text = texts[lang](m.slice(1).map((v) => shown(v)));
      break;
    }
  }
  const where = [e.field, place(e.index, lang)].filter((s) => s !== undefined && s !== '').join(lang === 'zh' ? '，' : ', ');
  if (where === '') return text;
  return lang === 'zh' ? `${text}（${where}）` : `${text} (${where})`;
}
