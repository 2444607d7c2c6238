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
  'home.progress': { en: 'Exercises answered rightly: {k} of {n}', zh: '练习：答对 {k} / {n} 题' },
  'home.progressNone': { en: 'No exercises here yet', zh: '这一页暂时没有练习' },
  'home.clearProgress': { en: 'Forget my answers', zh: '清除我的答题记录' },
  'home.clearedProgress': { en: 'Your answers are forgotten: every exercise is new again.', zh: '答题记录已清除，所有练习都可以重新作答。' },
  'home.figureCaption': {
    en: 'A model learning, drawn as an area: as its guess q moves towards the truth p, the red part, KL(p‖q), shrinks, and the cross-entropy H(p,q) falls to H(p).',
    zh: '一个正在学习的模型，画成面积：模型的估计 q 向真实分布 p 靠拢时，红色部分 KL(p‖q) 越来越小，交叉熵 H(p,q) 降到 H(p)。',
  },
  'home.figurePause': { en: 'Pause', zh: '暂停' },
  'home.figurePlay': { en: 'Play', zh: '播放' },
  'home.figureTry': { en: 'Drag the bars yourself', zh: '自己动手拖一拖' },
  'home.progressTitle': { en: 'Your exercises', zh: '你的练习' },
  'home.progressIntro': {
    en: 'Each page asks you to predict before it shows: the marks on each step above count the answers you got right. They are kept in this browser only.',
    zh: '每一页都会先请你猜一猜，再揭晓结果。上面每一步的记号统计你答对了几题，记录只保存在这个浏览器里。',
  },

  // #/entropy: cross-entropy as an area
  'area.title': { en: 'Cross-entropy is an area', zh: '交叉熵是一块面积' },
  'area.text': {
    en: 'Each outcome k is a rectangle p_k wide and log(1/q_k) tall: how often it happens times the questions it costs. The rectangles sit side by side on a base of width 1, so their total area is H(p,q). The dashed outline is the same picture with q = p; it encloses H(p), and what lies between is KL(p‖q). Hover over or focus a rectangle to read its term.',
    zh: '每个结果 k 画成一个矩形：宽 p_k（它出现得有多频繁），高 log(1/q_k)（问到它要花几个问题）。矩形并排放在宽为 1 的底边上，总面积就是 H(p,q)。虚线框是 q = p 时的同一张图，围出的面积是 H(p)，两者之间的差就是 KL(p‖q)。把鼠标移到矩形上，或用 Tab 选中它，就能看到这一项的数值。',
  },
  'area.label': { en: 'Cross-entropy as an area.', zh: '交叉熵的面积图。' },
  'area.legendArea': { en: 'p_k wide, log(1/q_k) tall: total area H(p,q)', zh: '宽 p_k、高 log(1/q_k)：总面积 H(p,q)' },
  'area.legendOutline': { en: 'log(1/p_k): encloses H(p)', zh: 'log(1/p_k)：围出 H(p)' },
  'area.legendKl': { en: 'above the outline: the extra a wrong q costs', zh: '高出虚线的部分：用错 q 多付的代价' },
  'area.total': {
    en: 'Total area H(p,q) = {hpq} {unit} = H(p) {hp} + KL(p‖q) {kl}.',
    zh: '总面积 H(p,q) = {hpq} {unit} = H(p) {hp} + KL(p‖q) {kl}。',
  },
  'area.term': {
    en: '{name}: {p} wide × {log}(1/{q}) = {height} tall = {term} {unit} of the total.',
    zh: '{name}：宽 {p} × 高 {log}(1/{q}) = {height}，这一项贡献 {term} {unit}。',
  },
  'area.termInfinite': {
    en: '{name}: {p} wide × {log}(1/0) = an infinitely tall rectangle: its term, and H(p,q), are infinite.',
    zh: '{name}：宽 {p} × 高 {log}(1/0)，矩形无限高：这一项和 H(p,q) 都是无穷大。',
  },
  'area.termNever': {
    en: '{name}: never happens under p ({p} wide), so it adds nothing, whatever q says.',
    zh: '{name}：按 p 永远不会出现（宽 {p}），不管 q 怎么说，它都不占面积。',
  },
  'area.infinite': {
    en: 'q gives {names} probability 0, yet p says it happens: that rectangle is infinitely tall (drawn torn at the top), so H(p,q) is infinite.',
    zh: 'q 给 {names} 的概率是 0，可它按 p 确实会出现：这个矩形无限高（顶端画成撕开的样子），所以 H(p,q) 是无穷大。',
  },
  'area.formulaTitle': { en: 'The same sum, with your numbers', zh: '同一个求和，代入你的数字' },

  // #/entropy's exercises
  'ex.entropy.dropQ.q': {
    en: 'Take the worked example, p = (½, ¼, ⅛, ⅛) and q = (⅛, ½, ¼, ⅛), and lower q(B) from ½ to ¼ (the other bars of q grow to fill the gap). Does the cross-entropy H(p,q) rise or fall?',
    zh: '从文中的例子出发：p = (½, ¼, ⅛, ⅛)，q = (⅛, ½, ¼, ⅛)。把 q(B) 从 ½ 降到 ¼（q 的其余柱子按比例长高，补上空缺）。交叉熵 H(p,q) 会变大还是变小？',
  },
  'ex.entropy.dropQ.rise': { en: 'It rises', zh: '变大' },
  'ex.entropy.dropQ.fall': { en: 'It falls', zh: '变小' },
  'ex.entropy.dropQ.same': { en: 'It stays the same', zh: '不变' },
  'ex.entropy.dropQ.right': {
    en: 'It falls, from {before} to {after} {unit}. B’s rectangle does get taller, but B is only ¼ of the width; the probability it gave up went to A, C and D, and A, the widest rectangle, lost more area than B gained. The bars, the area and the formula below now show this case.',
    zh: '变小了：从 {before} 降到 {after} {unit}。B 的矩形确实变高了，可它只占 ¼ 的宽度；B 让出的概率分给了 A、C、D，而 A 是最宽的矩形，它减少的面积比 B 增加的还多。上面的柱子、下面的面积图和公式现在显示的就是这种情况。',
  },
  'ex.entropy.dropQ.wrong': {
    en: 'It falls, from {before} to {after} {unit}. Lowering q(B) makes B cost more questions, but B happens only a quarter of the time; the freed probability lifts q(A), q(C) and q(D), and A happens half the time, so its rectangle, the widest, loses more area than B’s gains. See the area below: it now shows this case.',
    zh: '其实是变小：从 {before} 降到 {after} {unit}。降低 q(B) 会让问出 B 多花问题，但 B 只有四分之一的时候出现；让出的概率抬高了 q(A)、q(C)、q(D)，而 A 一半的时候都会出现，它的矩形最宽，减少的面积比 B 增加的多。看下面的面积图，它现在显示的就是这种情况。',
  },
  'ex.entropy.zeroQ.q': {
    en: 'In the worked example, suppose q gives D probability 0 while p(D) stays ⅛. What happens to H(p,q)?',
    zh: '还是文中的例子：如果 q 把 D 的概率定成 0，而 p(D) 仍是 ⅛，H(p,q) 会怎样？',
  },
  'ex.entropy.zeroQ.little': { en: 'It grows a little: D is rare', zh: '略微变大：D 本来就少见' },
  'ex.entropy.zeroQ.double': { en: 'It roughly doubles', zh: '大约翻一倍' },
  'ex.entropy.zeroQ.infinite': { en: 'It becomes infinite', zh: '变成无穷大' },
  'ex.entropy.zeroQ.right': {
    en: 'Infinite. Questions planned for q never lead to D, so when D comes, one time in eight, no number of questions finds it: its rectangle is ⅛ wide and infinitely tall. That is why a model must never give probability 0 to what can happen.',
    zh: '对，无穷大。照着 q 设计的问题永远问不到 D，而 D 每八次就会出现一次，问多少次都找不到它：它的矩形宽 ⅛、高无穷。所以模型绝不能给可能发生的事概率 0。',
  },
  'ex.entropy.zeroQ.wrong': {
    en: 'It becomes infinite, however rare D is. Questions planned for q never lead to D, so when D comes no number of questions finds it: in the area below, D’s rectangle is ⅛ wide and infinitely tall, and any width times infinity is infinite.',
    zh: '答案是无穷大，不管 D 多少见。照着 q 设计的问题永远问不到 D，D 一出现，问多少次都找不到：在下面的面积图里，D 的矩形宽 ⅛、高无穷，宽度再小，乘以无穷也是无穷。',
  },

  // #/guess's exercise
  'ex.guess.mean.q': {
    en: 'Look at the tree and the table: with secrets drawn from p, how many questions will a round take on average? Type your guess; then {n} rounds are played.',
    zh: '看看上面的问题树和表格：秘密字母按 p 抽取时，平均每局要问几次？填上你的估计，然后会连玩 {n} 局来验证。',
  },
  'ex.guess.mean.played': { en: '{n} rounds played at once.', zh: '一口气玩了 {n} 局。' },
  'ex.guess.mean.unit': { en: 'questions', zh: '次' },
  'ex.guess.mean.right': {
    en: 'Close: you said {guess}, and {n} rounds took {mean} questions on average. The tree’s own average is Σ p_k × depth_k = {expected}: each letter’s number of questions, weighted by how often p draws it. It cannot go below H(p) = {hp}, and a tree built from a wrong q pays about H(p,q) = {hpq}.',
    zh: '很接近：你猜 {guess}，{n} 局实际平均问了 {mean} 次。这棵树的理论平均是 Σ p_k × 深度_k = {expected}：每个字母要问的次数，按 p 抽到它的频率加权。它不可能低于 H(p) = {hp}；照着错误的 q 建的树，大约要付 H(p,q) = {hpq}。',
  },
  'ex.guess.mean.wrong': {
    en: 'You said {guess}, but {n} rounds took {mean} questions on average. Multiply each letter’s number of questions (its depth in the tree) by how often p draws it, and add: Σ p_k × depth_k = {expected}. It cannot go below H(p) = {hp}, and a tree built from a wrong q pays about H(p,q) = {hpq}.',
    zh: '你猜 {guess}，可 {n} 局实际平均问了 {mean} 次。把每个字母要问的次数（它在树里的深度）乘上 p 抽到它的频率，再加起来：Σ p_k × 深度_k = {expected}。它不可能低于 H(p) = {hp}；照着错误的 q 建的树，大约要付 H(p,q) = {hpq}。',
  },
  'ex.guess.mean.never': {
    en: 'This tree never finds a letter that p can draw (q gives it probability 0), so the average is infinite and no number is right. Give that letter some probability in q on the entropy page and try again.',
    zh: '这棵树永远问不到一个按 p 会被抽到的字母（q 给它的概率是 0），所以平均次数是无穷大，填什么数都不对。请到“熵与交叉熵”页给这个字母一点概率，再来试试。',
  },

  // #/code's exercise
  'ex.code.smaller.q': {
    en: 'For the text in the box, which model makes the smallest file? Guess, then the coder runs with every model.',
    zh: '对框里的这段文本，哪个模型压缩出的文件最小？先猜，然后编码器会用每个模型各跑一遍。',
  },
  'ex.code.order0': { en: 'order 0', zh: '0 阶' },
  'ex.code.order1': { en: 'order 1', zh: '1 阶' },
  'ex.code.order2': { en: 'order 2', zh: '2 阶' },
  'ex.code.order3': { en: 'order 3', zh: '3 阶' },
  'ex.code.cm': { en: 'cm (context mixing)', zh: 'cm（上下文混合）' },
  'ex.code.size': { en: '{model} {bytes} bytes', zh: '{model} {bytes} 字节' },
  'ex.code.empty': { en: 'the box is empty: type or pick a text first.', zh: '文本框是空的，请先输入或选一段文本。' },
  'ex.code.smaller.right': {
    en: 'Yes: {winner} makes the smallest file, {bytes} bytes ({list}). A file is the model’s cross-entropy on the text plus a few bytes of header, so the model that best predicts each next byte wins. The table below now shows its file.',
    zh: '对：{winner} 压出的文件最小，{bytes} 字节（{list}）。文件大小就是模型在这段文本上的交叉熵，再加几个字节的文件头，所以哪个模型最会预测下一个字节，哪个就赢。下面的表格现在显示的就是它的文件。',
  },
  'ex.code.smaller.wrong': {
    en: 'The smallest file is {winner}’s, {bytes} bytes; {chosen} makes {chosenBytes} ({list}). A file is the model’s cross-entropy on the text plus a few bytes of header, so the model that best predicts each next byte of this text wins. The table and the surprise view below now show the winner.',
    zh: '最小的是 {winner}，{bytes} 字节；{chosen} 压出 {chosenBytes} 字节（{list}）。文件大小就是模型在这段文本上的交叉熵，再加几个字节的文件头，所以谁最会预测这段文本的下一个字节，谁就赢。下面的表格和“意外”视图现在显示的是胜出的模型。',
  },
} as const satisfies Record<string, { en: string; zh: string }>;
