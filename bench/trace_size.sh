#!/usr/bin/env bash
# .sray against sysdig -z (gzip'd scap) for the same events: file size, and
# write and read time (best of N runs), on every sample capture and on a
# grown one (curl_google repeated with scapgrow.py, as read_bench.sh does).
# The "events" columns split each file into its initial state and its
# event blocks (for the scap.gz: gzip of the event blocks alone), because
# the samples are so short that the state (every process's env, cgroups
# and fds) dominates their size.
#
# usage: bench/trace_size.sh [SYSRAY_BINARY] [GROW_FACTOR] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
sysray=${1:-$here/build/sysray}
factor=${2:-200}
runs=${3:-3}
shared=${SYSRAY_SHARED_DIR:-$here/../shared}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v sysdig >/dev/null || { echo "trace_size.sh needs sysdig (apt-get install sysdig)" >&2; exit 1; }

best_time() {  # best wall time in seconds of "$@" over $runs runs, output discarded
  local best=""
  for _ in $(seq "$runs"); do
    local start end t
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  printf '%.3f' "$best"
}

# "state_bytes event_bytes" of a .sray file (record headers included).
sray_split() {
  python3 - "$1" <<'PY'
import struct, sys
d = open(sys.argv[1], 'rb').read()
o, first, events = 16, None, 0
while o + 32 <= len(d):
    tag, n = struct.unpack_from('<4sI', d, o)
    if first is None: first = 32 + n
    elif tag == b'EVTS': events += 32 + n
    if tag == b'INDX': break
    o += 32 + n
print(first, events)
PY
}

# gzip -6 size of the event blocks of a capture (what its events cost in a
# scap.gz). Read from the input: sysdig 0.29.3 writes a too-short IL block
# when it rewrites a V1 capture (scap-format.md §1.7), which breaks a walk
# of its own output.
scap_event_bytes() {
  python3 - "$1" <<'PY'
import gzip, struct, sys, zlib
d = gzip.open(sys.argv[1]).read()
o, ev = 0, bytearray()
while o + 8 <= len(d):
    t, n = struct.unpack_from('<II', d, o)
    if n < 12: break
    if t in (0x204, 0x208, 0x216, 0x217, 0x221, 0x222): ev += d[o:o + n]
    o += n
print(len(zlib.compress(bytes(ev), 6)))
PY
}

inputs=()
for capture in "$shared"/traces/*.scap; do inputs+=("$capture"); done
big=$work/curl_google-x$factor.scap
gzip -dcf "$shared/traces/curl_google.scap" > "$work/plain.scap"
python3 "$shared/tools/scapgrow.py" "$work/plain.scap" "$work/big.scap" "$factor" >/dev/null
gzip -6 -c "$work/big.scap" > "$big"  # gzip'd like the samples
inputs+=("$big")

# write_gz: sysdig -r IN -w OUT.scap.gz -z; write_sr: sysray -r IN -w OUT.sray;
# read_gz: sysray -r IN -q (the gzip'd scap input); read_sr: sysray -r OUT.sray -q.
printf '%-24s %9s %9s %6s | %9s %9s %6s | %8s %8s | %8s %8s\n' capture scap.gz sray ratio \
  gz_events sray_ev ratio write_gz write_sr read_gz read_sr
for input in "${inputs[@]}"; do
  name=$(basename "$input" .scap)
  gz=$work/$name.scap.gz sr=$work/$name.sray
  write_gz=$(best_time sysdig -r "$input" -w "$gz" -z)
  write_sr=$(best_time "$sysray" -r "$input" -w "$sr")
  read_gz=$(best_time "$sysray" -r "$input" -q)
  read_sr=$(best_time "$sysray" -r "$sr" -q)
  gz_size=$(stat -c %s "$gz") sr_size=$(stat -c %s "$sr")
  read -r _ sr_events < <(sray_split "$sr")
  gz_events=$(scap_event_bytes "$input")
  printf '%-24s %9d %9d %6.3f | %9d %9d %6.3f | %8s %8s | %8s %8s\n' "$name" "$gz_size" "$sr_size" \
    "$(echo "$sr_size / $gz_size" | bc -l)" "$gz_events" "$sr_events" "$(echo "$sr_events / $gz_events" | bc -l)" \
    "$write_gz" "$write_sr" "$read_gz" "$read_sr"
done

# A live recording (root only): 5 seconds of this machine with a file and
# process workload, compared with the same events exported as gzip'd scap
# (sysdig cannot capture here, so sysray's own export stands in for -z).
if [ "$(id -u)" = 0 ]; then
  live=$work/live.sray
  (for _ in $(seq 200); do cat /etc/passwd > /dev/null; ls /usr/bin > /dev/null; done) &
  "$sysray" -M 5 -w "$live" 2>/dev/null || true
  wait
  "$sysray" -r "$live" -w "$work/live.scap" -z
  gz_size=$(stat -c %s "$work/live.scap") sr_size=$(stat -c %s "$live")
  printf '%-24s %9d %9d %6.3f   (live, 5 s; scap.gz written by sysray -z)\n' live "$gz_size" "$sr_size" \
    "$(echo "$sr_size / $gz_size" | bc -l)"
fi
