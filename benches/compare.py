#!/usr/bin/env python3
"""Driver for benches/compare.sh: see that file for usage."""
import argparse
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
    """(wall seconds, peak RSS MB) of one run, via /usr/bin/time -v. Dirty
    pages of earlier runs are written out first, so no run pays for
    another's writes."""
    os.sync()
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
    pages = files = dirs = size = 0
    for d, ds, fs in os.walk(path):
        dirs += len(ds)
        for f in fs:
            files += 1
            size += os.path.getsize(os.path.join(d, f))
            if f.endswith(".html"):
                pages += 1
    return pages, files, dirs, size


def peer_lists_stories(out, hout):
    """The peer's topic pages list the stories cerita's do (a template the
    peer's version does not pick renders them empty: less work, an unfair
    ratio). Returns a message when they do not."""
    tags = os.path.join(out, "tags")
    for slug in sorted(os.listdir(tags)) if os.path.isdir(tags) else []:
        ours = os.path.join(tags, slug, "index.html")
        theirs = os.path.join(hout, "tags", slug, "index.html")
        if not (os.path.isfile(ours) and os.path.isfile(theirs)):
            continue
        count = [open(p, encoding="utf-8").read().count('<li class="card') for p in (ours, theirs)]
        if count[1] != count[0]:
            return f"/tags/{slug}/ lists {count[0]} stories in cerita's output, {count[1]} in Hugo's"
        return None
    return "no topic page in both outputs to compare"


def rmtree(p):
    shutil.rmtree(p, ignore_errors=True)


def fs_type(path):
    out = subprocess.run(["df", "-T", path], capture_output=True, text=True).stdout.splitlines()
    return out[-1].split()[1] if len(out) > 1 else "?"


def strace_counts(cmd, files):
    """System calls per output file of one run (strace -c -f)."""
    if not shutil.which("strace"):
        return None
    log = "/tmp/cerita-compare-strace.txt"
    subprocess.run(["strace", "-c", "-f", "-o", log] + cmd, capture_output=True)
    counts = {}
    total = 0
    for line in open(log):
        parts = line.split()
        if len(parts) >= 5 and parts[0][0].isdigit() and parts[-1] != "total":
            calls = int(parts[3])
            counts[parts[-1]] = calls
            total += calls
    top = sorted(counts.items(), key=lambda kv: -kv[1])[:6]
    return total / max(files, 1), top


def main():
    ap = argparse.ArgumentParser(description="cerita against Hugo (and cp -a) on one disk, alternated.")
    ap.add_argument("n", type=int, nargs="?", default=1000, help="stories")
    ap.add_argument("runs", type=int, nargs="?", default=3, help="rounds (each tool once per round)")
    ap.add_argument("--disk", metavar="DIR",
                    help="folder for corpora and outputs (default: $BENCH_DIR, else target/bench, on the repository's disk)")
    ap.add_argument("--posts", action="store_true",
                    help="title-only posts with a one-file Hugo template (benches/gen_posts.py) instead of the story corpus")
    ap.add_argument("--strace", action="store_true", help="also count system calls per output file")
    ap.add_argument("--hugo-related", action="store_true",
                    help="keep Hugo's related-content list on story pages (.Site.RegularPages.Related, "
                         "quadratic: 75-90 s at 10,000 stories); by default the Hugo peer leaves it out")
    ap.add_argument("--settle", type=float, default=0, metavar="SECONDS",
                    help="wait this long after removing the outputs before each round (ext4 without a "
                         "journal scans inodes freed in the last 30 s at every file it creates; 35 leaves them "
                         "out, as on a CI runner's fresh disk)")
    a = ap.parse_args()

    disk = a.disk or os.environ.get("BENCH_DIR") or os.path.join(ROOT, "target", "bench")
    kind = "posts" if a.posts else "stories"
    base = os.path.join(disk, f"{kind}-{a.n}")
    site = os.path.join(base, "cerita")
    hsite = os.path.join(base, "hugo")
    if not os.path.exists(os.path.join(site, "cerita.yaml")):
        os.makedirs(base, exist_ok=True)
        if a.posts:
            subprocess.run([sys.executable, os.path.join(ROOT, "benches", "gen_posts.py"), str(a.n), base], check=True)
        else:
            subprocess.run([sys.executable, os.path.join(ROOT, "benches", "gen_corpus.py"), str(a.n), site], check=True)
        # A build does not trust files changed within a second of it to be
        # unchanged, which would turn the no-change rebuild into a full one.
        time.sleep(1.1)
    hugo = find_tool("hugo", "hugo", ["binaries", "hugo"])
    if hugo and not os.path.exists(os.path.join(hsite, "content")):
        shutil.copytree(os.path.join(ROOT, "benches", "hugo"), hsite, dirs_exist_ok=True)
        shutil.copytree(os.path.join(site, "content", "stories"), os.path.join(hsite, "content", "stories"))
    if hugo and not a.posts:
        # The peer's templates as the repository has them now, never a copy
        # left by an older run (stale layouts decide which template Hugo picks).
        shutil.rmtree(os.path.join(hsite, "layouts"), ignore_errors=True)
        shutil.copytree(os.path.join(ROOT, "benches", "hugo", "layouts"), os.path.join(hsite, "layouts"))
        shutil.copy(os.path.join(ROOT, "benches", "hugo", "hugo.toml"), hsite)
        single = os.path.join(hsite, "layouts", "_default", "single.html")
        with open(os.path.join(ROOT, "benches", "hugo", "layouts", "_default", "single.html")) as f:
            lines = f.readlines()
        if not a.hugo_related:
            lines = [line for line in lines if ".Related" not in line]
        with open(single, "w") as f:
            f.writelines(lines)

    out = os.path.join(site, "public")
    cache = os.path.join(site, ".cerita-cache")
    hout = os.path.join(hsite, "public")
    ref = os.path.join(base, "cp-source")
    cpout = os.path.join(base, "cp-copy")
    build = [CERITA, "build", "--root", site]

    # One round runs every tool once, in a rotating order, each into an
    # empty output folder (a first build, as in CI); both tools and the copy
    # slow down together when the disk is busy, so ratios are taken per round.
    bare_out = os.path.join(base, "cerita-no-search")

    def clean_all():
        for p in (out, cache, hout, cpout, bare_out):
            rmtree(p)
        os.sync()
        time.sleep(a.settle)

    def cerita_fresh():
        return timed(build)

    def cerita_bare():
        return timed(build + ["--no-search", "-o", bare_out])

    def hugo_fresh():
        return timed([hugo, "--quiet", "-s", hsite, "-d", hout])

    def copy():
        return timed(["cp", "-a", ref, cpout])

    tools = [("cerita build", cerita_fresh), ("cp -a of cerita's output", copy),
             ("cerita build --no-search", cerita_bare)]
    if hugo:
        tools.insert(1, ("hugo", hugo_fresh))
    clean_all()
    cerita_fresh()
    if hugo and not a.posts:
        hugo_fresh()
        unequal = peer_lists_stories(out, hout)
        if unequal:
            sys.exit(f"the peers do not build equivalent pages: {unequal}")
    rmtree(ref)
    subprocess.run(["cp", "-a", out, ref], check=True)
    results = {name: [] for name, _ in tools}
    for r in range(a.runs):
        clean_all()
        order = tools[r % len(tools):] + tools[:r % len(tools)]
        for name, fn in order:
            results[name].append(fn())

    # Rebuilds as a writer makes them: one story edited, the output present.
    story = sorted(os.listdir(os.path.join(site, "content", "stories")))
    first = os.path.join(site, "content", "stories", story[0])
    if os.path.isdir(first):
        first = os.path.join(first, sorted(os.listdir(first))[0])

    def edit(path):
        with open(path, "a", encoding="utf-8") as f:
            f.write("\nSatu kalimat lagi.\n")

    hfirst = first.replace(site, hsite, 1)
    rebuild = {"cerita rebuild (one story edited, output present)": [],
               "hugo rebuild (one story edited, output present)": []}
    clean_all()
    cerita_fresh()
    if hugo:
        hugo_fresh()
    for r in range(a.runs):
        edit(first)
        rebuild["cerita rebuild (one story edited, output present)"].append(timed(build))
        if hugo:
            edit(hfirst)
            rebuild["hugo rebuild (one story edited, output present)"].append(
                timed([hugo, "--quiet", "-s", hsite, "-d", hout]))
    time.sleep(1.1)
    timed(build)
    nochange = [timed(build) for _ in range(a.runs)]

    ver = subprocess.run([CERITA, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"{kind}: N = {a.n}, {a.runs} alternated rounds, {os.cpu_count()} cores, {ver}")
    print(f"disk: {disk} ({fs_type(disk)}), {a.settle:.0f} s between removing the outputs and each round")
    if hugo:
        print(subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.strip())
        if not a.posts:
            print("Hugo story pages " + ("with" if a.hugo_related else "without") + " related stories")
    print()
    cstats = site_stats(out)
    hstats = site_stats(hout) if hugo else None
    print("| run | wall s (median) | range | peak RSS MB | HTML pages | files | folders | output MB |")
    print("|---|---:|---|---:|---:|---:|---:|---:|")

    def row(name, runs, stats=None):
        walls = [w for w, _ in runs]
        rss = statistics.median(r for _, r in runs)
        cells = ["", "", "", ""] if not stats else [str(stats[0]), str(stats[1]), str(stats[2]), f"{stats[3] / 1e6:.1f}"]
        print(f"| {name} | {statistics.median(walls):.2f} | {min(walls):.2f}–{max(walls):.2f} | {rss:.0f} | " + " | ".join(cells) + " |")

    for name, _ in tools:
        stats = cstats if name == "cerita build" else hstats if name == "hugo" else None
        row(name, results[name], stats)
    for name, runs in rebuild.items():
        if runs:
            row(name, runs)
    row("cerita build (no change)", nochange)
    print()

    def ratio(a_name, b_name):
        per_round = [x[0] / y[0] for x, y in zip(results[a_name], results[b_name])]
        return statistics.median(per_round), min(per_round), max(per_round)

    for other in (["hugo"] if hugo else []) + ["cp -a of cerita's output"]:
        m, lo, hi = ratio("cerita build", other)
        print(f"cerita / {other}: {m:.2f}x (rounds {lo:.2f}–{hi:.2f})")
    m, lo, hi = ratio("cerita build", "cerita build --no-search")
    print(f"search index share: cerita / cerita --no-search {m:.2f}x")
    if hugo and rebuild["hugo rebuild (one story edited, output present)"]:
        per = [x[0] / y[0] for x, y in zip(*rebuild.values())]
        print(f"rebuild, cerita / hugo: {statistics.median(per):.2f}x (rounds {min(per):.2f}–{max(per):.2f})")

    if a.strace:
        print()
        clean_all()
        c = strace_counts(build, cstats[1] + cstats[2])
        if c:
            print(f"cerita, fresh build: {c[0]:.1f} system calls per output file or folder; most: {c[1]}")
        if hugo:
            h = strace_counts([hugo, "--quiet", "-s", hsite, "-d", hout], hstats[1] + hstats[2])
            if h:
                print(f"hugo, fresh build: {h[0]:.1f} system calls per output file or folder; most: {h[1]}")


if __name__ == "__main__":
    main()
