/** 2^20 bytes. */
const MiB = 1 << 20;

/**
 * The most bytes each file-reading flag reads. A reader that takes whatever it is given
 * can be handed /dev/zero or a multi-gigabyte file by mistake; past its limit a command
 * stops at once with one error line. Each limit is far above what the input needs in
 * practice (an MNIST-sized model is 2 MB of JSON) and far below what a 2 GB machine holds
 * once the text is parsed into numbers.
 */
export const INPUT_SIZE_LIMITS: Readonly<Record<string, number>> = {
  // A distribution list: 16 MiB is a million entries of full-precision numbers.
  '--p': 16 * MiB,
  '--q': 16 * MiB,
  // A joint table: a 2000×2000 table of full-precision numbers.
  '--joint': 64 * MiB,
  // A loss request, from a file or standard input.
  '--request': 64 * MiB,
  // A model JSON: train's largest network (10^7 parameters) at full precision.
  '--model': 256 * MiB,
  // Images as JSON (IDX images have their own limit, on the declared size).
  '--images': 64 * MiB,
  // Saved tables of eval sums: a million class-wise bins, or 200 bootstrap replicates of 4096 grid cells, as JSON.
  '--from-stats': 256 * MiB,
};

/** The limit for a flag with none of its own. */
export const DEFAULT_INPUT_SIZE_LIMIT = 64 * MiB;

/** The most bytes `flag` reads from a file. */
export function inputSizeLimit(flag: string): number {
  return INPUT_SIZE_LIMITS[flag] ?? DEFAULT_INPUT_SIZE_LIMIT;
}

/** A byte count as the error lines show it: 64 MiB, 1.5 KiB, 12 bytes. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
