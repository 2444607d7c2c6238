import { XentError } from '../../XentError.js';
import { instantiateKernels, kernelsModule, sharedKernelsModule, WASM_DATA_END, type WasmKernelExports } from './loadWasmKernels.js';

/**
 * Typed arrays that live inside a WebAssembly memory of their own, with the kernels
 * instantiated on it: softmaxCrossEntropyKernel and bceWithLogitsKernel read and write
 * such arrays in place, where arrays in ordinary JavaScript memory are staged through the
 * kernels' memory in chunks (copied in, and the gradient copied out). The memory has a
 * fixed size chosen at creation and never grows, because growing a WebAssembly memory
 * detaches every view of it.
 */
export interface KernelArena {
  /** A zero-filled Float32Array of `length` in the arena. */
  float32(length: number): Float32Array;
  /** A zero-filled Int32Array of `length` in the arena (class-index targets). */
  int32(length: number): Int32Array;
  /** Bytes still free. */
  readonly freeBytes: number;
  /**
   * The memory and the compiled kernels, for a shared arena: post both to a worker and
   * instantiate them there (instantiateKernels) to work on the same arrays.
   */
  readonly memory: WebAssembly.Memory;
  readonly module: WebAssembly.Module;
}

export interface KernelArenaOptions {
  /** A shared memory (SharedArrayBuffer), for worker threads; default false. */
  shared?: boolean;
}

/** Per-arena scratch above the module's data: class weights, staged targets and row flags. */
export const ARENA_SCRATCH_BYTES = 256 * 1024;
/** Slack after every array: the kernels may read up to 12 bytes past a row (never use them). */
const SLACK = 16;

const owners = new WeakMap<ArrayBufferLike, WasmKernelExports>();

/**
 * The kernels instantiated on the memory that `buffer` is, or undefined when it is not
 * the memory of an arena.
 */
export function kernelsOwning(buffer: ArrayBufferLike): WasmKernelExports | undefined {
  return owners.get(buffer);
}

/**
 * An arena of `bytes` for the caller's logits, targets and gradients, or null where the
 * runtime has no WebAssembly SIMD (or, for `shared`, no shared memory): then allocate
 * ordinary typed arrays; the kernels work on both.
 *
 * @example
 * const arena = createKernelArena(2 * 4096 * 1000 * 4 + 4096 * 4 + 1024)!;
 * const logits = arena.float32(4096 * 1000);
 * const grad = arena.float32(4096 * 1000);
 * const targets = arena.int32(4096);
 * softmaxCrossEntropyKernel(logits, targets, 4096, 1000, { grad }); // nothing copied
 */
export function createKernelArena(bytes: number, options: KernelArenaOptions = {}): KernelArena | null {
  if (!Number.isInteger(bytes) || bytes < 0) throw new XentError(`arena size ${bytes} is not a byte count`, { field: 'bytes' });
  const shared = options.shared ?? false;
  const module = shared ? sharedKernelsModule() : kernelsModule();
  if (module === null) return null;
  const start = WASM_DATA_END + ARENA_SCRATCH_BYTES;
  const pages = Math.ceil((start + bytes + SLACK) / 65536);
  if (pages > 65536) throw new XentError(`an arena of ${bytes} bytes exceeds WebAssembly's 4 GiB`, { field: 'bytes' });
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared });
  const kernels = instantiateKernels(module, memory);
  owners.set(memory.buffer, kernels);
  const end = pages * 65536 - SLACK;
  let next = start;
  const take = (byteLength: number): number => {
    const at = next;
    if (at + byteLength > end) {
      throw new XentError(`the arena has ${end - at} bytes free, ${byteLength} asked`, { field: 'length' });
    }
    next = (at + byteLength + SLACK + 15) & ~15;
    return at;
  };
  const check = (length: number): void => {
    if (!Number.isInteger(length) || length < 0) throw new XentError(`length ${length} is not a count`, { field: 'length' });
  };
  return {
    float32(length) {
      check(length);
      return new Float32Array(memory.buffer, take(4 * length), length);
    },
    int32(length) {
      check(length);
      return new Int32Array(memory.buffer, take(4 * length), length);
    },
    get freeBytes() {
      return Math.max(0, end - next);
    },
    memory,
    module,
  };
}
