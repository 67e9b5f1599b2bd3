#!/usr/bin/env python3
"""Two cerita binaries building the same site, alternated, so both see the
same machine: median wall time, CPU time and peak RSS of each.

    python3 benches/ab.py OLD NEW SITE [--rounds 8] [--out DIR] [-- extra build args]

OUT (default: a folder beside SITE) is removed before every build, so each
run is a full build; put SITE and OUT on the disk you want to measure.
"""
import argparse
import os
import shutil
import statistics
import subprocess


def run(binary, site, out, extra):
    shutil.rmtree(out, ignore_errors=True)
    # The build stamp lives in the site; forget it so every run builds in full.
    shutil.rmtree(os.path.join(site, ".cerita-cache", "builds"), ignore_errors=True)
    r = subprocess.run(
        ["/usr/bin/time", "-f", "%e %U %S %M", binary, "build", "--root", site, "--output", out, *extra],
        capture_output=True, text=True, check=True)
    wall, user, sys_, rss = r.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(sys_), int(rss) / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("site")
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--out")
    ap.add_argument("extra", nargs="*")
    a = ap.parse_args()
    out = a.out or os.path.join(os.path.dirname(os.path.abspath(a.site)), "ab-public")
    results = {a.old: [], a.new: []}
    run(a.new, a.site, out, a.extra)  # warm the page cache and the image cache
    for i in range(a.rounds):
        order = (a.old, a.new) if i % 2 == 0 else (a.new, a.old)
        for b in order:
            results[b].append(run(b, a.site, out, a.extra))
    shutil.rmtree(out, ignore_errors=True)
    med = {b: [statistics.median(x[k] for x in r) for k in range(3)] for b, r in results.items()}
    for b in (a.old, a.new):
        w, c, m = med[b]
        walls = ", ".join(f"{x[0]:.2f}" for x in results[b])
        print(f"{b}: wall {w:.2f} s, CPU {c:.2f} s, peak RSS {m:.0f} MB  (walls: {walls})")
    print(f"new/old: wall {med[a.new][0] / med[a.old][0]:.3f}, CPU {med[a.new][1] / med[a.old][1]:.3f}, "
          f"RSS {med[a.new][2] / med[a.old][2]:.3f}")


if __name__ == "__main__":
    main()
