#!/usr/bin/env bash
# The README's first command: install, build, then run sysray's main job.
# Live capture needs root and BPF; until it is available here, sysray
# replays a real capture (curl fetching a web page) with a filter.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
shared=${SYSRAY_SHARED_DIR:-$(cd .. && pwd)/shared}
echo "== sysray -r curl_google.scap 'evt.type=connect or evt.type=open' (first 20 lines)"
./build/sysray -r "$shared/traces/curl_google.scap" -n 1300 | grep -E ' (connect|open) ' | head -20
echo "== sysray -r curl_google.scap -S -q"
./build/sysray -r "$shared/traces/curl_google.scap" -S -q | head -15
