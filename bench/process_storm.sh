#!/bin/sh
# A process storm under `sysray` live for a minute (issue 8): the storm
# (tests/hardening/workload/process_storm.c) forks short-lived processes
# and threads as fast as it can, an eighth of them exec'd as srstorm_a or
# srstorm_b with args "child I". sysray runs the storm_tables chisel
# (tests/hardening/data), which keeps the last 200 child exits and prints
# the size of sysray's thread and fd tables at the end. Prints the storm's
# rate, sysray's events and drops, its RSS over time (sampled every
# second) and peak (VmHWM), the table sizes against the threads alive,
# and how many of the kept exits had a wrong name. Needs root.
#   bench/process_storm.sh [BUILD_DIR] [SECONDS]
set -eu
HERE=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$HERE/build}
SECS=${2:-60}
SYSRAY="$BUILD/sysray"
STORM="$BUILD/tests/sysray_process_storm"
[ -x "$SYSRAY" ] && [ -x "$STORM" ] || { echo "build first: ninja -C $BUILD sysray sysray_process_storm" >&2; exit 1; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cp "$STORM" "$TMP/srstorm_a"
cp "$STORM" "$TMP/srstorm_b"
alive() { ls -d /proc/[0-9]*/task/[0-9]* 2>/dev/null | wc -l; }
kib() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }

"$SYSRAY" -v -c "$HERE/tests/hardening/data/storm_tables.lua" > "$TMP/out" 2> "$TMP/err" &
PID=$!
i=0
until grep -q '^capture started' "$TMP/out"; do  # the probe loaded, /proc read
  i=$((i + 1))
  if [ $i -gt 300 ] || ! kill -0 $PID 2>/dev/null; then echo "sysray did not start:" >&2; cat "$TMP/err" >&2; exit 1; fi
  sleep 0.1
done
(while kill -0 $PID 2>/dev/null; do kib $PID VmRSS; sleep 1; done) > "$TMP/rss" 2>/dev/null &
SAMPLER=$!
before=$(alive)
start=$(date +%s.%N)
counts=$("$STORM" "$SECS" "$TMP")
end=$(date +%s.%N)
sleep 1
after=$(alive)
hwm=$(kib $PID VmHWM)
kill -INT $PID
wait $PID || { echo "sysray failed:" >&2; cat "$TMP/err" >&2; exit 1; }
kill $SAMPLER 2>/dev/null || true

set -- $counts  # processes N threads M execs K
secs=$(echo "$end - $start" | bc -l)
printf 'storm:   %s s, %s processes (%s exec'"'"'d), %s threads: %.0f processes/s, %.0f threads/s\n' \
  "$(printf %.1f "$secs")" "$2" "$6" "$4" "$(echo "$2 / $secs" | bc -l)" "$(echo "$4 / $secs" | bc -l)"
printf 'sysray:  %s\n' "$(grep -E '^(Driver Events|Driver Drops|Elapsed)' "$TMP/err" | tr '\n' ' ')"
printf 'RSS:     first 10 s max %s KiB, last 10 s max %s KiB, peak (VmHWM) %s KiB\n' \
  "$(head -10 "$TMP/rss" | sort -n | tail -1)" "$(tail -10 "$TMP/rss" | sort -n | tail -1)" "$hwm"
printf 'tables:  %s (threads alive: %s before the storm, %s after)\n' \
  "$(grep '^table' "$TMP/out")" "$before" "$after"
awk -F'|' '/^exit\|/ { split($4, a, " "); want = (int(a[2] / 8) % 2 == 0) ? "srstorm_a" : "srstorm_b";
  n++; if ($2 != want || $3 != want) bad++ }
  END { printf "names:   %d of the last %d child exits wrong\n", bad, n }' "$TMP/out"
grep '^exits' "$TMP/out" | sed 's/^/chisel:  /'
