#!/usr/bin/env bash
# Reading and printing a capture: sysray -r against sysdig -r, same input,
# same run. Grows curl_google.scap with scapgrow.py to about a million
# events, then times each command (best of N runs) and prints ratios.
#
# usage: bench/read_bench.sh [SYSRAY_BINARY] [REPEAT_FACTOR] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
sysray=${1:-$here/build/sysray}
factor=${2:-1000}
runs=${3:-3}
shared=${SYSRAY_SHARED_DIR:-$here/../shared}
big=${BENCH_DIR:-/tmp}/sysray-bench-curl-x$factor.scap
if [ ! -f "$big" ]; then
  # scapgrow.py reads plain captures; the samples are gzip-compressed.
  plain=$(mktemp)
  gzip -dcf "$shared/traces/curl_google.scap" > "$plain"
  python3 "$shared/tools/scapgrow.py" "$plain" "$big" "$factor" >/dev/null
  rm -f "$plain"
fi

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

events=$("$sysray" -r "$big" -q -S | awk 'NR>3 {n += $NF} END {print n}')
echo "input: $big ($events events)"
printf '%-28s %10s %10s %8s\n' case sysray_s sysdig_s speedup
for mode in print quiet; do
  if [ "$mode" = print ]; then args=(); else args=(-q); fi
  s=$(best_time "$sysray" -r "$big" "${args[@]}")
  if command -v sysdig >/dev/null; then
    d=$(best_time sysdig -r "$big" "${args[@]}")
    ratio=$(echo "$d / $s" | bc -l)
    printf '%-28s %10s %10s %7.2fx\n' "-r ${args[*]:-(print all)}" "$s" "$d" "$ratio"
  else
    printf '%-28s %10s %10s %8s\n' "-r ${args[*]:-(print all)}" "$s" "n/a" "n/a"
  fi
done
