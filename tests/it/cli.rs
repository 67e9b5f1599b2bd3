//! The command line: help, version, `new`, `init`, colour handling.

use crate::support::*;

#[test]
fn help_on_every_command_and_version() {
    let site = TestSite::empty();
    for cmd in [
        vec!["--help"],
        vec!["build", "--help"],
        vec!["check", "--help"],
        vec!["new", "--help"],
        vec!["init", "--help"],
        vec!["deploy-config", "--help"],
    ] {
        let o = site.cerita(&cmd);
        assert!(o.status.success(), "{cmd:?}");
        assert!(stdout(&o).contains("Usage"), "{cmd:?}");
    }
    let o = site.cerita(&["--version"]);
    assert!(stdout(&o).starts_with("cerita "));
}

#[test]
fn init_makes_a_site_that_builds() {
    let site = TestSite::empty();
    let o = site.cerita(&["init", "situs-baru"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = site.cerita(&["build", "--root", "situs-baru"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(site.path("situs-baru/public/index.html").is_file());
    // With the web editor set up, nothing in the new site is a value the
    // editor would save empty (its welcome story's region is a list).
    let o = site.cerita(&[
        "cms",
        "init",
        "--root",
        "situs-baru",
        "--backend",
        "test-repo",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = site.cerita(&["check", "--root", "situs-baru"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("the editor"), "{}", stderr(&o));
    // init refuses to run twice.
    assert_eq!(site.cerita(&["init", "situs-baru"]).status.code(), Some(1));
}

#[test]
fn new_writes_a_story_and_refuses_to_overwrite() {
    let site = TestSite::new();
    let o = site.cerita(&[
        "new",
        "Pelatihan Paralegal: Hari Pertama",
        "--partner",
        "HAPSARI",
        "--tag",
        "pelatihan",
        "--tag",
        "hukum",
        "--lang",
        "id",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let path = stdout(&o).trim().to_string();
    assert!(
        path.ends_with("pelatihan-paralegal-hari-pertama.md"),
        "{path}"
    );
    let year = path.split('/').rev().nth(1).unwrap().to_string();
    assert_eq!(year.len(), 4);
    let text = std::fs::read_to_string(site.root().join(&path)).unwrap();
    assert!(text.contains("title: \"Pelatihan Paralegal: Hari Pertama\""));
    assert!(text.contains("partners: [\"HAPSARI\"]"));
    // It builds.
    site.build_ok(&[]);
    assert!(
        site.out("stories/pelatihan-paralegal-hari-pertama/index.html")
            .is_file()
    );
    let again = site.cerita(&["new", "Pelatihan Paralegal: Hari Pertama"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"));
}

#[test]
fn no_colour_when_not_a_terminal() {
    let site = TestSite::new();
    site.write(
        "content/stories/a.md",
        "---\ntitle: x\ndate: kemarin\n---\n",
    );
    let o = std::process::Command::new(CERITA)
        .args(["build"])
        .current_dir(site.root())
        .output()
        .unwrap();
    assert!(
        !stderr(&o).contains('\u{1b}'),
        "escape codes in piped output"
    );
}

#[test]
fn check_writes_nothing() {
    let site = TestSite::new();
    site.story("a.md", "A", "date: 2021-01-01\n", "x\n");
    let o = site.cerita(&["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("no errors"));
    assert!(!site.path("public").exists());
}
