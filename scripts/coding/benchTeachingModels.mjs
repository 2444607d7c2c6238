// A/B throughput of the teaching models (order0–order3) and of #/code's per-keystroke work,
// for one or more builds of xent, interleaved in one process (CPU time, medians):
//   taskset -c 0 node scripts/coding/benchTeachingModels.mjs [distDir …]   (default: ./dist)
// Environment: REPS (5), MODELS (order0,order1,order2,order3), FILE (the prose-report
// corpus of scripts/coding/buildCorpora.mjs), LAB_BYTES (4000,20000; 0 to skip the lab).
// It also checks that every build writes the same bytes as the first and round-trips.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dists = process.argv.slice(2);
if (dists.length === 0) dists.push(new URL('../../dist', import.meta.url).pathname);
const libs = await Promise.all(dists.map((d) => import(pathToFileURL(resolve(d, 'index.js')).href)));
const reps = Number(process.env.REPS ?? 5);
const models = (process.env.MODELS ?? 'order0,order1,order2,order3').split(',');
const file = process.env.FILE ?? new URL('../../node_modules/.cache/xent-corpora/prose-report.txt', import.meta.url).pathname;
const data = new Uint8Array(readFileSync(file));
const cpuMs = (f) => {
  const t = process.cpuUsage();
  f();
  const u = process.cpuUsage(t);
  return (u.user + u.system) / 1e3;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

console.log(`${file}: ${data.length} bytes; ${reps} interleaved runs; builds: ${dists.map((d, k) => `[${k}] ${d}`).join(', ')}`);
for (const model of models) {
  const times = libs.map(() => ({ c: [], d: [] }));
  let reference;
  for (let r = 0; r < reps; r++) {
    libs.forEach((lib, k) => {
      let report;
      let back;
      times[k].c.push(cpuMs(() => (report = lib.compressBytes(data, { model }))));
      times[k].d.push(cpuMs(() => (back = lib.decompressBytes(report.bytes))));
      if (!same(back, data)) throw new Error(`${dists[k]} ${model}: round trip failed`);
      reference ??= report.bytes;
      if (!same(reference, report.bytes)) throw new Error(`${dists[k]} ${model}: bytes differ from ${dists[0]}`);
    });
  }
  const mbps = (ms) => (data.length / 1e3 / ms).toFixed(2);
  console.log(`${model}: ${libs.map((_, k) => `[${k}] compress ${mbps(median(times[k].c))} MB/s, decompress ${mbps(median(times[k].d))} MB/s`).join('; ')}`);
}

// #/code per keystroke (web/src/panels/codePanel.ts compute()): compress, decompress, cm's
// costs under both mixers and the model's costs; typing the last 10 characters of the text.
for (const size of (process.env.LAB_BYTES ?? '4000,20000').split(',').map(Number).filter((n) => n > 0)) {
  const text = data.subarray(0, size);
  for (const model of [...models, 'cm']) {
    const line = libs.map((lib, k) => {
      const tracker = (options) => (lib.ByteCostTracker ? new lib.ByteCostTracker(options) : { costs: (bytes) => lib.byteCosts(bytes, options) });
      const trackers = [tracker({ model: 'cm', mixerCost: 'cross-entropy' }), tracker({ model: 'cm', mixerCost: 'quadratic' })];
      if (model !== 'cm') trackers.push(tracker({ model }));
      const keystroke = [];
      const hover = [];
      for (let n = size - 10; n <= size; n++) {
        const bytes = text.subarray(0, n);
        keystroke.push(
          cpuMs(() => {
            lib.decompressBytes(lib.compressBytes(bytes, { model }).bytes);
            for (const t of trackers) t.costs(bytes);
          }),
        );
        hover.push(cpuMs(() => lib.topPredictions(bytes, n - 1, { model }, 5)));
      }
      return `[${k}] keystroke ${median(keystroke).toFixed(1)} ms, top predictions ${median(hover).toFixed(1)} ms`;
    });
    console.log(`#/code, ${size} bytes, ${model}: ${line.join('; ')}`);
  }
}
