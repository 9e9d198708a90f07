#!/usr/bin/env bash
# Installs every Debian 12 package sysray needs to build, test and benchmark.
# Idempotent: safe to run again; apt-get only installs what is missing.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps.sh: run as root (it calls apt-get)" >&2
  exit 1
fi

BUILD_PACKAGES=(
  build-essential cmake pkg-config ninja-build
  libbpf-dev libelf-dev zlib1g-dev libzstd-dev
  libluajit2-5.1-dev libcli11-dev libfmt-dev libgtest-dev
  clang llvm bpftool
)
# sysdig 0.29.3 is the reference implementation the compatibility tests and
# benchmarks compare against; python3 runs scapgrow.py for benchmark inputs;
# the zstd tool unpacks trace blocks to seed the trace fuzzers.
TEST_PACKAGES=(sysdig python3 strace bpftrace hyperfine bc zstd)

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
