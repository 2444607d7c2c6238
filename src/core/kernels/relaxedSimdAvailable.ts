/**
 * A module with one function that returns f32x4.relaxed_madd of three zero vectors: it
 * validates exactly where the runtime has relaxed SIMD (on by default in Node ≥ 22 and
 * Chrome ≥ 114; Node 20 needs --experimental-wasm-relaxed-simd).
 */
const RELAXED_MADD_PROBE = (() => {
  const zeros = [0xfd, 0x0c, ...new Array<number>(16).fill(0)]; // v128.const 0
  const body = [0x00, ...zeros, ...zeros, ...zeros, 0xfd, 0x85, 0x02, 0x0b]; // f32x4.relaxed_madd, end
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
    0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type section: () → v128
    0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
    0x0a, body.length + 2, 0x01, body.length, ...body, // code section
  ]);
})();

let relaxed: boolean | undefined;

/**
 * Whether this runtime has relaxed SIMD (feature-detected once, by validating a tiny
 * module): then the batched dense kernels run their build with f32x4.relaxed_madd
 * (denseBatchedWasm.ts).
 *
 * @example
 * relaxedSimdAvailable() // true on Node 24, false on Node 20 without its flag
 */
export function relaxedSimdAvailable(): boolean {
  if (relaxed === undefined) {
    try {
      relaxed = WebAssembly.validate(RELAXED_MADD_PROBE);
    } catch {
      relaxed = false;
    }
  }
  return relaxed;
}
