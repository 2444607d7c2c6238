/** #/eval's smoothed reliability diagram and risk–coverage curve, in English and Chinese. */
export const evalCurvesMessages = {
  'evalCurves.smoothEce': { en: 'smooth ECE', zh: '平滑 ECE' },
  'evalCurves.smoothEceDesc': {
    en: 'Calibration error with no bins: the gap between accuracy and confidence, smoothed by a Gaussian kernel whose width σ* equals the figure itself',
    zh: '不分箱的校准误差：把准确率与置信度之差用高斯核平滑，核宽 σ* 恰好等于这个数本身',
  },
  'evalCurves.aurcDesc': {
    en: 'Area under the risk–coverage curve: keep the most confident rows first and average the error rate of the rows kept over every coverage; lower is better',
    zh: '风险–覆盖率曲线下的面积：先保留最有把握的行，对每个覆盖率求所保留行的错误率，再取平均；越低越好',
  },
  'evalCurves.eAurcDesc': {
    en: 'AURC less that of the best ranking at the same error rate (every mistake kept last): what the order of the confidences costs',
    zh: 'AURC 减去同样错误率下最佳排序（所有错误都排在最后）的 AURC：置信度的先后次序带来的代价',
  },
  'evalCurves.smoothTitle': { en: 'Smoothed reliability diagram (bandwidth σ* = {bandwidth})', zh: '平滑可靠性图（核宽 σ* = {bandwidth}）' },
  'evalCurves.confidence': { en: 'top-label confidence', zh: '最高类别的置信度' },
  'evalCurves.accuracy': { en: 'smoothed accuracy', zh: '平滑后的准确率' },
  'evalCurves.perfect': { en: 'perfect calibration', zh: '完美校准' },
  'evalCurves.curve': { en: 'smoothed accuracy ŷ(t)', zh: '平滑准确率 ŷ(t)' },
  'evalCurves.band': { en: '{level}% bootstrap band ({replicates} replicates)', zh: '{level}% 自助法区间带（{replicates} 次重抽样）' },
  'evalCurves.densityTitle': { en: 'Where the confidences lie (kernel density)', zh: '置信度分布在哪里（核密度）' },
  'evalCurves.density': { en: 'density', zh: '密度' },
  'evalCurves.smoothHint': {
    en: 'The curve averages the rows’ rightness over nearby confidences, weighted by a Gaussian of width σ*; the shaded band holds the middle {level}% of the curves of {replicates} Poisson bootstrap resamples, and the density below shows where the curve rests on many rows; both are drawn where the density is at least {share}% of its peak.',
    zh: '这条曲线把置信度相近的各行是否判对取加权平均，权重是宽度为 σ* 的高斯核；阴影带是 {replicates} 次泊松自助法重抽样所得曲线的中间 {level}%；下方的密度显示曲线在哪里有大量数据支撑；曲线和区间带只画在密度不低于峰值 {share}% 的地方。',
  },
  'evalCurves.smoothDesc': {
    en: 'Smoothed reliability diagram of {n} rows at bandwidth {bandwidth}: smoothed accuracy against confidence, with its bootstrap band and the density of the confidences.',
    zh: '{n} 行数据的平滑可靠性图，核宽 {bandwidth}：平滑准确率对置信度的曲线，附自助法区间带与置信度密度。',
  },
  'evalCurves.rcTitle': { en: 'Risk–coverage curve', zh: '风险–覆盖率曲线' },
  'evalCurves.coverage': { en: 'coverage (share of rows kept, most confident first)', zh: '覆盖率（保留的行所占比例，最有把握的优先）' },
  'evalCurves.risk': { en: 'error rate of the rows kept', zh: '所保留行的错误率' },
  'evalCurves.rcCurve': { en: 'risk at each coverage', zh: '各覆盖率下的风险' },
  'evalCurves.rcErrorRate': { en: 'error rate of all rows', zh: '全部行的错误率' },
  'evalCurves.rcHint': {
    en: 'AURC = {aurc} is the area under this curve, and E-AURC = {eAurc} what is left after subtracting the best ranking’s area.',
    zh: 'AURC = {aurc} 是这条曲线下的面积；减去最佳排序的面积后剩下 E-AURC = {eAurc}。',
  },
  'evalCurves.rcDesc': {
    en: 'Risk–coverage curve of {n} rows: the error rate of the rows kept against the share kept, most confident first; AURC {aurc}, E-AURC {eAurc}.',
    zh: '{n} 行数据的风险–覆盖率曲线：按置信度从高到低保留，所保留行的错误率对保留比例；AURC {aurc}，E-AURC {eAurc}。',
  },
} as const;
