#!/usr/bin/env python3
"""Deterministic corpus generator for cerita benchmarks.

Writes a cerita site (cerita.yaml + content/) with N stories of realistic
Bahasa Indonesia prose (about one in six in English), headings, lists, links
between stories, code blocks in ~10% of stories, 1-3 partners and 2-5 tags
per story from skewed (Zipf-like) distributions, and a few drafts.

Usage: gen_corpus.py N OUT_DIR [--seed S] [--paginate P]
                     [--split 70,25,5] [--translated 0.3]
The same N and seed always give byte-identical files.

A site in several languages (Bahasa Indonesia the default, English under
/en/, Basa Jawa under /jv/): `--split` shares the stories among the three
languages, `--translated F` makes a fraction F of the N story files
translations of earlier stories (`x.md` → `x.en.md`, the same slug and
partners, English text). Without either, the corpus is what it always was.
"""
import argparse
import os
import random

PARTNERS = [
    "Atma Connect", "HAPSARI", "PATTIRO Gresik", "KOSERU", "JATAM", "Pegiat Literasi Mergangsan",
    "Serikat Perempuan Pesisir", "Yayasan Kampung Hijau", "Forum Warga Kali Code", "Jaringan Petani Organik",
    "Komunitas Tenun Sumba", "Lembaga Bantuan Hukum Rakyat", "Sanggar Anak Alam", "Koperasi Nelayan Bersatu",
    "Perkumpulan Difabel Mandiri", "Rumah Baca Pelita", "Gerakan Sekolah Sungai", "Aliansi Buruh Perempuan",
    "Kelompok Tani Hutan Lestari", "Forum Anak Desa", "Yayasan Air Bersih Timur", "Komunitas Seni Tari Bali Utara",
    "Pusat Studi Kebijakan Daerah", "Solidaritas Pekerja Rumah Tangga", "Jaringan Radio Komunitas",
    "Perempuan Adat Nusantara", "Komunitas Mangrove Lestari", "Sekolah Pemimpin Muda", "Lingkar Literasi Pesantren",
    "Forum Pengurangan Risiko Bencana", "Koalisi Transparansi Anggaran", "Komunitas Batik Pesisir",
    "Yayasan Kesehatan Ibu dan Anak", "Serikat Nelayan Tradisional", "Jaringan Advokasi Tambang Sulawesi",
    "Komunitas Kopi Gayo",
]
TAGS = [
    "pelatihan", "advokasi kebijakan", "pemberdayaan perempuan", "kekerasan berbasis gender", "seni dan budaya",
    "lingkungan", "pertambangan", "literasi", "teknologi komunitas", "kepemimpinan komunitas", "webinar",
    "kesehatan", "pendidikan", "anggaran desa", "hak anak", "disabilitas", "pertanian", "perikanan", "air bersih",
    "bencana", "iklim", "hutan", "mangrove", "koperasi", "ekonomi warga", "keamanan digital", "media komunitas",
    "hukum", "paralegal", "pemilu", "transparansi", "pelayanan publik", "perumahan", "buruh", "pekerja rumah tangga",
    "masyarakat adat", "tenun", "tari", "musik tradisional", "kuliner", "pariwisata", "pemuda", "sekolah",
    "perpustakaan", "radio komunitas", "jurnalisme warga", "gizi", "sanitasi", "energi", "sampah", "sungai",
    "pesisir", "nelayan", "petani", "perempuan adat", "kampanye", "diskusi", "lokakarya", "riset aksi", "panduan",
]
REGIONS = [
    "Yogyakarta", "Gresik", "Sumatera Utara", "Lombok Tengah", "Morowali Utara", "Jakarta Utara", "Makassar",
    "Kupang", "Sumba Timur", "Aceh Tengah", "Pontianak", "Ambon", "Jayapura", "Palu", "Semarang", "Bandung",
    "Denpasar", "Mataram", "Padang", "Banjarmasin",
]
AUTHORS = [
    "Rina Kartikasari", "Bayu Pratama", "Dewi Anggraini", "Maya Lestari", "Agus Salim", "Siti Rahmawati",
    "Yohanes Bria", "Nur Aini", "Made Wirawan", "Fitri Handayani", "Andi Mappasessu", "Lukas Wenda",
]
WORDS_ID = (
    "warga komunitas kegiatan pelatihan perempuan desa kampung pemimpin kebijakan pemerintah anggaran advokasi "
    "diskusi peserta fasilitator kelompok organisasi mitra program kerja sama kesehatan pendidikan anak sekolah "
    "lingkungan sungai hutan laut nelayan petani hasil panen pasar koperasi tabungan pinjaman usaha kecil "
    "pemberdayaan berdaya kekerasan korban pendampingan hukum paralegal layanan pengaduan data informasi "
    "keterbukaan transparansi musyawarah rapat pertemuan daring luring webinar aplikasi telepon internet "
    "jaringan media radio cerita pengalaman perubahan harapan tantangan solusi rencana tindak lanjut "
    "kebudayaan seni tari musik sanggar tenun batik tradisi adat leluhur generasi muda pemuda relawan "
    "menulis tulisan penulis membaca bacaan pembaca buku perpustakaan literasi belajar pembelajaran "
    "menanam tanaman pohon mangrove bencana banjir kekeringan iklim cuaca air bersih sanitasi sampah "
    "tambang nikel dampak pencemaran pemantauan bukti laporan pejabat dinas kepala desa camat bupati "
    "bersama dengan untuk dalam pada dari yang dan di ke juga sudah masih akan dapat bisa harus lebih "
    "banyak beberapa semua setiap para mereka kami kita ia ini itu tersebut karena sehingga agar namun"
).split()
WORDS_EN = (
    "community members training women village leaders policy government budget advocacy discussion "
    "participants facilitators groups organisation partners programme cooperation health education children "
    "school environment river forest sea fishers farmers harvest market cooperative savings loans business "
    "empowerment violence survivors support legal aid services complaints data information transparency "
    "meeting online webinar application phone internet network media radio story experience change hope "
    "challenge solution plan follow-up culture arts dance music weaving tradition youth volunteers writing "
    "reading books library literacy learning planting trees mangroves disaster flood drought climate water "
    "sanitation waste mining nickel impact pollution monitoring evidence report officials district the and "
    "of to in with for on from that this was were have has will can more many every their our"
).split()
CODE = [
    ("yaml", "---\ntitle: \"Contoh cerita\"\ndate: 2021-04-10\npartners: [HAPSARI]\ntags: [pelatihan]\n---\n"),
    ("bash", "cerita new \"Judul cerita\" --partner HAPSARI --tag pelatihan\ncerita check\ncerita build\n"),
    ("python", "import csv\n\nwith open('peserta.csv') as f:\n    for row in csv.DictReader(f):\n        print(row['nama'], row['desa'])\n"),
    ("json", "{\n  \"desa\": \"Sukamaju\",\n  \"peserta\": 30,\n  \"perempuan\": 18\n}\n"),
]


def make_tail(seed, roots, lang):
    """A long tail of rarer words, as real prose has: names, places, topics.

    Pseudo-words built from syllables, each root also used in affixed forms
    (Indonesian me-/ber-/di-/ter-/pe-…-an/ke-…-an/-kan; English -s/-ing/-ed),
    ranked in a fixed random order and drawn with Zipf frequencies.
    """
    rng = random.Random(seed)
    cons = "bcdghjklmnprstwy"
    words, seen = [], set()
    while len(words) < roots:
        n = rng.choice((2, 2, 2, 3, 3))
        w = "".join(rng.choice(cons) + rng.choice("aiueo") for _ in range(n))
        if rng.random() < 0.4:
            w += rng.choice("nrstkl")
        if w in seen:
            continue
        seen.add(w)
        words.append(w)
        if lang == "id":
            forms = ["me" + w, "ber" + w, "di" + w, "ter" + w, w + "an", w + "kan", "pe" + w + "an", "ke" + w + "an"]
        else:
            forms = [w + "s", w + "ing", w + "ed"]
        words.extend(f for f in rng.sample(forms, rng.randint(0, 3)) if f not in seen)
        seen.update(forms)
    rng.shuffle(words)
    cum, total = [], 0.0
    for i in range(len(words)):
        total += 1.0 / (i + 1) ** 1.0
        cum.append(total)
    return words, cum


TAIL_ID = make_tail(7, 12000, "id")
TAIL_EN = make_tail(8, 3000, "en")
# Share of words drawn from the long tail (the rest from the common words above).
TAIL_SHARE = 0.3


def zipf_choice(rng, items, s=1.1):
    weights = [1.0 / (i + 1) ** s for i in range(len(items))]
    return rng.choices(items, weights=weights, k=1)[0]


def pick_distinct(rng, items, k, s=1.1):
    out = []
    while len(out) < k:
        x = zipf_choice(rng, items, s)
        if x not in out:
            out.append(x)
    return out


def sentence(rng, words, n=None):
    n = n or rng.randint(8, 22)
    tail, cum = TAIL_EN if words is WORDS_EN else TAIL_ID
    ws = [rng.choice(words) for _ in range(n)]
    for k in range(n):
        if rng.random() < TAIL_SHARE:
            ws[k] = rng.choices(tail, cum_weights=cum, k=1)[0]
    ws[0] = ws[0].capitalize()
    return " ".join(ws) + rng.choice([".", ".", ".", "?", "!"])


def paragraph(rng, words):
    return " ".join(sentence(rng, words) for _ in range(rng.randint(3, 7)))


def slug_of(i):
    return f"cerita-{i:06d}"


def story(rng, i, n, lang, drafts):
    words = WORDS_EN if lang == "en" else WORDS_ID
    year = 2015 + (i * 9) // max(n, 1)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    title = sentence(rng, words, rng.randint(4, 9)).rstrip(".?!")
    partners = pick_distinct(rng, PARTNERS, rng.randint(1, 3))
    tags = pick_distinct(rng, TAGS, rng.randint(2, 5), s=0.9)
    region = zipf_choice(rng, REGIONS, 0.8)
    authors = pick_distinct(rng, AUTHORS, rng.randint(1, 2), s=0.5)
    draft = rng.random() < 0.005
    fm = [
        "---",
        f"title: \"{title}\"",
        f"date: {year:04d}-{month:02d}-{day:02d}",
        "authors: [" + ", ".join(authors) + "]",
        "partners: [" + ", ".join(partners) + "]",
        "tags: [" + ", ".join(tags) + "]",
        f"region: {region}",
        f"lang: {lang}",
    ]
    if draft:
        fm.append("draft: true")
        drafts.add(i)
    fm.append("---")
    body = [paragraph(rng, words)]
    for h in range(rng.randint(2, 5)):
        body.append(f"## {sentence(rng, words, rng.randint(2, 5)).rstrip('.?!')}")
        for _ in range(rng.randint(1, 4)):
            body.append(paragraph(rng, words))
        if rng.random() < 0.3:
            body.append("\n".join(f"- {sentence(rng, words, rng.randint(3, 8))}" for _ in range(rng.randint(2, 5))))
        if rng.random() < 0.2 and i > 0:
            j = rng.randrange(0, i)
            if j in drafts:
                continue
            body.append(f"Baca juga [cerita sebelumnya](@/stories/{2015 + (j * 9) // max(n, 1)}/{slug_of(j)}.md).")
    if rng.random() < 0.1:
        lang_code, code = rng.choice(CODE)
        body.append(f"```{lang_code}\n{code}```")
    return year, "\n".join(fm) + "\n\n" + "\n\n".join(body) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--paginate", type=int, default=20)
    ap.add_argument("--split", help="percent of stories in id,en,jv, e.g. 70,25,5")
    ap.add_argument("--translated", type=float, default=0.0,
                    help="fraction of the story files that are translations of earlier ones")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    multilingual = bool(args.split) or args.translated > 0
    with open(os.path.join(args.out, "cerita.yaml"), "w") as f:
        f.write(
            "title: Korpus Uji\nbase_url: https://example.org/\nlanguage: id\n"
            f"description: Korpus sintetis untuk tolok ukur.\npaginate: {args.paginate}\n"
        )
        if multilingual:
            f.write("languages:\n  en: { title: \"Test Corpus\" }\n  jv: { title: \"Korpus Uji\" }\n")
    for p in PARTNERS[:12]:
        slug = "-".join("".join(c.lower() if c.isalnum() else " " for c in p).split())
        path = os.path.join(args.out, "content", "partners", f"{slug}.md")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(f"---\nname: {p}\nregion: {rng.choice(REGIONS)}\n---\n\n{paragraph(rng, WORDS_ID)}\n")
    drafts = set()
    split = [int(x) for x in args.split.split(",")] if args.split else None
    extra = random.Random(args.seed + 1)
    originals = []  # (index, year) of stories that may be translated
    for i in range(args.n):
        if multilingual and originals and extra.random() < args.translated:
            # A translation of an earlier story: same slug, same year.
            j, year = extra.choice(originals)
            originals.remove((j, year))
            # No file is named after slot `i`: later stories must not link to it.
            drafts.add(i)
            _, text = story(rng, j, args.n, "en", drafts)
            name = f"{slug_of(j)}.en.md"
        else:
            if split:
                lang = rng.choices(["id", "en", "jv"], weights=split, k=1)[0]
            else:
                lang = "en" if rng.random() < 0.16 else "id"
            if multilingual and not split:
                lang = "id"
            year, text = story(rng, i, args.n, lang, drafts)
            name = f"{slug_of(i)}.md"
            if lang == "id" and i not in drafts:
                originals.append((i, year))
        path = os.path.join(args.out, "content", "stories", str(year), name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
