#!/usr/bin/env python3
"""Preview-server benchmark: start-up time, save-to-reload latency and memory
over many edits, for `cerita serve` and (when installed) `hugo server` on the
same generated corpus.

    python3 benches/serve_latency.py SITE [--edits 100] [--hugo HUGO_SITE]
                                          [--front-matter | --edit text|title|date|partners|tags|date+tags|draft|cover|slug|publish|key]
                                          [--pace SECONDS] [--cerita BINARY] [--run N]

For cerita the latency is measured from the moment an edited story is written
to the moment the `reload` event arrives on the live-reload stream, and then
confirmed over HTTP. For Hugo (whose reload goes over a WebSocket) it is the
time until the edited page served over HTTP shows the change, polled every
2 ms; the same HTTP-visible measure is reported for cerita too.
"""
import argparse
import glob
import os
import queue
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CERITA = os.path.join(ROOT, "target", "release", "cerita")


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def start(cmd, pattern, cwd=None):
    t = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in p.stdout:
        m = re.search(pattern, line)
        if m:
            threading.Thread(target=lambda: [None for _ in p.stdout], daemon=True).start()
            return p, m.group(1), time.perf_counter() - t
    sys.exit(f"{cmd[0]} did not start")


def sse(host, port, q, page=None):
    """Reads the live-reload stream into `q`, as a tab showing `page` (its
    URL path) would: that page is rendered first after an edit. Returns the
    socket (closing it is the tab going away)."""
    s = socket.create_connection((host, port))
    query = f"?page={urllib.parse.quote(page, safe='')}" if page else ""
    s.sendall(f"GET /__cerita/events{query} HTTP/1.0\r\nHost: {host}\r\n\r\n".encode())

    def read():
        name = ""
        try:
            for line in s.makefile("r", encoding="utf-8"):
                line = line.rstrip("\r\n")
                if line.startswith("event: "):
                    name = line[7:]
                elif line.startswith("data: "):
                    q.put((time.perf_counter(), name, line[6:]))
        except (OSError, ValueError):
            pass
    threading.Thread(target=read, daemon=True).start()
    return s


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except Exception:
        return ""


def wait_http(url, marker, timeout=30):
    """Polls `url` until it shows `marker`, or, for a marker `Gone(text)`,
    no longer shows `text`."""
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        if (marker.text not in fetch(url)) if isinstance(marker, Gone) else (marker in fetch(url)):
            return time.perf_counter()
        time.sleep(0.002)
    return None


class Gone:
    """An edit's marker that the page shows until the edit lands."""
    def __init__(self, text):
        self.text = text


# Each run's edits carry their own marks: a mark left in a file by an
# earlier run on the same corpus would be "seen" before the edit lands.
RUN = f"{os.getpid() % 10000}"


def edit(path, i):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"\n\nPenanda suntingan [\d-]+\.\n$", "\n", text)
    marker = f"Penanda suntingan {RUN}-{i}."
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.rstrip("\n") + f"\n\n{marker}\n")
    return marker


def edit_title(path, i):
    """Changes the story's title (front matter): listings, feeds and the
    search index change with it."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    marker = f"suntingan {RUN}-{i}"
    text, n = re.subn(r'^title: "(.*?)(?: · suntingan [\d-]+)?"$', lambda m: f'title: "{m.group(1)} · {marker}"',
                      text, count=1, flags=re.M)
    if n == 0:
        sys.exit(f"{path}: no `title: \"…\"` line")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return marker


def edit_fields(values_of):
    """An edit to front-matter fields in one save: `values_of(i)` gives
    ({field: its new value}, marker), the marker what the story's page
    shows of them."""
    def run(path, i):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        values, marker = values_of(i)
        for field, value in values.items():
            text, n = re.subn(rf"^{field}: .*$", f"{field}: {value}", text, count=1, flags=re.M)
            if n == 0:
                sys.exit(f"{path}: no `{field}:` line")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return marker
    return run


def edit_field(field, value_of):
    """An edit to one front-matter field, `value_of(i)` giving (its new
    value, marker)."""
    def values_of(i):
        value, marker = value_of(i)
        return {field: value}, marker
    return edit_fields(values_of)


# A date moves the story in every listing it is on; partners change its
# partner pages and feeds.
def new_date(i):
    day = (int(RUN) * 7 + i) % 3650
    d = time.strftime("%Y-%m-%d", time.gmtime(1262304000 + day * 86400))  # from 2010
    return d, d


# A tag puts the story on a new tag page and changes its related stories.
def new_tags(i):
    tag = f"tema suntingan {RUN}-{i}"
    return f"[pelatihan, {tag}]", tag


def date_and_tags(i):
    tags, marker = new_tags(i)
    return {"date": new_date(i)[0], "tags": tags}, marker


edit_date = edit_field("date", new_date)
edit_partners = edit_field(
    "partners", lambda i: (f"[HAPSARI, Mitra Suntingan {RUN}-{i}]", f"Mitra Suntingan {RUN}-{i}"))
edit_tags = edit_field("tags", new_tags)
# A new date and new tags in one save.
edit_date_tags = edit_fields(date_and_tags)


# The badge a draft's page shows (`--drafts`), in Indonesian or English.
DRAFT_BADGE = '<span class="badge">Draf'


def rewrite(path, change):
    """Saves the story at `path` as `change(text)` gives it, which returns
    (the new text, what the edit waits for); returns the latter."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text, result = change(text)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return result


def after_title(path, text, lines):
    """`text` with `lines` put under its `title:` line."""
    text, n = re.subn(r"^(title: .*)$", lambda m: f"{m.group(1)}\n{lines}", text, count=1, flags=re.M)
    if n == 0:
        sys.exit(f"{path}: no `title:` line")
    return text


def edit_draft(path, i):
    """Makes a story a draft, or a draft a story again (`draft:` in its
    front matter): under `--drafts` only its badge changes."""
    def change(text):
        text, n = re.subn(r"^draft: true$", "draft: false", text, count=1, flags=re.M)
        if n:
            return text, Gone(DRAFT_BADGE)
        text, n = re.subn(r"^draft: false$", "draft: true", text, count=1, flags=re.M)
        return (text if n else after_title(path, text, "draft: true")), DRAFT_BADGE
    return rewrite(path, change)


# The photo the cover edits give stories (made before the server starts).
COVER = "stories/sampul.jpg"
COVER_OG = "/static/photos/sampul.og."


def make_cover(site):
    """A 12-megapixel-shaped photo-like picture for `--edit cover`."""
    path = os.path.join(site, "content", COVER)
    if not os.path.exists(path):
        from PIL import Image
        img = Image.effect_mandelbrot((2000, 1500), (-2.0, -1.2, 1.0, 1.2), 60).convert("RGB")
        img.save(path, quality=88)


def edit_cover(path, i):
    """Gives the story a cover photo, or takes it away (`image:` and
    `image_alt:`): its page's link preview follows."""
    def change(text):
        text, n = re.subn(r"^image: .*\nimage_alt: .*\n", "", text, count=1, flags=re.M)
        if n:
            return text, Gone(COVER_OG)
        cover = f'image: "@/{COVER}"\nimage_alt: Sampul {RUN}-{i}'
        return after_title(path, text, cover), COVER_OG
    return rewrite(path, change)


def story_page(path):
    """The address of the story at `path` when its file's name gives it:
    a translation (`x.en.md`) is `/en/stories/x/`."""
    stem = os.path.basename(path)[:-3]
    lang = re.fullmatch(r"(.*)\.([a-z]{2,3})", stem)
    if lang:
        return f"/{lang.group(2)}/stories/{lang.group(1)}/"
    return f"/stories/{stem}/"


def edit_slug(path, i):
    """Gives the story a new address (`slug:`): the link table changes and
    the files that link to the story are rendered again. Returns the new
    page's path and what it shows. A translation (`x.en.md`) is under its
    language's prefix."""
    stem = os.path.basename(path)[:-3]
    lang = re.fullmatch(r".*\.([a-z]{2,3})", stem)
    prefix = f"{lang.group(1)}/" if lang else ""
    slug = f"{stem.replace('.', '-')}-{RUN}-{i}"

    def change(text):
        text, n = re.subn(r"^slug: .*$", f"slug: {slug}", text, count=1, flags=re.M)
        return (text if n else after_title(path, text, f"slug: {slug}")), None
    rewrite(path, change)
    return f"/{prefix}stories/{slug}/", f"/{prefix}stories/{slug}/"


def edit_publish(path, i):
    """Withdraws a story (`draft: true`, served without `--drafts`) or
    publishes it again: it leaves or joins every listing, and the link
    table changes. Waits until its page is gone or back."""
    page = story_page(path)

    def change(text):
        text, n = re.subn(r"^draft: true\n", "", text, count=1, flags=re.M)
        if n:
            return text, page
        return after_title(path, text, "draft: true"), Gone(page)
    return rewrite(path, change)


def edit_new(path, i):
    """Writes a new story beside the one at `path` (its front matter and
    text under a new title), as a writer publishes a report: it joins every
    listing its date, partners and tags put it in. Returns its page and
    what it shows."""
    stem = f"baru-{RUN}-{i}"
    title = f"Cerita baru {RUN} {i}"
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M)
    with open(os.path.join(os.path.dirname(path), stem + ".md"), "w", encoding="utf-8") as f:
        f.write(text)
    return f"/stories/{stem}/", title


def edit_key(path, i):
    """Gives a story with an English translation (`x.md` beside `x.en.md`)
    a `translation_key` of its own, which parts it from that translation,
    or takes it away again: its page's links to the translation go, or come
    back."""
    stem = os.path.basename(path)[:-3]
    translation = f"/en/stories/{stem}/"

    def change(text):
        text, n = re.subn(r"^translation_key: .*\n", "", text, count=1, flags=re.M)
        if n:
            return text, translation
        return after_title(path, text, f"translation_key: sendiri-{RUN}-{i}"), Gone(translation)
    return rewrite(path, change)


EDIT = edit
# Seconds between one edit showing and the next save. The default saves as
# fast as the server answers; a writer's pace (`--pace 2`) also lets the
# search index, which follows each edit after a quiet second, run between
# saves, as it does while someone writes.
PACE = 0.03
# What the tab listening for reloads shows (`--viewing`).
VIEWING = "none"


def edit_loop(p, site, url, edits, after_write, before_write=None):
    """Edits stories of `site` one at a time; returns (RSS at start, save →
    page-visible latencies, RSS every 50 edits). `before_write(page)` is told
    the page about to change; `after_write(t0)` waits for the server's own
    signal, if it has one, before the HTTP check."""
    stories = sorted(glob.glob(os.path.join(site, "content", "stories", "*", "*.md")))
    if EDIT is edit_publish:
        # A story another links to cannot be withdrawn (the link is an error).
        linked = set()
        for other in stories:
            with open(other, encoding="utf-8") as f:
                linked.update(re.findall(r"@/(stories/[^)#\s]+\.md)", f.read()))
        stories = [p for p in stories if os.path.relpath(p, os.path.join(site, "content")) not in linked]
    if EDIT is edit_key:
        stories = [p for p in stories if not re.search(r"\.[a-z]{2,3}\.md$", p) and os.path.exists(p[:-3] + ".en.md")]
    stories = stories[:50]
    rss0 = rss_mb(p.pid)
    lat, rss = [], []
    for i in range(edits):
        path = stories[i % len(stories)]
        if before_write:
            before_write(story_page(path))
        t0 = time.perf_counter()
        marker = EDIT(path, i)
        page = story_page(path)
        if isinstance(marker, tuple):  # the edit moved the page
            page, marker = marker
        t0 = (t0 + time.perf_counter()) / 2
        if after_write:
            after_write(t0)
        t_http = wait_http(f"{url.rstrip('/')}{page}", marker)
        if t_http:
            lat.append(t_http - t0)
        if i % 50 == 49:
            rss.append(rss_mb(p.pid))
        time.sleep(PACE)
    return rss0, lat, rss


def summary(name, xs):
    xs = sorted(xs)
    if not xs:
        return f"{name}: no data"
    p90 = xs[int(len(xs) * 0.9) - 1 if len(xs) >= 10 else -1]
    return f"{name}: median {statistics.median(xs) * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms, max {xs[-1] * 1000:.0f} ms (n={len(xs)})"


def bench_cerita(site, edits):
    drafts = ["--drafts"] if EDIT is edit_draft else []
    if EDIT is edit_cover:
        make_cover(site)
    p, url, startup = start([CERITA, "serve", "--root", site, "--port", "0", *drafts], r"serving (http://\S+)")
    host, port = url.split("//")[1].split("/")[0].split(":")
    q = queue.Queue()
    tab = [sse(host, int(port), q)]
    q.get(timeout=10)  # hello
    event_lat = []

    def open_tab(page):
        """A tab on the story about to be edited, as a writer keeps one
        open beside the editor (`--viewing story`)."""
        # Shut down, not only closed: the reading thread's file keeps the
        # socket open otherwise, and the server would count the tab still there.
        try:
            tab[0].shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        tab[0].close()
        while not q.empty():
            q.get()
        tab[0] = sse(host, int(port), q, page)
        while q.get(timeout=10)[1] != "hello":
            pass

    def wait_reload(t0):
        while True:
            t, name, _ = q.get(timeout=30)
            if name == "reload":
                event_lat.append(t - t0)
                return

    def ask(page):
        """The story about to be edited asked for over HTTP, as a window
        reloaded by hand or a tool polling it does (`--viewing http`)."""
        fetch(f"{url.rstrip('/')}{page}")

    def late(t0):
        """Nothing looks at the story until 20 ms after the save, when the
        rebuild has begun (`--viewing late`): then it is polled."""
        time.sleep(max(0.0, t0 + 0.02 - time.perf_counter()))

    before = {"story": open_tab, "http": ask}.get(VIEWING)
    # Over HTTP alone nothing listens for the reload: the page is polled.
    after = {"http": None, "late": late}.get(VIEWING, wait_reload)
    rss0, http_lat, rss = edit_loop(p, site, url, edits, after, before)
    p.terminate()
    p.wait()
    print(f"cerita serve: start-up to serving {startup:.2f} s, RSS {rss0:.0f} MB at start")
    print(summary("  save → reload event", event_lat))
    print(summary("  save → page shows the change (HTTP)", http_lat))
    print("  RSS every 50 edits (MB): " + ", ".join(f"{x:.0f}" for x in rss))


def bench_hugo(hsite, edits):
    hugo = None
    import site as pysite
    for d in pysite.getsitepackages():
        cand = os.path.join(d, "hugo", "binaries", "hugo")
        if os.access(cand, os.X_OK):
            hugo = cand
    if not hugo:
        print("hugo not installed: skipped")
        return
    p, url, startup = start([hugo, "server", "-s", hsite, "--port", "1319", "--bind", "127.0.0.1",
                             "--disableFastRender=false", "--baseURL", "http://127.0.0.1:1319/"],
                            r"Web Server is available at (http://\S+)")
    rss0, lat, rss = edit_loop(p, hsite, url, edits, None)
    p.terminate()
    p.wait()
    print(f"hugo server: start-up to serving {startup:.2f} s, RSS {rss0:.0f} MB at start")
    print(summary("  save → page shows the change (HTTP)", lat))
    print("  RSS every 50 edits (MB): " + ", ".join(f"{x:.0f}" for x in rss))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("--edits", type=int, default=100)
    ap.add_argument("--hugo", help="the Hugo peer site made by benches/compare.sh")
    ap.add_argument("--edit", choices=["text", "title", "date", "partners", "tags", "date+tags", "draft", "cover", "slug", "publish", "new", "key"],
                    default=None, help="what each edit changes (default: a line of text; --front-matter: the "
                    "title; draft: makes a story a draft or a draft a story, served with --drafts; cover: gives a story a "
                    "cover photo or takes it away; slug: gives a story a new address; publish: withdraws a story with "
                    "`draft: true` or publishes it again, served without --drafts; new: writes a new story beside one; key: parts a story from its English "
                    "translation with a `translation_key` of its own, or joins them again)")
    ap.add_argument("--front-matter", action="store_true",
                    help="edit each story's title instead of appending a line to its text")
    ap.add_argument("--viewing", choices=["story", "http", "late", "none"], default="none",
                    help="story: a tab shows the story each edit changes, and the server renders it first; "
                    "http: no tab, the story is asked for over HTTP before each edit and polled after it "
                    "(a page asked for recently is rendered first too); "
                    "late: no tab, nothing asked before the edit, the story polled over HTTP from 20 ms after "
                    "the save (the rebuild has begun by then); "
                    "none (default): no tab; the time to the reload event, then to the page over HTTP")
    ap.add_argument("--pace", type=float, default=0.03,
                    help="seconds between an edit showing and the next save (default 0.03)")
    ap.add_argument("--cerita", help="the cerita binary (default: target/release/cerita)")
    ap.add_argument("--run", type=int,
                    help="the number in this run's marks and new dates (default: the process id); give two "
                    "binaries the same number, each on a fresh copy of the corpus, and they make the same edits")
    a = ap.parse_args()
    if a.run is not None:
        global RUN
        RUN = f"{a.run % 10000}"
    if a.cerita:
        global CERITA
        CERITA = os.path.abspath(a.cerita)
    global EDIT, PACE, VIEWING
    PACE = a.pace
    VIEWING = a.viewing
    if a.front_matter:
        EDIT = edit_title
    if a.edit:
        EDIT = {"text": edit, "title": edit_title, "date": edit_date, "partners": edit_partners, "tags": edit_tags,
                "date+tags": edit_date_tags, "draft": edit_draft,
                "cover": edit_cover, "slug": edit_slug, "publish": edit_publish, "new": edit_new,
                "key": edit_key}[a.edit]
    bench_cerita(a.site, a.edits)
    if a.hugo:
        bench_hugo(a.hugo, a.edits)


if __name__ == "__main__":
    main()
