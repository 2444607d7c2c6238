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

  // #/neuron's exercises
  'neuron.ex.firstBelow.q': {
    en: 'Both neurons start at (w, b) = (2, 2), with x = 1, y = 0 and η = 0.15, so a = σ(4) ≈ 0.98. Which cost gets the output a below 0.1 first?',
    zh: '两个神经元都从 (w, b) = (2, 2) 出发，x = 1、y = 0、η = 0.15，此时 a = σ(4) ≈ 0.98。哪种代价先把输出 a 降到 0.1 以下？',
  },
  'neuron.ex.choice.quadratic': { en: 'the quadratic cost', zh: '二次代价' },
  'neuron.ex.choice.crossEntropy': { en: 'the cross-entropy', zh: '交叉熵' },
  'neuron.ex.choice.same': { en: 'both at the same time', zh: '两者同时' },
  'neuron.ex.firstBelow.xent': {
    en: 'The cross-entropy’s a fell below 0.1 at epoch {xent}, the quadratic’s only at epoch {quad}. At (2, 2) the neuron is saturated: σ′(z) = a(1 − a) = {sp}, and the quadratic’s ∂C/∂z = (a − y)σ′(z) carries that small factor, so it crawls until a leaves the flat end of the sigmoid. The cross-entropy’s ∂C/∂z = a − y has no σ′(z): its step is largest exactly where the neuron is most wrong.',
    zh: '交叉熵的 a 在第 {xent} 轮降到 0.1 以下，二次代价要到第 {quad} 轮。在 (2, 2) 处神经元已经饱和：σ′(z) = a(1 − a) = {sp}，二次代价的 ∂C/∂z = (a − y)σ′(z) 带着这个极小的因子，所以在 a 离开 sigmoid 平坦的一端之前几乎走不动。交叉熵的 ∂C/∂z = a − y 里没有 σ′(z)：神经元错得越厉害，它的步子反而越大。',
  },
  'neuron.ex.firstBelow.other': {
    en: 'First epoch with a below 0.1: quadratic {quad}, cross-entropy {xent} (— means not within {max} epochs). The quadratic’s ∂C/∂z = (a − y)σ′(z) keeps the factor σ′(z) = {sp} at the start, while the cross-entropy’s ∂C/∂z = a − y does not.',
    zh: 'a 首次低于 0.1 的轮数：二次代价 {quad}，交叉熵 {xent}（— 表示 {max} 轮内没有做到）。起点处二次代价的 ∂C/∂z = (a − y)σ′(z) 带着因子 σ′(z) = {sp}，交叉熵的 ∂C/∂z = a − y 则没有。',
  },
  'neuron.ex.step.q': {
    en: 'From (w, b) = (2, 2) with x = 1, y = 0 and η = 0.15: how many times larger is the cross-entropy’s first step Δw than the quadratic’s? (Within 5% counts.)',
    zh: '从 (w, b) = (2, 2) 出发，x = 1、y = 0、η = 0.15：交叉熵第一步的 Δw 是二次代价的多少倍？（误差在 5% 以内算对。）',
  },
  'neuron.ex.step.feedback': {
    en: 'The library’s first steps are Δw = {quad} for the quadratic and {xent} for the cross-entropy: {ratio} times larger (you said {answer}). The ratio is 1/σ′(z) = 1/(a(1 − a)) at a = σ(4) = {a}, the factor that the quadratic’s ∂C/∂z keeps and the cross-entropy’s cancels; the formula above shows it at epoch 0.',
    zh: '库算出的第一步：二次代价 Δw = {quad}，交叉熵 Δw = {xent}，相差 {ratio} 倍（你填的是 {answer}）。这个倍数就是 a = σ(4) = {a} 处的 1/σ′(z) = 1/(a(1 − a))：二次代价的 ∂C/∂z 保留了这个因子，交叉熵把它约掉了；上面的公式列出了第 0 轮的这一步。',
  },

  // #/derivation's exercise
  'derivation.ex.q': {
    en: 'For one sigmoid output a = σ(z) and a target y in [0, 1], you demand δ = ∂C/∂z = a − y. Which cost does that integrate to?',
    zh: '对一个 sigmoid 输出 a = σ(z)、目标 y ∈ [0, 1]，你要求 δ = ∂C/∂z = a − y。积分出来的是哪个代价？',
  },
  'derivation.ex.quadratic': { en: 'the quadratic C = ½(a − y)²', zh: '二次代价 C = ½(a − y)²' },
  'derivation.ex.crossEntropy': { en: 'the cross-entropy C = −[y ln a + (1 − y) ln(1 − a)]', zh: '交叉熵 C = −[y ln a + (1 − y) ln(1 − a)]' },
  'derivation.ex.logLikelihood': { en: 'the log-likelihood C = −ln a_y of a softmax layer', zh: 'softmax 层的对数似然 C = −ln a_y' },
  'derivation.ex.none': { en: 'no cost: a − y is not the gradient of any cost', zh: '没有这样的代价：a − y 不是任何代价的梯度' },
  'derivation.ex.feedback': {
    en: 'δ = a − y means ∂C/∂a = (a − y)/(a(1 − a)) = (1 − y)/(1 − a) − y/a, whose integral is −[y ln a + (1 − y) ln(1 − a)]: the binary cross-entropy, which the page’s numeric integral matches to {err} at y = {y}.',
    zh: 'δ = a − y 意味着 ∂C/∂a = (a − y)/(a(1 − a)) = (1 − y)/(1 − a) − y/a，积分得 −[y ln a + (1 − y) ln(1 − a)]，也就是二元交叉熵；本页在 y = {y} 时的数值积分与它相差不超过 {err}。',
  },
  'derivation.ex.whyQuadratic': {
    en: 'The quadratic’s δ is (a − y)σ′(z): it keeps the σ′(z) that δ = a − y is meant to remove.',
    zh: '二次代价的 δ 是 (a − y)σ′(z)：它恰恰保留了我们想去掉的 σ′(z)。',
  },
  'derivation.ex.whyLogLikelihood': {
    en: 'The softmax’s log-likelihood has δ = a − y too, but for a softmax layer; for one sigmoid unit it is the binary cross-entropy that does (the two agree for two classes and y = 0 or 1).',
    zh: 'softmax 的对数似然也有 δ = a − y，但那是对 softmax 层而言；对单个 sigmoid 单元，做到这一点的是二元交叉熵（两类、y 取 0 或 1 时两者一致）。',
  },
  'derivation.ex.whyNone': {
    en: 'It is a gradient: a − y is a function of a alone, so ∂C/∂a = (a − y)/(a(1 − a)) can be integrated.',
    zh: '它确实是某个代价的梯度：a − y 只依赖 a，所以 ∂C/∂a = (a − y)/(a(1 − a)) 可以积分。',
  },
  'derivation.ex.whyRight': { en: 'That is the step this page derives next, marked below.', zh: '这正是本页接下来推导的那一步，已在下方标出。' },

  // #/mnist: the hidden units' weights
  'mnist.units.title': { en: 'What the hidden units learn', zh: '隐藏神经元学到了什么' },
  'mnist.units.hint': {
    en: 'The incoming weights of the first {n} hidden units of each run, one 28 × 28 image per unit: the weight from each pixel, drawn where the pixel is. They are redrawn as the network trains.',
    zh: '每次训练的前 {n} 个隐藏神经元的输入权重，每个神经元一张 28 × 28 的图：每个像素连过来的那条权重，就画在那个像素的位置上。训练进行时图会随之更新。',
  },
  'mnist.units.legend': { en: 'Colour scale of the weights', zh: '权重的颜色刻度' },
  'mnist.units.negative': { en: '−max |{w}|', zh: '−最大 |{w}|' },
  'mnist.units.positive': { en: '+max |{w}|', zh: '+最大 |{w}|' },
  'mnist.units.scaled': {
    en: 'Each image is scaled to its own largest |w|, written under it: purple pixels lower the unit’s z, green ones raise it.',
    zh: '每张图按它自己的最大 |w| 缩放，数值写在图下方：紫色的像素让这个神经元的 z 变小，绿色的让它变大。',
  },
  'mnist.units.none': { en: 'Train to see the weights.', zh: '开始训练后就能看到权重。' },
  'mnist.units.after': { en: 'epoch {epoch}, {done} of {total} examples', zh: '第 {epoch} 轮，已学 {done} / {total} 个样本' },
  'mnist.units.unit': { en: 'hidden unit {u} of run {run}: weights from −{max} to +{max}, purple to green', zh: '训练 {run} 的第 {u} 个隐藏神经元：权重从 −{max} 到 +{max}，由紫到绿' },

  'setting.mnistUnits': { en: 'what the hidden units’ images show', zh: '隐藏神经元图示的内容' },
  'mnist.units.show': { en: 'Show', zh: '显示' },
  'mnist.units.showWeights': { en: 'the weights', zh: '权重本身' },
  'mnist.units.showChange': { en: 'their change since the start', zh: '相对初始值的变化' },
  'mnist.units.changeHint': {
    en: 'Each image is w − w₀, the change since the run started, scaled to its own largest |w − w₀|: what training has added to the random start. The numbers under the images say how far each unit has moved: compare the two runs.',
    zh: '每张图是 w − w₀，即训练开始以来的变化，按它自己的最大 |w − w₀| 缩放：训练在随机初值之上添了什么。图下的数字表示每个神经元走了多远，可以比较两次训练。',
  },

  // #/mnist's exercise
  'mnist.ex.q': {
    en: 'Both runs start from large N(0, 1) weights, at η = 0.5 with 30 hidden units: which cost leads in test accuracy after one epoch? (A tie is within {tie} points.)',
    zh: '两次训练都从偏大的 N(0, 1) 权重出发，η = 0.5，30 个隐藏神经元：训练一轮之后，哪种代价的测试准确率领先？（相差不到 {tie} 个百分点算打平。）',
  },
  'mnist.ex.crossEntropy': { en: 'sigmoid + cross-entropy', zh: 'sigmoid + 交叉熵' },
  'mnist.ex.quadratic': { en: 'sigmoid + quadratic', zh: 'sigmoid + 二次代价' },
  'mnist.ex.tie': { en: 'a tie', zh: '打平' },
  'mnist.ex.leadXent': {
    en: 'After one epoch the cross-entropy run reached {xent} and the quadratic run {quad}. With N(0, 1) weights the output units start saturated, and the quadratic’s output error (a − y)σ′(z) is nearly zero there, so its first epoch crawls; the cross-entropy’s error a − y is not damped. The curves and the hidden units’ weights below show both runs.',
    zh: '训练一轮后，交叉熵达到 {xent}，二次代价只有 {quad}。权重取 N(0, 1) 时输出层一开始就饱和，二次代价的输出误差 (a − y)σ′(z) 在那里几乎为零，所以第一轮学得很慢；交叉熵的误差 a − y 不受这种压制。下方的曲线和隐藏神经元的权重图展示了这两次训练。',
  },
  'mnist.ex.leadQuad': {
    en: 'This time the quadratic run led: {quad} against the cross-entropy’s {xent}. The cross-entropy only removes σ′(z) from the output layer’s error; the hidden units, saturated by N(0, 1) weights, slow both runs alike, and one epoch of one seed can fall either way. Try another seed or more epochs; the curves and weights below show both runs.',
    zh: '这一次二次代价领先：{quad}，交叉熵为 {xent}。交叉熵只去掉了输出层误差里的 σ′(z)；被 N(0, 1) 权重压到饱和的隐藏层对两边一样拖慢，只训练一轮、只用一个种子，结果可能偏向任何一边。换个种子或多训练几轮试试；下方的曲线和权重图展示了这两次训练。',
  },
  'mnist.ex.leadTie': {
    en: 'The two runs ended within {tie} points: cross-entropy {xent}, quadratic {quad}. The cross-entropy removes σ′(z) from the output layer’s error only; when the saturated hidden units hold both runs back, one epoch may not tell them apart. The curves and weights below show both runs.',
    zh: '两次训练相差不到 {tie} 个百分点：交叉熵 {xent}，二次代价 {quad}。交叉熵只去掉了输出层误差里的 σ′(z)；当饱和的隐藏层把两边都拖住时，一轮训练可能分不出高下。下方的曲线和权重图展示了这两次训练。',
  },
  'mnist.ex.notRun': { en: 'the training stopped before one epoch of both runs was done; check again to train them anew.', zh: '两次训练还没各完成一轮就停止了；再点一次验证即可重新训练。' },
} as const satisfies Record<string, { en: string; zh: string }>;
