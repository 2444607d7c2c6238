/**
 * The size of `bytes` gzipped by the browser's own CompressionStream (DEFLATE with the
 * 18-byte gzip wrapper), or undefined where the API is missing.
 */
export async function gzipSize(bytes: Uint8Array): Promise<number | undefined> {
  if (typeof CompressionStream === 'undefined') return undefined;
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  const buffer = await new Response(stream).arrayBuffer();
  return buffer.byteLength;
}
