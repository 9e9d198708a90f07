#!/bin/sh
# Runs Debian's sysdig 0.29.3 on every expression of
# data/filter_expressions.txt and writes data/filter_cases.tsv:
#   capture <TAB> expression <TAB> selected evt.nums, comma separated
# or "error" in the last column when sysdig rejects the expression.
# Run once; the result is committed and tests/compat/filter_equivalence_test
# compares sysray against it.
#
# usage: make_filter_expectations.sh [SHARED_DIR]   (default: ../shared beside the repo)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
shared=${1:-$here/../../../shared}
traces=$shared/traces
in=$here/data/filter_expressions.txt
out=$here/data/filter_cases.tsv

command -v sysdig >/dev/null || { echo "sysdig not found" >&2; exit 1; }
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

grep -v '^#' "$in" | grep -v '^[[:space:]]*$' | while IFS="$(printf '\t')" read -r capture expr; do
  if sysdig -r "$traces/$capture" -p '%evt.num' "$expr" >"$tmp" 2>/dev/null; then
    nums=$(paste -sd, "$tmp")
  else
    nums=error
  fi
  printf '%s\t%s\t%s\n' "$capture" "$expr" "$nums"
done >"$out"
echo "wrote $(wc -l <"$out") cases to $out"
