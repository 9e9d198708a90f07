#!/bin/sh
# Builds the seed corpus of every harness into OUT/HARNESS/, from the shared
# sample captures (read here, never copied into the source tree), from files
# sysray writes from them (.sray traces, .scap captures) and from the
# hand-written seeds in tests/fuzz/seeds/.
#
# usage: tests/fuzz/build_seeds.sh SYSRAY SHARED_DIR OUT_DIR
set -eu

sysray=${1:?usage: build_seeds.sh SYSRAY SHARED_DIR OUT_DIR}
shared=${2:?usage: build_seeds.sh SYSRAY SHARED_DIR OUT_DIR}
out=${3:?usage: build_seeds.sh SYSRAY SHARED_DIR OUT_DIR}
src=$(cd "$(dirname "$0")/../.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

mkdir -p "$out/scap_reader_fuzz" "$out/trace_reader_fuzz" "$out/trace_codec_fuzz" \
         "$out/filter_fuzz" "$out/format_fuzz" "$out/chisel_args_fuzz"
for harness in format_fuzz chisel_args_fuzz; do
  cp "$src/tests/fuzz/seeds/$harness"/* "$out/$harness/"
done

i=0
for capture in "$shared"/traces/*.scap; do
  i=$((i + 1))
  base=$(basename "$capture" .scap)

  # The scap reader: the captures as they are and uncompressed (so that
  # mutations hit block fields directly), and the captures sysray writes.
  cp "$capture" "$out/scap_reader_fuzz/$base.scap"
  gzip -dcf "$capture" > "$out/scap_reader_fuzz/plain_$base.scap"
  "$sysray" -r "$capture" -w "$out/scap_reader_fuzz/written_$base.scap"
  "$sysray" -r "$capture" -z -w "$out/scap_reader_fuzz/written_gz_$base.scap"

  # The native reader: the .sray traces sysray writes; the column decoders:
  # their blocks, decompressed (a selector byte, then a payload).
  "$sysray" -r "$capture" -w "$scratch/$base.sray"
  cp "$scratch/$base.sray" "$out/trace_reader_fuzz/"
  python3 "$src/tests/fuzz/trace_codec_seeds.py" "$scratch/$base.sray" "$out/trace_codec_fuzz/$base"

  # The -p format parser: the arguments this capture's events carry, as
  # %evt.arg.NAME and %evt.rawarg.NAME (the events rendered come from a
  # capture too: SYSRAY_FUZZ_CAPTURE).
  names=$("$sysray" -r "$capture" | grep -o ' [a-z_]*=' | tr -d ' =' | sort -u | head -n 40)
  fmt=""
  for n in $names; do fmt="$fmt%evt.arg.$n %evt.rawarg.$n "; done
  printf '\000%s' "$fmt" > "$out/format_fuzz/args_$base"
  printf '\001*%s' "$fmt" > "$out/format_fuzz/args_json_$base"

  # Chisel arguments: filters on this capture's process and file names.
  proc=$("$sysray" -r "$capture" -p '%proc.name' | sort -u | head -n 1)
  file=$("$sysray" -r "$capture" -p '%fd.name' 'fd.type=file' | sort -u | head -n 1)
  printf "\\$(printf '%03o' "$i")proc.name=%s" "$proc" > "$out/chisel_args_fuzz/proc_$base"
  printf "\\$(printf '%03o' $((i + 20)))'fd.name contains %s' 10" "$file" > "$out/chisel_args_fuzz/file_$base"
done

# The filter compiler: one seed per recorded filter expression.
i=0
cut -f2 "$src/tests/filters/data/filter_cases.tsv" | while IFS= read -r expr; do
  i=$((i + 1))
  printf '%s' "$expr" > "$out/filter_fuzz/expr_$i"
done

# The -p format parser: one seed per field sysray knows (sysray -l).
"$sysray" -l | grep -o '^[a-z][a-z0-9_]*\.[a-zA-Z0-9_.]*' | sort -u | while IFS= read -r field; do
  printf '\000%%%s' "$field" > "$out/format_fuzz/field_$field"
done
