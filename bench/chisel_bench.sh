#!/usr/bin/env bash
# Chisels: sysray -c NAME against sysdig -c NAME on the same grown capture,
# same run. Grows curl_google.scap with scapgrow.py to about a million
# events (shared with read_bench.sh), then times topfiles_bytes,
# topprocs_cpu and topscalls_time (best of N runs) and prints the ratios.
# Both tools run their own chisels from their default search paths.
#
# usage: bench/chisel_bench.sh [SYSRAY_BINARY] [REPEAT_FACTOR] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
sysray=$(realpath "${1:-$here/build/sysray}")
factor=${2:-650}
runs=${3:-3}
shared=${SYSRAY_SHARED_DIR:-$here/../shared}
big=${BENCH_DIR:-/tmp}/sysray-bench-curl-x$factor.scap
if [ ! -f "$big" ]; then
  # scapgrow.py reads plain captures; the samples may be gzip-compressed.
  plain=$(mktemp)
  gzip -dcf "$shared/traces/curl_google.scap" > "$plain"
  python3 "$shared/tools/scapgrow.py" "$plain" "$big" "$factor" >/dev/null
  rm -f "$plain"
fi

# Best of $runs runs of "$@" (output discarded): "wall_s cpu_s", where cpu
# is user+sys time. On a shared machine CPU time is the steadier measure.
best_times() {
  local best_wall="" best_cpu="" out
  out=$(mktemp)
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %U %S" -o "$out" "$@" >/dev/null 2>&1
    read -r wall user sys < "$out"
    local cpu
    cpu=$(echo "$user + $sys" | bc -l)
    if [ -z "$best_wall" ] || [ "$(echo "$wall < $best_wall" | bc -l)" = 1 ]; then best_wall=$wall; fi
    if [ -z "$best_cpu" ] || [ "$(echo "$cpu < $best_cpu" | bc -l)" = 1 ]; then best_cpu=$cpu; fi
  done
  rm -f "$out"
  printf '%.2f %.2f' "$best_wall" "$best_cpu"
}

events=$("$sysray" -r "$big" -q -S | awk 'NR>3 {n += $NF} END {print n}')
echo "input: $big ($events events)"
# Run from /tmp so that no ./chisels directory shadows either tool's chisels.
cd /tmp
printf '%-16s %9s %9s %9s %9s %8s %8s\n' chisel sr_wall sd_wall sr_cpu sd_cpu wall_x cpu_x
for chisel in topfiles_bytes topprocs_cpu topscalls_time; do
  read -r s_wall s_cpu <<< "$(best_times "$sysray" -r "$big" -c "$chisel")"
  if command -v sysdig >/dev/null; then
    read -r d_wall d_cpu <<< "$(best_times sysdig -r "$big" -c "$chisel")"
    printf '%-16s %9s %9s %9s %9s %7.2fx %7.2fx\n' "$chisel" "$s_wall" "$d_wall" "$s_cpu" "$d_cpu" \
      "$(echo "$d_wall / $s_wall" | bc -l)" "$(echo "$d_cpu / $s_cpu" | bc -l)"
  else
    printf '%-16s %9s %9s %9s %9s %8s %8s\n' "$chisel" "$s_wall" n/a "$s_cpu" n/a n/a n/a
  fi
done
