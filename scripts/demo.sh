#!/usr/bin/env bash
# The README's first command: install, build, then run sysray's main job.
# Live capture needs root and BPF; until it is available here, sysray
# replays a real capture (curl fetching a web page) with a filter.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
shared=${SYSRAY_SHARED_DIR:-$(cd .. && pwd)/shared}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
echo "== sysray -r curl_google.scap: the connects and opens (first 20)"
./build/sysray -r "$shared/traces/curl_google.scap" > "$out"
grep -E ' [<>] (connect|open) ' "$out" | head -20
echo "== sysray -r curl_google.scap -S -q (top of the table)"
./build/sysray -r "$shared/traces/curl_google.scap" -S -q > "$out"
head -15 "$out"
