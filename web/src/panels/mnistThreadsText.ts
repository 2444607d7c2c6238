import type { Translate } from '../i18n/translate.js';
import type { RunId } from './mnistProtocol.js';
import type { MnistSession } from './mnistSession.js';

/** The note under #/mnist's status: the threads asked for, and any run that used fewer. */
export function threadsText(session: Pick<MnistSession, 'threads' | 'threadsUsed'>, runName: (id: RunId) => string, t: Translate): string {
  const plan = session.threads;
  if (plan === undefined) return '';
  const asked = t(plan.why === 'isolated' ? 'mnist.threadsTwo' : plan.why === 'url' ? 'mnist.threadsUrl' : 'mnist.threadsNotIsolated');
  const fewer = (Object.entries(session.threadsUsed ?? {}) as [RunId, number][]).filter(([, used]) => used < plan.threads);
  // Sentences: a space after an English full stop, none after a Chinese one.
  return [asked, ...fewer.map(([id]) => t('mnist.threadsFellBack', { run: runName(id) }))].reduce((text, s) => (text.endsWith('。') ? text + s : `${text} ${s}`));
}

/** Fills #/mnist's threads note; data-threads and data-used (`a:2 b:2`) are for the end-to-end test. */
export function showThreads(note: HTMLElement, session: Pick<MnistSession, 'threads' | 'threadsUsed'>, runName: (id: RunId) => string, t: Translate): void {
  // Called on every progress message: unchanged text is not set again (no relayout).
  const text = threadsText(session, runName, t);
  if (note.textContent !== text) note.textContent = text;
  if (session.threads !== undefined) note.dataset.threads = String(session.threads.threads);
  const used = Object.entries(session.threadsUsed ?? {})
    .map(([id, n]) => `${id}:${n}`)
    .join(' ');
  if (note.dataset.used !== used) note.dataset.used = used;
}
