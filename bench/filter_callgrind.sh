#!/bin/sh
# Filter cost in instructions, which (unlike wall time on a shared machine)
# repeats exactly: sysray and sysdig under valgrind's callgrind, -q with each
# filter of filter_bench.sh, on curl_google.scap (SMALL, 1,536 events) and
# on it grown 50 times (MED, 76,800 events). Instructions per event are
# (MED - SMALL) / (76,800 - 1,536): the per-event cost without start-up
# (sysdig spends ~80M instructions starting).
#
# usage: bench/filter_callgrind.sh SYSRAY_BINARY [WORKDIR]
set -eu
sysray=${1:?usage: $0 SYSRAY_BINARY [WORKDIR]}
work=${2:-/tmp}
here=$(cd "$(dirname "$0")" && pwd)
shared=${SYSRAY_SHARED_DIR:-$here/../../shared}
small=$work/curl_plain.scap
med=$work/med.scap

[ -f "$small" ] || gzip -dc "$shared/traces/curl_google.scap" >"$small"
[ -f "$med" ] || python3 "$shared/tools/scapgrow.py" "$small" "$med" 50 >/dev/null

# Instructions callgrind counts for one run.
instructions() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
    awk '/refs:/ { gsub(",", "", $4); print $4 }'
}

filters='evt.type=open
proc.name=curl and evt.dir=<
fd.name contains /etc/
evt.type in (read, write, recvfrom, sendto) and fd.type=ipv6
not evt.type=switch
fd.sip=2001:4860:4860::8888 or fd.sport=53
evt.rawres<0
proc.aname=bash'

printf '%-60s %12s %12s %8s\n' filter sysray_i/ev sysdig_i/ev ratio
echo "$filters" | while IFS= read -r f; do
  ours=$(( ($(instructions "$sysray" -r "$med" -q "$f") - $(instructions "$sysray" -r "$small" -q "$f")) / 75264 ))
  theirs=$(( ($(instructions sysdig -r "$med" -q "$f") - $(instructions sysdig -r "$small" -q "$f")) / 75264 ))
  printf '%-60s %12d %12d %7sx\n' "$f" "$ours" "$theirs" "$(echo "scale=2; $theirs / $ours" | bc)"
done
