import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translate.js';
import { mnistThreads } from './mnistThreads.js';
import { threadsText } from './mnistThreadsText.js';

describe('mnistThreads', () => {
  it('asks for two threads where the page is isolated, one elsewhere or with ?threads=1', () => {
    expect(mnistThreads(true, '')).toEqual({ threads: 2, why: 'isolated' });
    expect(mnistThreads(false, '')).toEqual({ threads: 1, why: 'notIsolated' });
    expect(mnistThreads(true, '?threads=1')).toEqual({ threads: 1, why: 'url' });
    expect(mnistThreads(true, '?threads=2')).toEqual({ threads: 2, why: 'isolated' });
  });

  it('says which, in both languages, and names a run that trained on fewer', () => {
    const runName = (id: string) => id.toUpperCase();
    const session = { threads: { threads: 2, why: 'isolated' } as const, threadsUsed: { a: 2, b: 1 } };
    expect(threadsText(session, runName, translator('en'))).toMatch(/^Trains on 2 threads: .* Run B trained on 1 thread: /);
    expect(threadsText(session, runName, translator('zh'))).toMatch(/^用 2 个线程训练：.*逐位相同。训练 B 只用了 1 个线程/);
    expect(threadsText({ threadsUsed: {} }, runName, translator('en'))).toBe('');
  });
});
