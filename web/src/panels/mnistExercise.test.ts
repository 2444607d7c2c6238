import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translate.js';
import { LEADER_RUNS, TIE_POINTS, leaderOf, mnistLeaderExercise } from './mnistExercise.js';
import type { MnistSession, SessionStatus } from './mnistSession.js';
import type { TrainConfig } from '../../../src/nn/trainNetwork.js';

const config = (cost: TrainConfig['cost']): TrainConfig => ({ sizes: [784, 30, 10], cost, epochs: 1, batchSize: 10, eta: 0.5, lambda: 0, init: 'large', seed: 1 });
const record = (testAccuracy: number) => ({ epoch: 1, trainCost: 0, trainAccuracy: 0, testCost: 0, testAccuracy, seconds: 1 });

/** A session whose training "finishes" with the given accuracies, or ends as `end` says. */
function fakeSession(xent: number, quad: number, end: SessionStatus = { kind: 'finished' }): MnistSession & { started: number } {
  const s = {
    status: { kind: 'idle' } as SessionStatus,
    runs: [] as MnistSession['runs'],
    started: 0,
    start() {},
    stop() {},
    settled: async () => {
      s.runs[0].epochs.push(record(xent));
      s.runs[1].epochs.push(record(quad));
      s.status = end;
      return end;
    },
  };
  s.start = () => {
    s.started++;
    s.runs = [
      { id: 'a', config: config('cross-entropy'), epochs: [] },
      { id: 'b', config: config('quadratic'), epochs: [] },
    ];
  };
  return s;
}

describe('the #/mnist exercise', () => {
  it('leaderOf reads the leader off the accuracies, with ties within half a point', () => {
    expect(TIE_POINTS).toBe(0.5);
    expect([leaderOf(0.85, 0.38), leaderOf(0.38, 0.85), leaderOf(0.851, 0.848), leaderOf(0.5, 0.5)]).toEqual(['cross-entropy', 'quadratic', 'tie', 'tie']);
    expect([leaderOf(0.9, 0.895 - 1e-9), leaderOf(0.9, 0.8951)]).toEqual(['cross-entropy', 'tie']);
  });

  it('trains the N(0, 1) runs for one epoch and judges by what they measured, whichever way it falls', async () => {
    const t = translator('en');
    for (const [xent, quad, leader] of [[0.85, 0.38, 'cross-entropy'], [0.3, 0.6, 'quadratic'], [0.5, 0.499, 'tie']] as const) {
      const session = fakeSession(xent, quad);
      const patches: object[] = [];
      const exercise = mnistLeaderExercise({ t, set: (p) => patches.push(p), train: () => session.start(0, []), session });
      for (const answer of ['cross-entropy', 'quadratic', 'tie']) {
        const verdict = await exercise.judge(answer);
        expect(verdict.right).toBe(answer === leader);
        expect(verdict.feedback).toContain(`${(100 * xent).toFixed(1)}%`);
        expect(verdict.feedback).toContain(`${(100 * quad).toFixed(1)}%`);
      }
      expect(patches.every((p) => JSON.stringify(p) === JSON.stringify(LEADER_RUNS))).toBe(true);
    }
  });

  it('gives no verdict when the training did not finish', async () => {
    const session = fakeSession(0.8, 0.3, { kind: 'stopped' });
    const exercise = mnistLeaderExercise({ t: translator('zh'), set: () => {}, train: () => session.start(0, []), session });
    await expect(exercise.judge('tie')).rejects.toThrow(/停止/);
  });
});
