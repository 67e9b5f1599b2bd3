#!/usr/bin/env python3
"""Lighthouse (mobile, simulated throttling) on every page type of the
example site, served with gzip like a static host.

    python3 benches/lighthouse.py [LIGHTHOUSE] [RUNS]

LIGHTHOUSE: the lighthouse command (default: `lighthouse` on PATH; install
with `npm install lighthouse`). Chromium from CHROME_PATH or
/usr/bin/chromium. Builds the repository's example site with
target/release/cerita (or $CERITA), serves it on 127.0.0.1, runs each page RUNS times
(default 1) and prints each category's score (the lowest of the runs) and
the cumulative layout shift, largest contentful paint and total blocking
time (the highest).
"""
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CERITA = os.environ.get("CERITA") or os.path.join(ROOT, "target", "release", "cerita")
TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


def serve(folder):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=folder, **k)

        def log_message(self, *a):
            pass

        def send_head(self):
            path = self.translate_path(self.path)
            if os.path.isdir(path):
                path = os.path.join(path, "index.html")
            if not path.endswith(TEXT) or "gzip" not in self.headers.get("Accept-Encoding", "") or not os.path.isfile(path):
                return super().send_head()
            body = gzip.compress(open(path, "rb").read())
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            import io
            return io.BytesIO(body)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def main():
    lighthouse = sys.argv[1] if len(sys.argv) > 1 else "lighthouse"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    out = tempfile.mkdtemp(prefix="cerita-lh-")
    site = os.path.join(out, "public")
    subprocess.run([CERITA, "build", "--root", ROOT, "-o", site], check=True, capture_output=True)
    httpd = serve(site)
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    # Story pages (not the redirect pages of old addresses).
    stories = sorted(d for d in os.listdir(os.path.join(site, "stories"))
                     if os.path.isfile(os.path.join(site, "stories", d, "index.html"))
                     and 'content="article"' in open(os.path.join(site, "stories", d, "index.html"), encoding="utf-8").read())
    partners = sorted(d for d in os.listdir(os.path.join(site, "partners")) if os.path.isdir(os.path.join(site, "partners", d)))
    tags = sorted(d for d in os.listdir(os.path.join(site, "tags")) if os.path.isdir(os.path.join(site, "tags", d)))
    pages = [
        ("home", ""),
        ("story", f"stories/{stories[0]}/"),
        ("story with gallery", "stories/pojok-baca-kampung-mergangsan/") if os.path.isdir(os.path.join(site, "stories", "pojok-baca-kampung-mergangsan")) else None,
        ("partner", f"partners/{partners[0]}/"),
        ("tag", f"tags/{tags[0]}/"),
        ("archive", "archive/"),
        ("search with results", "search/?q=perempuan"),
    ]
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    print("| page | performance | accessibility | best practices | SEO | CLS | LCP ms | TBT ms |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    worst = True
    for entry in pages:
        if not entry:
            continue
        name, path = entry
        scores, cls, lcp, tbt = {}, 0.0, 0.0, 0.0
        for _ in range(runs):
            report = os.path.join(out, "report.json")
            subprocess.run([lighthouse, base + path, "--quiet", "--output=json", f"--output-path={report}",
                            "--only-categories=performance,accessibility,best-practices,seo",
                            "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                           env=env, check=True, capture_output=True)
            r = json.load(open(report))
            for k, c in r["categories"].items():
                s = round((c["score"] or 0) * 100)
                scores[k] = min(scores.get(k, 100), s)
            a = r["audits"]
            cls = max(cls, a["cumulative-layout-shift"]["numericValue"])
            lcp = max(lcp, a["largest-contentful-paint"]["numericValue"])
            tbt = max(tbt, a["total-blocking-time"]["numericValue"])
        print(f"| {name} (`/{path}`) | {scores['performance']} | {scores['accessibility']} | "
              f"{scores['best-practices']} | {scores['seo']} | {cls:.3f} | {lcp:.0f} | {tbt:.0f} |", flush=True)
        worst = worst and scores["performance"] >= 95 and scores["accessibility"] == 100 and \
            scores["best-practices"] >= 95 and scores["seo"] == 100 and cls <= 0.05
    httpd.shutdown()
    shutil.rmtree(out)
    print("\nall pages within the goals" if worst else "\nSOME PAGE BELOW THE GOALS")


if __name__ == "__main__":
    main()
