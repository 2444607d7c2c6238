/** #/eval's calibration section and its exercises, in English and Chinese. */
export const evalLabMessages = {
  'evalLab.title': { en: 'Calibrate it: temperature scaling', zh: '校准：温度缩放' },
  'evalLab.intro': {
    en: 'Temperature scaling divides each row’s log-probabilities by one number T and takes the softmax again. T > 1 softens over-confident predictions, T < 1 sharpens timid ones, and the order of the classes, so the accuracy, stays the same. The best T is the one with the least log-loss: cross-entropy once more.',
    zh: '温度缩放把每一行的对数概率除以同一个数 T，再做一次 softmax。T > 1 让过于自信的预测变得温和，T < 1 让过于保守的预测变得果断；各类别的先后次序不变，所以准确率也不变。最好的 T 是让对数损失最小的那个：又是交叉熵。',
  },
  'evalLab.fitting': { en: 'Fitting the temperature…', zh: '正在拟合温度……' },
  'evalLab.sample': {
    en: 'T* is fitted in the page’s worker on {sample} of the {rows} rows. To keep memory bounded for big files the fit takes a seeded random sample of at most {maxRows} rows (and at most {maxScores} numbers, rows × classes); every row is then scored again at T*.',
    zh: 'T* 在页面的后台线程里拟合，用了 {rows} 行中的 {sample} 行。为了让大文件也只占有限的内存，拟合最多取 {maxRows} 行的固定种子随机样本（行数 × 类别数最多 {maxScores} 个数）；之后全部各行再按 T* 重新评分。',
  },
  'evalLab.unfitZeroTrueClass': {
    en: 'No temperature can be fitted: some row gives its true class probability 0, so its log-loss is infinite at every T.',
    zh: '无法拟合温度：有的行给真实类别的概率是 0，无论 T 取多少，它的对数损失都是无穷大。',
  },
  'evalLab.unfitOther': { en: 'No temperature could be fitted to these rows.', zh: '这些数据无法拟合出温度。' },
  'evalLab.figure': { en: 'figure', zh: '指标' },
  'evalLab.asGiven': { en: 'as given (T = 1)', zh: '原样（T = 1）' },
  'evalLab.scaled': { en: 'scaled (T* = {t})', zh: '缩放后（T* = {t}）' },
  'evalLab.fitted': { en: 'Fitted temperature T* = {t}', zh: '拟合出的温度 T* = {t}' },
  'evalLab.fittedInfinity': { en: 'Fitted temperature T* = ∞: the scores carry nothing a temperature can use, so the best is uniform', zh: '拟合出的温度 T* = ∞：这些分数里没有温度能利用的信息，最好的是均匀分布' },
  'evalLab.fittedZero': { en: 'Fitted temperature T* = 0: every true class holds its row’s top score, so sharper is always better', zh: '拟合出的温度 T* = 0：每行的真实类别都得分最高，所以越尖锐越好' },
  'evalLab.over': { en: 'T* > 1: the model was over-confident, and scaling softens it.', zh: 'T* > 1：模型原先过于自信，缩放让它温和下来。' },
  'evalLab.under': { en: 'T* < 1: the model was under-confident, and scaling sharpens it.', zh: 'T* < 1：模型原先不够自信，缩放让它更果断。' },
  'evalLab.beforeTitle': { en: 'Before: as given', zh: '校准前：原样' },
  'evalLab.afterTitle': { en: 'After: T* = {t}', zh: '校准后：T* = {t}' },
  'evalLab.curveTitle': { en: 'Log-loss as a function of the temperature', zh: '对数损失随温度 T 的变化' },
  'evalLab.curveX': { en: 'temperature T (log scale)', zh: '温度 T（对数刻度）' },
  'evalLab.curveY': { en: 'log-loss ({unit})', zh: '对数损失（{unit}）' },
  'evalLab.curveSeries': { en: 'log-loss of softmax(log p / T)', zh: 'softmax(log p / T) 的对数损失' },
  'evalLab.curveBest': { en: 'fitted: T* = {t}', zh: '拟合：T* = {t}' },
  'evalLab.curveDesc': {
    en: 'The log-loss of the sample against T from {lo} to {hi}; it is least at T* = {best}, {loss} {unit}.',
    zh: '样本的对数损失随 T（从 {lo} 到 {hi}）的变化；在 T* = {best} 处最小，为 {loss} {unit}。',
  },
  'evalLab.slider': { en: 'Temperature T', zh: '温度 T' },
  'evalLab.readout': { en: 'At T = {t} the log-loss is {loss} {unit}', zh: 'T = {t} 时，对数损失为 {loss} {unit}' },
  'evalLab.readoutBest': { en: ' — the least, at T*', zh: '——最小值，就在 T* 处' },
  'evalLab.toOne': { en: 'Back to T = 1', zh: '回到 T = 1' },
  'evalLab.toBest': { en: 'Go to T*', zh: '跳到 T*' },
  'evalLab.curveHint': {
    en: 'Drag the slider: the log-loss falls as T nears T* and rises again past it. Both ends are bad: a small T makes every prediction a certainty, a large T makes every class alike.',
    zh: '拖动滑块：T 靠近 T* 时对数损失下降，越过 T* 又会上升。两头都不好：T 太小，每个预测都成了百分之百的断言；T 太大，各个类别变得一样。',
  },
  // Exercises
  'ex.eval.overconfident.q': {
    en: 'A model says “90% sure” on a batch of examples and is right on 70% of them. Is it over-confident or under-confident?',
    zh: '一个模型对一批样本都说“有 90% 把握”，结果只对了其中 70%。它是过于自信，还是不够自信？',
  },
  'ex.eval.overconfident.over': { en: 'Over-confident', zh: '过于自信' },
  'ex.eval.overconfident.under': { en: 'Under-confident', zh: '不够自信' },
  'ex.eval.overconfident.calibrated': { en: 'Neither: 70% right is still good', zh: '都不是：对 70% 已经不错了' },
  'ex.eval.overconfident.right': {
    en: 'It claims more than it delivers: 90% said, 70% right. The over-confident example, now scored below, does the same: where it says {says}, it is right {right} of the time, so its blue steps lie under the diagonal of the reliability diagram.',
    zh: '它说的比做到的多：嘴上 90%，实际 70%。下面刚评估的“过于自信”示例也是这样：它说 {says} 的地方，实际只对了 {right}，所以可靠性图上的蓝色阶梯落在对角线下方。',
  },
  'ex.eval.overconfident.wrongUnder': {
    en: 'Under-confident is the other way round: right more often than it says. Saying 90% and being right 70% claims too much, so it is over-confident. The over-confident example, now scored below, shows it: where it says {says}, it is right only {right} of the time, under the diagonal.',
    zh: '不够自信恰好相反：实际对的比它说的还多。说 90% 却只对 70%，是把话说满了，所以是过于自信。下面刚评估的“过于自信”示例就是这样：它说 {says} 的地方只对了 {right}，落在对角线下方。',
  },
  'ex.eval.overconfident.wrongCalibrated': {
    en: 'Calibration is not about being right often; it is about meaning what it says. Calibrated, its “90%” would come true 90% of the time; 70% falls short, so it is over-confident. The over-confident example, now scored below: where it says {says}, it is right only {right} of the time.',
    zh: '校准不是看对得多不多，而是看说话算不算数。校准好的模型说“90%”，就该有 90% 的时候对；只对 70% 就是说过头了，所以是过于自信。下面刚评估的“过于自信”示例：它说 {says} 的地方只对了 {right}。',
  },
  'ex.eval.temperature.q': {
    en: 'Temperature scaling divides the log-probabilities by one number T and takes the softmax again. Fitted to the over-confident example, will the best T* be above 1 or below 1?',
    zh: '温度缩放把对数概率除以同一个数 T，再做一次 softmax。拿“过于自信”的示例来拟合，最好的 T* 会大于 1 还是小于 1？',
  },
  'ex.eval.temperature.above': { en: 'Above 1', zh: '大于 1' },
  'ex.eval.temperature.below': { en: 'Below 1', zh: '小于 1' },
  'ex.eval.temperature.one': { en: 'About 1: scaling cannot help', zh: '约等于 1：缩放帮不上忙' },
  'ex.eval.temperature.right': {
    en: 'The fit finds T* = {t}. Dividing by T > 1 pulls the probabilities towards each other, which is what an over-confident model needs: the log-loss falls from {before} to {after} {unit}, and the ECE from {eceBefore} to {eceAfter}. Drag the slider below to see the valley at T*.',
    zh: '拟合得到 T* = {t}。除以大于 1 的 T 会把各类的概率拉近，正是过于自信的模型需要的：对数损失从 {before} 降到 {after} {unit}，ECE 从 {eceBefore} 降到 {eceAfter}。拖动下面的滑块，可以看到 T* 处的谷底。',
  },
  'ex.eval.temperature.wrongBelow': {
    en: 'T below 1 sharpens probabilities that are already too sharp, and the log-loss rises: drag the slider below to the left of 1 to see it. The fit finds T* = {t}, which softens them: the log-loss falls from {before} to {after} {unit}, the ECE from {eceBefore} to {eceAfter}.',
    zh: 'T 小于 1 会让本来就过于尖锐的概率更尖锐，对数损失反而上升：把下面的滑块拖到 1 的左边就能看到。拟合得到 T* = {t}，是把概率变温和：对数损失从 {before} 降到 {after} {unit}，ECE 从 {eceBefore} 降到 {eceAfter}。',
  },
  'ex.eval.temperature.wrongOne': {
    en: 'T = 1 leaves the model as it is, and it is over-confident, so a softer T does better. The fit finds T* = {t}: the log-loss falls from {before} to {after} {unit}, the ECE from {eceBefore} to {eceAfter}. Only a calibrated model has T* near 1; try the calibrated example.',
    zh: 'T = 1 就是原封不动，而这个模型过于自信，所以更温和的 T 会更好。拟合得到 T* = {t}：对数损失从 {before} 降到 {after} {unit}，ECE 从 {eceBefore} 降到 {eceAfter}。只有校准好的模型，T* 才接近 1；可以试试“校准良好”的示例。',
  },
} as const satisfies Record<string, { en: string; zh: string }>;
