// The crossover of the batched trainer's first layer (src/nn/BatchedTrainer.ts
// SPARSE_MAX_FILL): microseconds per example of listRows + forward + update of a
// [784 → 100] float32 layer, over its nonzero list (sparseForward, sparseAddOuter) and as
// register-blocked matrix products (denseForward, denseAddOuter), at batch 10, 100, 500
// and fills 0.1 … 0.8 of random nonzero inputs. After `npm run build`:
//   taskset -c 0 node bench/standalone/denseBatchedCrossover.mjs          (no FMA)
//   taskset -c 0 node_modules/node24/bin/node bench/standalone/denseBatchedCrossover.mjs fma
import { instantiateDenseBatched, layoutDenseBatched } from '../../dist/core/kernels/denseBatchedWasm.js';
const nIn = 784, s = 100;
const fma = process.argv[2] === 'fma';
for (const B of [10, 100, 500]) {
  const r = layoutDenseBatched([['w','f32',nIn*s],['b','f32',s],['z','f32',B*s],['d','f32',B*s],['rows','f32',B*nIn],['val','f32',B*nIn],['idx','i32',B*nIn],['rs','i32',B+1]]);
  const { kernels: k } = instantiateDenseBatched(r.memory, fma);
  const f = r.f32, i = r.i32;
  for (let x = 0; x < f.w.length; x++) f.w[x] = Math.random() * 0.01;
  for (let x = 0; x < f.d.length; x++) f.d[x] = Math.random() * 1e-3;
  const line = [];
  for (const fill of [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8]) {
    for (let x = 0; x < f.rows.length; x++) f.rows[x] = Math.random() < fill ? Math.random() : 0;
    const reps = Math.max(3, Math.round(4000 / B));
    const time = (fn) => { const ts = []; for (let t = 0; t < 5; t++) { const c = process.cpuUsage(); for (let q = 0; q < reps; q++) fn(); const d = process.cpuUsage(c); ts.push((d.user + d.system) / reps / B); } ts.sort((a, b) => a - b); return ts[2]; };
    const sparse = time(() => { k.listRows(f.rows.byteOffset, nIn, B, i.idx.byteOffset, f.val.byteOffset, i.rs.byteOffset); k.sparseForward(f.w.byteOffset, s, i.idx.byteOffset, f.val.byteOffset, i.rs.byteOffset, B, f.b.byteOffset, f.z.byteOffset); k.sparseAddOuter(f.w.byteOffset, s, i.idx.byteOffset, f.val.byteOffset, i.rs.byteOffset, B, f.d.byteOffset); });
    const dense = time(() => { k.listRows(f.rows.byteOffset, nIn, B, i.idx.byteOffset, f.val.byteOffset, i.rs.byteOffset); k.denseForward(f.rows.byteOffset, nIn, B, nIn, f.w.byteOffset, s, f.b.byteOffset, f.z.byteOffset); k.denseAddOuter(f.w.byteOffset, s, nIn, f.rows.byteOffset, nIn, B, f.d.byteOffset); });
    line.push(`fill ${fill}: sparse ${sparse.toFixed(2)} dense ${dense.toFixed(2)} µs/ex (${(sparse/dense).toFixed(2)})`);
  }
  console.log('batch', B, fma ? 'fma' : 'plain', '\n  ' + line.join('\n  '));
}
