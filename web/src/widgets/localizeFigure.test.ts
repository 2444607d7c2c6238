import { describe, expect, it } from 'vitest';
import { neuronPresetFigure } from '../../../src/experiments/neuronFigure.js';
import { neuronFigureSpec } from '../../../src/experiments/neuronFigureSpec.js';
import { figureSvg } from '../../../src/plot/figureSvg.js';
import { localizeFigure } from './localizeFigure.js';

describe('localizeFigure', () => {
  const spec = neuronFigureSpec(neuronPresetFigure('seed'));

  it('leaves no English word in the article figure under Chinese', () => {
    const svg = figureSvg(localizeFigure(spec, 'zh'));
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts.length).toBeGreaterThan(20);
    // 'sigmoid' is the word Chinese texts use too.
    expect(texts.filter((s) => /[A-Za-z]{3,}/.test(s.replace(/sigmoid/g, '')))).toEqual([]);
  });

  it('keeps the data and the English spec untouched', () => {
    const zh = localizeFigure(spec, 'zh');
    expect(localizeFigure(spec, 'en')).toBe(spec);
    expect(zh.panels.map((p) => ('series' in p ? p.series.map((s) => s.y) : []))).toEqual(spec.panels.map((p) => ('series' in p ? p.series.map((s) => s.y) : [])));
    expect(zh.title).toBe('sigmoid 神经元的学习变慢：二次代价与交叉熵（η = 0.15）');
  });
});
