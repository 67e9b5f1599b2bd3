//! Writers who never touch git: the web editor's settings `cerita cms init`
//! writes (checked against Sveltia CMS's own schema, and by saving what its
//! form saves and building it), the editor itself in Chromium, `cerita serve
//! --cms` over HTTP, the JSON Schema of the front matter under a validator
//! nobody here wrote, and `cerita check` noticing when the settings drift.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::support::*;

/// Sveltia CMS as `cms init` pins it (the version is in its admin page).
const SVELTIA_VERSION: &str = "0.221.1";
const SVELTIA_SHA256: &str = "cfc6193c6c17c3d1d97c85bc2d63ec3655ba2a844b37c6fe5759f1a80821bb02";

fn sveltia(member: &str, dest: &str) -> PathBuf {
    npm_file(
        "@sveltia/cms",
        SVELTIA_VERSION,
        SVELTIA_SHA256,
        &format!("package/{member}"),
        &format!("sveltia-{SVELTIA_VERSION}-{dest}"),
    )
}

/// The example site's content and settings in a temporary folder.
fn example_copy() -> TestSite {
    let site = TestSite::empty();
    copy_dir(&repo().join("content"), &site.path("content"));
    std::fs::copy(repo().join("cerita.yaml"), site.path("cerita.yaml")).unwrap();
    site
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walk(from) {
        let rel = e.strip_prefix(from).unwrap();
        let dest = to.join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&e, &dest).unwrap();
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// A file's front matter as JSON (what an editor or a schema validator sees).
fn front_matter(text: &str) -> Value {
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let rest = text.strip_prefix("---\n").expect("front matter");
    let end = rest.find("\n---").expect("closing fence");
    let yaml: serde_yaml::Value = serde_yaml::from_str(&rest[..end]).unwrap();
    serde_json::to_value(yaml).unwrap()
}

fn yaml_file(path: &Path) -> Value {
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    serde_json::to_value(yaml).unwrap()
}

/// `cerita schema --kind KIND` of the site at `root`, compiled.
fn validator(root: &Path, kind: &str) -> jsonschema::Validator {
    let o = std::process::Command::new(CERITA)
        .args(["schema", "--kind", kind, "--root"])
        .arg(root)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let schema: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    jsonschema::draft202012::new(&schema).unwrap()
}

#[test]
fn the_schema_accepts_every_front_matter_of_the_example_and_rejects_what_the_build_rejects() {
    let root = repo();
    let kinds = [
        ("stories", "story"),
        ("partners", "partner"),
        ("pages", "page"),
    ];
    let mut checked = 0;
    for (folder, kind) in kinds {
        let v = validator(root, kind);
        for file in walk(&root.join("content").join(folder)) {
            if file.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let fm = front_matter(&std::fs::read_to_string(&file).unwrap());
            let errors: Vec<String> = v.iter_errors(&fm).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{}: {errors:?}", file.display());
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} files");

    // What the build refuses, the schema refuses: each file alone in a site
    // in one language (whose `lang` may be id or en).
    let hostile: &[(&str, &str, &str)] = &[
        ("story", "content/stories/2024/a.md", "date: 2024-01-01\n"),
        ("story", "content/stories/2024/a.md", "title: \"\"\n"),
        ("story", "content/stories/2024/a.md", "title: [satu, dua]\n"),
        ("story", "content/stories/2024/a.md", "title: {a: 1}\n"),
        (
            "story",
            "content/stories/2024/a.md",
            "title: A\ndate: kemarin\n",
        ),
        (
            "story",
            "content/stories/2024/a.md",
            "title: A\ndate: 10/04/2021\n",
        ),
        (
            "story",
            "content/stories/2024/a.md",
            "title: A\ndate: [2021]\n",
        ),
        (
            "story",
            "content/stories/2024/a.md",
            "title: A\ndraft: ya\n",
        ),
        (
            "story",
            "content/stories/2024/a.md",
            "title: A\nslug: Judul Besar\n",
        ),
        (
            "story",
            "content/stories/2024/a.md",
            "title: A\nslug: -awal\n",
        ),
        ("story", "content/stories/2024/a.md", "title: A\nlang: fr\n"),
        (
            "story",
            "content/stories/2024/a.md",
            "title: A\nauthors: {nama: Rina}\n",
        ),
        (
            "story",
            "content/stories/2024/a.md",
            "title: A\ntags: [[bersarang]]\n",
        ),
        ("story", "content/stories/2024/a.md", "title: A\nextra: 5\n"),
        (
            "story",
            "content/stories/2024/a.md",
            "title: A\nimage: [a.jpg]\n",
        ),
        ("story", "content/stories/2024/a.md", "- title\n- date\n"),
        (
            "partner",
            "content/partners/x.md",
            "website: https://x.org/\n",
        ),
        (
            "partner",
            "content/partners/x.md",
            "name: X\naliases: {a: b}\n",
        ),
        ("page", "content/pages/x.md", "title: \"   \"\n"),
        ("page", "content/pages/x.md", "title: T\ndraft: 1\n"),
    ];
    let single = TestSite::new();
    let validators: Vec<(&str, jsonschema::Validator)> = ["story", "partner", "page"]
        .into_iter()
        .map(|k| (k, validator(single.root(), k)))
        .collect();
    for (kind, path, fields) in hostile {
        let site = TestSite::new();
        site.write(path, &format!("---\n{fields}---\nIsi.\n"));
        let o = site.cerita(&["build"]);
        assert!(!o.status.success(), "the build accepted {path}:\n{fields}");
        let yaml: serde_yaml::Value = serde_yaml::from_str(fields).unwrap();
        let fm = serde_json::to_value(yaml).unwrap();
        let v = &validators.iter().find(|(k, _)| k == kind).unwrap().1;
        assert!(!v.is_valid(&fm), "the schema accepted a {kind}:\n{fields}");
    }
    // And what the build accepts in forms other generators write, it accepts.
    for fields in [
        "title: 2024\ndate: 2024-01-01 09:00:00 +0700\nauthors: Rina, Budi\n",
        "title: A\ndate: 2024-01-01T09:00:00Z\ndescription: Ringkas\ncategories: [x]\ntranslationKey: k\n",
        "title: A\nslug: \"\"\nimage: \"\"\nupdated: \"\"\nlayout: post\n",
    ] {
        let site = TestSite::new();
        site.write(
            "content/stories/2024/a.md",
            &format!("---\n{fields}---\nIsi.\n"),
        );
        site.build_ok(&[]);
        let fm = serde_json::to_value(serde_yaml::from_str::<serde_yaml::Value>(fields).unwrap())
            .unwrap();
        let errors: Vec<String> = validators[0]
            .1
            .iter_errors(&fm)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{fields}: {errors:?}");
    }
}

/// A value for one field of the editor's settings, as its widget saves it.
fn fill(
    collection: &str,
    field: &Value,
    partners: &[String],
    lang: &str,
    files: &mut Vec<(String, Vec<u8>)>,
) -> Value {
    let name = field["name"].as_str().unwrap();
    let own = |s: &str| {
        if lang.is_empty() {
            s.to_string()
        } else {
            format!("{s} ({lang})")
        }
    };
    match (field["widget"].as_str().unwrap(), name) {
        ("string", "slug") => json!(if lang.is_empty() {
            "dari-editor".to_string()
        } else {
            format!("dari-editor-{lang}")
        }),
        ("string", "website") => json!("https://kelompok-editor.example.org/"),
        ("string", _) => json!(own(&format!(
            "{} dari editor",
            field["label"].as_str().unwrap()
        ))),
        ("text", _) => json!(own("Ringkasan yang ditulis di editor.")),
        ("datetime", _) => {
            assert_eq!(field["format"], "YYYY-MM-DD");
            json!(if name == "date" {
                "2024-05-06"
            } else {
                "2024-06-07"
            })
        }
        ("list", "aliases") if field["label"] == "Alamat lama" => {
            let lang = if lang.is_empty() {
                String::new()
            } else {
                format!("-{lang}")
            };
            json!([format!("/lama/{collection}-dari-editor{lang}/")])
        }
        ("list", _) => json!(["Nama Satu", "Nama Dua"]),
        ("relation", _) => {
            assert_eq!(field["collection"], "partners");
            assert_eq!(field["value_field"], "name");
            json!([partners[0].clone()])
        }
        ("select", _) if field["multiple"] == true => {
            let opts = field["options"].as_array().unwrap();
            json!(opts.iter().take(2).collect::<Vec<_>>())
        }
        ("select", _) => field["options"][0].clone(),
        ("boolean", _) => json!(false),
        ("image", _) => {
            let file = format!("{name}-dari-editor.png");
            files.push((file.clone(), png(800, 500)));
            json!(file)
        }
        (w, _) => panic!("a widget this test does not know: {w} ({name})"),
    }
}

/// For each collection, the file the editor's form saves with every field
/// filled (and, in a site with languages, its English translation beside
/// it), with its photos where the collection keeps media. Returns the files'
/// paths.
fn save_like_the_editor(site: &TestSite) -> Vec<String> {
    let config = yaml_file(&site.path("static/admin/config.yml"));
    let partners: Vec<String> = walk(&site.path("content/partners"))
        .iter()
        .map(|p| {
            front_matter(&std::fs::read_to_string(p).unwrap())["name"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let locales: Vec<String> = config["i18n"]["locales"]
        .as_array()
        .map(|l| l.iter().map(|x| x.as_str().unwrap().to_string()).collect())
        .unwrap_or_default();
    let mut written = Vec::new();
    for c in config["collections"].as_array().unwrap() {
        let translated = c["i18n"] == true;
        let langs: Vec<&str> = if translated && locales.len() > 1 {
            vec!["", "en"]
        } else {
            vec![""]
        };
        let mut shared = serde_json::Map::new();
        for lang in langs {
            let mut media = Vec::new();
            let mut fm = serde_yaml::Mapping::new();
            let mut body = String::new();
            for f in c["fields"].as_array().unwrap() {
                let name = f["name"].as_str().unwrap();
                if name == "body" {
                    assert_eq!(f["widget"], "markdown");
                    body = format!(
                        "Paragraf dari editor{}.\n\n![Foto di isi](isi-dari-editor.png)\n",
                        if lang.is_empty() {
                            String::new()
                        } else {
                            format!(" ({lang})")
                        }
                    );
                    media.push(("isi-dari-editor.png".to_string(), png(640, 400)));
                    continue;
                }
                let value = match (lang, f["i18n"].as_str()) {
                    ("", _) | (_, None) => {
                        fill(c["name"].as_str().unwrap(), f, &partners, lang, &mut media)
                    }
                    (_, Some("duplicate")) => shared[name].clone(),
                    (_, Some(other)) => panic!("i18n: {other}"),
                };
                if lang.is_empty() {
                    shared.insert(name.to_string(), value.clone());
                }
                fm.insert(name.into(), serde_yaml::to_value(&value).unwrap());
            }
            // The editor's `{{slug}}`: the default language's identifier
            // field, made a slug; translations sit beside it.
            let id = shared[c["identifier_field"].as_str().unwrap()]
                .as_str()
                .unwrap();
            let slug = id.to_lowercase().replace(' ', "-");
            let stem = c["path"]
                .as_str()
                .unwrap()
                .replace("{{year}}", "2024")
                .replace("{{slug}}", &slug);
            let file = if lang.is_empty() {
                format!("{}/{stem}.md", c["folder"].as_str().unwrap())
            } else {
                format!("{}/{stem}.{lang}.md", c["folder"].as_str().unwrap())
            };
            let text = format!("---\n{}---\n\n{body}", serde_yaml::to_string(&fm).unwrap());
            site.write(&file, &text);
            // `media_folder: ""`: beside the entry.
            assert_eq!(c["media_folder"], "");
            let dir = Path::new(&file).parent().unwrap().to_path_buf();
            for (name, bytes) in media {
                site.write_bytes(dir.join(name).to_str().unwrap(), &bytes);
            }
            written.push(file);
        }
    }
    written
}

#[test]
fn the_editor_settings_follow_sveltias_schema_and_what_its_form_saves_builds_showing_every_field() {
    for multilingual in [true, false] {
        let site = if multilingual {
            example_copy()
        } else {
            let s = TestSite::new();
            s.write(
                "content/partners/kelompok-tani.md",
                "---\nname: Kelompok Tani Makmur\n---\nProfil.\n",
            );
            s.story(
                "2023/awal.md",
                "Awal",
                "date: 2023-01-01\ntags: [pertanian, pangan]\n",
                "Isi.\n",
            );
            s
        };
        let before = stderr(&site.cerita(&["build"]));
        let o = site.cerita(&[
            "cms",
            "init",
            "--backend",
            "github",
            "--repo",
            "serikat/cerita",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));

        // The settings are what Sveltia CMS's own schema allows.
        let schema: Value = serde_json::from_str(
            &std::fs::read_to_string(sveltia("schema/sveltia-cms.json", "schema.json")).unwrap(),
        )
        .unwrap();
        let config = yaml_file(&site.path("static/admin/config.yml"));
        let v = jsonschema::validator_for(&schema).unwrap();
        let errors: Vec<String> = v
            .iter_errors(&config)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(config["backend"]["repo"], "serikat/cerita");
        assert_eq!(config["i18n"].is_object(), multilingual);
        if multilingual {
            assert_eq!(config["i18n"]["locales"], json!(["id", "en", "jv"]));
            assert_eq!(config["i18n"]["omit_default_locale_from_file_path"], true);
        }

        let files = save_like_the_editor(&site);
        let o = site.cerita(&["build"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let after = stderr(&o);
        // No warning about anything the editor wrote (the example's own
        // warnings, if any, are as before).
        for f in &files {
            assert!(!after.contains(f.as_str()), "{f}:\n{after}");
        }
        assert_eq!(
            after.matches("warning").count(),
            before.matches("warning").count(),
            "{after}"
        );

        // Every field shows.
        let story = site.html("stories/dari-editor/index.html");
        let text = story.root_element().text().collect::<String>();
        for want in [
            "Judul dari editor",
            "Nama Satu",
            "Paragraf dari editor.",
            "Keterangan foto sampul dari editor",
        ] {
            assert!(
                text.contains(want) || story.html().contains(want),
                "{want} missing from the story page"
            );
        }
        assert!(story.html().contains("Ringkasan yang ditulis di editor."));
        let partner_links = attrs(&story, "a[href*='/partners/']", "href");
        assert!(!partner_links.is_empty(), "no partner link");
        let tags = attrs(&story, "a[href*='/tags/']", "href");
        assert!(tags.len() >= 2, "{tags:?}");
        let alts = attrs(&story, "img", "alt");
        assert!(
            alts.iter()
                .any(|a| a == "Keterangan foto sampul dari editor"),
            "{alts:?}"
        );
        assert!(alts.iter().any(|a| a == "Foto di isi"), "{alts:?}");
        assert!(story.html().contains("2024-06-07"), "updated date missing");
        assert!(
            site.out("lama/stories-dari-editor/index.html").is_file(),
            "the old address"
        );
        let partner = site.html("partners/nama-dari-editor/index.html");
        assert!(
            partner
                .html()
                .contains("https://kelompok-editor.example.org/")
        );
        let page = site.html("dari-editor/index.html");
        assert!(page.html().contains("Judul dari editor"));
        if multilingual {
            let en = site.html("en/stories/dari-editor-en/index.html");
            assert!(en.html().contains("Judul dari editor (en)"));
            // The translation is linked as one.
            assert!(
                attrs(&story, "link[hreflang='en']", "href")
                    .iter()
                    .any(|h| h.ends_with("/en/stories/dari-editor-en/")),
                "no alternate"
            );
        }

        // The admin page is published, pinned, and hidden from readers' tools.
        let admin = site.read_out("admin/index.html");
        assert!(admin.contains("noindex"));
        assert!(admin.contains(&format!(
            "@sveltia/cms@{SVELTIA_VERSION}/dist/sveltia-cms.js"
        )));
        let sitemap = site.read_out("sitemap.xml");
        assert!(!sitemap.contains("/admin/"), "the sitemap lists the editor");
    }
}

/// A site that keeps its translations in a folder per language gets an
/// editor that saves them there (`multiple_folders`), with the default
/// language's files in the section's folder or in their own, as the site
/// has them; the settings stay within Sveltia CMS's schema.
#[test]
fn the_editor_saves_translations_where_the_site_keeps_them() {
    const TWO_LANGUAGES: &str =
        "title: T\nbase_url: https://example.org/\nlanguage: id\nlanguages:\n  en: { title: E }\n";
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(sveltia("schema/sveltia-cms.json", "schema.json")).unwrap(),
    )
    .unwrap();
    let v = jsonschema::validator_for(&schema).unwrap();
    for default_in_folder in [false, true] {
        let s = TestSite::empty();
        s.write("cerita.yaml", TWO_LANGUAGES);
        let default_dir = if default_in_folder { "id/" } else { "" };
        s.story(
            &format!("{default_dir}2024/rapat.md"),
            "Rapat",
            "date: 2024-01-01\n",
            "Isi.\n",
        );
        s.story(
            "en/2024/rapat.md",
            "Meeting",
            "date: 2024-01-01\n",
            "Text.\n",
        );
        s.story(
            &format!("{default_dir}2024/panen.md"),
            "Panen",
            "date: 2024-02-01\n",
            "Isi.\n",
        );
        s.story(
            "en/2024/panen.md",
            "Harvest",
            "date: 2024-02-01\n",
            "Text.\n",
        );
        s.build_ok(&[]);
        let o = s.cerita(&["cms", "init"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let config = yaml_file(&s.path("static/admin/config.yml"));
        let errors: Vec<String> = v.iter_errors(&config).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(config["i18n"]["structure"], "multiple_folders");
        assert_eq!(
            config["i18n"]["omit_default_locale_from_file_path"],
            !default_in_folder
        );
        // `cerita check` finds the settings up to date.
        let o = s.cerita(&["check"]);
        assert!(!stderr(&o).contains("config.yml"), "{}", stderr(&o));
    }
    // A folder spelt otherwise than the tag (`EN`) names the editor's
    // locale, so it lists and saves the files there.
    let s = TestSite::empty();
    s.write("cerita.yaml", TWO_LANGUAGES);
    s.story("rapat.md", "Rapat", "date: 2024-01-01\n", "Isi.\n");
    s.story("EN/rapat.md", "Meeting", "date: 2024-01-01\n", "Text.\n");
    s.story("EN/talk.md", "Talk", "date: 2024-01-02\n", "Text.\n");
    assert!(s.cerita(&["cms", "init"]).status.success());
    let config = yaml_file(&s.path("static/admin/config.yml"));
    assert_eq!(config["i18n"]["locales"], serde_json::json!(["id", "EN"]));
    assert_eq!(config["i18n"]["default_locale"], "id");
    let o = s.cerita(&["check"]);
    assert!(!stderr(&o).contains("config.yml"), "{}", stderr(&o));
    // Translations side by side keep `multiple_files`.
    let s = TestSite::empty();
    s.write("cerita.yaml", TWO_LANGUAGES);
    s.story("rapat.md", "Rapat", "date: 2024-01-01\n", "Isi.\n");
    s.story("rapat.en.md", "Meeting", "date: 2024-01-01\n", "Text.\n");
    assert!(s.cerita(&["cms", "init"]).status.success());
    let config = yaml_file(&s.path("static/admin/config.yml"));
    assert_eq!(config["i18n"]["structure"], "multiple_files");
    // Moved into a folder per language, `cerita check` says the editor's
    // settings keep them elsewhere.
    std::fs::create_dir_all(s.path("content/stories/en")).unwrap();
    std::fs::rename(
        s.path("content/stories/rapat.en.md"),
        s.path("content/stories/en/rapat.md"),
    )
    .unwrap();
    let o = s.cerita(&["check"]);
    assert!(
        stderr(&o).contains("translations are kept in a folder per language"),
        "{}",
        stderr(&o)
    );
}

/// The admin page's integrity hash is the pinned package's file's.
#[test]
fn the_admin_page_pins_the_editor_by_its_integrity_hash() {
    let site = TestSite::new();
    assert!(site.cerita(&["cms", "init"]).status.success());
    let page = std::fs::read_to_string(site.path("static/admin/index.html")).unwrap();
    let js = sveltia("dist/sveltia-cms.js", "sveltia-cms.js");
    let sum = std::process::Command::new("sha384sum")
        .arg(&js)
        .output()
        .unwrap();
    let hex = String::from_utf8_lossy(&sum.stdout)
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    use base64::Engine;
    let sri = format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    );
    assert!(page.contains(&format!("integrity=\"{sri}\"")), "{page}");
    assert!(page.contains("crossorigin=\"anonymous\""));
    // Readers' pages never load it.
    site.story("2024/a.md", "A", "", "Isi.\n");
    site.build_ok(&[]);
    for f in files_under(&site.path("public")) {
        if f.ends_with(".html") && !f.starts_with("admin/") {
            assert!(
                !site.read_out(&f).contains("sveltia"),
                "{f} loads the editor"
            );
        }
    }
    // A second init does not overwrite; --update does, keeping the backend.
    let o = site.cerita(&["cms", "init"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--update"), "{}", stderr(&o));
}

/// On a site with the editor, `cerita check` names each value the editor
/// would save empty (a date typed by hand, one name where a list goes)
/// with the form it keeps; the build reads both forms alike; a site
/// without the editor hears nothing of it.
#[test]
fn check_names_what_the_editor_would_save_empty() {
    let site = TestSite::new();
    site.story(
        "a.md",
        "A",
        "date: 30 Agustus 2021\nregion: Gresik\npartners: \"Serikat Perempuan: HAPSARI\"\ntags: [desa]\n",
        "Isi.\n",
    );
    site.story(
        "b.md",
        "B",
        "date: 2021-08-31\nregion: [Gresik]\n",
        "Isi.\n",
    );
    site.story(
        "c.md",
        "C",
        "date: Minggu, 6 Desember 2026 pukul 19.30 WIB\n",
        "Isi.\n",
    );
    let o = site.cerita(&["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("the editor"), "{}", stderr(&o));

    let o = site.cerita(&["cms", "init", "--backend", "test-repo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = site.cerita(&["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    for want in [
        "content/stories/a.md:3:7: warning: the editor (`static/admin/`) shows `date: 30 Agustus 2021` as empty, and saving this file there empties it",
        "hint: write `date: 2021-08-30`, which the build reads the same",
        "content/stories/a.md:4:9: warning: the editor (`static/admin/`) shows `region: Gresik` as empty",
        "hint: write `region: [Gresik]`",
        // As written, quotes kept.
        "shows `partners: \"Serikat Perempuan: HAPSARI\"` as empty",
        "hint: write `partners: [\"Serikat Perempuan: HAPSARI\"]`",
        // A time of day the editor's form cannot keep is said to be lost.
        "content/stories/c.md:3:7: warning: the editor (`static/admin/`) shows `date: Minggu, 6 Desember 2026 pukul 19.30 WIB` as empty",
        "hint: write `date: 2026-12-06`, the day alone: the editor's date field keeps no time of day",
    ] {
        assert!(err.contains(want), "missing {want:?} in\n{err}");
    }
    assert!(!err.contains("b.md"), "{err}");
    assert!(!err.contains("`tags:"), "{err}");

    // Written as the hints say, the story is as it was, and check is quiet.
    site.build_ok(&[]);
    let before = site.html("stories/a/index.html").html();
    site.story(
        "a.md",
        "A",
        "date: 2021-08-30\nregion: [Gresik]\npartners: [\"Serikat Perempuan: HAPSARI\"]\ntags: [desa]\n",
        "Isi.\n",
    );
    site.story("c.md", "C", "date: 2026-12-06\n", "Isi.\n");
    let o = site.cerita(&["check"]);
    assert!(!stderr(&o).contains("the editor"), "{}", stderr(&o));
    site.build_ok(&[]);
    assert_eq!(site.html("stories/a/index.html").html(), before);
}

#[test]
fn check_warns_when_the_editor_settings_drift_and_update_keeps_the_maintainers_part() {
    let site = example_copy();
    let o = site.cerita(&[
        "cms",
        "init",
        "--backend",
        "gitlab",
        "--repo",
        "kolektif/situs",
        "--pages",
        "--frontmatter",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The maintainer's own settings and comments.
    let path = site.path("static/admin/config.yml");
    let mine = std::fs::read_to_string(&path).unwrap().replace(
        "backend:\n",
        "# our GitLab\nbackend:\n  base_url: https://gitlab.example.org\n",
    ) + "logo_url: /static/logo.svg\n";
    std::fs::write(&path, &mine).unwrap();
    let o = site.cerita(&["check"]);
    assert!(!stderr(&o).contains("config.yml"), "{}", stderr(&o));

    // A language, a partner profile and a tag added.
    let config = std::fs::read_to_string(site.path("cerita.yaml")).unwrap();
    std::fs::write(
        site.path("cerita.yaml"),
        config.replace(
            "theme: default",
            "  su:\n    title: Carita Komunitas\ntheme: default",
        ),
    )
    .unwrap();
    site.write(
        "content/partners/baru.md",
        "---\nname: Kelompok Baru\n---\n",
    );
    site.story(
        "2024/baru.md",
        "Baru",
        "date: 2024-01-01\ntags: [topik-baru]\n",
        "Isi.\n",
    );
    let o = site.cerita(&["check"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("static/admin/config.yml"), "{err}");
    assert!(err.contains("language `su` added"), "{err}");
    assert!(err.contains("topik-baru"), "{err}");
    assert!(err.contains("frontmatter.json: warning"), "{err}");
    assert!(err.contains(".pages.yml: warning"), "{err}");
    assert!(err.contains("cerita cms init --update"), "{err}");

    let o = site.cerita(&["cms", "init", "--update"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let now = std::fs::read_to_string(&path).unwrap();
    assert!(now.contains("# our GitLab\nbackend:\n  base_url: https://gitlab.example.org\n  name: gitlab\n  repo: kolektif/situs\n"), "{now}");
    assert!(now.contains("logo_url: /static/logo.svg\n"), "{now}");
    assert!(now.contains("    - su\n"), "{now}");
    let o = site.cerita(&["check"]);
    let err = stderr(&o);
    for f in ["config.yml", "frontmatter.json", ".pages.yml"] {
        assert!(!err.contains(f), "{err}");
    }
    // Generated files parse, and name the new partner where they list them.
    let fm: Value =
        serde_json::from_str(&std::fs::read_to_string(site.path("frontmatter.json")).unwrap())
            .unwrap();
    assert!(fm.to_string().contains("Kelompok Baru"));
    let pages = yaml_file(&site.path(".pages.yml"));
    assert_eq!(pages["content"][0]["path"], "content/stories");

    // Settings a maintainer wrote by hand are theirs: no warning.
    let own = TestSite::new();
    own.write(
        "static/admin/config.yml",
        "backend:\n  name: github\n  repo: a/b\nmedia_folder: static/img\ncollections:\n  - name: blog\n    folder: content/stories\n    fields: [{name: title, widget: string}]\n",
    );
    let o = own.cerita(&["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("config.yml"), "{}", stderr(&o));
}

/// One request to the editor's API, as raw HTTP: (status, body as JSON).
fn api(s: &Serve, query: &str, headers: &[(&str, &str)], body: &str) -> (u16, Value) {
    use std::io::{Read, Write};
    let mut t = std::net::TcpStream::connect(&s.addr).unwrap();
    t.set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .unwrap();
    let mut head = format!(
        "POST /__cerita/cms/api/v1{query} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: {}\r\n", s.addr));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    write!(t, "{head}\r\n{body}").unwrap();
    let mut buf = Vec::new();
    t.read_to_end(&mut buf).unwrap();
    let split = buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let status: u16 = String::from_utf8_lossy(&buf[..split])
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    (
        status,
        serde_json::from_slice(&buf[split + 4..]).unwrap_or(Value::Null),
    )
}

/// Polls the preview until `path` answers `status`.
fn until(s: &Serve, path: &str, status: u16) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let (got, body) = s.text(path);
        if got == status {
            return body;
        }
        assert!(std::time::Instant::now() < deadline, "{path} stayed {got}");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

#[test]
fn serve_cms_edits_content_over_its_api_and_refuses_everything_else() {
    let site = TestSite::new();
    site.write(
        "content/partners/hapsari.md",
        "---\nname: HAPSARI\n---\nProfil.\n",
    );
    site.story("2023/awal.md", "Awal", "date: 2023-01-01\n", "Isi.\n");
    let s = Serve::start_with(site.root(), &["--cms"]);
    let (status, admin) = s.text("/admin/");
    assert_eq!(status, 200);
    assert!(admin.contains("decap-cms@"), "{admin}");
    assert!(admin.contains("integrity=\"sha384-"), "{admin}");
    let token = admin
        .split("token=")
        .nth(1)
        .unwrap()
        .split(|c: char| !c.is_ascii_hexdigit())
        .next()
        .unwrap()
        .to_string();
    assert_eq!(token.len(), 32);
    let (_, config) = s.text("/admin/config.yml");
    assert!(config.contains("name: git-gateway"), "{config}");
    assert!(admin.contains("local_backend"), "{admin}");
    let q = format!("?token={token}");
    let origin = format!("http://{}", s.addr);
    let ok_headers = [
        ("Content-Type", "application/json"),
        ("Origin", origin.as_str()),
    ];

    // Create a story with a photo beside it; the preview shows it.
    use base64::Engine;
    let photo = base64::engine::general_purpose::STANDARD.encode(png(400, 300));
    let story = "---\ntitle: Dari Editor\ndate: 2024-05-06\npartners: [HAPSARI]\nimage: foto.png\nimage_alt: Foto peserta\nslug: ''\n---\n\nParagraf pertama.\n";
    let (status, r) = api(&s, &q, &ok_headers, &json!({"action": "persistEntry", "params": {
        "entry": {"path": "content/stories/2024/dari-editor.md", "raw": story, "slug": "dari-editor"},
        "assets": [{"path": "content/stories/2024/foto.png", "content": photo, "encoding": "base64"}],
        "options": {"commitMessage": "Create", "useWorkflow": false}
    }}).to_string());
    assert_eq!(status, 200, "{r}");
    assert_eq!(
        std::fs::read_to_string(site.path("content/stories/2024/dari-editor.md")).unwrap(),
        story
    );
    assert!(site.path("content/stories/2024/foto.png").is_file());
    let page = until(&s, "/stories/dari-editor/", 200);
    assert!(page.contains("Dari Editor"));
    assert!(page.contains("Foto peserta"));

    // List and read as the editor does.
    let (status, r) = api(&s, &q, &ok_headers, &json!({"action": "entriesByFolder", "params": {"folder": "content/stories", "extension": "md", "depth": 2}}).to_string());
    assert_eq!(status, 200);
    let paths: Vec<&str> = r
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["file"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "content/stories/2023/awal.md",
            "content/stories/2024/dari-editor.md"
        ]
    );
    assert_eq!(r[1]["data"], story);
    let (_, r) = api(
        &s,
        &q,
        &ok_headers,
        &json!({"action": "getEntry", "params": {"path": "content/stories/2023/awal.md"}})
            .to_string(),
    );
    assert!(r["data"].as_str().unwrap().contains("title: \"Awal\""));

    // Edit it; the preview follows.
    let edited = story.replace("Dari Editor", "Dari Editor, Diperbaiki");
    let (status, _) = api(
        &s,
        &q,
        &ok_headers,
        &json!({"action": "persistEntry", "params": {
        "entry": {"path": "content/stories/2024/dari-editor.md", "raw": edited}, "assets": []}})
        .to_string(),
    );
    assert_eq!(status, 200);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !s.text("/stories/dari-editor/").1.contains("Diperbaiki") {
        assert!(
            std::time::Instant::now() < deadline,
            "the edit never showed"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }

    // Upload into the media library and list it.
    let (status, r) = api(
        &s,
        &q,
        &ok_headers,
        &json!({"action": "persistMedia", "params": {
        "asset": {"path": "static/uploads/logo.png", "content": photo, "encoding": "base64"}}})
        .to_string(),
    );
    assert_eq!(status, 200, "{r}");
    assert_eq!(r["name"], "logo.png");
    let (_, r) = api(
        &s,
        &q,
        &ok_headers,
        &json!({"action": "getMedia", "params": {"mediaFolder": "static/uploads"}}).to_string(),
    );
    assert_eq!(r[0]["path"], "static/uploads/logo.png");
    assert_eq!(r[0]["content"], photo);

    // Refused, each leaving content/ and static/ byte for byte as they were.
    let before = (
        snapshot(&site.path("content")),
        snapshot(&site.path("static")),
    );
    let write = |path: &str, raw: &str| {
        json!({"action": "persistEntry", "params": {"entry": {"path": path, "raw": raw}, "assets": []}}).to_string()
    };
    let good = write("content/stories/2024/lain.md", "---\ntitle: Lain\n---\n");
    let foreign = [
        ("Content-Type", "application/json"),
        ("Origin", "https://situs-lain.example"),
    ];
    let cross = [
        ("Content-Type", "application/json"),
        ("Sec-Fetch-Site", "cross-site"),
    ];
    let plain = [("Content-Type", "text/plain"), ("Origin", origin.as_str())];
    let rebound = [
        ("Content-Type", "application/json"),
        ("Host", "evil.example:80"),
    ];
    /// Why, the query, the headers, the body.
    type Case<'a> = (&'a str, String, Vec<(&'a str, &'a str)>, String);
    let cases: Vec<Case> = vec![
        ("no token", String::new(), ok_headers.to_vec(), good.clone()),
        ("a wrong token", "?token=00000000000000000000000000000000".into(), ok_headers.to_vec(), good.clone()),
        ("a foreign Origin", q.clone(), foreign.to_vec(), good.clone()),
        ("a cross-site fetch", q.clone(), cross.to_vec(), good.clone()),
        ("a form's content type", q.clone(), plain.to_vec(), good.clone()),
        ("another host name", q.clone(), rebound.to_vec(), good.clone()),
        ("..", q.clone(), ok_headers.to_vec(), write("content/../cerita.yaml", "title: x\n")),
        ("a deeper ..", q.clone(), ok_headers.to_vec(), write("content/stories/../../templates/base.html", "x")),
        ("an absolute path", q.clone(), ok_headers.to_vec(), write("/tmp/cerita-cms-test.md", "x")),
        ("outside content/ and static/", q.clone(), ok_headers.to_vec(), write("cerita.yaml", "title: x\n")),
        ("invalid front matter", q.clone(), ok_headers.to_vec(), write("content/stories/2024/dari-editor.md", "---\ntitle: [rusak\n---\n")),
        ("a date the build rejects", q.clone(), ok_headers.to_vec(), write("content/stories/2024/dari-editor.md", "---\ntitle: A\ndate: kemarin\n---\n")),
        ("a missing title", q.clone(), ok_headers.to_vec(), write("content/pages/tentang.md", "---\nslug: tentang\n---\n")),
        ("deleting with ..", q.clone(), ok_headers.to_vec(), json!({"action": "deleteFile", "params": {"path": "content/../cerita.yaml"}}).to_string()),
        ("deleting many, one bad", q.clone(), ok_headers.to_vec(), json!({"action": "deleteFiles", "params": {"paths": ["content/stories/2023/awal.md", "../x"]}}).to_string()),
        ("reading with ..", q.clone(), ok_headers.to_vec(), json!({"action": "getEntry", "params": {"path": "static/../cerita.yaml"}}).to_string()),
        ("an upload outside", q.clone(), ok_headers.to_vec(), json!({"action": "persistMedia", "params": {"asset": {"path": "templates/x.png", "content": "", "encoding": "base64"}}}).to_string()),
    ];
    for (why, query, headers, body) in &cases {
        let (status, r) = api(&s, query, headers, body);
        assert!((400..500).contains(&status), "{why}: {status} {r}");
        assert!(r["error"].is_string(), "{why}: {r}");
        assert_eq!(
            (
                snapshot(&site.path("content")),
                snapshot(&site.path("static"))
            ),
            before,
            "{why} changed files"
        );
    }
    assert!(!Path::new("/tmp/cerita-cms-test.md").exists());
    let (_, r) = api(
        &s,
        &q,
        &ok_headers,
        &write(
            "content/stories/2024/dari-editor.md",
            "---\ntitle: A\ndate: kemarin\n---\n",
        ),
    );
    assert!(
        r["error"]
            .as_str()
            .unwrap()
            .contains("`date` is not a date"),
        "{r}"
    );

    // Delete: the page goes.
    let (status, _) = api(
        &s,
        &q,
        &ok_headers,
        &json!({"action": "deleteFile", "params": {"path": "content/stories/2024/dari-editor.md"}})
            .to_string(),
    );
    assert_eq!(status, 200);
    assert!(!site.path("content/stories/2024/dari-editor.md").exists());
    until(&s, "/stories/dari-editor/", 404);
}

#[test]
fn serve_cms_listens_on_this_computer_only() {
    let site = TestSite::new();
    let o = site.cerita(&["serve", "--cms", "--bind", "0.0.0.0", "--port", "0"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--cms"), "{}", stderr(&o));
    // Without --cms there is no API.
    let s = Serve::start(site.root());
    let (status, _) = api(
        &s,
        "?token=x",
        &[("Content-Type", "application/json")],
        "{\"action\":\"info\"}",
    );
    assert_eq!(status, 404);
}

/// Chromium at a phone's width, its console's problems kept, and every
/// request to another host paused for the test to answer (this machine
/// reaches no CDN).
fn editor_browser(chromium: &Path) -> Browser {
    let mut b = Browser::launch(chromium);
    b.page("Log.enable", json!({}));
    b.page(
        "Fetch.enable",
        json!({"patterns": [{"urlPattern": "https://*"}]}),
    );
    b.viewport(390, 844, true);
    b
}

/// What Chromium's console said that was an error or a warning.
fn console_problems(b: &Browser) -> Vec<String> {
    b.events
        .iter()
        .filter_map(|e| match e["method"].as_str()? {
            "Runtime.consoleAPICalled"
                if matches!(
                    e["params"]["type"].as_str(),
                    Some("error" | "warning" | "assert")
                ) =>
            {
                Some(e["params"]["args"].to_string())
            }
            "Runtime.exceptionThrown" => Some(e["params"]["exceptionDetails"].to_string()),
            // This machine reaches no other host: the editor's icon font
            // from Google Fonts cannot load here, and that is not the
            // editor's error.
            "Log.entryAdded"
                if e["params"]["entry"]["level"] == "error"
                    && e["params"]["entry"]["url"]
                        .as_str()
                        .is_none_or(|u| u.starts_with("http://127.0.0.1")) =>
            {
                Some(e["params"]["entry"].to_string())
            }
            _ => None,
        })
        .collect()
}

/// The pinned editor in Chromium, with the `test-repo` backend (the
/// browser's private file system) holding the example site's files: it
/// loads with nothing on the console, lists the stories, and a story made
/// in its form is a file `cerita build` publishes.
#[test]
fn the_pinned_editor_lists_the_example_stories_and_a_story_made_in_its_form_builds() {
    let Some(chromium) = chromium() else { return };
    let site = example_copy();
    let o = site.cerita(&["cms", "init", "--backend", "test-repo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Served as a host serves `static/admin/`; what the page fetches from
    // CDNs (the editor's script, its fonts) is answered from the pinned npm
    // packages, byte for byte what the CDNs serve: the browser still checks
    // the script against the page's integrity hash.
    let www = tempfile::tempdir().unwrap();
    copy_dir(&site.path("static/admin"), &www.path().join("admin"));
    let host = StaticServer::start(www.path(), "/");
    let script = sveltia("dist/sveltia-cms.js", "sveltia-cms.js");
    let icons = npm_file(
        "@fontsource-variable/material-symbols-outlined",
        "5.3.7",
        "8d9bdfbec54513ea792980c2f619299ff1c8146541c4cd054e26234ac7094955",
        "package/files/material-symbols-outlined-latin-wght-normal.woff2",
        "material-symbols-outlined-5.3.7.woff2",
    );
    let text_font = npm_file(
        "@fontsource-variable/source-sans-3",
        "5.3.0",
        "115c2d5a38a05d52c77ba02e4d939644bae30585a30a2e4657a3be2c99d5c7dc",
        "package/files/source-sans-3-latin-wght-normal.woff2",
        "source-sans-3-5.3.0.woff2",
    );
    let cdn = format!("https://unpkg.com/@sveltia/cms@{SVELTIA_VERSION}/dist/sveltia-cms.js");
    let answer = move |url: &str| -> Option<(u16, &'static str, Vec<u8>)> {
        let file = if url == cdn {
            &script
        } else if url.contains("/material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2") {
            &icons
        } else if url.contains("/source-sans-3:vf@5.3.0/latin-wght-normal.woff2") {
            &text_font
        } else {
            return None;
        };
        let mime = if url.ends_with(".js") {
            "text/javascript"
        } else {
            "font/woff2"
        };
        Some((200, mime, std::fs::read(file).ok()?))
    };

    let mut b = editor_browser(&chromium);
    b.page("Page.navigate", json!({"url": host.url("/admin/")}));
    b.wait_answering("document.readyState === 'complete'", &answer);
    // The repository the test backend works on: the example's files.
    let files: serde_json::Map<String, Value> = walk(&site.path("content"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            let rel = p
                .strip_prefix(site.root())
                .unwrap()
                .to_string_lossy()
                .to_string();
            (rel, json!(std::fs::read_to_string(&p).unwrap()))
        })
        .collect();
    let n = b.eval(&format!(
        "(async (files) => {{
            const repo = await (await navigator.storage.getDirectory()).getDirectoryHandle('sveltia-cms-test', {{create: true}});
            for (const [path, text] of Object.entries(files)) {{
                const parts = path.split('/'); let dir = repo;
                for (const p of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(p, {{create: true}});
                const w = await (await dir.getFileHandle(parts.at(-1), {{create: true}})).createWritable();
                await w.write(text); await w.close();
            }}
            return Object.keys(files).length;
        }})({})",
        Value::Object(files.clone())
    ));
    assert_eq!(n.as_u64().unwrap() as usize, files.len());
    b.page("Page.reload", json!({}));
    b.wait_answering(
        "[...document.querySelectorAll('button')].some(b => b.innerText.includes('Test Repository'))",
        &answer,
    );
    b.eval("[...document.querySelectorAll('button')].find(b => b.innerText.includes('Test Repository')).click()");
    b.wait_answering("document.body.innerText.includes('Profil mitra')", &answer);
    b.eval("location.hash = '#/collections/stories'");
    let listed = b.wait_answering(
        "document.body.innerText.includes('Menabung Bersama') && document.body.innerText",
        &answer,
    );
    let listed = listed.as_str().unwrap();
    // Every story in the default language is listed.
    for (path, text) in &files {
        let name = Path::new(path).file_name().unwrap().to_string_lossy();
        if !path.starts_with("content/stories/") || name.matches('.').count() > 1 {
            continue;
        }
        let title = front_matter(text.as_str().unwrap())["title"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(listed.contains(&title), "{title} is not listed");
    }
    // The icons are a font: the screenshots wait for it.
    b.wait_answering(
        "document.fonts.ready.then(() => document.fonts.check('24px \"Material Symbols Outlined\"'))",
        &answer,
    );
    std::fs::create_dir_all(repo().join("target/screenshots")).unwrap();
    b.screenshot(&repo().join("target/screenshots/cms-list-phone.png"));

    // A new story through the form.
    b.eval("location.hash = '#/collections/stories/new'");
    b.wait_answering(
        "document.querySelector('textarea') && document.querySelectorAll('input').length > 0",
        &answer,
    );
    b.eval("document.querySelectorAll('input')[0].focus()");
    b.type_text("Pelatihan Paralegal di Deli Serdang");
    b.eval("document.querySelector('textarea').focus()");
    b.type_text("Dua puluh paralegal komunitas belajar mendampingi korban.");
    b.screenshot(&repo().join("target/screenshots/cms-form-phone.png"));
    b.eval(
        "[...document.querySelectorAll('button')].find(b => b.innerText.trim() === 'Save').click()",
    );
    let saved = b.wait_answering("(async () => {
            const out = {};
            async function walk(dir, pre) {
                for await (const [name, h] of dir.entries()) {
                    if (h.kind === 'directory') await walk(h, pre + name + '/');
                    else if ((pre + name).includes('pelatihan-paralegal')) out[pre + name] = await (await h.getFile()).text();
                }
            }
            await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle('sveltia-cms-test'), '');
            return Object.keys(out).length ? out : null;
        })()", &answer);
    let problems = console_problems(&b);
    assert!(problems.is_empty(), "{problems:#?}");
    let saved = saved.as_object().unwrap();
    assert_eq!(saved.len(), 1, "{saved:?}");
    let (path, text) = saved.iter().next().unwrap();
    assert!(
        path.starts_with("content/stories/")
            && path.ends_with("/pelatihan-paralegal-di-deli-serdang.md"),
        "{path}"
    );
    site.write(path, text.as_str().unwrap());
    let o = site.cerita(&["build"]);
    assert!(o.status.success(), "{}\n{text}", stderr(&o));
    assert!(
        !stderr(&o).contains("pelatihan-paralegal"),
        "{}",
        stderr(&o)
    );
    let story = site.html("stories/pelatihan-paralegal-di-deli-serdang/index.html");
    assert_eq!(texts(&story, "h1"), ["Pelatihan Paralegal di Deli Serdang"]);
    assert!(
        story
            .html()
            .contains("Dua puluh paralegal komunitas belajar mendampingi korban.")
    );

    // A story opened, its summary added to and saved: its date and its
    // one region, in the forms `cerita check` asks for (`losses.rs`), are
    // still there (a date typed by hand, or `region: Gresik`, came back
    // empty from the same save).
    let story = "content/stories/2021/transparansi-apbdes-gresik.md";
    b.eval("location.hash = '#/collections/stories'");
    b.wait_answering("document.body.innerText.includes('Ketika APBDes')", &answer);
    b.eval("[...document.querySelectorAll('a, [role=row], [role=gridcell], li')].find(e => e.innerText && e.innerText.includes('Ketika APBDes Ditempel')).click()");
    b.wait_answering(
        "document.querySelector('textarea') && document.body.innerText.includes('Ketika APBDes') && document.querySelector('textarea').value.length > 0",
        &answer,
    );
    b.eval("const t = document.querySelector('textarea'); t.focus(); t.setSelectionRange(t.value.length, t.value.length);");
    b.type_text(" Catatan tambahan.");
    b.eval(
        "[...document.querySelectorAll('button')].find(b => b.innerText.trim() === 'Save').click()",
    );
    let resaved = b.wait_answering(&format!("(async () => {{
            let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('sveltia-cms-test');
            const parts = {}.split('/');
            for (const p of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(p);
            const text = await (await (await dir.getFileHandle(parts.at(-1))).getFile()).text();
            return text.includes('Catatan tambahan') ? text : null;
        }})()", json!(story)), &answer);
    let resaved = resaved.as_str().unwrap();
    let front = front_matter(resaved);
    assert_eq!(front["date"], json!("2021-08-30"), "{resaved}");
    assert_eq!(front["region"], json!(["Gresik"]), "{resaved}");
    assert_eq!(
        front["partners"],
        json!(["Pattiro Gresik", "Atma Connect"]),
        "{resaved}"
    );
}

/// Decap CMS as `serve --cms` pins it.
const DECAP_VERSION: &str = "3.16.3";
const DECAP_SHA256: &str = "f1c0055411ebdbd5b7c77a835a68b92b5467622585838f8496223b27eee116d1";

/// Clicks the last visible element whose text is `text`, with the mouse.
fn click_text(b: &mut Browser, text: &str) {
    let at = b.eval(&format!(
        "(() => {{ const e = [...document.querySelectorAll('button, [role=menuitem], li, span, div')].reverse()
            .find(e => e.innerText && e.innerText.trim() === {} && e.getBoundingClientRect().width > 0);
          if (!e) return null; const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()",
        json!(text)
    ));
    let (x, y) = (at[0].as_f64().unwrap(), at[1].as_f64().unwrap());
    for t in ["mousePressed", "mouseReleased"] {
        b.page(
            "Input.dispatchMouseEvent",
            json!({"type": t, "x": x, "y": y, "button": "left", "clickCount": 1}),
        );
    }
}

/// The editor `cerita serve --cms` serves, in Chromium: Decap CMS (its
/// pinned package standing in for the CDN, its integrity hash checked by
/// the browser) finds the preview server's API, lists the site's stories,
/// and a story made in its form is saved into `content/` and shows in the
/// preview.
#[test]
fn decap_through_serve_cms_lists_the_stories_and_saves_a_new_one_into_content() {
    let Some(chromium) = chromium() else { return };
    let dist = npm_package("decap-cms", DECAP_VERSION, DECAP_SHA256).join("dist");
    let site = TestSite::new();
    site.write(
        "content/partners/hapsari.md",
        "---\nname: HAPSARI\n---\nProfil.\n",
    );
    site.story(
        "2023/awal.md",
        "Cerita Pertama",
        "date: 2023-01-01\npartners: [HAPSARI]\n",
        "Isi.\n",
    );
    site.story(
        "2023/kedua.md",
        "Cerita Kedua",
        "date: 2023-02-01\n",
        "Isi.\n",
    );
    let s = Serve::start_with(site.root(), &["--cms"]);
    let cdn = format!("https://unpkg.com/decap-cms@{DECAP_VERSION}/dist/");
    let answer = move |url: &str| -> Option<(u16, &'static str, Vec<u8>)> {
        let file = url.strip_prefix(cdn.as_str())?.split('?').next()?;
        let bytes = std::fs::read(dist.join(file)).ok()?;
        let mime = if file.ends_with(".wasm") {
            "application/wasm"
        } else {
            "text/javascript"
        };
        Some((200, mime, bytes))
    };
    let mut b = editor_browser(&chromium);
    b.page("Page.navigate", json!({"url": format!("{}admin/", s.url)}));
    b.wait_answering(
        "[...document.querySelectorAll('button')].some(b => b.innerText.includes('Login'))",
        &answer,
    );
    b.eval(
        "[...document.querySelectorAll('button')].find(b => b.innerText.includes('Login')).click()",
    );
    let listed = b.wait_answering(
        "document.body.innerText.includes('Cerita Kedua') && document.body.innerText",
        &answer,
    );
    assert!(
        listed.as_str().unwrap().contains("Cerita Pertama"),
        "{listed}"
    );
    std::fs::create_dir_all(repo().join("target/screenshots")).unwrap();
    b.screenshot(&repo().join("target/screenshots/cms-local-phone.png"));
    b.eval("location.hash = '#/collections/stories/new'");
    b.wait_answering("!!document.querySelector('input[id^=title]')", &answer);
    b.eval("document.querySelector('input[id^=title]').focus()");
    b.type_text("Dari Editor Lokal");
    b.answer_paused(&answer);
    click_text(&mut b, "Publish");
    b.wait_answering(
        "[...document.querySelectorAll('*')].some(e => e.innerText && e.innerText.trim() === 'Publish now')",
        &answer,
    );
    click_text(&mut b, "Publish now");
    let year = b.eval("String(new Date().getFullYear())");
    let path = site.path(&format!(
        "content/stories/{}/dari-editor-lokal.md",
        year.as_str().unwrap()
    ));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !path.is_file() {
        b.answer_paused(&answer);
        assert!(
            std::time::Instant::now() < deadline,
            "nothing saved at {}",
            path.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(front_matter(&text)["title"], "Dari Editor Lokal", "{text}");
    let page = until(&s, "/stories/dari-editor-lokal/", 200);
    assert!(page.contains("Dari Editor Lokal"));
    let problems = console_problems(&b);
    assert!(problems.is_empty(), "{problems:#?}");
}
