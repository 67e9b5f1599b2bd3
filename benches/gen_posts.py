#!/usr/bin/env python3
"""Title-only posts, the shape of the common cross-generator Markdown
benchmarks: front matter with a title and nothing else, three paragraphs of
filler text. Writes the same posts as a cerita site and as a Hugo site with a
one-file template (the page's content in a bare HTML document), so the peer
does the least work it can.

Usage: gen_posts.py N OUT_DIR      (OUT_DIR/cerita and OUT_DIR/hugo)
The same N always gives byte-identical files.
"""
import os
import random
import sys

WORDS = ("lorem ipsum dolor sit amet consectetur adipisicing elit sed do eiusmod tempor "
         "incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud "
         "exercitation ullamco laboris nisi aliquip ex ea commodo consequat duis aute irure "
         "in reprehenderit voluptate velit esse cillum fugiat nulla pariatur excepteur sint "
         "occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim id est laborum").split()

HUGO_CONFIG = 'baseURL = "https://example.org/"\ntitle = "Posts"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n'
HUGO_SINGLE = ('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
               '<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
               '<title>{{ .Title }}</title>\n</head>\n<body>\n{{ .Content }}\n</body>\n</html>\n')
HUGO_LIST = ('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{{ .Title }}</title>\n'
             '</head>\n<body>\n<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>\n'
             '</body>\n</html>\n')


def sentence(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 16))]
    return " ".join(words).capitalize() + "."


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(4000)
    write(os.path.join(out, "cerita", "cerita.yaml"),
          "title: Posts\nbase_url: https://example.org/\nlanguage: en\n")
    write(os.path.join(out, "hugo", "hugo.toml"), HUGO_CONFIG)
    write(os.path.join(out, "hugo", "layouts", "_default", "single.html"), HUGO_SINGLE)
    write(os.path.join(out, "hugo", "layouts", "_default", "list.html"), HUGO_LIST)
    seen = set()
    for i in range(n):
        title = " ".join(rng.choice(WORDS) for _ in range(5))
        slug = title.replace(" ", "-")
        while slug in seen:
            slug += f"-{i}"
        seen.add(slug)
        body = "\n\n".join(" ".join(sentence(rng) for _ in range(rng.randint(3, 7))) for _ in range(3))
        text = f"---\ntitle: {title}\n---\n\n{body}\n"
        write(os.path.join(out, "cerita", "content", "stories", slug + ".md"), text)
        write(os.path.join(out, "hugo", "content", "stories", slug + ".md"), text)


if __name__ == "__main__":
    main()
