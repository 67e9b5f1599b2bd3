#!/usr/bin/env python3
"""Two sites of N stories with the same words: one writes a recording, a
testimony and a handout with shortcodes, the other with plain Markdown
(a link, a block quote, a link). Measures what shortcodes cost a build.

    python3 benches/gen_shortcodes.py OUT_DIR [N=2000]
    cerita build --root OUT_DIR/shortcodes --timings
    cerita build --root OUT_DIR/plain --timings
"""
import os
import random
import sys

WORDS = ("komunitas warga desa pelatihan perempuan nelayan tambang anggaran kader "
         "pendamping sesi diskusi kelompok data aman akun ponsel").split()


def para(rnd, n):
    return " ".join(rnd.choice(WORDS) for _ in range(n)).capitalize() + "."


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    for variant in ("shortcodes", "plain"):
        rnd = random.Random(1)
        stories = os.path.join(out, variant, "content", "stories", "2024")
        os.makedirs(stories, exist_ok=True)
        with open(os.path.join(out, variant, "cerita.yaml"), "w") as f:
            f.write("title: Uji\nbase_url: https://example.org/\nlanguage: id\n")
        with open(os.path.join(stories, "materi.pdf"), "wb") as f:
            f.write(b"%PDF-1.4\n" + b"x" * 3000)
        for i in range(n):
            body = [para(rnd, 60), ""]
            q = para(rnd, 25)
            if variant == "shortcodes":
                body += [
                    f'{{{{ video(url="https://youtu.be/aqz-KE-bpKQ?t={i}", title="Rekaman sesi {i}") }}}}', "",
                    f'{{% quote(name="Pemateri {i}", role="Fasilitator", paraphrase=true) %}}\n{q}\n{{% end %}}', "",
                    f'{{{{ download(path="materi.pdf", title="Materi {i}") }}}}', "",
                ]
            else:
                body += [
                    f"[Rekaman sesi {i}](https://youtu.be/aqz-KE-bpKQ?t={i})", "",
                    f"> {q}\n>\n> — Pemateri {i}, Fasilitator", "",
                    f"[Materi {i}](materi.pdf)", "",
                ]
            body += [para(rnd, 80), "", para(rnd, 80)]
            with open(os.path.join(stories, f"s{i:04}.md"), "w") as f:
                f.write(f"---\ntitle: Cerita {i}\ndate: 2024-01-{i % 28 + 1:02}\ntags: [t{i % 20}]\n---\n")
                f.write("\n".join(body) + "\n")


if __name__ == "__main__":
    main()
