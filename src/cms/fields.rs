//! The one description of cerita's front matter that every editor's
//! configuration is generated from: which collections a site has, which
//! fields each holds, what kind of value each takes, whether each language
//! writes its own, and what it means (in Indonesian and English, from the
//! README's field table). `frontmatter.rs` reads these fields; a field added
//! there is added here, and every generator follows.

use crate::load::Kind;

/// What kind of value a field takes, as cerita reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Widget {
    /// One line of text (a number or true/false is read as text too).
    Text,
    /// A paragraph of plain text.
    LongText,
    /// `YYYY-MM-DD`, RFC 3339 or `YYYY-MM-DD HH:MM[:SS] [zone]`.
    Date,
    /// A list of names (one name alone is accepted too).
    Names,
    /// Names of partner organisations: their profiles' `name`.
    Partners,
    /// Topic tags: free names, the site's existing ones suggested.
    Tags,
    /// A language the site publishes in.
    Language,
    /// `[a-z0-9-]`, no `-` at either end.
    Slug,
    Boolean,
    /// A photo beside the file, `@/…` under `content/`, or a URL.
    Image,
    /// An absolute `http(s)` address.
    Url,
    /// A free map for themes.
    Map,
}

/// How a field behaves across translations of one story (`x.md`, `x.en.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Translation {
    /// Each language writes its own (title, summary, slug, cover).
    Own,
    /// The same in every language's file (date, partners): copied.
    Shared,
}

/// One front-matter key.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub key: &'static str,
    pub widget: Widget,
    pub required: bool,
    pub translation: Translation,
    /// Shown in editors' forms; `false` for the names other generators use
    /// (`description`, `categories`), which cerita reads but never writes.
    pub in_form: bool,
    /// Label in Indonesian, then English.
    pub label: (&'static str, &'static str),
    /// Help text in Indonesian, then English.
    pub help: (&'static str, &'static str),
}

/// A kind of file under `content/`.
#[derive(Debug, Clone, Copy)]
pub struct Collection {
    pub kind: Kind,
    /// The collection's name in editors' configurations.
    pub name: &'static str,
    pub folder: &'static str,
    /// A new file's path under `folder`, without the extension, in the
    /// editors' template syntax.
    pub path: &'static str,
    /// The field that names an entry (and makes its file name).
    pub identifier: &'static str,
    pub label: (&'static str, &'static str),
    pub label_singular: (&'static str, &'static str),
    pub fields: &'static [Field],
}

const fn field(
    key: &'static str,
    widget: Widget,
    translation: Translation,
    label: (&'static str, &'static str),
    help: (&'static str, &'static str),
) -> Field {
    Field {
        key,
        widget,
        required: false,
        translation,
        in_form: true,
        label,
        help,
    }
}

const fn required(f: Field) -> Field {
    Field {
        required: true,
        ..f
    }
}

const fn read_only(f: Field) -> Field {
    Field {
        in_form: false,
        ..f
    }
}

use Translation::{Own, Shared};

const TITLE: Field = required(field(
    "title",
    Widget::Text,
    Own,
    ("Judul", "Title"),
    ("Wajib diisi.", "Required."),
));
const SLUG: Field = field(
    "slug",
    Widget::Slug,
    Own,
    ("Nama di alamat (slug)", "URL name (slug)"),
    (
        "Huruf kecil a-z, angka 0-9 dan tanda `-`. Bila kosong: dari nama file.",
        "Lowercase a-z, digits 0-9 and `-`. Default: from the file name.",
    ),
);
const SUMMARY: Field = field(
    "summary",
    Widget::LongText,
    Own,
    ("Ringkasan", "Summary"),
    (
        "Teks biasa. Bila kosong: teks sebelum `<!-- more -->`, atau paragraf pertama (~40 kata).",
        "Plain text. Default: the text before `<!-- more -->`, else the first paragraph (~40 words).",
    ),
);
const LANG: Field = field(
    "lang",
    Widget::Language,
    Own,
    ("Bahasa", "Language"),
    (
        "Bahasa yang dinyatakan situs. Bila kosong: dari akhiran nama file (`x.en.md`), atau bahasa situs.",
        "A language the site declares. Default: the file-name suffix (`x.en.md`), else the site's language.",
    ),
);
/// Other tools' names for `lang`, read but never written.
const LANG_LANGUAGE: Field = read_only(Field {
    key: "language",
    label: ("Bahasa (nama lain)", "Language (other name)"),
    help: (
        "Nama yang dipakai alat lain untuk `lang`; dibaca sebagai `lang`.",
        "Other tools' name for `lang`; read as `lang`.",
    ),
    ..LANG
});
const LANG_LOCALE: Field = read_only(Field {
    key: "locale",
    label: ("Lokal", "Locale"),
    help: (
        "Nama yang dipakai alat lain untuk `lang` (`en_US`); dibaca sebagai `lang`.",
        "Other tools' name for `lang` (`en_US`); read as `lang`.",
    ),
    ..LANG
});
const DESCRIPTION: Field = read_only(field(
    "description",
    Widget::LongText,
    Own,
    ("Deskripsi", "Description"),
    (
        "Nama yang dipakai Hugo dan Jekyll untuk `summary`; dibaca sebagai ringkasan.",
        "Hugo's and Jekyll's name for `summary`; read as the summary.",
    ),
));
const DRAFT: Field = field(
    "draft",
    Widget::Boolean,
    Own,
    ("Draf", "Draft"),
    (
        "Bila dicentang, tidak diterbitkan (kecuali dengan `--drafts`).",
        "`true` keeps it out of the site unless built with `--drafts`.",
    ),
);
const ALIASES: Field = field(
    "aliases",
    Widget::Names,
    Own,
    ("Alamat lama", "Old addresses"),
    (
        "Alamat lama yang tetap berfungsi (`/2021/04/12/judul-lama/`, `/?p=123`, atau URL lengkap situs lama).",
        "Old addresses that keep working (`/2021/04/12/old-title/`, `/?p=123`, or the old site's full URL).",
    ),
);
const TRANSLATION_KEY: Field = read_only(field(
    "translation_key",
    Widget::Text,
    Own,
    ("Kunci terjemahan", "Translation key"),
    (
        "Menyatukan file dengan nama atau folder berbeda sebagai satu cerita dalam beberapa bahasa.",
        "Joins files with different names or folders as one story in several languages.",
    ),
));
const TRANSLATION_KEY_HUGO: Field = Field {
    key: "translationKey",
    ..TRANSLATION_KEY
};
const EXTRA: Field = read_only(field(
    "extra",
    Widget::Map,
    Own,
    ("Tambahan", "Extra"),
    (
        "Peta bebas untuk tema; `extra.example: true` menandai cerita contoh.",
        "A free map for themes; `extra.example: true` marks an invented example story.",
    ),
));

const STORY_FIELDS: &[Field] = &[
    TITLE,
    field(
        "date",
        Widget::Date,
        Shared,
        ("Tanggal", "Date"),
        (
            "`YYYY-MM-DD`. Tanpa tanggal cerita tetap terbit dengan peringatan, di urutan terakhir. Tanggal di masa depan terbit hanya dengan `--drafts`.",
            "`YYYY-MM-DD`, RFC 3339, or `YYYY-MM-DD HH:MM:SS` with an optional zone. Without it the story builds with a warning and is listed last. Future dates are published only with `--drafts`.",
        ),
    ),
    field(
        "updated",
        Widget::Date,
        Shared,
        ("Diperbarui", "Updated"),
        (
            "Format sama dengan tanggal; tampil di halaman, feed dan sitemap.",
            "Same format as the date; shown on the page and used in feeds and the sitemap.",
        ),
    ),
    SUMMARY,
    DESCRIPTION,
    read_only(field(
        "excerpt",
        Widget::LongText,
        Own,
        ("Kutipan", "Excerpt"),
        (
            "Nama yang dipakai Jekyll untuk `summary`; dibaca sebagai ringkasan.",
            "Jekyll's name for `summary`; read as the summary.",
        ),
    )),
    read_only(field(
        "lastmod",
        Widget::Date,
        Shared,
        ("Diperbarui (Hugo)", "Updated (Hugo)"),
        (
            "Nama yang dipakai Hugo untuk `updated`.",
            "Hugo's name for `updated`.",
        ),
    )),
    read_only(field(
        "last_modified_at",
        Widget::Date,
        Shared,
        ("Diperbarui (Jekyll)", "Updated (Jekyll)"),
        (
            "Nama yang dipakai Jekyll untuk `updated`.",
            "Jekyll's name for `updated`.",
        ),
    )),
    field(
        "authors",
        Widget::Names,
        Shared,
        ("Penulis", "Authors"),
        ("Nama penulis.", "The writers' names."),
    ),
    read_only(field(
        "author",
        Widget::Names,
        Shared,
        ("Penulis (Hugo, Jekyll)", "Author (Hugo, Jekyll)"),
        (
            "Nama yang dipakai Hugo dan Jekyll untuk satu penulis; ditambahkan ke penulis.",
            "Hugo's and Jekyll's name for one writer; added to the authors.",
        ),
    )),
    field(
        "partners",
        Widget::Partners,
        Shared,
        ("Mitra", "Partners"),
        (
            "Organisasi mitra; setiap mitra mendapat halaman dan feed.",
            "Partner organisations; each gets a page and a feed.",
        ),
    ),
    field(
        "tags",
        Widget::Tags,
        Own,
        ("Topik", "Tags"),
        (
            "Topik cerita; pilih yang sudah ada bila cocok.",
            "Topic tags; pick an existing one where it fits.",
        ),
    ),
    read_only(field(
        "categories",
        Widget::Names,
        Own,
        ("Kategori", "Categories"),
        (
            "Nama WordPress, Hugo dan Jekyll; ditambahkan ke topik.",
            "WordPress's, Hugo's and Jekyll's name; added to the tags.",
        ),
    )),
    field(
        "region",
        Widget::Names,
        Shared,
        ("Wilayah", "Region"),
        ("Satu nama atau daftar.", "A name or a list."),
    ),
    LANG,
    LANG_LANGUAGE,
    LANG_LOCALE,
    SLUG,
    DRAFT,
    field(
        "image",
        Widget::Image,
        Own,
        ("Foto sampul", "Cover image"),
        (
            "Foto di samping cerita, `@/…` di bawah `content/`, atau URL.",
            "A photo beside the story, `@/…` under `content/`, or a URL.",
        ),
    ),
    field(
        "image_alt",
        Widget::Text,
        Own,
        ("Keterangan foto sampul", "Cover image description"),
        (
            "Apa yang terlihat di foto, untuk pembaca yang tidak melihatnya.",
            "What the photo shows, for readers who cannot see it.",
        ),
    ),
    ALIASES,
    TRANSLATION_KEY,
    TRANSLATION_KEY_HUGO,
    EXTRA,
];

const PARTNER_FIELDS: &[Field] = &[
    required(field(
        "name",
        Widget::Text,
        Shared,
        ("Nama", "Name"),
        (
            "Nama organisasi, seperti ditulis di cerita. Wajib diisi.",
            "The organisation's name, as stories write it. Required.",
        ),
    )),
    field(
        "website",
        Widget::Url,
        Shared,
        ("Situs web", "Website"),
        ("Alamat lengkap, `https://…`.", "Full address, `https://…`."),
    ),
    field(
        "region",
        Widget::Text,
        Shared,
        ("Wilayah", "Region"),
        (
            "Tempat organisasi bekerja.",
            "Where the organisation works.",
        ),
    ),
    field(
        "logo",
        Widget::Image,
        Shared,
        ("Logo", "Logo"),
        (
            "Gambar di samping profil, `@/…`, atau URL.",
            "An image beside the profile, `@/…`, or a URL.",
        ),
    ),
    DRAFT,
    field(
        "aliases",
        Widget::Names,
        Own,
        ("Ejaan lain", "Other spellings"),
        (
            "Ejaan lain nama ini yang dipakai penulis; yang diawali `/` atau `http` adalah alamat lama halaman mitra.",
            "Other spellings writers use; one starting with `/` or `http` is an old address of the partner's page.",
        ),
    ),
    TRANSLATION_KEY,
    TRANSLATION_KEY_HUGO,
    EXTRA,
];

const PAGE_FIELDS: &[Field] = &[
    TITLE,
    SLUG,
    LANG,
    LANG_LANGUAGE,
    LANG_LOCALE,
    SUMMARY,
    DESCRIPTION,
    DRAFT,
    ALIASES,
    TRANSLATION_KEY,
    TRANSLATION_KEY_HUGO,
    EXTRA,
];

/// Every collection of a site, in the order editors show them.
pub const COLLECTIONS: &[Collection] = &[
    Collection {
        kind: Kind::Story,
        name: "stories",
        folder: "content/stories",
        path: "{{year}}/{{slug}}",
        identifier: "title",
        label: ("Cerita", "Stories"),
        label_singular: ("Cerita", "Story"),
        fields: STORY_FIELDS,
    },
    Collection {
        kind: Kind::Partner,
        name: "partners",
        folder: "content/partners",
        path: "{{slug}}",
        identifier: "name",
        label: ("Profil mitra", "Partner profiles"),
        label_singular: ("Profil mitra", "Partner profile"),
        fields: PARTNER_FIELDS,
    },
    Collection {
        kind: Kind::Page,
        name: "pages",
        folder: "content/pages",
        path: "{{slug}}",
        identifier: "title",
        label: ("Halaman", "Pages"),
        label_singular: ("Halaman", "Page"),
        fields: PAGE_FIELDS,
    },
];

impl Collection {
    /// The fields an editor's form shows: those cerita writes, without
    /// `lang` in a site with languages (the editor's language tabs say it,
    /// and a `lang:` that disagrees with the file name is an error).
    pub fn form_fields(&self, multilingual: bool) -> impl Iterator<Item = &Field> {
        self.fields
            .iter()
            .filter(move |f| f.in_form && !(f.widget == Widget::Language && multilingual))
    }
}

/// The collection of a kind of file.
pub fn collection(kind: Kind) -> &'static Collection {
    COLLECTIONS
        .iter()
        .find(|c| c.kind == kind)
        .unwrap_or(&COLLECTIONS[0])
}

/// The body below the front matter, as editors label it.
pub const BODY_LABEL: (&str, &str) = ("Isi", "Body");
pub const BODY_HELP: (&str, &str) = (
    "Markdown. Foto di samping file: `![Keterangan](foto.jpg)`.",
    "Markdown. A photo beside the file: `![Description](photo.jpg)`.",
);

/// A story date as a pattern: the forms an editor's date field writes
/// (`text::StoryDate::parse` reads these and the ones writers type by hand;
/// the calendar itself is checked by the build).
pub const DATE_PATTERN: &str = r"^\s*([0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{1,2}:[0-9]{1,2}(:[0-9]{1,2}(\.[0-9]+)?)?\s*(Z|[+-][0-9]{2}:?[0-9]{2})?)?)?\s*$";
/// A slug as `text::is_valid_slug` accepts it (empty, as editors save a
/// field left blank, is no slug: the file name's).
pub const SLUG_PATTERN: &str = r"^(\s*|[a-z0-9]([a-z0-9-]*[a-z0-9])?)$";

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key `frontmatter.rs` reads is described, and nothing else.
    #[test]
    fn the_description_covers_exactly_what_the_front_matter_reader_reads() {
        for c in COLLECTIONS {
            let described: Vec<&str> = c.fields.iter().map(|f| f.key).collect();
            let read = crate::frontmatter::keys(c.kind);
            let mut a = described.clone();
            let mut b = read.to_vec();
            a.sort_unstable();
            b.sort_unstable();
            assert_eq!(a, b, "{}", c.name);
        }
    }
}
