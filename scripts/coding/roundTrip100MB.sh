#!/bin/sh
# The 100 MB round trip of docs/compression.md, run by hand (too slow for `npm test`):
# builds a 100 MB input from the files under node_modules (sorted paths, the first
# 100,000,000 bytes of their concatenation), compresses it with the built CLI
# (`npm run build` first), decompresses it, compares, and prints sizes, times and peak
# memory (GNU time).   Usage: sh scripts/coding/roundTrip100MB.sh [MODEL] [WORKDIR]
set -eu
model=${1:-cm}
work=${2:-$(mktemp -d)}
root=$(cd "$(dirname "$0")/../.." && pwd)
input="$work/input100MB.bin"
if [ ! -f "$input" ]; then
  (cd "$root" && find node_modules -path node_modules/.cache -prune -o -type f -print | LC_ALL=C sort | tr '\n' '\0' | xargs -0 cat) | head -c 100000000 > "$input"
fi
echo "input: $(wc -c < "$input") bytes, sha256 $(sha256sum "$input" | cut -c1-16)"
/usr/bin/time -f "compress: %e s wall, %U s user, peak RSS %M KB" node "$root/bin/xent.js" compress "$input" -o "$work/input.xent" --model "$model" --json
/usr/bin/time -f "decompress: %e s wall, %U s user, peak RSS %M KB" node "$root/bin/xent.js" decompress "$work/input.xent" -o "$work/output.bin" --json
cmp "$input" "$work/output.bin" && echo "round trip: exact ($(wc -c < "$work/input.xent") bytes compressed)"
