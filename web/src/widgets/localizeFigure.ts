import type { FigureSpec } from '../../../src/plot/figureSvg.js';
import type { Lang } from '../state/labState.js';

/**
 * The Chinese of the words `src/experiments` writes into its figure specs (for the CLI's
 * English SVGs), applied in order to every title, note, axis label and legend entry.
 * Numbers and formulas pass through unchanged.
 */
const ZH: readonly [RegExp, string][] = [
  [/^Learning slowdown of a sigmoid neuron: quadratic vs cross-entropy cost \((.+)\)$/, 'sigmoid 神经元的学习变慢：二次代价与交叉熵（$1）'],
  [/^One sigmoid neuron a = σ\(wx \+ b\) trained by gradient descent on x = (.+), target y = (.+), η = (.+), (\d+) epochs\.$/, '一个 sigmoid 神经元 a = σ(wx + b)，用梯度下降拟合 x = $1、目标 y = $2，η = $3，训练 $4 轮。'],
  [/^Cost vs epoch \(shared axes\)$/, '代价随训练轮数的变化（共用坐标轴）'],
  [/^Output a vs epoch$/, '输出 a 随训练轮数的变化'],
  [/^Gradient \|∂C\/∂z\| vs epoch \(log scale\)$/, '梯度 |∂C/∂z| 随训练轮数的变化（对数坐标）'],
  [/^σ′\(z\) and δ = ∂C\/∂z vs z \(target y = (.+)\)$/, 'σ′(z) 与 δ = ∂C/∂z 随 z 的变化（目标 y = $1）'],
  [/^weighted input z = wx \+ b$/, '加权输入 z = wx + b'],
  [/^output a = /, '输出 a = '],
  [/^epoch$/, '训练轮数'],
  [/^cost C \(nats\)$/, '代价 C（奈特）'],
  [/ \(nats per unit z\)$/, '（奈特 / 单位 z）'],
  [/^Cost: /, '代价：'],
  [/target y = /g, '目标 y = '],
  [/quadratic/g, '二次代价'],
  [/cross-entropy/g, '交叉熵'],
  [/, from \(/g, '，起点 ('],
  [/, η = /g, '，η = '],
];

export function localizeText(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  return ZH.reduce((s, [pattern, replacement]) => s.replace(pattern, replacement), text);
}

/** The spec with its words in `lang`: titles, notes, axis labels, series, rules and legend. */
export function localizeFigure<S extends FigureSpec>(spec: S, lang: Lang): S {
  if (lang === 'en') return spec;
  const word = (s: string | undefined) => (s === undefined ? s : localizeText(s, lang));
  const panels = spec.panels.map((panel) => {
    const p = panel as unknown as Record<string, unknown>;
    const out: Record<string, unknown> = { ...p, title: word(p.title as string | undefined) };
    for (const axis of ['x', 'y'] as const) {
      const a = p[axis] as { label?: string } | undefined;
      if (a && typeof a === 'object' && !Array.isArray(a)) out[axis] = { ...a, label: word(a.label) };
    }
    if (Array.isArray(p.series)) out.series = (p.series as { label?: string }[]).map((s) => ({ ...s, label: word(s.label) }));
    if (Array.isArray(p.rules)) out.rules = (p.rules as { label?: string }[]).map((r) => ({ ...r, label: word(r.label) }));
    return out;
  });
  return {
    ...spec,
    title: word(spec.title),
    notes: spec.notes?.map((n) => localizeText(n, lang)),
    legend: spec.legend?.map((e) => ({ ...e, label: localizeText(e.label, lang) })),
    panels,
  } as S;
}
