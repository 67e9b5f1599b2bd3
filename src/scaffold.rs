//! `cerita new` and `cerita init`: create a story or a whole new site. These
//! only ever create files that do not exist yet.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Result};
use crate::frontmatter::LANG_KEYS;
use crate::lang::Lang;
use crate::load;
use crate::text::slugify;
use crate::yaml::quote;

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| quote(i)).collect();
    format!("[{}]", quoted.join(", "))
}

/// What to do about a story or site file that exists.
const EXISTS_HINT: &str = "choose another title, or edit that file";

/// The refusal to replace `path`; `hint` says what to do instead.
pub(crate) fn exists(path: &Path, hint: &str) -> Error {
    Error::Other(format!(
        "{} already exists; cerita does not overwrite it: {hint}",
        path.display()
    ))
}

/// Writes `path` only if it does not exist; `hint` says what to do if it does.
pub(crate) fn create_new(path: &Path, text: &str, hint: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        crate::fs::create_dir_all(parent)?;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                exists(path, hint)
            } else {
                Error::io(path, "create", e)
            }
        })?;
    f.write_all(text.as_bytes())
        .map_err(|e| Error::io(path, "write", e))
}

/// The front matter and a starter body for a new story.
pub fn story_text(
    title: &str,
    date: &str,
    partners: &[String],
    tags: &[String],
    lang: Lang,
) -> String {
    let body = match lang.primary() {
        "en" => {
            "Write the opening paragraph here: what happened, where, and who took part.\n\n## The story\n\nContinue the story here.\n"
        }
        _ => {
            "Tulis paragraf pembuka di sini: apa yang terjadi, di mana, dan siapa yang terlibat.\n\n## Cerita\n\nLanjutkan ceritanya di sini.\n"
        }
    };
    format!(
        "---\ntitle: {}\ndate: {date}\nauthors: []\npartners: {}\ntags: {}\nregion: \"\"\nlang: {}\ndraft: false\n---\n\n{body}",
        quote(title),
        list(partners),
        list(tags),
        lang.code()
    )
}

/// `cerita new`: writes `content/stories/YYYY/<slug>.md` and returns its path.
pub fn new_story(
    root: &Path,
    title: &str,
    partners: &[String],
    tags: &[String],
    lang: Lang,
    today: time::Date,
) -> Result<PathBuf> {
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(Error::Other(
            "the title needs at least one letter or digit to make a file name".into(),
        ));
    }
    if !root.join("cerita.yaml").is_file() {
        return Err(Error::Other(format!(
            "{} is not a cerita site (no cerita.yaml); pass --root or run `cerita init`",
            root.display()
        )));
    }
    let date = format!(
        "{:04}-{:02}-{:02}",
        today.year(),
        u8::from(today.month()),
        today.day()
    );
    let path = root
        .join("content")
        .join("stories")
        .join(format!("{:04}", today.year()))
        .join(format!("{slug}.md"));
    create_new(
        &path,
        &story_text(title, &date, partners, tags, lang),
        EXISTS_HINT,
    )?;
    Ok(path)
}

/// `cerita new --translation-of FILE --lang L`: writes the `L` version of
/// the story (or page, or partner profile) in `original` beside it
/// (`x.md` → `x.L.md`), or in `L`'s folder when `original` is in a
/// language folder (`stories/id/x.md` → `stories/L/x.md`) or the site keeps
/// `L` in one (`stories/x.md` → `stories/L/x.md` when `stories/L/`
/// exists), with the fields its translations share filled in, the
/// original text to translate, and `draft: true` until it is done.
/// Returns its path.
pub fn new_translation(root: &Path, original: &Path, lang: Lang) -> Result<PathBuf> {
    let config = crate::pipeline::read_config(&crate::options::Options::new(root))?;
    if config.languages.is_none() {
        return Err(Error::Other(
            "this site publishes in one language; list the others under `languages:` in cerita.yaml first".into(),
        ));
    }
    let known = config.known_langs();
    let Some(lang) = lang.lookup(&known) else {
        let list: Vec<String> = known.iter().map(|l| format!("`{l}`")).collect();
        return Err(Error::Other(format!(
            "`{lang}` is not a language of this site; its languages: {}",
            list.join(", ")
        )));
    };
    // Relative paths are read from where the command runs, else from the site.
    let path = if original.is_file() {
        original.to_path_buf()
    } else {
        root.join(original)
    };
    let bytes = crate::fs::read(&path)?;
    let text =
        crate::load::decode(&path, bytes).map_err(|d| Error::Content([d].into_iter().collect()))?;
    let split = crate::frontmatter::split(&path, &text)
        .map_err(|d| Error::Content([d].into_iter().collect()))?;
    if split.toml {
        let d = Diagnostic::error("this file's front matter is TOML (`+++`); a translation is started from YAML front matter")
            .at_path(&path)
            .with_hint("write its front matter as YAML between `---` lines (`title = \"…\"` becomes `title: \"…\"`), then run this again");
        return Err(Error::Content([d].into_iter().collect()));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(".md").unwrap_or(&name);
    let suffix = stem
        .rsplit_once('.')
        .and_then(|(b, tag)| Some((b, Lang::parse_tag(tag)?.lookup(&known)?)));
    let base = suffix.map_or(stem, |(b, _)| b);
    let rel = content_path(root, &path);
    // The language folder the original is in, when it is one of the site's.
    let folder = rel
        .as_deref()
        .and_then(load::lang_folder)
        .and_then(|f| f.of_site(&known));
    // The original's language as the build reads it: its `lang:`, else
    // its file name's suffix or its folder, else the site's language.
    let own = crate::yaml::parse_mapping(split.yaml, split.yaml_line)
        .ok()
        .and_then(|mut entries| {
            crate::frontmatter::lower_known_keys(&mut entries, &LANG_KEYS);
            entries
                .into_iter()
                .filter(|e| LANG_KEYS.contains(&e.key.as_str()))
                .find_map(|e| e.value.as_str().and_then(Lang::parse))
        })
        .and_then(|l| l.lookup(&known))
        .or(suffix.map(|(_, l)| l))
        .or(folder.map(|f| f.lang))
        .unwrap_or(config.language);
    // `rapat-en.md` in English is the English `rapat.md`: its versions are
    // named from `rapat`.
    let base = match load::without_lang_word(base, own) {
        Some(head) if suffix.is_none() && own != config.language => head,
        _ => base,
    };
    if own == lang {
        return Err(Error::Other(format!(
            "{} is the `{lang}` version itself; give `--lang` another of the site's languages",
            path.display()
        )));
    }
    // The default language's version is the file without a suffix, in
    // the section's own folder or in the language's when the site keeps
    // one (`stories/id/`): a version there already is that one.
    let sectioned = folder
        .map(|f| (f.section, f.rest))
        .or_else(|| rel.as_deref().and_then(|r| r.split_once('/')));
    if let (true, Some((section, rest))) = (lang == config.language, sectioned) {
        let section_dir = root.join("content").join(section);
        let plain = section_dir.join(rest).with_file_name(format!("{base}.md"));
        let kept = section_dir.join(lang.code());
        let in_folder = kept.join(rest).with_file_name(format!("{base}.md"));
        // Named with its language too (`x.id.md`), as earlier versions wrote it.
        let suffixed = section_dir
            .join(rest)
            .with_file_name(format!("{base}.{}.md", lang.code()));
        if let Some(there) = [&plain, &in_folder, &suffixed]
            .into_iter()
            .find(|p| p.is_file())
        {
            return Err(Error::Other(format!(
                "{} is the `{lang}` version already; edit that file",
                there.display()
            )));
        }
        let out = if kept.is_dir() { in_folder } else { plain };
        return write_translation(&out, &split, &lang);
    }
    let out = match folder {
        // `stories/id/x.md` → `stories/en/x.md`: the versions keep to
        // their folders, named without a suffix (`stories/id/x.id.md` →
        // `stories/en/x.md`), which the folder would contradict.
        Some(f) => root
            .join("content")
            .join(f.section)
            .join(lang.code())
            .join(f.rest)
            .with_file_name(format!("{base}.md")),
        // The site keeps this language in a folder (`stories/en/` exists):
        // there too, from an original in the section's own folder.
        // A translation beside the original already is that one.
        None => {
            let beside = path.with_file_name(format!("{base}.{}.md", lang.code()));
            match rel
                .as_deref()
                .and_then(|r| r.split_once('/'))
                .map(|(section, rest)| (root.join("content").join(section).join(lang.code()), rest))
                .filter(|(folder, _)| folder.is_dir() && !beside.exists())
            {
                Some((folder, rest)) => folder.join(rest).with_file_name(format!("{base}.md")),
                None => beside,
            }
        }
    };
    write_translation(&out, &split, &lang)
}

/// Writes the translation into `lang` of the file `split` at `out`.
fn write_translation(
    out: &Path,
    split: &crate::frontmatter::Split<'_>,
    lang: &Lang,
) -> Result<PathBuf> {
    // Every field is kept but `lang` (the file name says it; also under
    // its other names `language` and `locale`), `draft`, and `aliases`
    // (the original's old addresses lead to it, and two files cannot
    // share one); a `slug:` too, so the versions' addresses match.
    let mut front = String::new();
    let mut skip = false;
    for line in split.yaml.lines() {
        let top = !line.starts_with([' ', '\t', '-']) && !line.trim().is_empty();
        if top {
            let key = line.split(':').next().unwrap_or("").trim();
            skip = matches!(key, "draft" | "aliases") || LANG_KEYS.contains(&key);
        }
        if !skip {
            front.push_str(line);
            front.push('\n');
        }
    }
    front.push_str("draft: true\n");
    let mut body = split.body.trim_start_matches(['\r', '\n']).to_string();
    if !body.ends_with('\n') {
        body.push('\n');
    }
    let note = match lang.primary() {
        "en" => {
            "Translate the title, summary, tags and text below into English, then remove `draft: true`."
        }
        "id" => {
            "Terjemahkan judul, ringkasan, topik, dan teks di bawah ke bahasa Indonesia, lalu hapus `draft: true`."
        }
        _ => "Translate the title, summary, tags and text below, then remove `draft: true`.",
    };
    create_new(
        out,
        &format!("---\n{front}---\n\n<!-- {note} -->\n\n{body}"),
        &format!("it is the `{lang}` version already; edit that file"),
    )?;
    Ok(out.to_path_buf())
}

/// `path` under the site's `content/`, `/`-separated as a source's
/// `content_path` is (`stories/2021/x.md`).
fn content_path(root: &Path, path: &Path) -> Option<String> {
    let content = root.join("content").canonicalize().ok()?;
    let file = path.canonicalize().ok()?;
    let rel = file.strip_prefix(&content).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}

/// `cerita init DIR`: a config, an example story and an about page.
pub fn init(dir: &Path, today: time::Date) -> Result<Vec<PathBuf>> {
    if dir.join("cerita.yaml").exists() {
        return Err(Error::Other(format!(
            "{} already holds a cerita site (cerita.yaml exists)",
            dir.display()
        )));
    }
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "Cerita".into());
    let config = format!(
        "# Site settings: see the README for every key.\ntitle: {}\nbase_url: https://example.org/\nlanguage: id\ndescription: \"Cerita dari komunitas.\"\n# The clock a date without a zone is on: WIB (Asia/Makassar for WITA, Asia/Jayapura for WIT).\ntime_zone: Asia/Jakarta\ntheme: default\npaginate: 10\n",
        quote(&name)
    );
    let date = format!(
        "{:04}-{:02}-{:02}",
        today.year(),
        u8::from(today.month()),
        today.day()
    );
    let story = format!(
        "---\ntitle: \"Selamat datang\"\ndate: {date}\nauthors: [\"Tim Redaksi\"]\npartners: [\"Komunitas Contoh\"]\ntags: [\"pengumuman\"]\nregion: [\"Yogyakarta\"]\nlang: id\n---\n\nIni cerita pertama situs ini. Ubah atau hapus file ini, lalu tulis cerita baru dengan `cerita new \"Judul cerita\"`.\n\n## Langkah berikutnya\n\n- Ganti `title` dan `base_url` di `cerita.yaml`.\n- Jalankan `cerita build` dan buka `public/index.html`.\n"
    );
    let about = "---\ntitle: \"Tentang\"\n---\n\nTuliskan siapa yang menerbitkan situs ini dan bagaimana mitra dapat mengirim cerita.\n";
    let files = [
        (dir.join("cerita.yaml"), config),
        (
            dir.join("content/stories")
                .join(format!("{:04}", today.year()))
                .join("selamat-datang.md"),
            story,
        ),
        (dir.join("content/pages/about.md"), about.to_string()),
        (
            dir.join(".gitignore"),
            "/public\n/.cerita-cache\n".to_string(),
        ),
    ];
    let mut written = Vec::new();
    for (path, text) in files {
        if path.ends_with(".gitignore") && path.exists() {
            continue;
        }
        create_new(&path, &text, EXISTS_HINT)?;
        written.push(path);
    }
    Ok(written)
}

/// `cerita strings LANG`: the UI strings the theme and the site lack in
/// `lang`, each added to `i18n/<lang>.yaml` as a comment holding the text
/// shown until it is translated (`# search_button: "Cari"`): a translator
/// writes the translation and removes the `# `. Lines already there, as
/// translations or as such comments, are kept and not added again.
/// Returns the file, how many strings it gained and how many the language
/// still lacks.
pub fn new_strings(root: &Path, lang: Lang) -> Result<(PathBuf, usize, usize)> {
    let config = crate::pipeline::read_config(&crate::options::Options::new(root))?;
    let known = config.known_langs();
    let Some(lang) = lang.lookup(&known) else {
        let list: Vec<String> = known.iter().map(|l| format!("`{l}`")).collect();
        return Err(Error::Other(format!(
            "`{lang}` is not a language of this site; its languages: {}; add it under `languages:` in cerita.yaml first",
            list.join(", ")
        )));
    };
    let theme =
        crate::theme::load(root, &config).map_err(|d| Error::Content(d.into_iter().collect()))?;
    let path = root.join("i18n").join(format!("{lang}.yaml"));
    let old = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Error::io(&path, "read", e)),
    };
    // Keys the file has, as translations or still as comments.
    let has = |key: &str| {
        old.lines().any(|l| {
            let l = l.trim_start().trim_start_matches('#').trim_start();
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
    };
    let missing = theme.missing.get(&lang).map_or(&[][..], Vec::as_slice);
    let lacking: Vec<&(String, String)> = missing.iter().filter(|(k, _)| !has(k)).collect();
    if lacking.is_empty() {
        return Ok((path, 0, missing.len()));
    }
    let mut text = old.clone();
    if text.is_empty() {
        text.push_str(&format!(
            "# UI strings in `{lang}`. Translate a line and remove its `# `; until then\n# the text after the key is shown.\n"
        ));
    } else if !text.ends_with('\n') {
        text.push('\n');
    }
    for (key, shown) in &lacking {
        text.push_str(&format!("# {key}: {}\n", crate::yaml::quote(shown)));
    }
    crate::fs::create_dir_all(&root.join("i18n"))?;
    crate::fs::write_atomic(&path, text.as_bytes())?;
    Ok((path, lacking.len(), missing.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn story_text_is_valid_front_matter() {
        let t = story_text(
            "Judul \"kutip\": uji",
            "2024-01-02",
            &["HAPSARI".into()],
            &["pelatihan".into()],
            Lang::ID,
        );
        let split = crate::frontmatter::split(Path::new("x.md"), &t).unwrap();
        let (meta, diags) = crate::frontmatter::story(Path::new("x.md"), &t, &split);
        let meta = meta.unwrap_or_else(|| panic!("{diags:?}"));
        assert_eq!(meta.title, "Judul \"kutip\": uji");
        assert_eq!(meta.partners, ["HAPSARI"]);
    }
}
