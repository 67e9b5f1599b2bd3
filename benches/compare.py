#!/usr/bin/env python3
"""Driver for benches/compare.sh: see that file for usage."""
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# benches/hugo (the Hugo peer site) must not shadow the `hugo` package.
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != os.path.join(ROOT, "benches")]
CERITA = os.path.join(ROOT, "target", "release", "cerita")


def timed(cmd, cwd=None):
    """(wall seconds, peak RSS MB) of one run, via /usr/bin/time -v."""
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stdout[-2000:]}\n{p.stderr[-4000:]}")
    rss = 0
    for line in p.stderr.splitlines():
        if "Maximum resident set size" in line:
            rss = int(line.split()[-1]) / 1024
    return wall, rss


def median_run(cmd, runs, before=None):
    walls, rsss = [], []
    for _ in range(runs):
        if before:
            before()
        w, r = timed(cmd)
        walls.append(w)
        rsss.append(r)
    return statistics.median(walls), statistics.median(rsss)


def find_tool(name, package, rel):
    """A peer tool's real binary: the one a PyPI package ships (not its
    Python launcher, whose start-up would be billed to the tool), else PATH."""
    import site
    for d in site.getsitepackages():
        path = os.path.join(d, package, *rel)
        if os.access(path, os.X_OK):
            return path
    return shutil.which(name)


def site_stats(path):
    pages = files = size = 0
    for d, _, fs in os.walk(path):
        for f in fs:
            files += 1
            size += os.path.getsize(os.path.join(d, f))
            if f.endswith(".html"):
                pages += 1
    return pages, files, size


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    base = os.path.join(os.environ.get("BENCH_DIR", "/tmp/cerita-bench"), str(n))
    site = os.path.join(base, "cerita")
    if not os.path.exists(os.path.join(site, "cerita.yaml")):
        subprocess.run([sys.executable, os.path.join(ROOT, "benches", "gen_corpus.py"), str(n), site], check=True)
        # A build does not trust files changed within a second of it to be
        # unchanged, which would turn the no-change rebuild into a full one.
        time.sleep(1.1)
    out = os.path.join(site, "public")
    rows = []

    def clean(p):
        return lambda: shutil.rmtree(p, ignore_errors=True)

    # With and without the search index, alternated run by run so that a
    # machine slowing down or speeding up affects both alike.
    build = [CERITA, "build", "--root", site]
    full, bare = [], []
    for _ in range(runs):
        clean(out)()
        bare.append(timed(build + ["--no-search"]))
        clean(out)()
        full.append(timed(build))
    with_index, r = (statistics.median(x) for x in zip(*full))
    without, rb = (statistics.median(x) for x in zip(*bare))
    pages, files, size = site_stats(out)
    rows.append(("cerita build", with_index, r, pages, files, size))
    rows.append(("cerita build --no-search", without, rb, 0, 0, 0))
    w2, r2 = median_run(build, runs)
    rows.append(("cerita build (no change, output present)", w2, r2, pages, files, size))

    hugo = find_tool("hugo", "hugo", ["binaries", "hugo"])
    hugo_row = None
    if hugo:
        hsite = os.path.join(base, "hugo")
        if not os.path.exists(os.path.join(hsite, "content")):
            shutil.copytree(os.path.join(ROOT, "benches", "hugo"), hsite, dirs_exist_ok=True)
            shutil.copytree(os.path.join(site, "content", "stories"), os.path.join(hsite, "content", "stories"))
        hout = os.path.join(hsite, "public")
        w, r = median_run([hugo, "--quiet", "-s", hsite, "-d", hout], runs, clean(hout))
        hp, hf, hs = site_stats(hout)
        hugo_row = ("hugo", w, r, hp, hf, hs)
        rows.append(hugo_row)
        pagefind = find_tool("pagefind", "pagefind_bin", ["pagefind"])
        if pagefind:
            pf_out = os.path.join(hout, "pagefind")
            w, r = median_run([pagefind, "--site", hout], runs, clean(pf_out))
            _, pff, pfs = site_stats(pf_out)
            rows.append(("pagefind (over hugo output)", w, r, 0, pff, pfs))

    ver = subprocess.run([CERITA, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"N = {n} stories, median of {runs} runs, {os.cpu_count()} cores, {ver}")
    if hugo:
        print(subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.strip())
    print()
    print("| tool | wall s | peak RSS MB | HTML pages | files | output MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, w, r, p, f, s in rows:
        if p or f:
            print(f"| {name} | {w:.2f} | {r:.0f} | {p} | {f} | {s / 1e6:.1f} |")
        else:
            print(f"| {name} | {w:.2f} | {r:.0f} | | | |")
    print()
    added = with_index - without
    print(f"search index: +{added:.3f} s, {100 * added / without:.1f} % of the build without it")
    if hugo_row:
        c = rows[0]
        print()
        print(f"cerita/hugo: wall {c[1] / hugo_row[1]:.2f}x, peak RSS {c[2] / hugo_row[2]:.2f}x")


if __name__ == "__main__":
    main()
