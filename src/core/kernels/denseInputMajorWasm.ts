import type { DenseScratch, InputMajorSimd } from './denseKernels.js';
import { DENSE_INPUT_MAJOR_WASM_BASE64 } from './denseInputMajorWasmBinary.js';

/** A layer's input-major weights and its nonzero lists, in WebAssembly memory when the
 * runtime has SIMD (then `simd` is set), in ordinary arrays otherwise. */
export interface InputMajorLayer {
  readonly weightsT: Float64Array;
  readonly scratch: DenseScratch;
  readonly simd: InputMajorSimd | null;
}

let module: WebAssembly.Module | null | undefined;

function compiled(): WebAssembly.Module | null {
  if (module === undefined) {
    try {
      // atob is a global in browsers and in Node ≥ 16. The module is under 1 KB, so even a
      // browser main thread compiles it synchronously.
      const text = atob(DENSE_INPUT_MAJOR_WASM_BASE64);
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      module = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    } catch {
      module = null;
    }
  }
  return module;
}

/**
 * Whether the input-major layers get the WebAssembly SIMD kernels here: false where the
 * runtime has no SIMD, or where a Content-Security-Policy forbids compiling WebAssembly
 * (a page needs 'wasm-unsafe-eval' in script-src); the scalar loops run then.
 */
export function inputMajorSimdAvailable(): boolean {
  return compiled() !== null;
}

/** The first 64 KiB stay the module's own (it has no data, but the stub runtime's heap
 * base lies there). */
const BASE = 65536;

/**
 * Room for one layer of nIn inputs and nOut units, for batches of up to `capacity` rows:
 * weightsT (nIn × nOut), the scratch lists (capacity × nIn, and capacity + 1 row starts),
 * the lane and the staging room for capacity float32 input rows. The memory is
 * sized once and never grows: growing it would detach its ArrayBuffer, and then V8 checks
 * every typed-array access in the process (see bench/cases/runCase.ts).
 *
 * @example
 * const layer = createInputMajorLayer(784, 100, 10);
 * layer.weightsT.length // 78400
 */
export function createInputMajorLayer(nIn: number, nOut: number, capacity: number, useSimd = true): InputMajorLayer {
  const rows = Math.max(1, capacity);
  const mod = useSimd ? compiled() : null;
  if (mod === null) {
    return {
      weightsT: new Float64Array(nIn * nOut),
      scratch: { index: new Int32Array(rows * nIn), value: new Float64Array(rows * nIn), rowStart: new Int32Array(rows + 1) },
      simd: null,
    };
  }
  const wBytes = nIn * nOut * 8;
  const listLen = rows * nIn;
  const idxAt = BASE + wBytes;
  const valAt = idxAt + Math.ceil((listLen * 4) / 8) * 8;
  const laneAt = valAt + listLen * 8;
  const rowsAt = laneAt + Math.ceil(Math.max(2, nOut) / 2) * 16;
  const rowStartAt = rowsAt + Math.ceil(listLen / 4) * 16;
  const end = rowStartAt + (rows + 1) * 4;
  const memory = new WebAssembly.Memory({ initial: Math.ceil(end / 65536) });
  const exports = new WebAssembly.Instance(mod, { env: { memory } }).exports as unknown as Pick<InputMajorSimd, 'forwardSums' | 'addOuter' | 'listRows'>;
  const buffer = memory.buffer;
  return {
    weightsT: new Float64Array(buffer, BASE, nIn * nOut),
    scratch: { index: new Int32Array(buffer, idxAt, listLen), value: new Float64Array(buffer, valAt, listLen), rowStart: new Int32Array(buffer, rowStartAt, rows + 1) },
    simd: {
      memory,
      forwardSums: exports.forwardSums,
      addOuter: exports.addOuter,
      listRows: exports.listRows,
      lane: new Float64Array(buffer, laneAt, nOut),
      rows: new Float32Array(buffer, rowsAt, listLen),
    },
  };
}
