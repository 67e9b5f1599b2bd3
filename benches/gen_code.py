#!/usr/bin/env python3
"""Writes a corpus of posts with code blocks, for cerita and for Hugo.

    python3 benches/gen_code.py N DIR [--repeat]

DIR/cerita (content/stories) and DIR/hugo (content/posts, a two-file
template) get the same N posts: prose, a heading or two, a list, a quote,
a Rust block of about 25 lines and a Python block of about 10, TOML front
matter after a blank line, tags and a category.

--repeat: every post has the same text (titles, dates and tags aside), as
the benchmark sites other generators ship are written. Without it each
post's code differs (names and numbers drawn per post), as on a real site.
Deterministic: the same N and flag give the same bytes.
"""

import datetime
import os
import random
import shutil
import sys

WORDS = (
    "warga desa pelatihan perempuan hutan adat nelayan air bersih sekolah "
    "koperasi pasar kebun sungai laut kampung rapat kader suara hak tanah "
    "the community workshop river school market women fishers land rights"
).split()
TAGS = ["a", "b", "c", "d", "e", "f", "g"]
CATEGORIES = ["c1", "c2", "c3", "c4"]


def para(rng, n=70):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def name(rng):
    return rng.choice(["total", "count", "name", "value", "item", "acc", "buf", "idx"]) + str(
        rng.randint(0, 999)
    )


def rust(rng):
    f, acc, s, v = name(rng), name(rng), name(rng), name(rng)
    return f"""#[derive(Debug, Clone)]
pub struct Report {{
    /// Where the meeting was held.
    pub place: String,
    pub attendees: Vec<String>,
    pub minutes: u32,
}}

fn {f}(reports: &[Report]) -> u64 {{
    let mut {acc}: u64 = {rng.randint(0, 99)};
    for (i, r) in reports.iter().enumerate() {{
        if i % {rng.randint(2, 9)} == 0 {{
            {acc} += r.minutes as u64;
        }} else {{
            {acc} ^= (r.attendees.len() * {rng.randint(2, 9)}) as u64;
        }}
    }}
    let {s} = String::from("laporan-{rng.randint(0, 9999)}");
    println!("{{}} {{}}", {s}, {acc}); // {rng.randint(0, 999)} reports
    let {v}: Vec<_> = (0..{rng.randint(5, 50)}).map(|x| x * 2).filter(|x| x % 3 != 0).collect();
    match {v}.len() {{
        0 => println!("none"),
        n => println!("{{n}} items"),
    }}
    {acc}
}}
"""


def python(rng):
    f, xs = name(rng), name(rng)
    return f"""def {f}(place: str) -> str:
    \"\"\"Summarise meeting {rng.randint(0, 999)}.\"\"\"
    {xs} = [x * 2 for x in range({rng.randint(5, 50)}) if x % 3]
    return f"{{place}}: {{len({xs})}} notes"


class Meeting{rng.randint(0, 9999)}:
    def __init__(self, place, hours={rng.randint(1, 9)}):
        self.place = place  # where
        self.extra = {{"k": [1, 2, 3], "z": None}}
"""


def body(rng):
    items = "\n".join(f"- {para(rng, 6)}" for _ in range(5))
    return f"""# {para(rng, 5)}

## {para(rng, 3)}

{para(rng)} [a link](https://example.org/{rng.randint(0, 999)}).

{items}

### {para(rng, 3)}

{para(rng)}

> {para(rng, 40)}

```rs
{rust(rng)}```

## {para(rng, 4)}

{para(rng)}

```py
{python(rng)}```
"""


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    repeat = "--repeat" in sys.argv
    for sub in ("cerita", "hugo"):
        shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
    os.makedirs(f"{out}/cerita/content/stories")
    os.makedirs(f"{out}/hugo/content/posts")
    os.makedirs(f"{out}/hugo/layouts/_default")
    with open(f"{out}/cerita/cerita.yaml", "w") as f:
        f.write("title: Code\nbase_url: https://example.org/\n")
    with open(f"{out}/hugo/hugo.toml", "w") as f:
        f.write(
            'baseURL = "https://example.org/"\ntitle = "Code"\n'
            '[taxonomies]\ntag = "tags"\ncategory = "categories"\n'
            "[markup.highlight]\nnoClasses = false\n"
        )
    with open(f"{out}/hugo/layouts/_default/single.html", "w") as f:
        f.write(
            "<!doctype html><html><head><title>{{ .Title }}</title></head><body>"
            "<h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}</body></html>"
        )
    with open(f"{out}/hugo/layouts/_default/list.html", "w") as f:
        f.write(
            "<!doctype html><html><head><title>{{ .Title }}</title></head><body><ul>"
            '{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> '
            "{{ .Summary }}</li>{{ end }}</ul></body></html>"
        )
    rng = random.Random(1)
    shared = body(random.Random(0))
    day = datetime.date(2020, 1, 1)
    for i in range(n):
        text = shared if repeat else body(rng)
        tags = [rng.choice(TAGS), rng.choice(TAGS)]
        date = day + datetime.timedelta(days=i % 1500)
        front = (
            f'\n+++\ntitle = "Post {i}"\ndate = {date}\n'
            f'tags = {tags}\ncategories = ["{rng.choice(CATEGORIES)}"]\n+++\n\n'
        )
        for path in (f"{out}/cerita/content/stories/post-{i}.md", f"{out}/hugo/content/posts/post-{i}.md"):
            with open(path, "w") as f:
                f.write(front + text)


if __name__ == "__main__":
    main()
