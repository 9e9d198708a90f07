#!/bin/sh
# Overhead of tracing on a syscall-bound loop (bench_rw_loop: read 64 bytes
# from /dev/zero, write them to /dev/null, N times), run untraced, under a
# sysray LiveSource consumer (sysray_live_consume), the same with the
# pushdown plan of 'evt.type=openat and proc.name=other' (narrow: only the
# pinned syscalls' tracepoints are attached; narrow-raw: the same plan on
# raw_syscalls; narrow-cli: the sysray command with that filter), under
# `sysray -w` (full capture to a .sray file), under bpftrace with empty
# raw_syscalls probes, with empty probes on one unrelated syscall's
# tracepoints (the floor of pinning) and with a counting program, and under
# strace -f. Prints the seconds of each run and the ratio to the untraced
# run. Needs root. CLOCK=cpu times the loop's own CPU seconds instead of
# the wall clock (robust on a machine busy with other work).
#   [CLOCK=wall|cpu] bench/live_overhead.sh [BUILD_DIR] [N]
set -eu
BUILD=${1:-$(dirname "$0")/../build}
N=${2:-1000000}
CLOCK=${CLOCK:-wall}
LOOP="$BUILD/bench/bench_rw_loop"
CONSUMER="$BUILD/bench/sysray_live_consume"
[ -x "$LOOP" ] && [ -x "$CONSUMER" ] || { echo "build first: ninja -C $BUILD bench_rw_loop sysray_live_consume" >&2; exit 1; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Starts a tracer in the background and waits until it prints its ready
# marker (READY for sysray, "Attaching" for bpftrace) on stdout.
start_tracer() { # marker command...
  marker=$1; shift
  "$@" > "$TMP/tracer.out" 2> "$TMP/tracer.err" &
  TRACER=$!
  i=0
  until grep -q "$marker" "$TMP/tracer.out" "$TMP/tracer.err" 2>/dev/null; do
    i=$((i + 1))
    if [ $i -gt 300 ] || ! kill -0 $TRACER 2>/dev/null; then
      echo "tracer did not start: $*" >&2; cat "$TMP/tracer.err" >&2; exit 1
    fi
    sleep 0.1
  done
}
stop_tracer() { kill -INT $TRACER 2>/dev/null || true; wait $TRACER 2>/dev/null || true; }

base=$("$LOOP" "$N" "$CLOCK")
printf '%-10s %10s s  (clock: %s)\n' untraced "$base" "$CLOCK"

start_tracer READY "$CONSUMER" -q
sysray=$("$LOOP" "$N" "$CLOCK")
stop_tracer
printf '%-10s %10s s  x%s   (%s)\n' sysray "$sysray" "$(echo "$sysray / $base" | bc -l | cut -c1-5)" \
  "$(tail -1 "$TMP/tracer.err")"

# A narrow filter pushed into the kernel: the loop's read/write cannot
# match and change no state. Pinned, the probe is not attached to them at
# all; on raw_syscalls (-R) it drops them before any copy.
NARROW='evt.type=openat and proc.name=other'
start_tracer READY "$CONSUMER" -q -f "$NARROW"
narrow=$("$LOOP" "$N" "$CLOCK")
stop_tracer
printf '%-10s %10s s  x%s   (%s)\n' narrow "$narrow" "$(echo "$narrow / $base" | bc -l | cut -c1-5)" \
  "$(tail -1 "$TMP/tracer.err")"
start_tracer READY "$CONSUMER" -q -R -f "$NARROW"
narrow_raw=$("$LOOP" "$N" "$CLOCK")
stop_tracer
printf '%-10s %10s s  x%s   (%s)\n' narrow-raw "$narrow_raw" "$(echo "$narrow_raw / $base" | bc -l | cut -c1-5)" \
  "$(tail -1 "$TMP/tracer.err")"

# Full capture to a trace file (the whole CLI: probe, state, writer with
# compression on its own thread). The file appears once capture has started.
SYSRAY="$BUILD/sysray"
if [ -x "$SYSRAY" ]; then
  "$SYSRAY" -v -w "$TMP/full.sray" > /dev/null 2> "$TMP/write.err" &
  TRACER=$!
  i=0
  until [ -s "$TMP/full.sray" ]; do
    i=$((i + 1)); [ $i -gt 300 ] && { echo "sysray -w did not start" >&2; cat "$TMP/write.err" >&2; exit 1; }
    sleep 0.1
  done
  written=$("$LOOP" "$N" "$CLOCK")
  stop_tracer
  loop_events=$("$SYSRAY" -r "$TMP/full.sray" -p '%evt.num' 'proc.name=bench_rw_loop and evt.type in (read, write)' | wc -l)
  printf '%-10s %10s s  x%s   (%s; %s of the loop'"'"'s %s read/write events in the file, %s bytes)\n' write "$written" \
    "$(echo "$written / $base" | bc -l | cut -c1-5)" "$(grep 'Driver Drops' "$TMP/write.err" | head -1)" \
    "$loop_events" "$((4 * N))" "$(stat -c %s "$TMP/full.sray")"
fi

# The sysray command with the narrow filter (-v says how syscalls are
# caught); it prints nothing, as nothing matches.
if [ -x "$SYSRAY" ]; then
  "$SYSRAY" -v "$NARROW" > /dev/null 2> "$TMP/cli.err" &
  TRACER=$!
  i=0
  until grep -q '^sysray: syscalls:' "$TMP/cli.err"; do
    i=$((i + 1)); [ $i -gt 300 ] && { echo "sysray did not start" >&2; cat "$TMP/cli.err" >&2; exit 1; }
    sleep 0.1
  done
  sleep 1  # the /proc scan ends after attaching
  cli=$("$LOOP" "$N" "$CLOCK")
  stop_tracer
  printf '%-10s %10s s  x%s   (%s)\n' narrow-cli "$cli" "$(echo "$cli / $base" | bc -l | cut -c1-5)" \
    "$(grep '^sysray: syscalls:' "$TMP/cli.err" | cut -c9-)"
fi

if command -v bpftrace >/dev/null; then
  start_tracer Attaching bpftrace -e 'tracepoint:raw_syscalls:sys_enter {} tracepoint:raw_syscalls:sys_exit {}'
  bt=$("$LOOP" "$N" "$CLOCK")
  stop_tracer
  printf '%-10s %10s s  x%s\n' bpftrace "$bt" "$(echo "$bt / $base" | bc -l | cut -c1-5)"
  # The floor of pinning: empty programs on one syscall the loop never makes.
  start_tracer Attaching bpftrace -e 'tracepoint:syscalls:sys_enter_openat {} tracepoint:syscalls:sys_exit_openat {}'
  bt1=$("$LOOP" "$N" "$CLOCK")
  stop_tracer
  printf '%-10s %10s s  x%s\n' bpftrace-1sc "$bt1" "$(echo "$bt1 / $base" | bc -l | cut -c1-5)"
  # A program that does some work per event: count syscalls by command.
  start_tracer Attaching bpftrace -e 'tracepoint:raw_syscalls:sys_enter { @[comm] = count(); }'
  btc=$("$LOOP" "$N" "$CLOCK")
  stop_tracer
  printf '%-10s %10s s  x%s\n' bpftrace-cnt "$btc" "$(echo "$btc / $base" | bc -l | cut -c1-5)"
fi

if command -v strace >/dev/null; then
  st=$(strace -f -o /dev/null "$LOOP" "$N" "$CLOCK")
  printf '%-10s %10s s  x%s\n' strace "$st" "$(echo "$st / $base" | bc -l | cut -c1-5)"
fi
