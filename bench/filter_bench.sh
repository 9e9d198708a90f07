#!/bin/sh
# Filter throughput: sysray vs sysdig reading the same large capture with
# -q (no output) and each filter below; prints the best of RUNS wall times
# and the best of RUNS CPU times (user + system), with their ratios.
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

# The fastest of $runs runs of the command: "WALL CPU" in seconds, CPU
# being user + system time of that run. On a shared, loaded machine wall
# time mostly measures the other processes; CPU time much less so.
best_time() {
  best=""
  best_cpu=""
  i=0
  tf=$(mktemp)
  while [ "$i" -lt "$runs" ]; do
    start=$(date +%s.%N)
    /usr/bin/time -f '%U %S' -o "$tf" "$@" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc)
    c=$(awk '{print $1 + $2}' "$tf")  # GNU time: 10 ms resolution
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
    if [ -z "$best_cpu" ] || [ "$(echo "$c < $best_cpu" | bc)" = 1 ]; then best_cpu=$c; fi
    i=$((i + 1))
  done
  rm -f "$tf"
  echo "$best $best_cpu"
}

filters='evt.type=open
proc.name=curl and evt.dir=<
fd.name contains /etc/
evt.type in (read, write, recvfrom, sendto) and fd.type=ipv6
not evt.type=switch
fd.sip=2001:4860:4860::8888 or fd.sport=53
evt.rawres<0
proc.aname=bash'

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
printf '%-60s %9s %9s %7s %10s %10s %7s\n' filter sysray_s sysdig_s ratio sysray_cpu sysdig_cpu ratio
echo "$filters" | while IFS= read -r f; do
  set -- $(best_time "$sysray" -r "$big" -q "$f")
  ours=$1 ours_cpu=$2
  set -- $(best_time sysdig -r "$big" -q "$f")
  theirs=$1 theirs_cpu=$2
  ratio=$(echo "scale=2; $theirs / $ours" | bc)
  cpu_ratio=$(echo "scale=2; $theirs_cpu / $ours_cpu" | bc)
  printf '%-60s %9.3f %9.3f %6sx %10.3f %10.3f %6sx\n' "$f" "$ours" "$theirs" "$ratio" "$ours_cpu" "$theirs_cpu" "$cpu_ratio"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
