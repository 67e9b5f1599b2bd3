#!/usr/bin/env python3
"""Adds N phone-sized photos to a generated corpus (benches/gen_corpus.py).

    python3 benches/gen_photos.py SITE_DIR N

Writes N deterministic 3000×2000 JPEGs (quality 90, an EXIF orientation and a
GPS tag, like a phone's) to SITE_DIR/content/stories/foto/ and puts one in
each of the first N stories. Needs Pillow (`pip install pillow`).
"""
import glob
import os
import random
import sys

from PIL import Image, ImageDraw


def photo(i, path):
    rnd = random.Random(i)
    w, h = 3000, 2000
    im = Image.new("RGB", (w, h), (rnd.randrange(256), rnd.randrange(256), rnd.randrange(256)))
    d = ImageDraw.Draw(im)
    # Shapes and noise so the encoder has real work, like a photo.
    for _ in range(400):
        x, y = rnd.randrange(w), rnd.randrange(h)
        r = rnd.randrange(20, 400)
        c = (rnd.randrange(256), rnd.randrange(256), rnd.randrange(256))
        d.ellipse((x - r, y - r, x + r, y + r), fill=c)
    noise = Image.effect_noise((w, h), 40).convert("RGB")
    im = Image.blend(im, noise, 0.25)
    exif = im.getexif()
    exif[0x0112] = 6 if i % 3 == 0 else 1  # orientation
    exif[0x8825] = {1: "S", 2: (6.0, 12.0, 0.0)}  # GPS latitude
    im.save(path, quality=90, exif=exif)


def main():
    site, n = sys.argv[1], int(sys.argv[2])
    out = os.path.join(site, "content", "stories", "foto")
    os.makedirs(out, exist_ok=True)
    stories = sorted(glob.glob(os.path.join(site, "content", "stories", "*", "*.md")))
    for i in range(n):
        name = f"p{i:04d}.jpg"
        photo(i, os.path.join(out, name))
        with open(stories[i % len(stories)], "a", encoding="utf-8") as f:
            f.write(f"\n\n![Foto kegiatan {i}](@/stories/foto/{name})\n")


if __name__ == "__main__":
    main()
