import { describe, expect, it } from 'vitest';
import { makeResult } from './BenchResult.js';
import { interleave } from './interleave.js';
import { renderTable } from './renderTable.js';
import { median } from './timing.js';

describe('bench harness', () => {
  it('takes medians, the mean of the middle pair for an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('interleaves runners in rotating order and reports each one’s median', async () => {
    const calls: string[] = [];
    const fake = (name: string, times: number[]) => {
      let i = 0;
      return {
        name,
        rewarm: 0,
        rep: () => {
          calls.push(name);
          const ms = times[i++ % times.length];
          return { wallMs: ms, cpuMs: ms / 2 };
        },
      };
    };
    const t = await interleave([fake('a', [1, 9, 2]), fake('b', [10, 30, 20])], 3, 1);
    // one warm-up round (a, b), then rounds starting with a, b, a
    expect(calls).toEqual(['a', 'b', 'a', 'b', 'b', 'a', 'a', 'b']);
    expect(t.get('a')!.wall.samplesMs).toEqual([9, 2, 1]);
    expect(t.get('a')!.wall.medianMs).toBe(2);
    expect(t.get('a')!.cpu.medianMs).toBe(1);
    expect(t.get('b')!.wall.medianMs).toBe(20);
  });

  it('runs `rewarm` untimed repetitions before each timed one (one by default)', async () => {
    const calls: string[] = [];
    let n = 0;
    const runner = (name: string, rewarm?: number) => ({
      name,
      ...(rewarm === undefined ? {} : { rewarm }),
      rep: () => {
        calls.push(name);
        const ms = ++n;
        return { wallMs: ms, cpuMs: ms };
      },
    });
    const t = await interleave([runner('a'), runner('b', 2)], 1, 0);
    expect(calls).toEqual(['a', 'a', 'b', 'b', 'b']);
    // Only the last call of each turn is timed.
    expect(t.get('a')!.wall.samplesMs).toEqual([2]);
    expect(t.get('b')!.wall.samplesMs).toEqual([5]);
  });

  it('reports ratios as peer ÷ xent and xent ÷ the streaming limit, null for a missing peer', () => {
    const r = makeResult({
      case: 'softmax-ce',
      shape: '(2, 3)',
      clock: 'cpu',
      oursMs: 10,
      peers: { 'tfjs-cpu': 1000, 'tfjs-wasm': 150, torch: null },
      streamingLimitMs: 4,
      reps: 5,
    });
    expect(r.ratios).toEqual({ 'tfjs-cpu': 100, 'tfjs-wasm': 15, torch: null, streamingLimit: 2.5 });
    const table = renderTable({
      started: '2026-11-25T00:00:00Z',
      machine: { node: 'v20', cpu: 'cpu', cores: 2, loadAverageAtStart: [1, 2, 3] },
      reps: 5,
      results: [r],
    });
    expect(table).toContain('| softmax-ce | (2, 3) | 10 | 1000 (100×) | 150 (15×) | n/a | 4 (xent 2.5×) | — |');
  });

  it('shows a peer that was faster on its own than in the run with both figures and ratios', () => {
    const r = {
      ...makeResult({ case: 'c', shape: 's', clock: 'cpu', oursMs: 5, peers: { 'tfjs-cpu': null, 'tfjs-wasm': null, torch: 15 }, streamingLimitMs: null, reps: 5 }),
      peerChecks: { torch: { clock: 'cpu' as const, inHarnessMs: 15, standaloneMs: 7.5, ratio: 0.5, agrees: false } },
    };
    const file = { started: '2026-12-01T00:00:00Z', machine: { node: 'v20', cpu: 'cpu', cores: 2, loadAverageAtStart: [9, 9, 9] }, reps: 5, results: [r] };
    const table = renderTable(file);
    expect(table).toContain('| 15 (3×); standalone 7.5 (1.5×) |');
    expect(table).toContain('- c, torch: 15 ms in the run, 7.5 ms standalone (cpu clock): **more than 15% apart**');
  });
});
