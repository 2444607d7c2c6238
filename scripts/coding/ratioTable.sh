#!/usr/bin/env bash
# Sizes in bits per byte of `xent compress` (model cm, through the CLI, round trip checked)
# and of its peers, measured in the same run on each FILE: zpaq -m5, xz -9e, bzip2 -9 and
# 7-Zip's PPMd (order 6). zpaq and 7-Zip sizes are whole archives. Prints a Markdown table.
#
# Usage: bash scripts/coding/ratioTable.sh FILE...
# (The held-out texts: bash scripts/coding/buildHeldOut.sh; the report corpora:
# node scripts/coding/buildCorpora.mjs; both write node_modules/.cache/xent-corpora/.)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bpb() { echo "scale=4; $1 * 8 / $2" | bc | sed 's/^\./0./'; }
echo '| file | bytes | xent cm | zpaq -m5 | xz -9e | bzip2 -9 | PPMd o=6 (7-Zip) |'
echo '| --- | ---: | ---: | ---: | ---: | ---: | ---: |'
for f in "$@"; do
  n=$(wc -c <"$f")
  node "$root/bin/xent.js" compress "$f" -o "$work/x.xent" >/dev/null
  node "$root/bin/xent.js" decompress "$work/x.xent" -o "$work/x.out" >/dev/null
  cmp -s "$f" "$work/x.out" || { echo "xent: round trip of $f differs" >&2; exit 1; }
  cp "$f" "$work/in"
  (cd "$work" && rm -f z.zpaq && zpaq a z.zpaq in -m5 -t1 >/dev/null 2>&1)
  (cd "$work" && rm -f p.7z && 7zz a -bd -bso0 -mmt=1 -m0=PPMd:o=6 p.7z in)
  xz=$(xz -9e -T1 -c "$f" | wc -c)
  bz=$(bzip2 -9 -c "$f" | wc -c)
  echo "| $(basename "$f") | $n | $(bpb "$(wc -c <"$work/x.xent")" "$n") | $(bpb "$(wc -c <"$work/z.zpaq")" "$n") | $(bpb "$xz" "$n") | $(bpb "$bz" "$n") | $(bpb "$(wc -c <"$work/p.7z")" "$n") |"
done
