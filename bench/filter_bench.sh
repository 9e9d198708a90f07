#!/bin/sh
# Filter throughput: sysray vs sysdig reading the same large capture with
# -q (no output) and each filter below; prints the best of RUNS wall times.
#
# usage: bench/filter_bench.sh SYSRAY_BINARY [BIG.scap] [RUNS]
#   BIG.scap defaults to /tmp/big.scap, grown on first use from
#   ../shared/traces/curl_google.scap x1000 (~1.2M events; GROW=N to change).
set -eu
sysray=${1:?usage: $0 SYSRAY_BINARY [BIG.scap] [RUNS]}
big=${2:-/tmp/big.scap}
runs=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
shared=${SYSRAY_SHARED_DIR:-$here/../../shared}

if [ ! -f "$big" ]; then
  echo "growing $big from curl_google.scap x${GROW:-1000} ..." >&2
  # The shared captures are gzipped; scapgrow.py reads plain scap.
  plain=$(mktemp)
  gzip -dc "$shared/traces/curl_google.scap" >"$plain" 2>/dev/null || cp "$shared/traces/curl_google.scap" "$plain"
  python3 "$shared/tools/scapgrow.py" "$plain" "$big" "${GROW:-1000}"
  rm -f "$plain"
fi

# Seconds (wall clock) of the fastest of $runs runs of the command.
best_time() {
  best=""
  i=0
  while [ "$i" -lt "$runs" ]; do
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
    i=$((i + 1))
  done
  echo "$best"
}

filters='evt.type=open
proc.name=curl and evt.dir=<
fd.name contains /etc/
evt.type in (read, write, recvfrom, sendto) and fd.type=ipv6
not evt.type=switch
fd.sip=2001:4860:4860::8888 or fd.sport=53
evt.rawres<0
proc.aname=bash'

printf '%-60s %10s %10s %8s\n' filter sysray_s sysdig_s ratio
echo "$filters" | while IFS= read -r f; do
  ours=$(best_time "$sysray" -r "$big" -q "$f")
  theirs=$(best_time sysdig -r "$big" -q "$f")
  ratio=$(echo "scale=2; $theirs / $ours" | bc)
  printf '%-60s %10.3f %10.3f %7sx\n' "$f" "$ours" "$theirs" "$ratio"
done
