#!/bin/sh
# The end-to-end tests of the web lab drive Debian's chromium through playwright-core,
# which downloads no browser of its own. Run by `npm test` (pretest): installs chromium
# with apt-get when it is missing, and does nothing when it is there.
# CHROMIUM_PATH overrides the location (the tests read the same variable).
set -eu

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi

echo "ensure-chromium: $CHROMIUM not found; installing Debian's chromium with apt-get" >&2
if [ "$(id -u)" -eq 0 ]; then
  AS_ROOT=""
elif command -v sudo >/dev/null 2>&1; then
  AS_ROOT="sudo -n"
else
  echo "ensure-chromium: need root (or sudo) to run apt-get install chromium" >&2
  exit 1
fi

$AS_ROOT apt-get update -qq
$AS_ROOT env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: apt-get finished but $CHROMIUM is still missing" >&2
  exit 1
fi
