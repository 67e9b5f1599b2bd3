"""Random story edits while `cerita serve` runs; after each, every file
`cerita build` writes for the site as it now is must be served
byte-identical (the live-reload script aside).

    python3 benches/serve_edits.py BINARY SITE_COPY SEED STEPS

SITE_COPY is changed: use a copy (the repository's example site: copy
`cerita.yaml`, `content`, `themes` and `i18n`). The edits: a story made a
draft or published, given a `slug:` or losing it, given an old address or
losing it, a new date, tags, partners or title, given a `translation_key`
(one of three, so stories join, leave and clash in translation groups) or
losing it, its file deleted or put back, a new story or translation. Prints each step (whether the preview's
model was patched) and the files that differ.
"""
import subprocess, sys, time, re, os, queue, glob, urllib.request, urllib.parse, random, threading, shutil
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_latency as sl
binary, site, seed, steps = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(seed)
p = subprocess.Popen([binary, "serve", "--root", site, "--port", "0", "--timings"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
for line in p.stdout:
    m = re.search(r"serving (http://\S+)", line)
    if m: url = m.group(1); break
log = []
threading.Thread(target=lambda: [log.append(l) for l in p.stdout], daemon=True).start()
host, port = url.split("//")[1].split("/")[0].split(":")
q = queue.Queue()
tab = sl.sse(host, int(port), q)
while q.get(timeout=10)[1] != "hello": pass
content = os.path.join(site, "content")
def stories(): return sorted(glob.glob(os.path.join(content, "stories", "*", "*.md")))
def front_set(text, key, value):
    head, sep, body = text.partition("\n---\n")
    lines = [l for l in head.split("\n") if not l.startswith(key + ":")]
    if value is not None:
        lines.insert(2, f"{key}: {value}")
    return "\n".join(lines) + sep + body
TAGS = ["pelatihan", "advokasi", "lingkungan", "tema baru", "Pelatihan"]
PARTNERS = ["HAPSARI", "Saka Warga", "Mitra Baru", "hapsari"]
removed = []
def edit(i):
    files = stories()
    path = rng.choice(files)
    op = rng.choice(["draft", "undraft", "slug", "unslug", "alias", "unalias", "date", "tags", "partners", "delete", "restore", "new", "title", "key", "unkey"])
    if op == "delete":
        removed.append((path, open(path).read())); os.remove(path); return op, path
    if op == "restore":
        if not removed: return None
        path, text = removed.pop(rng.randrange(len(removed)))
        open(path, "w").write(text); return op, path
    if op == "new":
        base = rng.choice(files)[:-3]
        base = re.sub(r"\.(en|jv)$", "", base)
        suffix = rng.choice(["", ".en", ".jv", "-baru%d" % i])
        path = base + suffix + ".md"
        if os.path.exists(path): return None
        open(path, "w").write(f"---\ntitle: Cerita baru {i}\ndate: 2022-0{rng.randint(1,9)}-1{rng.randint(0,9)}\ntags: [{rng.choice(TAGS)}]\n---\nIsi baru {i}.\n")
        return op, path
    text = open(path).read()
    if not text.startswith("---\n"): return None
    if op == "draft": text = front_set(text, "draft", "true")
    elif op == "undraft": text = front_set(text, "draft", None)
    elif op == "slug": text = front_set(text, "slug", f"alamat-{i}")
    elif op == "unslug": text = front_set(text, "slug", None)
    elif op == "alias": text = front_set(text, "aliases", f"[/lama/{i}/]")
    elif op == "unalias": text = front_set(text, "aliases", None)
    elif op == "date": text = front_set(text, "date", f"20{rng.randint(10,24)}-0{rng.randint(1,9)}-1{rng.randint(0,9)}")
    elif op == "tags": text = front_set(text, "tags", "[" + ", ".join(rng.sample(TAGS, rng.randint(0, 3))) + "]")
    elif op == "partners": text = front_set(text, "partners", "[" + ", ".join(rng.sample(PARTNERS, rng.randint(0, 2))) + "]")
    elif op == "key": text = front_set(text, "translation_key", rng.choice(["kisah-1", "kisah-2", "kisah-3"]))
    elif op == "unkey": text = front_set(text, "translation_key", None)
    elif op == "title": text = re.sub(r"^title: .*$", f"title: Judul {i}", text, count=1, flags=re.M)
    open(path, "w").write(text)
    return op, path
bad_total = 0
for i in range(steps):
    time.sleep(0.3)
    e = edit(i)
    if e is None: continue
    name = None
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            t, name, data = q.get(timeout=20)
        except queue.Empty:
            break
        if name in ("reload", "build-error"): break
    time.sleep(1.2)  # the search index follows
    patched = any("patched" in l for l in log[-3:])
    out = f"/tmp/fuzz-out-{seed}"
    shutil.rmtree(out, ignore_errors=True)
    r = subprocess.run([binary, "build", "--root", site, "--output", out], capture_output=True, text=True)
    if r.returncode != 0:
        print(i, e[0], os.path.relpath(e[1], content), "build error", "patched" if patched else "", flush=True)
        continue
    bad = n = 0
    for root, dirs, fs in os.walk(out):
        for f in fs:
            rel = os.path.relpath(os.path.join(root, f), out)
            if rel in ("sw.js",) or rel.startswith(".cerita"): continue
            n += 1
            data = open(os.path.join(root, f), "rb").read()
            try:
                got = urllib.request.urlopen(url.rstrip("/") + "/" + urllib.parse.quote(rel)).read()
            except Exception as ex:
                got = b"ERR"
            if rel.endswith(".html"):
                got = got.replace(b'<script src="/__cerita/live.js"></script>', b"")
            if got != data:
                bad += 1
                if bad < 4: print("   DIFFERS", rel, flush=True)
    bad_total += bad
    print(i, e[0], os.path.relpath(e[1], content), name, "patched" if patched else "full", f"{n} files, {bad} differ", flush=True)
print("TOTAL differ", bad_total)
p.terminate()
