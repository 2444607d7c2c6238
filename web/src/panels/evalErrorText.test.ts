import { describe, expect, it } from 'vitest';
import { evalErrorText } from './evalErrorText.js';

const CJK = /[\u3400-\u9fff]/;

describe('evalErrorText', () => {
  const sum = { problem: 'probabilities sum to 0.9, not 1 within 0.000001 (give --normalize to divide by the sum)', field: 'pred.csv', index: 'line 3' };

  it('says what is wrong in Chinese, with the file and the line, and no English words', () => {
    const zh = evalErrorText(sum, 'zh');
    expect(zh).toBe('有一行概率之和是 0.9，不等于 1。可以勾选“归一化”，把每行除以它的和；也请检查各列是否真是概率（pred.csv，第 3 行）');
    expect(zh.replace('pred.csv', '')).not.toMatch(/[A-Za-z]{3}/);
  });

  it('points to the page’s normalise option, not to a command-line flag, in English', () => {
    expect(evalErrorText(sum, 'en')).toContain('Tick “normalise”');
    expect(evalErrorText(sum, 'en')).not.toContain('--normalize');
  });

  it('writes infinite values as ∞ and translates labels, columns and unknown problems', () => {
    expect(evalErrorText({ problem: 'probability Infinity of class 1 is not a number ≥ 0', field: 'p.csv', index: 'line 2, column 2' }, 'en')).toBe(
      'the probability ∞ of class 1 is not a number ≥ 0 (p.csv, line 2, column 2)',
    );
    for (const problem of ['label 7 is out of range for 3 classes (0 to 2)', 'the row has 2 fields, expected 3 as in the first row', 'something new went wrong']) {
      const zh = evalErrorText({ problem, field: 'y.csv', index: 'line 9' }, 'zh');
      expect(zh).toMatch(CJK);
      expect(zh.replace('y.csv', '')).not.toMatch(/[A-Za-z]{3}/);
    }
  });
});
