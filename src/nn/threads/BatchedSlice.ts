import { instantiateDenseBatched, layoutDenseBatched, paddedWidth, type DenseBatchedKernels } from '../../core/kernels/denseBatchedWasm.js';

/**
 * The units [u0, u1) of a network's first layer in float32, as one thread of the batched
 * trainer on several threads (BatchedThreads.ts) trains them: their weights input-major
 * (wT[i · stride + j − u0], stride = the part's width rounded up to four), their biases,
 * their rows of σ(z) and of δ for the batch, and two areas for a batch's inputs (one is
 * filled while the other's batch still waits for its update), all in a WebAssembly memory
 * of this thread's own, run by the kernels of assembly/denseBatched.ts.
 *
 * Each unit is computed by the same kernels with the same operations in the same order as
 * when one thread holds every unit (BatchedTrainer.ts): sparseForward and denseForward keep
 * one running sum per (example, unit), sparseAddOuter adds each example's term to each
 * weight in turn, denseAddOuter sums each weight's batch first and addColumnSums each
 * bias's; which SIMD lane or register block holds a unit changes none of them. Splitting
 * the units between threads therefore changes no bit of the result.
 */
export class BatchedSlice {
  readonly units: number;
  /** Floats per row of this part's weights, activations and errors. */
  readonly stride: number;
  readonly kernels: DenseBatchedKernels;
  readonly weightsT: Float32Array;
  readonly bias: Float32Array;
  /** z, then σ(z), of this part's units: capacity rows of `stride`. */
  readonly activations: Float32Array;
  /** δ of this part's units (scaled by −η/B), capacity rows of `stride`; the padding stays 0. */
  readonly errors: Float32Array;
  /** Per input area: the batch's rows (where this slice gathers them), and their nonzero list. */
  readonly rows: Float32Array[];
  readonly rowStart: Int32Array[];
  readonly idx: Int32Array[];
  readonly val: Float32Array[];

  /**
   * `gathers`: this thread gathers the batches itself (rows of their own); otherwise a
   * dense batch arrives in `val`, which then holds the rows.
   */
  constructor(
    private readonly nIn: number,
    private readonly u0: number,
    u1: number,
    capacity: number,
    fma: boolean,
    gathers: boolean,
  ) {
    this.units = u1 - u0;
    const stride = (this.stride = paddedWidth(this.units));
    const parts: [string, 'f32' | 'i32', number][] = [
      ['w', 'f32', nIn * stride],
      ['b', 'f32', stride],
      ['a', 'f32', capacity * stride],
      ['e', 'f32', capacity * stride],
    ];
    for (let k = 0; k < 2; k++) {
      if (gathers) parts.push([`rows${k}`, 'f32', capacity * nIn]);
      parts.push([`rowStart${k}`, 'i32', capacity + 1], [`idx${k}`, 'i32', capacity * nIn], [`val${k}`, 'f32', capacity * nIn]);
    }
    const room = layoutDenseBatched(parts);
    const made = instantiateDenseBatched(room.memory, fma);
    if (made === null) throw new Error('this runtime has no WebAssembly SIMD');
    if (made.fma !== fma) throw new Error('the FMA build of the batched kernels does not run here');
    this.kernels = made.kernels;
    this.weightsT = room.f32.w;
    this.bias = room.f32.b;
    this.activations = room.f32.a;
    this.errors = room.f32.e;
    this.rowStart = [room.i32.rowStart0, room.i32.rowStart1];
    this.idx = [room.i32.idx0, room.i32.idx1];
    this.val = [room.f32.val0, room.f32.val1];
    this.rows = gathers ? [room.f32.rows0, room.f32.rows1] : this.val;
  }

  /** Takes this part's rows of `weights` (row-major units × nIn, float64) and `bias`, rounded to float32. */
  load(weights: Float64Array, bias: Float64Array): void {
    const { nIn, u0, units, stride, weightsT } = this;
    for (let j = 0; j < units; j++) for (let i = 0; i < nIn; i++) weightsT[i * stride + j] = weights[(u0 + j) * nIn + i];
    for (let j = 0; j < units; j++) this.bias[j] = bias[u0 + j];
  }

  /** Writes this part's rows back into `weights` and `bias` (exactly: float32 widens to float64). */
  save(weights: Float64Array, bias: Float64Array): void {
    const { nIn, u0, units, stride, weightsT } = this;
    for (let j = 0; j < units; j++) for (let i = 0; i < nIn; i++) weights[(u0 + j) * nIn + i] = weightsT[i * stride + j];
    for (let j = 0; j < units; j++) bias[u0 + j] = this.bias[j];
  }

  /** σ(W·x + b) of this part's units for the `count` examples of input area `k` (its rows when `dense`, else its list), into `activations`. */
  forward(k: number, count: number, dense: boolean): void {
    const { kernels: kn, stride } = this;
    if (dense) kn.denseForward(this.rows[k].byteOffset, this.nIn, count, this.nIn, this.weightsT.byteOffset, stride, this.bias.byteOffset, this.activations.byteOffset);
    else kn.sparseForward(this.weightsT.byteOffset, stride, this.idx[k].byteOffset, this.val[k].byteOffset, this.rowStart[k].byteOffset, count, this.bias.byteOffset, this.activations.byteOffset);
    kn.sigmoid(this.activations.byteOffset, this.activations.byteOffset, count * stride);
  }

  /** The SGD step of this part's weights and biases from `errors` (already scaled by −η/B) and input area `k`. */
  update(k: number, count: number, dense: boolean): void {
    const { kernels: kn, stride } = this;
    if (dense) kn.denseAddOuter(this.weightsT.byteOffset, stride, this.nIn, this.rows[k].byteOffset, this.nIn, count, this.errors.byteOffset);
    else kn.sparseAddOuter(this.weightsT.byteOffset, stride, this.idx[k].byteOffset, this.val[k].byteOffset, this.rowStart[k].byteOffset, count, this.errors.byteOffset);
    kn.addColumnSums(this.bias.byteOffset, this.errors.byteOffset, count, stride);
  }
}
