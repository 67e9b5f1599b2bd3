#!/usr/bin/env python3
"""Photo versions: bytes, quality and encoding time, one cerita against another.

    python3 benches/photos.py PHOTO_DIR OLD_CERITA NEW_CERITA [RUNS] [--avif]

Builds a one-story site holding every JPEG of PHOTO_DIR (first one as the
cover, so it gets its link-preview crop) with each binary, alternating
RUNS times (default 3), from an empty image cache, and reports the median
wall time of the build, then per version: bytes written by each binary
and SSIM (scikit-image, of the luminance) of each against the source
decoded whole and resized by Pillow's bicubic filter to the version's size (the link-preview
crop, a crop, is left out of SSIM). With --avif the new build also writes
AVIF versions, compared with its own WebP ones. Needs Pillow (with AVIF)
and scikit-image.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
from PIL import Image, ImageOps
from skimage.metrics import structural_similarity


def site(photos, root, avif=False):
    os.makedirs(os.path.join(root, "content", "stories"), exist_ok=True)
    with open(os.path.join(root, "cerita.yaml"), "w") as f:
        f.write("title: Foto\nbase_url: https://example.org/\nlanguage: id\n")
        if avif:
            f.write("images:\n  avif: true\n")
    body = []
    for p in photos:
        shutil.copy(p, os.path.join(root, "content", "stories", os.path.basename(p)))
        body.append(f"![Foto {os.path.basename(p)}]({os.path.basename(p)})")
    with open(os.path.join(root, "content", "stories", "foto.md"), "w") as f:
        f.write(f"---\ntitle: Foto\ndate: 2024-01-01\nimage: {os.path.basename(photos[0])}\n"
                f"image_alt: Foto\n---\n\n" + "\n\n".join(body) + "\n")


def build(binary, root):
    shutil.rmtree(os.path.join(root, "public"), ignore_errors=True)
    shutil.rmtree(os.path.join(root, ".cerita-cache"), ignore_errors=True)
    t = time.perf_counter()
    subprocess.run([binary, "build", "--root", root], check=True, capture_output=True)
    return time.perf_counter() - t


def versions(root):
    """Every version by a name without its tag (`kleiber-0.480w.jpg`): the
    photo's own path beside the story, the versions in static/photos/
    (older builds wrote them beside the story, untagged)."""
    found = {}
    for sub in ("stories", os.path.join("static", "photos")):
        out = os.path.join(root, "public", sub)
        if not os.path.isdir(out):
            continue
        for f in sorted(os.listdir(out)):
            if not f.endswith((".jpg", ".webp", ".avif")):
                continue
            parts = f.split(".")
            if len(parts) == 4 and len(parts[2]) == 8 and all(c in "0123456789abcdef" for c in parts[2]):
                parts.pop(2)
            found[".".join(parts)] = os.path.join(out, f)
    return found


def ssim(source, version):
    """SSIM of the luminance, against the source resized by Pillow's bicubic
    filter (Catmull-Rom, the filter cerita resizes with)."""
    v = Image.open(version).convert("RGB")
    ref = source.resize(v.size, Image.BICUBIC)
    return structural_similarity(np.asarray(ref.convert("L")), np.asarray(v.convert("L")), data_range=255)


def main():
    args = [a for a in sys.argv[1:] if a != "--avif"]
    # --avif: the NEW build also writes AVIF versions (images.avif: true),
    # compared with its own WebP versions.
    avif = "--avif" in sys.argv
    photo_dir, old, new = args[:3]
    runs = int(args[3]) if len(args) > 3 else 3
    photos = sorted(os.path.join(photo_dir, p) for p in os.listdir(photo_dir) if p.lower().endswith((".jpg", ".jpeg")))
    tmp = tempfile.mkdtemp(prefix="cerita-photos-")
    roots = {}
    for name in ("old", "new"):
        roots[name] = os.path.join(tmp, name)
        site(photos, roots[name], avif=avif and name == "new")
    times = {"old": [], "new": []}
    for _ in range(runs):
        for name, binary in (("old", old), ("new", new)):
            times[name].append(build(binary, roots[name]))
    print(f"{len(photos)} photos, {runs} alternated builds each from an empty cache, {os.cpu_count()} cores")
    for name in ("old", "new"):
        t = times[name]
        print(f"{name}: build {statistics.median(t):.2f} s median ({min(t):.2f}–{max(t):.2f}), "
              f"{statistics.median(t) / len(photos):.3f} s per photo")
    print()
    print("| version | old KB | new KB | new/old | SSIM old | SSIM new |")
    print("|---|---:|---:|---:|---:|---:|")
    ov, nv = versions(roots["old"]), versions(roots["new"])
    sources = {os.path.splitext(os.path.basename(p))[0]: ImageOps.exif_transpose(Image.open(p)).convert("RGB") for p in photos}
    ratios = []
    for f in sorted(set(ov) & set(nv)):
        o, n = os.path.getsize(ov[f]), os.path.getsize(nv[f])
        stem = f.split(".")[0]
        crop = ".og." in f
        s_old = "" if crop else f"{ssim(sources[stem], ov[f]):.4f}"
        s_new = "" if crop else f"{ssim(sources[stem], nv[f]):.4f}"
        if f.endswith(".jpg"):
            ratios.append(n / o)
        print(f"| {f} | {o / 1024:.1f} | {n / 1024:.1f} | {n / o:.2f} | {s_old} | {s_new} |")
    if ratios:
        print(f"\nJPEG versions: new/old bytes {min(ratios):.2f}–{max(ratios):.2f}")
    avifs = [f for f in nv if f.endswith(".avif")]
    if avifs:
        print("\n| AVIF version | KB | WebP KB | AVIF/WebP | SSIM AVIF | SSIM WebP |")
        print("|---|---:|---:|---:|---:|---:|")
        for f in sorted(avifs):
            w = f[:-5] + ".webp"
            stem = f.split(".")[0]
            a_kb, w_kb = os.path.getsize(nv[f]) / 1024, os.path.getsize(nv[w]) / 1024
            print(f"| {f} | {a_kb:.1f} | {w_kb:.1f} | {a_kb / w_kb:.2f} | "
                  f"{ssim(sources[stem], nv[f]):.4f} | {ssim(sources[stem], nv[w]):.4f} |")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
