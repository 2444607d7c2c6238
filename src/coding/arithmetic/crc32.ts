/**
 * CRC-32 as in zlib, gzip and PNG (ISO-HDLC: reflected polynomial 0xEDB88320, initial
 * and final XOR 0xFFFFFFFF), table-driven one byte at a time (Sarwate, CACM 31, 1988).
 * Pass the previous result as `crc` to continue over the next chunk of a stream.
 *
 * @example
 * crc32(new TextEncoder().encode('123456789')) // 0xcbf43926, the standard check value
 */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

const TABLE = makeTable();

function makeTable(): Int32Array {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
}
