import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { randomDataset } from '../testData.js';
import type { TrainingPrecision } from '../trainingSettings.js';
import { trainNetwork } from '../trainNetwork.js';
import { AUTO_THREADS_FROM_WEIGHTS, AUTO_THREADS_MIN_BATCH, AUTO_THREADS_RESULTS, autoThreads } from './autoThreads.js';

interface Row {
  label: string;
  family: string;
  shape: [number, number];
  ratios: { speedup: number };
  threadCpuMs: { boundSpeedup: number };
}

/** The committed run of the bench case mnist-epoch-threads that the crossover was read from. */
const measured = JSON.parse(readFileSync(new URL(`../../../${AUTO_THREADS_RESULTS}`, import.meta.url), 'utf8')) as { case: string; threads: number; rows: Row[] };

describe('autoThreads', () => {
  it('chooses two threads only where the committed run found them faster, from that batch on, with a bound above 1.3', () => {
    expect(measured.case).toBe('mnist-epoch-threads');
    expect(measured.threads).toBe(2);
    const families = new Map<string, Row[]>();
    for (const row of measured.rows) families.set(row.family, [...(families.get(row.family) ?? []), row]);
    expect(families.size).toBe(4);
    let chosen = 0;
    for (const [family, rows] of families) {
      const [precision, ...rest] = family.split(' ');
      const sizes = JSON.parse(rest.join(' ')) as number[];
      rows.sort((a, b) => a.shape[1] - b.shape[1]);
      rows.forEach((row, i) => {
        if (autoThreads(precision as TrainingPrecision, sizes, row.shape[1], 2) === 1) return;
        chosen++;
        for (const later of rows.slice(i)) {
          expect(later.ratios.speedup, later.label).toBeGreaterThan(1);
          expect(later.threadCpuMs.boundSpeedup, later.label).toBeGreaterThan(1.3);
        }
      });
    }
    expect(chosen).toBeGreaterThanOrEqual(6);
  });

  it('needs the first-layer weights and the batch, and never asks for more threads than cores or than two', () => {
    for (const precision of ['float64', 'float32'] as const) {
      const units = Math.ceil(AUTO_THREADS_FROM_WEIGHTS[precision] / 784);
      expect(autoThreads(precision, [784, units, 10], AUTO_THREADS_MIN_BATCH, 2)).toBe(2);
      expect(autoThreads(precision, [784, units, 10], 10, 2)).toBe(1);
      expect(autoThreads(precision, [784, units - 1, 10], 500, 2)).toBe(1);
      expect(autoThreads(precision, [784, units, 10], AUTO_THREADS_MIN_BATCH - 1, 2)).toBe(1);
      expect(autoThreads(precision, [784, units, 10], 100, 1)).toBe(1);
      expect(autoThreads(precision, [784, units, 10], 100, 1.5)).toBe(1);
      expect(autoThreads(precision, [784, units, 10], 100, 8)).toBe(2);
    }
    expect(autoThreads('float32', [784, 10], 10_000, 2)).toBe(1);
  });

  it("is what trainNetwork's threads: 'auto' asks for, up to the cores it is given", () => {
    const train = randomDataset(100, 784, 10, 1);
    const config = { sizes: [784, 300, 10], cost: 'cross-entropy' as const, epochs: 1, batchSize: 100, eta: 0.5, lambda: 0, init: 'default' as const, seed: 1, precision: 'float32' as const, threads: 'auto' as const };
    const want = autoThreads('float32', config.sizes, 100, 2);
    expect(want).toBe(2);
    // No way to start a worker is given, so the run trains on one and says why.
    expect(trainNetwork(config, train, train, { cores: 2 }).threads).toEqual({ requested: 2, auto: true, used: 1, fallback: 'no way to start worker threads was given' });
    expect(trainNetwork(config, train, train, { cores: 1 }).threads).toEqual({ requested: 1, auto: true, used: 1 });
    expect(trainNetwork(config, train, train).threads).toEqual({ requested: 1, auto: true, used: 1 });
  });
});

/** The table of docs/design.md ("Training on several threads"), rendered from the committed run. */
function crossoverTable(rows: Row[]): string {
  const lines = ['| network | precision | batch 10 | batch 50 | batch 100 | batch 500 |', '| --- | --- | ---: | ---: | ---: | ---: |'];
  for (const network of ['[784, 100, 10]', '[784, 300, 10]']) {
    for (const precision of ['float64', 'float32']) {
      const cells = rows
        .filter((r) => r.family === `${precision} ${network}`)
        .sort((a, b) => a.shape[1] - b.shape[1])
        .map((r, i) => `${r.ratios.speedup.toFixed(2)} (${i === 0 ? 'bound ' : ''}${r.threadCpuMs.boundSpeedup.toFixed(2)})`);
      lines.push(`| ${network} | ${precision} | ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

describe('docs/design.md', () => {
  it('shows the crossover table rendered from the committed run', () => {
    const page = readFileSync(new URL('../../../docs/design.md', import.meta.url), 'utf8');
    expect(page).toContain(crossoverTable(measured.rows));
    expect(page).toContain(`\`${AUTO_THREADS_RESULTS}\``);
  });
});
