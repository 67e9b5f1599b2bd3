"""Random story edits while `cerita serve` runs; after each, the preview
must be what `cerita build` makes of the site as it now is: every file the
build writes served byte-identical (the live-reload script aside), every
file an earlier build wrote and this one does not no longer served (404),
and the same diagnostics.

    python3 benches/serve_edits.py BINARY SITE_COPY SEED STEPS [--drafts]

SITE_COPY is changed: use a copy (the repository's example site: copy
`cerita.yaml`, `content`, `themes` and `i18n`). The edits: a story made a
draft or published, given a `slug:` or losing it, given an old address or
losing it, a new date, tags, partners or title, given a `translation_key`
(one of three, so stories join, leave and clash in translation groups) or
losing it, a key with a new slug or date in one save, its file deleted or
put back, a new story or translation. An edit the build rejects is
undone once the preview has reported it, so the site does not stay broken.
Prints each step (whether the preview's model was patched) and what
differs; exits non-zero if anything did.
"""
import glob
import os
import queue
import random
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

args = [a for a in sys.argv[1:] if not a.startswith("--")]
binary, site, seed, steps = args[0], args[1], int(args[2]), int(args[3])
extra = ["--drafts"] if "--drafts" in sys.argv else []
env = dict(os.environ, NO_COLOR="1")
rng = random.Random(seed)
p = subprocess.Popen([binary, "serve", "--root", site, "--port", "0", "--timings", *extra],
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
for line in p.stdout:
    m = re.search(r"serving (http://\S+)", line)
    if m:
        url = m.group(1)
        break
out_lines, err_lines = queue.Queue(), queue.Queue()
threading.Thread(target=lambda: [out_lines.put(l) for l in p.stdout], daemon=True).start()
threading.Thread(target=lambda: [err_lines.put(l) for l in p.stderr], daemon=True).start()
content = os.path.join(site, "content")


def stories():
    return sorted(glob.glob(os.path.join(content, "stories", "*", "*.md")))


def front_set(text, key, value):
    head, sep, body = text.partition("\n---\n")
    lines = [l for l in head.split("\n") if not l.startswith(key + ":")]
    if value is not None:
        lines.insert(2, f"{key}: {value}")
    return "\n".join(lines) + sep + body


TAGS = ["pelatihan", "advokasi", "lingkungan", "tema baru", "Pelatihan"]
PARTNERS = ["HAPSARI", "Saka Warga", "Mitra Baru", "hapsari"]
KEYS = ["kisah-1", "kisah-2", "kisah-3"]
OPS = ["draft", "undraft", "slug", "unslug", "alias", "unalias", "date", "tags", "partners", "delete",
       "restore", "new", "title", "key", "unkey", "key+slug", "key+date"]
removed = []


def edit(i):
    """One random edit: (its name, the file, how to undo it) or None."""
    files = stories()
    path = rng.choice(files)
    op = rng.choice(OPS)
    if op == "delete":
        text = open(path).read()
        removed.append((path, text))
        os.remove(path)
        return op, path, (path, text)
    if op == "restore":
        if not removed:
            return None
        path, text = removed.pop(rng.randrange(len(removed)))
        open(path, "w").write(text)
        return op, path, (path, None)
    if op == "new":
        base = re.sub(r"\.(en|jv)$", "", rng.choice(files)[:-3])
        path = base + rng.choice(["", ".en", ".jv", "-baru%d" % i]) + ".md"
        if os.path.exists(path):
            return None
        open(path, "w").write(f"---\ntitle: Cerita baru {i}\ndate: 2022-0{rng.randint(1,9)}-1{rng.randint(0,9)}\n"
                              f"tags: [{rng.choice(TAGS)}]\n---\nIsi baru {i}.\n")
        return op, path, (path, None)
    text = open(path).read()
    if not text.startswith("---\n"):
        return None
    before = text
    date = f"20{rng.randint(10,24)}-0{rng.randint(1,9)}-1{rng.randint(0,9)}"
    if op == "draft": text = front_set(text, "draft", "true")
    elif op == "undraft": text = front_set(text, "draft", None)
    elif op == "slug": text = front_set(text, "slug", f"alamat-{i}")
    elif op == "unslug": text = front_set(text, "slug", None)
    elif op == "alias": text = front_set(text, "aliases", f"[/lama/{i}/]")
    elif op == "unalias": text = front_set(text, "aliases", None)
    elif op == "date": text = front_set(text, "date", date)
    elif op == "tags": text = front_set(text, "tags", "[" + ", ".join(rng.sample(TAGS, rng.randint(0, 3))) + "]")
    elif op == "partners": text = front_set(text, "partners", "[" + ", ".join(rng.sample(PARTNERS, rng.randint(0, 2))) + "]")
    elif op == "title": text = re.sub(r"^title: .*$", f"title: Judul {i}", text, count=1, flags=re.M)
    elif op == "key": text = front_set(text, "translation_key", rng.choice(KEYS))
    elif op == "unkey": text = front_set(text, "translation_key", None)
    elif op == "key+slug": text = front_set(front_set(text, "translation_key", rng.choice(KEYS)), "slug", f"ks-{i}")
    elif op == "key+date": text = front_set(front_set(text, "translation_key", rng.choice(KEYS)), "date", date)
    open(path, "w").write(text)
    return op, path, (path, before)


def drain(q):
    got = []
    while True:
        try:
            got.append(q.get_nowait())
        except queue.Empty:
            return got


def diagnostics(lines):
    """Diagnostic lines, sorted, without the summary lines."""
    return sorted(l.rstrip() for l in lines
                  if l.strip() and not l.startswith("cerita:") and "error(s)" not in l and "warning(s)" not in l)


def wait_rebuild():
    """The server's output lines until its rebuild is reported (rendered
    or failed), a moment more for the search index, and its stderr."""
    out, err, status = [], [], "?"
    deadline = time.time() + 30
    while time.time() < deadline and status == "?":
        try:
            line = out_lines.get(timeout=0.05)
            out.append(line)
            if line.startswith("cerita: rendered"):
                status = "ok"
        except queue.Empty:
            pass
        err += drain(err_lines)
        if any("previous output is unchanged" in l for l in err):
            status = "error"
    time.sleep(1.6)  # the search index follows
    return status, out + drain(out_lines), err + drain(err_lines)


def get(rel):
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/" + urllib.parse.quote(rel)) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, b""
    except Exception:
        return 0, b""


time.sleep(2)
drain(out_lines)
drain(err_lines)
built_before = set()
bad_total = 0
for i in range(steps):
    time.sleep(0.3)
    drain(out_lines)
    drain(err_lines)
    e = edit(i)
    if e is None:
        continue
    op, path, undo = e
    status, out, err = wait_rebuild()
    patched = any("patched" in l for l in out)
    dest = f"/tmp/serve-edits-out-{seed}"
    shutil.rmtree(dest, ignore_errors=True)
    r = subprocess.run([binary, "build", "--root", site, "--output", dest, *extra], capture_output=True, text=True, env=env)
    served, built = diagnostics(err), diagnostics(r.stderr.splitlines())
    step = f"{i} {op} {os.path.relpath(path, content)} {'patched' if patched else 'full'}"
    if served != built:
        bad_total += 1
        print(f"{step}: DIAGNOSTICS DIFFER\n  served only: {[x for x in served if x not in built][:4]}\n"
              f"  built only: {[x for x in built if x not in served][:4]}", flush=True)
    if r.returncode != 0 or status != "ok":
        # Both should refuse the edit; the build's error is the preview's.
        if (r.returncode != 0) != (status == "error"):
            bad_total += 1
            print(f"{step}: build exit {r.returncode}, preview {status}", flush=True)
        print(f"{step}: rejected, undone", flush=True)
        upath, utext = undo
        if utext is None:
            os.remove(upath)
        else:
            open(upath, "w").write(utext)
        if op == "delete":
            removed.pop()
        wait_rebuild()
        continue
    bad = n = 0
    files = set()
    for root, dirs, fs in os.walk(dest):
        for f in fs:
            rel = os.path.relpath(os.path.join(root, f), dest)
            if rel == "sw.js" or rel.startswith(".cerita"):
                continue
            files.add(rel)
            n += 1
            data = open(os.path.join(root, f), "rb").read()
            code, got = get(rel)
            if rel.endswith(".html"):
                got = got.replace(b'<script src="/__cerita/live.js"></script>', b"")
            if code != 200 or got != data:
                bad += 1
                if bad < 4:
                    print(f"   DIFFERS {rel} ({code})", flush=True)
    gone = sorted(built_before - files)
    for rel in gone:
        code, _ = get(rel)
        if code != 404:
            bad += 1
            print(f"   STILL SERVED {rel} ({code})", flush=True)
    built_before = files
    bad_total += bad
    print(f"{step}: {n} files, {bad} differ, {len(gone)} gone", flush=True)
print("TOTAL differ", bad_total)
p.terminate()
sys.exit(1 if bad_total else 0)
