/**
 * CRC-32 as in zlib, gzip and PNG (ISO-HDLC: reflected polynomial 0xEDB88320, initial
 * and final XOR 0xFFFFFFFF), table-driven eight bytes at a time ("slicing-by-8",
 * M. Kounavis and F. Berry, Intel, 2005) and one at a time for the rest (Sarwate, CACM
 * 31, 1988). Pass the previous result as `crc` to continue over the next chunk of a stream.
 *
 * @example
 * crc32(new TextEncoder().encode('123456789')) // 0xcbf43926, the standard check value
 */
export function crc32(bytes: Uint8Array, crc = 0): number {
  const t = TABLES;
  let c = ~crc;
  const n = bytes.length;
  const end8 = n - (n % 8);
  let i = 0;
  // Table k holds the CRC contribution of a byte followed by k zero bytes, so the CRC of
  // 8 bytes is the XOR of 8 lookups, independent of each other.
  for (; i < end8; i += 8) {
    c ^= bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    c =
      t[1792 + (c & 0xff)] ^
      t[1536 + ((c >>> 8) & 0xff)] ^
      t[1280 + ((c >>> 16) & 0xff)] ^
      t[1024 + (c >>> 24)] ^
      t[768 + bytes[i + 4]] ^
      t[512 + bytes[i + 5]] ^
      t[256 + bytes[i + 6]] ^
      t[bytes[i + 7]];
  }
  for (; i < n; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** Tables 0..7 of 256 entries, one after the other: table k is table k − 1 advanced by a zero byte. */
const TABLES = makeTables();

function makeTables(): Int32Array {
  const t = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let k = 1; k < 8; k++) {
    for (let n = 0; n < 256; n++) {
      const prev = t[(k - 1) * 256 + n];
      t[k * 256 + n] = (prev >>> 8) ^ t[prev & 0xff];
    }
  }
  return t;
}
