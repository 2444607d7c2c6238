/** The exercises' words: the framework's, the home page's marks, and the questions of #/entropy, #/guess and #/code. */
export const exercisesMessages = {
  // The framework
  'exercise.badge': { en: 'Predict first', zh: '先猜一猜' },
  'exercise.check': { en: 'Check my answer', zh: '看看猜得对不对' },
  'exercise.checking': { en: 'Checking…', zh: '正在验证……' },
  'exercise.yourAnswer': { en: 'Your answer', zh: '你的答案' },
  'exercise.yourAnswerUnit': { en: 'Your answer, in {unit}', zh: '你的答案（单位：{unit}）' },
  'exercise.right': { en: 'Right.', zh: '答对了。' },
  'exercise.wrong': { en: 'Not quite.', zh: '不太对。' },
  'exercise.tryAgain': { en: 'Try again', zh: '再试一次' },
  'exercise.pickOne': { en: 'Pick one of the answers first.', zh: '请先选一个答案。' },
  'exercise.typeNumber': { en: 'Type a number first.', zh: '请先填一个数。' },
  'exercise.between': { en: 'Type a number from {min} to {max}.', zh: '请填一个 {min} 到 {max} 之间的数。' },
  'exercise.earlierRight': {
    en: 'You answered this rightly on an earlier visit. Try again to answer it anew.',
    zh: '你之前已经答对过这道题。想再做一遍，请点“再试一次”。',
  },
  'exercise.earlierWrong': {
    en: 'Your answer on an earlier visit was wrong. Try again to answer it anew.',
    zh: '你之前答错过这道题。点“再试一次”重新作答。',
  },
  'exercise.failed': { en: 'The check could not run: {error}', zh: '验证没能完成：{error}' },

  // The home page
  'home.progress': { en: '{k} of {n} exercises answered rightly', zh: '练习：答对 {k} / {n} 题' },
  'home.progressNone': { en: 'No exercises here yet', zh: '这一页暂时没有练习' },
  'home.clearProgress': { en: 'Forget my answers', zh: '清除我的答题记录' },
  'home.clearedProgress': { en: 'Your answers are forgotten: every exercise is new again.', zh: '答题记录已清除，所有练习都可以重新作答。' },
  'home.progressTitle': { en: 'Your exercises', zh: '你的练习' },
  'home.progressIntro': {
    en: 'Each page asks you to predict before it shows: the marks below count the answers you got right. They are kept in this browser only.',
    zh: '每一页都会先请你猜一猜，再揭晓结果。下面的记号统计你答对了几题，记录只保存在这个浏览器里。',
  },
} as const satisfies Record<string, { en: string; zh: string }>;
