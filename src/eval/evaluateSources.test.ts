import { describe, expect, it } from 'vitest';
import { memorySource, npyBytes } from '../../test/eval/memoryTables.js';
import { createRng } from '../core/random/createRng.js';
import type { ByteSource } from '../formats/ByteSource.js';
import { evaluateSources } from './evaluateSources.js';

describe('the engine over byte sources in any combination of formats', () => {
  it('gives the same report whatever the formats of predictions, labels and weights', async () => {
    const rng = createRng(11);
    const pred = Array.from({ length: 40 }, () => {
      const a = rng.uniform();
      const b = rng.uniform() * (1 - a);
      return [a, b, 1 - a - b];
    });
    const labels = pred.map(() => Math.floor(rng.uniform() * 3));
    const weights = pred.map(() => rng.uniform() * 2);
    const csv = (rows: number[][]) => rows.map((r) => r.join(',')).join('\n') + '\n';
    const predFiles = [
      memorySource('p.csv', 'a,b,c\n' + csv(pred)),
      memorySource('p.tsv', csv(pred).replace(/,/g, '\t')),
      memorySource('p.json', JSON.stringify(pred)),
      memorySource('p.jsonl', pred.map((r) => JSON.stringify(r)).join('\n')),
      memorySource('p.npy', npyBytes(pred), 100),
      memorySource('p.dat', JSON.stringify(pred)),
    ];
    const labelFiles = [
      memorySource('y.csv', labels.join('\n')),
      memorySource('y.json', JSON.stringify(labels)),
      memorySource('y.npy', npyBytes(labels, '<i8')),
      memorySource('y.jsonl', labels.join('\n')),
    ];
    const weightFiles = [memorySource('w.csv', 'weight\n' + weights.join('\n')), memorySource('w.npy', npyBytes(weights))];
    const reports = [];
    for (let i = 0; i < predFiles.length; i++) {
      reports.push(await evaluateSources({ pred: predFiles[i], labels: labelFiles[i % labelFiles.length], weights: weightFiles[i % 2] }, { bins: 5 }));
    }
    for (const r of reports) {
      const { classNames: _, ...rest } = r;
      const { classNames: __, ...first } = reports[0];
      expect(rest).toEqual(first);
    }
    expect(reports[0].classNames).toEqual(['a', 'b', 'c']);
  });
  it('resolves label names against the predictions header, and rejects unknown names', async () => {
    const pred = memorySource('p.csv', 'cat,dog\n0.9,0.1\n0.2,0.8\n');
    const r = await evaluateSources({ pred, labels: memorySource('y.csv', 'label\ncat\ndog\n') });
    expect(r.accuracy).toBe(1);
    await expect(evaluateSources({ pred, labels: memorySource('y.csv', 'cat\ncow\n') })).rejects.toThrow("unknown class 'cow' (classes are cat, dog) (y.csv, line 2, column 1)");
    await expect(evaluateSources({ pred: memorySource('p.csv', '0.9,0.1\n'), labels: memorySource('y.json', '["cat"]') })).rejects.toThrow(
      "unknown class 'cat' (the predictions have no header of class names) (y.json, line 1, column 2)",
    );
    await expect(evaluateSources({ pred, labels: memorySource('y.csv', '0\n5\n') })).rejects.toThrow('label 5 is out of range for 2 classes (0 to 1) (y.csv, line 2, column 1)');
  });

  it('loses none of a read-once source that is sniffed for its format', async () => {
    /** Bytes any number of passes share, as a pipe's are: each pass goes on where the last stopped. */
    const pipe = (name: string, text: string, chunkBytes = 13): ByteSource => {
      const bytes = new TextEncoder().encode(text);
      let at = 0;
      return {
        name,
        async *chunks() {
          while (at < bytes.length) {
            const chunk = bytes.slice(at, at + chunkBytes);
            at += chunk.length;
            yield chunk;
          }
        },
      };
    };
    const pred = '0.9,0.1\n0.2,0.8\n0.6,0.4\n0.3,0.7\n';
    const labels = '0\n1\n1\n1\n';
    const named = await evaluateSources({ pred: memorySource('p.csv', pred), labels: memorySource('y.csv', labels) });
    const piped = await evaluateSources({ pred: pipe('/dev/fd/63', pred), labels: pipe('/dev/fd/62', labels) });
    expect(piped.n).toBe(4);
    expect(piped).toEqual(named);
  });
});
