import { describe, expect, it } from 'vitest';
import { checkImport, checkTree, findCycles, importSpecifiers, layerOf } from './importLayers.js';

describe('the layering check', () => {
  it('finds the specifiers of every kind of import', () => {
    const source = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "export { c } from './c.js';",
      "export * from './d.js';",
      "import './e.css';",
      "const f = await import('./f.js');",
      "import raw from '../../src/g.ts?raw';",
      "import { h } from 'vitest';",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual(['./a.js', '../b.js', './c.js', './d.js', './e.css', './f.js', '../../src/g.ts']);
  });

  it('puts a file in its most specific layer', () => {
    expect(layerOf('src/core/math/logSumExp.ts')).toBe('core/math');
    expect(layerOf('src/core/losses/nllLoss.ts')).toBe('core/losses');
    expect(layerOf('src/nn/Cost.ts')).toBe('nn');
    expect(layerOf('src/formats/readNpy.ts')).toBe('formats');
    expect(layerOf('web/src/main.ts')).toBe('web');
    expect(layerOf('bench/run.ts')).toBeUndefined();
  });

  it('fails on imports that run back up a layer', () => {
    expect(checkImport('src/core/math/logSumExp.ts', '../losses/nllLoss.js')?.reason).toBe('core/math may not import core/losses');
    expect(checkImport('src/core/kernels/x.ts', '../losses/crossEntropyLoss.js')?.reason).toBe('core/kernels may not import core/losses');
    expect(checkImport('src/nn/mlp.ts', '../data/loadMnist.js')?.reason).toBe('nn may not import data');
    expect(checkImport('src/plot/neuronFigureSvg.ts', '../experiments/neuronFigure.js')?.reason).toBe('plot may not import experiments');
    expect(checkImport('web/src/main.ts', '../../src/cli/main.js')?.reason).toBe('web may not import cli');
    expect(checkImport('web/src/panels/evalWorker.ts', '../../../src/data/fileByteSource.js')?.reason).toBe('web may not import data');
    expect(checkImport('src/formats/readNpy.ts', '../eval/TableBatch.js')?.reason).toBe('formats may not import eval');
    expect(checkImport('src/formats/mnistDigits.ts', '../nn/Dataset.js')?.reason).toBe('formats may not import nn');
    expect(checkImport('src/eval/evaluateSources.ts', '../data/fileByteSource.js')?.reason).toBe('eval may not import data');
  });

  it('lets imports point inward', () => {
    expect(checkImport('src/core/losses/nllLoss.ts', '../math/logSumExp.js')).toBeNull();
    expect(checkImport('src/experiments/neuronFigure.ts', '../plot/figureSvg.js')).toBeNull();
    expect(checkImport('src/cli/commands/train.ts', '../../nn/trainNetwork.js')).toBeNull();
    expect(checkImport('web/src/panels/p.ts', '../../../src/coding/index.js')).toBeNull();
    expect(checkImport('web/src/panels/p.ts', '../../../src/formats/ByteSource.js')).toBeNull();
    expect(checkImport('src/eval/evaluateSources.ts', '../formats/openTable.js')).toBeNull();
    expect(checkImport('src/data/readIdxFile.ts', '../formats/idx.js')).toBeNull();
  });

  it('finds import cycles between files', () => {
    const edges = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(findCycles(edges)).toEqual([['a', 'b', 'c']]);
    expect(findCycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });

  it('holds on the tree: no import runs back up a layer, no file imports itself in a cycle', () => {
    const { violations, cycles } = checkTree('.');
    expect(violations.map((v) => `${v.from} -> ${v.to}: ${v.reason}`)).toEqual([]);
    expect(cycles).toEqual([]);
  });
});
