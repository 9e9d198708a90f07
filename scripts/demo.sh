#!/usr/bin/env bash
# The README's first command: install, build, then run sysray's main job:
# a few seconds of live capture while a loop runs `cat` on a known file.
# Where live capture cannot run (not root, no BPF or BTF), sysray says why
# in one line and the demo replays a real capture instead (curl fetching
# a web page).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
shared=${SYSRAY_SHARED_DIR:-$(cd .. && pwd)/shared}
out=$(mktemp) err=$(mktemp) file=$(mktemp)
trap 'rm -f "$out" "$err" "$file"' EXIT
echo "hello from the sysray demo" > "$file"

echo "== sysray -M 3 'proc.name=cat and ...': live, 3 seconds, while a loop runs cat $file"
status=0
./build/sysray -M 3 "proc.name=cat and (evt.type=execve or evt.type=openat or evt.type=read or evt.type=write or evt.type=procexit)" \
  > "$out" 2> "$err" &
sysray_pid=$!
sleep 1  # the probe loads and /proc is scanned
for _ in $(seq 10); do cat "$file" > /dev/null; sleep 0.2; done
wait "$sysray_pid" || status=$?
if [ "$status" -eq 0 ]; then
  grep -F -e "$file" -e execve -e procexit "$out" | head -14
  cat "$err"
  echo "== ($(wc -l < "$out") events printed; sysray -h lists the options)"
  exit 0
fi

echo "== live capture is not available here: $(head -1 "$err")"
echo "== replaying $shared/traces/curl_google.scap instead"
echo "== sysray -r curl_google.scap: the connects and opens (first 20)"
./build/sysray -r "$shared/traces/curl_google.scap" > "$out"
grep -E ' [<>] (connect|open) ' "$out" | head -20
echo "== sysray -r curl_google.scap -S -q (top of the table)"
./build/sysray -r "$shared/traces/curl_google.scap" -S -q > "$out"
head -15 "$out"
