#!/usr/bin/env python3
"""A deterministic WordPress export (WXR 1.2) of N posts for the import
benchmark: classic and block-editor bodies, captions, galleries, embeds,
categories and tags, attachments, comments, a few drafts and pages.

    python3 benches/gen_wxr.py 10000 /dev/shm/export.xml
"""
import random
import sys

WORDS = ("warga desa pesisir perempuan nelayan pelatihan advokasi kebijakan kader "
         "komunitas serikat tambang nikel hutan adat sekolah anak remaja petani "
         "koperasi modal usaha dana desa musyawarah rencana kampanye data catatan "
         "laporan pertemuan fasilitator lokakarya").split()
CATS = ["Pelatihan", "Advokasi", "Kabar Desa", "Lingkungan", "Perempuan", "Uncategorized"]
TAGS = ["gender", "nikel", "dana desa", "pemuda", "literasi", "kesehatan", "koperasi"]


def para(r, n):
    return " ".join(r.choice(WORDS) for _ in range(n)).capitalize() + "."


def body(r, i, attach):
    parts = []
    block = i % 2 == 0
    for k in range(r.randint(4, 9)):
        p = para(r, r.randint(20, 60))
        parts.append(f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->" if block else p)
        if k == 1:
            h = para(r, 4)[:-1]
            parts.append(f"<!-- wp:heading -->\n<h2>{h}</h2>\n<!-- /wp:heading -->" if block else f"<h2>{h}</h2>")
        if k == 2 and i % 3 == 0:
            parts.append(f'[caption id="attachment_{attach}" align="aligncenter" width="300"]'
                         f'<a href="https://lama.example.org/wp-content/uploads/2020/01/foto-{attach}.jpg">'
                         f'<img src="https://lama.example.org/wp-content/uploads/2020/01/foto-{attach}-300x200.jpg" '
                         f'alt="Foto {attach}" width="300" height="200" /></a> {para(r, 6)}[/caption]')
        if k == 3 and i % 7 == 0:
            parts.append(f'[gallery ids="{attach},{attach}"]')
        if k == 3 and i % 11 == 0:
            parts.append("https://www.youtube.com/watch?v=abc" + str(i))
        if k == 4 and i % 5 == 0:
            parts.append("<ul>\n<li>" + para(r, 5) + "</li>\n<li>" + para(r, 5) + "</li>\n</ul>")
    return "\n\n".join(parts)


def main():
    n = int(sys.argv[1])
    out = open(sys.argv[2], "w", encoding="utf-8")
    r = random.Random(7)
    w = out.write
    w('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
      'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
      'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
      '<title>Arsip Lama</title><link>https://lama.example.org</link><language>id-ID</language>\n'
      '<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://lama.example.org</wp:base_site_url>\n')
    for a in range(5):
        w(f"<wp:author><wp:author_login><![CDATA[penulis{a}]]></wp:author_login>"
          f"<wp:author_display_name><![CDATA[Penulis {a}]]></wp:author_display_name></wp:author>\n")
    attachments = max(1, n // 10)
    for a in range(attachments):
        w(f"<item><title>Foto {a}</title><wp:post_id>{100000 + a}</wp:post_id>"
          f"<wp:post_type><![CDATA[attachment]]></wp:post_type><wp:status><![CDATA[inherit]]></wp:status>"
          f"<wp:attachment_url><![CDATA[https://lama.example.org/wp-content/uploads/2020/01/foto-{a}.jpg]]></wp:attachment_url></item>\n")
    for i in range(n):
        year = 2010 + i % 14
        month = 1 + i % 12
        day = 1 + i % 28
        title = para(r, r.randint(3, 9))[:-1]
        slug = f"tulisan-{i}"
        attach = 100000 + (i % attachments)
        status = "draft" if i % 50 == 0 else "publish"
        cats = "".join(f'<category domain="category" nicename="c"><![CDATA[{c}]]></category>'
                       for c in r.sample(CATS, 2))
        tags = "".join(f'<category domain="post_tag" nicename="t"><![CDATA[{t}]]></category>'
                       for t in r.sample(TAGS, 2))
        comments = "".join(f"<wp:comment><wp:comment_id>{c}</wp:comment_id><wp:comment_content><![CDATA[{para(r, 8)}]]></wp:comment_content></wp:comment>"
                           for c in range(i % 3))
        w(f"<item><title>{title}</title>"
          f"<link>https://lama.example.org/{year}/{month:02}/{day:02}/{slug}/</link>"
          f"<dc:creator><![CDATA[penulis{i % 5}]]></dc:creator>"
          f"<content:encoded><![CDATA[{body(r, i, attach - 100000)}]]></content:encoded>"
          f"<excerpt:encoded><![CDATA[{para(r, 12) if i % 4 == 0 else ''}]]></excerpt:encoded>"
          f"<wp:post_id>{i + 1}</wp:post_id>"
          f"<wp:post_date><![CDATA[{year}-{month:02}-{day:02} 10:00:00]]></wp:post_date>"
          f"<wp:post_date_gmt><![CDATA[{year}-{month:02}-{day:02} 03:00:00]]></wp:post_date_gmt>"
          f"<wp:post_modified_gmt><![CDATA[{year}-{month:02}-{day:02} 04:00:00]]></wp:post_modified_gmt>"
          f"<wp:post_name><![CDATA[{slug}]]></wp:post_name><wp:status><![CDATA[{status}]]></wp:status>"
          f"<wp:post_parent>0</wp:post_parent><wp:post_type><![CDATA[post]]></wp:post_type>"
          f"<wp:post_password><![CDATA[]]></wp:post_password>{cats}{tags}"
          f"<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[{attach}]]></wp:meta_value></wp:postmeta>"
          f"{comments}</item>\n")
    for p in range(20):
        w(f"<item><title>Halaman {p}</title><link>https://lama.example.org/halaman-{p}/</link>"
          f"<content:encoded><![CDATA[{para(r, 40)}]]></content:encoded><wp:post_id>{200000 + p}</wp:post_id>"
          f"<wp:post_date_gmt><![CDATA[2015-01-01 00:00:00]]></wp:post_date_gmt>"
          f"<wp:post_name><![CDATA[halaman-{p}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status>"
          f"<wp:post_parent>{200000 if p > 0 and p % 4 == 0 else 0}</wp:post_parent>"
          f"<wp:post_type><![CDATA[page]]></wp:post_type></item>\n")
    w("</channel>\n</rss>\n")


if __name__ == "__main__":
    main()
