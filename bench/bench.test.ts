import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeResult } from './BenchResult.js';
import { interleave } from './interleave.js';
import { BENCHMARKS_PAGE, committedResults, NODE_LINES, pageTable, withTable } from './benchmarksPage.js';
import { renderTable, type ResultsFile } from './renderTable.js';
import { summaryLine } from './summaryLine.js';
import { median } from './timing.js';

const root = fileURLToPath(new URL('..', import.meta.url));

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

  it('runs a runner alone back to back, without re-warms: its previous repetition is one', async () => {
    let calls = 0;
    const t = await interleave([{ name: 'a', rewarm: 3, rep: () => ({ wallMs: ++calls, cpuMs: calls }) }], 3, 1);
    expect(calls).toBe(4);
    expect(t.get('a')!.wall.samplesMs).toEqual([2, 3, 4]);
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
    expect(table).toContain('| softmax-ce | (2, 3) | 10 | 1000 (100×) | 150 (15×) | n/a | n/a | 4 (xent 2.5×) | — |');
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

  it('renders PyTorch on every core on the wall clock, the eval peer and the threads crossover', () => {
    const r = {
      ...makeResult({ case: 'c', shape: 's', clock: 'cpu', oursMs: 5, peers: { 'tfjs-cpu': 500, 'tfjs-wasm': null, torch: 10, 'torch-2-threads': 40 }, streamingLimitMs: null, reps: 7, peerReps: { 'tfjs-cpu': 5 } }),
      otherClock: { clock: 'wall' as const, oursMs: 6, peers: { 'tfjs-cpu': 510, 'tfjs-wasm': null, torch: 11, 'torch-2-threads': 4.5 }, streamingLimitMs: null, ratios: { 'torch-2-threads': 0.75 } },
    };
    const evalRow = makeResult({ case: 'eval', shape: '64 MB', clock: 'cpu', oursMs: 100, peers: { 'tfjs-cpu': null, 'tfjs-wasm': null, torch: null, 'pandas+sklearn': 900 } as never, streamingLimitMs: null, reps: 7, notes: 'MB/s' });
    const threads = {
      case: 'softmax-ce-threads',
      threads: 2,
      reps: 7,
      rows: [
        { shape: [4096, 1000], xent1: 5, xent2: 3, torch1: 6, torch2: 4 },
        { shape: [256, 1000], xent1: 0.4, xent2: 0.5, torch1: 0.5, torch2: 0.4 },
        { shape: [1024, 1000], xent1: 1.3, xent2: 1, torch1: 1.5, torch2: 1.6 },
      ],
    };
    const file = { started: '2026-12-01T00:00:00Z', machine: { node: 'v20', cpu: 'cpu', cores: 2, loadAverageAtStart: [1, 1, 1] }, reps: 7, results: [r, evalRow, threads] } as unknown as ResultsFile;
    const table = renderTable(file);
    expect(table).toContain('| c | s | 5 | 500 (100×) | n/a | 10 (2×) | 4.5 (0.75× xent\'s 6) | — | — |');
    expect(table).toContain('| eval | 64 MB | 100 | 900 (9×) | MB/s |');
    expect(table).toContain('tfjs-cpu 5 runs, on rounds of its own');
    // Sorted by size; xent pays from 1024 × 1000 on, PyTorch only at 4096 × 1000.
    expect(table).toContain('| (256, 1000) | 256000 | 0.4 | 0.5 | 0.8× | 0.5 | 0.4 | 1.25× | 0.8× |');
    expect(table.indexOf('(256, 1000)')).toBeLessThan(table.indexOf('(1024, 1000)'));
    expect(table).toContain("Crossover: xent's 2 threads beat its one from (1024, 1000) = 1024000 elements on (not at (256, 1000)); PyTorch's from (4096, 1000) = 4096000 elements on (not at (1024, 1000)).");
  });

  it('summarises a case with its clock, medians, spreads, fewer repetitions and the standalone check', () => {
    const r = {
      ...makeResult({
        case: 'c',
        shape: 's',
        clock: 'cpu',
        oursMs: 5,
        peers: { 'tfjs-cpu': 500, 'tfjs-wasm': null, torch: 10, 'torch-2-threads': 40 },
        streamingLimitMs: null,
        reps: 7,
        peerReps: { 'tfjs-cpu': 3 },
        spreadMs: { xent: [4, 6], 'tfjs-cpu': [490, 520], torch: [9, 30], 'torch 2 threads': [35, 50] },
      }),
      otherClock: { clock: 'wall' as const, oursMs: 6, peers: { 'tfjs-cpu': 510, 'tfjs-wasm': null, torch: 11, 'torch-2-threads': 4.5 }, streamingLimitMs: null, ratios: {}, spreadMs: { 'torch 2 threads': [4, 5] as [number, number] } },
      peerChecks: { torch: { clock: 'cpu' as const, inHarnessMs: 10, standaloneMs: 7, ratio: 0.7, agrees: false } },
    };
    expect(summaryLine(r, 12.4)).toBe(
      'c: cpu clock, medians of 7 in ms [min–max]: xent 5 [4–6]; tfjs-cpu 500 [490–520] (3 reps); torch 10 [9–30], standalone 7 (cpu) DISAGREES; torch 2 threads 4.5 [4–5] wall (xent 6 wall) (12 s)',
    );
  });

  it('renders the batch sizes against both trainers, start-up against node -e 0 and the SIMD limit', () => {
    const file: ResultsFile = {
      started: '2026-12-07T15:00:00.000Z',
      machine: { node: 'v20.20.2', cpu: 'cpu', cores: 2, loadAverageAtStart: [1, 1, 1] },
      reps: 7,
      results: [
        makeResult({ case: 'mnist-epoch-batch-100', shape: '[784, 100, 10], batch 100, 8000 digits', clock: 'cpu', oursMs: 50, peers: { 'tfjs-cpu': null, 'tfjs-wasm': null, torch: 80 }, streamingLimitMs: null, reps: 7, variantsMs: { 'xent float64': 160 } }),
        {
          case: 'startup', runs: 21, pinned: true, loadAverage: [0.5, 0.5, 0.5],
          nodes: [{ node: 'node 20', version: 'v20.20.2', commands: [{ name: 'node -e 0', wallMs: 40, cpuMs: 30, wallRatio: 1, cpuRatio: 1 }, { name: 'xent info', wallMs: 50, cpuMs: 36, wallRatio: 1.25, cpuRatio: 1.2 }] }],
        } as unknown as ResultsFile['results'][number],
        {
          case: 'simd-peak', reps: 7, peakGflops: { plain: 32, fma: null },
          products: [{ product: 'forward X·Wᵀ', batch: 100, build: 'plain', ms: 0.5, gflops: 16, ofPeak: 0.5 }],
        } as unknown as ResultsFile['results'][number],
      ],
    };
    const table = renderTable(file);
    // PyTorch ÷ float32 = 80 / 50, PyTorch ÷ float64 = 80 / 160.
    expect(table).toContain('| mnist-epoch-batch-100 | [784, 100, 10], batch 100, 8000 digits | 50 | 160 | 80 | 1.6× | 0.5× |');
    expect(table).toContain('| v20.20.2 | `xent info` | 50 | 1.25× | 36 | 1.2× |');
    expect(table).toContain('the multiply–add loop ran at plain 32 GFLOP/s');
    expect(table).toContain('| forward X·Wᵀ | 100 | plain | 0.5 | 16 | 0.5 |');
    expect(table).not.toContain('"case":"startup"');
  });

  it('puts a rendered table between the page markers and reads it back', () => {
    const page = 'intro\n<!-- bench-table:start -->\nold\n<!-- bench-table:end -->\nafter\n';
    const path = committedResults(root);
    const updated = withTable(page, path);
    expect(pageTable(updated)).toBe(renderTable(JSON.parse(readFileSync(path, 'utf8')) as ResultsFile));
    expect(updated.startsWith('intro\n<!-- bench-table:start -->\n')).toBe(true);
    expect(updated.endsWith('\n<!-- bench-table:end -->\nafter\n')).toBe(true);
  });
});

describe('docs/benchmarks.md, the performance tables', () => {
  it.each(NODE_LINES)('are the ones rendered from the committed run of each Node line (%s)', (line) => {
    const page = readFileSync(join(root, BENCHMARKS_PAGE), 'utf8');
    const table = pageTable(page, line);
    expect(table, `docs/benchmarks.md has the ${line} bench-table markers`).not.toBeNull();
    const results = JSON.parse(readFileSync(committedResults(root, line), 'utf8')) as ResultsFile;
    expect(results.machine.node.startsWith(line === 'node24' ? 'v24.' : 'v20.'), `${line} results come from that Node`).toBe(true);
    expect(table).toBe(renderTable(results));
  });
});
