/**
 * The words of #/neuron's moving formula, the exercises of #/neuron, #/derivation and
 * #/mnist, and #/mnist's view of the hidden units' weights. `{name}` is filled at run time.
 */
export const labNeuronMessages = {
  // #/neuron: the formula at the shown epoch
  'neuron.formula.title': { en: 'One step, term by term, at epoch {at}', zh: '第 {at} 轮的这一步，逐项写出' },
  'neuron.formula.text': {
    en: 'Each epoch moves w by Δw = −η·(∂C/∂z)·x and b by Δb = −η·∂C/∂z. The chain rule gives ∂C/∂z = ∂C/∂a·σ′(z): the quadratic cost keeps the factor σ′(z) = a(1 − a), which is tiny when a is near 0 or 1; the cross-entropy’s ∂C/∂a = (a − y)/(a(1 − a)) cancels it.',
    zh: '每一轮 w 移动 Δw = −η·(∂C/∂z)·x，b 移动 Δb = −η·∂C/∂z。链式法则给出 ∂C/∂z = ∂C/∂a·σ′(z)：二次代价保留了因子 σ′(z) = a(1 − a)，a 接近 0 或 1 时它极小；交叉熵的 ∂C/∂a = (a − y)/(a(1 − a)) 恰好把它约掉。',
  },
  'neuron.formula.ratio': {
    en: 'At epoch {at} the cross-entropy’s step is {ratio} times the quadratic’s.',
    zh: '第 {at} 轮时，交叉熵的步长是二次代价的 {ratio} 倍。',
  },
  'neuron.formula.ratioNone': { en: 'At epoch {at} the quadratic’s step is 0.', zh: '第 {at} 轮时，二次代价的步长为 0。' },
  'neuron.formula.book': {
    en: 'The cross-entropy here steps as the book’s widget does, by ∂C/∂a: its σ′(z) is divided out, not cancelled.',
    zh: '这里的交叉熵照书中小程序的算法按 ∂C/∂a 迈步：σ′(z) 不是被约掉，而是被除掉了。',
  },
  'neuron.formula.loading': { en: 'Typesetting the formulas…', zh: '正在排版公式……' },
} as const satisfies Record<string, { en: string; zh: string }>;
