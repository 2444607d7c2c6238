#!/usr/bin/env bash
# Builds held-out texts that no model here was tuned on, and one more tuning text,
# from Debian packages named by version, into node_modules/.cache/xent-corpora/:
#
# - heldout-kjv.txt: the King James Bible as the `bible` program of bible-kjv prints it
#   (English prose of 1611, public domain), the first 1.5 MB;
# - heldout-jargon.txt: the Jargon File 4.4.7 (jargon-text; English prose about hackers'
#   slang, public domain), the first 1.5 MB;
# - heldout-python.txt: the .py files of Python 3.11's standard library
#   (libpython3.11-stdlib), in sorted path order, the first 1.5 MB (source code);
# - tune-gcide.txt: the Collaborative International Dictionary of English (dict-gcide;
#   dictionary entries with markup), 1.5 MB from its 4,000,000th byte: a third tuning
#   source beside buildCorpora.mjs's prose-tune and code-tune.
#
# Needs apt-get (Debian 12's archive) and dpkg-deb; prints each file's size and SHA-256.
# Usage: bash scripts/coding/buildHeldOut.sh
set -eu  # (not pipefail: `head -c` closes its pipe early by design)
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/node_modules/.cache/xent-corpora"
work=$(mktemp -d)
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
cd "$work"
for p in bible-kjv=4.38 bible-kjv-text=4.38 jargon-text=4.4.7-4.1 libpython3.11-stdlib=3.11.2-6+deb12u9 dict-gcide=0.48.5+nmu2; do
  apt-get download "$p" >/dev/null
done
for f in *.deb; do dpkg-deb -x "$f" x; done
size=1500000
x/usr/bin/bible -p x/usr/lib gen1:1-rev22:21 | head -c $size >"$out/heldout-kjv.txt"
zcat x/usr/share/doc/jargon-text/jargon.txt.gz | head -c $size >"$out/heldout-jargon.txt"
(cd x/usr/lib/python3.11 && find . -name '*.py' -type f | LC_ALL=C sort | xargs cat 2>/dev/null) | head -c $size >"$out/heldout-python.txt"
zcat x/usr/share/dictd/gcide.dict.dz | tail -c +4000001 | head -c $size >"$out/tune-gcide.txt"
cd "$out"
for f in heldout-kjv.txt heldout-jargon.txt heldout-python.txt tune-gcide.txt; do
  printf '%s %s %s\n' "$f" "$(wc -c <"$f")" "$(sha256sum "$f" | cut -d' ' -f1)"
done
