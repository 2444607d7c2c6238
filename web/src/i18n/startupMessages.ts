/** #/mnist's note on the threads it trains on (web/src/panels/mnistThreadsText.ts). */
export const startupMessages = {
  'mnist.threadsTwo': {
    en: 'Trains on 2 threads: the page is cross-origin isolated, so the worker shares memory with a second one. The results are the same bit for bit as on 1.',
    zh: '用 2 个线程训练：页面已跨源隔离，训练线程可以和第二个线程共享内存。结果与单线程逐位相同。',
  },
  'mnist.threadsNotIsolated': {
    en: 'Trains on 1 thread: this host does not send the cross-origin isolation headers (COOP and COEP, as xent lab does), so no memory can be shared with a second thread.',
    zh: '用 1 个线程训练：这个网站没有发送跨源隔离响应头（COOP 和 COEP，xent lab 会发送），无法和第二个线程共享内存。',
  },
  'mnist.threadsUrl': {
    en: 'Trains on 1 thread, as the address asks (threads=1).',
    zh: '按地址里的设置（threads=1）用 1 个线程训练。',
  },
  'mnist.threadsFellBack': {
    en: 'Run {run} trained on 1 thread: its settings do not split between threads (λ > 0), or the second thread did not start.',
    zh: '训练 {run} 只用了 1 个线程：它的设置不能拆到两个线程上（λ > 0），或者第二个线程没能启动。',
  },
} as const satisfies Record<string, { en: string; zh: string }>;
