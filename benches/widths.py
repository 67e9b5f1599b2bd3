#!/usr/bin/env python3
"""Which photo version each reader's screen takes, and its bytes: a story
with the given photos is built by each binary, served on 127.0.0.1, and
opened in Chromium told it is each phone or laptop below (its width in CSS
pixels and its device pixel ratio). For each photo the script prints the
version the browser took, its size, and its density: photo pixels per
CSS pixel of the column it fills (sharp when at least the screen's ratio).

    python3 benches/widths.py PHOTO_DIR OLD_BINARY NEW_BINARY

Needs node and puppeteer-core (`npm install puppeteer-core`; NODE_PATH
names its node_modules if it is elsewhere) and Chromium (CHROME_PATH or
/usr/bin/chromium).
"""
import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading

SCREENS = [
    # name, CSS pixels wide, high, device pixel ratio, mobile
    ("720p phone", 360, 800, 2, True),
    ("1080p phone", 393, 873, 2.75, True),
    ("1080p phone", 412, 915, 2.625, True),
    ("1080p phone", 360, 780, 3, True),
    ("1440p phone", 412, 915, 3.5, True),
    ("laptop", 1366, 768, 1, False),
    ("desktop", 1920, 1080, 1, False),
    ("laptop at 125 %", 1536, 864, 1.25, False),
    ("laptop at 150 %", 1280, 800, 1.5, False),
    ("2x laptop", 1440, 900, 2, False),
]

PICK = r"""
const puppeteer = require('puppeteer-core');
const [url, screens, chrome] = JSON.parse(process.argv[2]);
(async () => {
  const b = await puppeteer.launch({executablePath: chrome, args: ['--no-sandbox']});
  const out = [];
  for (const [name, w, h, dpr, mobile] of screens) {
    const ctx = await b.createBrowserContext();
    const p = await ctx.newPage();
    await p.emulate({viewport: {width: w, height: h, deviceScaleFactor: dpr, isMobile: mobile, hasTouch: mobile}, userAgent: ''});
    await p.goto(url, {waitUntil: 'load'});
    const got = await p.evaluate(async () => {
      const imgs = [...document.querySelectorAll('main picture img')];
      imgs.forEach(i => { i.loading = 'eager'; });
      await Promise.all(imgs.map(i => i.complete && i.currentSrc ? 0 : new Promise(r => { i.onload = i.onerror = r; })));
      return imgs.map(i => [new URL(i.currentSrc).pathname, i.getBoundingClientRect().width]);
    });
    out.push([name, w, dpr, got]);
    await ctx.close();
  }
  await b.close();
  console.log(JSON.stringify(out));
})();
"""


def build(binary, photos, folder):
    subprocess.run([binary, "init", folder], check=True, capture_output=True)
    story = os.path.join(folder, "content", "stories")
    md = next(
        os.path.join(d, f) for d, _, fs in os.walk(story) for f in fs if f.endswith(".md")
    )
    body = ""
    for p in photos:
        name = os.path.basename(p)
        with open(p, "rb") as src, open(os.path.join(os.path.dirname(md), name), "wb") as dst:
            dst.write(src.read())
        body += f"\n![Foto {name}]({name})\n"
    with open(md, "a") as f:
        f.write(body)
    subprocess.run([binary, "build"], cwd=folder, check=True, capture_output=True)
    rel = os.path.relpath(os.path.dirname(md), os.path.join(folder, "content"))
    slug = os.path.splitext(os.path.basename(md))[0]
    return os.path.join(folder, "public"), f"/{rel.split(os.sep)[0]}/{slug}/"


def serve(folder):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):
            pass

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, *a):
            pass  # a browser closing a connection it no longer needs

    httpd = Server(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    photo_dir, *binaries = sys.argv[1:]
    photos = sorted(
        os.path.join(photo_dir, f)
        for f in os.listdir(photo_dir)
        if f.lower().endswith((".jpg", ".jpeg", ".png"))
    )
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    totals = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, binary in zip(["old", "new"], binaries):
            public, page = build(os.path.abspath(binary), photos, os.path.join(tmp, label))
            httpd = serve(public)
            url = f"http://127.0.0.1:{httpd.server_address[1]}{page}"
            with tempfile.NamedTemporaryFile("w", suffix=".js", dir=tmp, delete=False) as js:
                js.write(PICK)
            run = subprocess.run(
                ["node", js.name, json.dumps([url, SCREENS, chrome])],
                check=True, capture_output=True, text=True,
            )
            httpd.shutdown()
            print(f"## {label}: {binary}")
            print("| screen | versions taken | KB | density / screen ratio |")
            print("|---|---|---|---|")
            for name, w, dpr, got in json.loads(run.stdout):
                size = 0
                taken, dens = [], []
                for path, column in got:
                    size += os.path.getsize(os.path.join(public, path.lstrip("/")))
                    width = path.split(".")[-3].rstrip("w")
                    taken.append(width)
                    if width.isdigit() and column:
                        dens.append(f"{int(width) / column:.2f}")
                totals.setdefault(label, []).append(size)
                print(f"| {name} {w} px at {dpr}x | {', '.join(taken)} | {size / 1024:.0f} | {', '.join(dens)} / {dpr} |")
            print()
    if len(totals) == 2:
        print("| screen | old KB | new KB | new/old |")
        print("|---|---|---|---|")
        for (name, w, _, dpr, _), a, b in zip(SCREENS, totals["old"], totals["new"]):
            print(f"| {name} {w} px at {dpr}x | {a / 1024:.0f} | {b / 1024:.0f} | {b / a:.2f} |")


if __name__ == "__main__":
    main()
