//! The default theme's shortcodes: which arguments each takes, and what
//! cerita works out for its template (a video address's player, a photo's
//! versions, a file's size).
//!
//! | name | arguments | its template gets |
//! |------|-----------|-------------------|
//! | `video` | `url`*, `title`, `poster` | `video` (provider, id, `embed`, `link`, `src`, `mime`, `upright`), `poster_html` |
//! | `gallery` | `dir` or `images`, `captions` | `photos` (`url`, `webp`, `html`, `alt`, `width`, `height`) |
//! | `quote` | `name`, `role`, `photo`, `paraphrase`; a body* | `photo_html` |
//! | `download` | `path`*, `title` | `file` (`url`, `name`, `type`, `bytes`, `size`) |
//! | `figure` | `src`*, `alt`, `caption`, `credit`, `link` | `image_html`, `caption_html`, `link_url` |

use serde_json::{Map, Value as Json};

use crate::error::Diagnostic;
use crate::markdown::shortcode::{Arg, Call, Value};
use crate::markdown::{CallSite, ImageMarkup};
use crate::text::escape_attr;

use super::video::{Video, not_a_video, parse_video};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Bool,
    TextList,
}

impl Kind {
    fn describe(self) -> &'static str {
        match self {
            Kind::Text => "text in quotes, e.g. \"…\"",
            Kind::Bool => "true or false",
            Kind::TextList => "a list of texts, e.g. [\"a.jpg\", \"b.jpg\"]",
        }
    }

    fn accepts(self, v: &Value) -> bool {
        match (self, v) {
            (Kind::Text, Value::Str(_)) | (Kind::Bool, Value::Bool(_)) => true,
            (Kind::TextList, Value::List(items)) => {
                items.iter().all(|i| matches!(i, Value::Str(_)))
            }
            _ => false,
        }
    }
}

pub struct Param {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
}

const fn p(name: &'static str, kind: Kind) -> Param {
    Param {
        name,
        kind,
        required: false,
    }
}

const fn req(name: &'static str, kind: Kind) -> Param {
    Param {
        name,
        kind,
        required: true,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    Never,
    Required,
}

pub struct Spec {
    pub name: &'static str,
    pub params: &'static [Param],
    pub body: Body,
    /// How a writer calls it, for hints.
    pub example: &'static str,
}

pub const SPECS: &[Spec] = &[
    Spec {
        name: "video",
        params: &[
            req("url", Kind::Text),
            p("title", Kind::Text),
            p("poster", Kind::Text),
        ],
        body: Body::Never,
        example: "{{ video(url=\"https://youtu.be/…\", title=\"Rekaman sesi\") }}",
    },
    Spec {
        name: "audio",
        params: &[req("url", Kind::Text), p("title", Kind::Text)],
        body: Body::Never,
        example: "{{ audio(url=\"rekaman-sesi.mp3\", title=\"Rekaman sesi\") }}",
    },
    Spec {
        name: "gallery",
        params: &[
            p("dir", Kind::Text),
            p("images", Kind::TextList),
            p("captions", Kind::TextList),
        ],
        body: Body::Never,
        example: "{{ gallery(dir=\"foto-kegiatan\") }}",
    },
    Spec {
        name: "quote",
        params: &[
            p("name", Kind::Text),
            p("role", Kind::Text),
            p("photo", Kind::Text),
            p("paraphrase", Kind::Bool),
        ],
        body: Body::Required,
        example: "{% quote(name=\"…\", role=\"…\") %}Kutipan{% end %}",
    },
    Spec {
        name: "download",
        params: &[req("path", Kind::Text), p("title", Kind::Text)],
        body: Body::Never,
        example: "{{ download(path=\"materi.pdf\", title=\"Materi sesi\") }}",
    },
    Spec {
        name: "figure",
        params: &[
            req("src", Kind::Text),
            p("alt", Kind::Text),
            p("caption", Kind::Text),
            p("credit", Kind::Text),
            p("link", Kind::Text),
        ],
        body: Body::Never,
        example: "{{ figure(src=\"foto.jpg\", alt=\"…\", caption=\"…\") }}",
    },
];

/// UI strings the built-ins read themselves (not through a template).
pub const STRINGS: &[&str] = &["decimal_separator"];

pub fn spec(name: &str) -> Option<&'static Spec> {
    SPECS.iter().find(|s| s.name == name)
}

/// Unknown, mistyped and missing arguments, and a body where there must
/// (not) be one; `false` after pushing every problem. A site's own
/// template for a built-in (`own_args`) may take arguments the built-in
/// does not know.
pub fn check(
    spec: &Spec,
    call: &Call,
    (has_body, own_args): (bool, bool),
    site: &mut CallSite<'_>,
) -> bool {
    let before = site.diagnostics.len();
    let names: Vec<&str> = spec.params.iter().map(|p| p.name).collect();
    for a in &call.args {
        match spec.params.iter().find(|p| p.name == a.name) {
            None if own_args => {}
            None => {
                let hint = match crate::text::closest(&a.name, &names) {
                    Some(c) => format!(
                        "did you mean `{c}`? `{}` takes: {}",
                        spec.name,
                        names.join(", ")
                    ),
                    None => format!("`{}` takes: {}", spec.name, names.join(", ")),
                };
                site.push(
                    a.pos,
                    Diagnostic::error(format!("`{}` has no argument `{}`", spec.name, a.name))
                        .with_hint(hint),
                );
            }
            Some(p) if !p.kind.accepts(&a.value) => site.push(
                a.pos,
                Diagnostic::error(format!(
                    "`{}` must be {}, not {}",
                    a.name,
                    p.kind.describe(),
                    a.value.kind()
                ))
                .with_hint(format!("e.g. {}", spec.example)),
            ),
            Some(_) => {}
        }
    }
    for p in spec.params.iter().filter(|p| p.required) {
        if call.arg(p.name).is_none() {
            site.push(
                call.pos,
                Diagnostic::error(format!("`{}` needs the argument `{}`", spec.name, p.name))
                    .with_hint(format!("e.g. {}", spec.example)),
            );
        }
    }
    match (spec.body, has_body) {
        (Body::Never, true) if !own_args => site.push(
            call.pos,
            Diagnostic::error(format!("`{}` takes no text between its tags", spec.name))
                .with_hint(format!("write it as {}", spec.example)),
        ),
        (Body::Required, false) => site.push(
            call.pos,
            Diagnostic::error(format!(
                "`{}` needs its text between `{{% {} (…) %}}` and `{{% end %}}`",
                spec.name, spec.name
            ))
            .with_hint(format!("e.g. {}", spec.example)),
        ),
        _ => {}
    }
    if spec.name == "gallery" && call.arg("dir").is_some() == call.arg("images").is_some() {
        site.push(
            call.pos,
            Diagnostic::error("`gallery` needs either `dir` (a folder of photos) or `images` (a list), not both")
                .with_hint("e.g. {{ gallery(dir=\"foto-kegiatan\") }} or {{ gallery(images=[\"a.jpg\", \"b.jpg\"]) }}"),
        );
    }
    site.diagnostics[before..].iter().all(|d| !d.is_error())
}

fn text<'c>(call: &'c Call, name: &str) -> Option<(&'c str, usize)> {
    match call.arg(name) {
        Some(Arg {
            value: Value::Str(s),
            pos,
            ..
        }) => Some((s.as_str(), *pos)),
        _ => None,
    }
}

/// What the built-in `spec` adds to the template's context; `false` after
/// an error (a missing file, an address that is no video).
pub fn prepare(
    spec: &Spec,
    call: &Call,
    t: &Json,
    site: &mut CallSite<'_>,
    ctx: &mut Map<String, Json>,
) -> bool {
    let before = site.diagnostics.len();
    match spec.name {
        "video" => video(call, site, ctx),
        "audio" => audio(call, t, site, ctx),
        "gallery" => gallery(call, site, ctx),
        "quote" => {
            if let Some((photo, pos)) = text(call, "photo") {
                let alt = text(call, "name").map_or("", |n| n.0);
                if let Some((url, m)) = pic(site, photo, pos) {
                    ctx.insert(
                        "photo_html".into(),
                        img_html(&url, alt, m.as_ref(), "3rem").into(),
                    );
                }
            }
        }
        "download" => download(call, t, site, ctx),
        "figure" => {
            if let Some((src, pos)) = text(call, "src") {
                let alt = text(call, "alt").map_or("", |a| a.0);
                if let Some((url, m)) = pic(site, src, pos) {
                    let html = img_html(&url, alt, m.as_ref(), crate::markdown::IMAGE_SIZES);
                    ctx.insert("image_html".into(), html.into());
                }
            }
            if let Some((caption, pos)) = text(call, "caption") {
                // Its links lead where a `link=` would, checked alike.
                let html = inline_markdown(caption, |dest| link_target(site, dest, pos));
                if let Some(html) = html {
                    ctx.insert("caption_html".into(), html.into());
                }
            }
            if let Some((link, pos)) = text(call, "link") {
                if let Some(url) = link_target(site, link, pos) {
                    ctx.insert("link_url".into(), url.into());
                }
            }
        }
        _ => {}
    }
    site.diagnostics[before..].iter().all(|d| !d.is_error())
}

/// A picture named in an argument: its URL and, for a photo cerita
/// resizes, its versions; an address (`https://…`, `/…`) as it is. A file
/// that is not there is an error at `pos`.
fn pic(site: &mut CallSite<'_>, name: &str, pos: usize) -> Option<(String, Option<ImageMarkup>)> {
    if let Some(d) = crate::markdown::unshown_image(name) {
        site.push(pos, d);
        return None;
    }
    if let Some(url) = address(site, name) {
        return Some((url, None));
    }
    let found = site
        .content_path(name)
        .and_then(|p| site.resolver.asset_url(&p));
    let Some(url) = found else {
        site.push(
            pos,
            Diagnostic::error(format!("photo not found: `{name}`")).with_hint(
                "put the photo beside the story and give its file name (or a path under `content/` starting with `@/`)",
            ),
        );
        return None;
    };
    let m = site.resolver.image(&url);
    Some((url, m))
}

/// A caption's Markdown (a credit's link, `*emphasis*`) as HTML, when it
/// is one paragraph of text: `None` for plain text, which the template
/// shows escaped, and for what Markdown would read as a block (`1. Sesi`
/// is no list in a caption).
fn inline_markdown(text: &str, mut resolve: impl FnMut(&str) -> Option<String>) -> Option<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    if !text.contains(['[', '*', '_', '`', '<', '&', '\\']) {
        return None;
    }
    // Each link's address resolved (a story's `@/…`, a file beside the
    // story); one that goes nowhere is said by `resolve` and left out.
    let mut events: Vec<Event<'_>> = Vec::new();
    // For each open link: whether it was left out (its end goes too).
    let mut open: Vec<bool> = Vec::new();
    for e in Parser::new(text.trim()) {
        match e {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => match resolve(&dest_url) {
                Some(url) => {
                    open.push(false);
                    events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: url.into(),
                        title,
                        id,
                    }));
                }
                None => open.push(true),
            },
            Event::End(TagEnd::Link) => {
                if !open.pop().unwrap_or(false) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            other => events.push(other),
        }
    }
    let one_paragraph = matches!(events.first(), Some(Event::Start(Tag::Paragraph)))
        && matches!(events.last(), Some(Event::End(TagEnd::Paragraph)))
        && events[1..events.len() - 1].iter().all(|e| {
            !matches!(
                e,
                Event::Start(Tag::Paragraph) | Event::Html(_) | Event::InlineHtml(_)
            )
        });
    if !one_paragraph {
        return None;
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events[1..events.len() - 1].iter().cloned());
    Some(crate::markdown::sanitize(&html))
}

/// Where a figure's `link` leads: an address, or a story, page or file of
/// the site (`@/stories/x.md`, beside the story); one that is not there
/// is an error at `pos`.
fn link_target(site: &mut CallSite<'_>, link: &str, pos: usize) -> Option<String> {
    if let Some(url) = address(site, link) {
        return Some(url);
    }
    if link.starts_with("mailto:") || link.starts_with("tel:") || link.starts_with('#') {
        return Some(link.to_string());
    }
    let (file, anchor) = match link.split_once('#') {
        Some((f, a)) => (f, Some(a)),
        None => (link, None),
    };
    let path = site.content_path(file);
    let found = path.as_deref().and_then(|p| {
        // A translation's link to a default-language file leads to its
        // own language's version, as a Markdown link does (not with an
        // anchor: headings' ids are each language's).
        let version = anchor
            .is_none()
            .then(|| crate::markdown::version_in(site.resolver, site.input, p))
            .flatten();
        let p = version.as_deref().unwrap_or(p);
        let url = site
            .resolver
            .source_url(p)
            .or_else(|| site.resolver.asset_url(p))?;
        Some(match anchor {
            Some(a) => format!("{url}#{a}"),
            None => url,
        })
    });
    if found.is_none() {
        site.push(
            pos,
            Diagnostic::error(format!("link not found: `{link}`")).with_hint(
                "give an address (`https://…`), or a story or file of the site: beside the story by its name, or under `content/` starting with `@/`",
            ),
        );
    }
    found
}

/// A photo's markup: its versions where cerita made them, else the file.
fn img_html(url: &str, alt: &str, m: Option<&ImageMarkup>, sizes: &str) -> String {
    match m {
        Some(m) => crate::markdown::picture_sized(url, alt, None, m, false, sizes),
        None => format!(
            "<img src=\"{}\" alt=\"{}\" loading=\"lazy\" decoding=\"async\">",
            escape_attr(url),
            escape_attr(alt)
        ),
    }
}

/// An address rather than a file beside the story: `https://…`, `//…`,
/// or `/…` under the site (its sub-path put before it). A photo or file an
/// imported post still links on the old site.
fn address(site: &CallSite<'_>, s: &str) -> Option<String> {
    let s = s.trim();
    if s.starts_with("https://") || s.starts_with("http://") || s.starts_with("//") {
        return Some(s.to_string());
    }
    s.starts_with('/')
        .then(|| crate::markdown::on_site(site.resolver.base_path(), s))
}

fn video(call: &Call, site: &mut CallSite<'_>, ctx: &mut Map<String, Json>) {
    let Some((url, pos)) = text(call, "url") else {
        return;
    };
    let mut v = Map::new();
    match parse_video(url) {
        Some(Video::YouTube { id, start, short }) => {
            if short {
                v.insert("upright".into(), true.into());
            }
            let at = start.map_or(String::new(), |s| format!("&start={s}"));
            v.insert("provider".into(), "YouTube".into());
            v.insert(
                "embed".into(),
                format!("https://www.youtube-nocookie.com/embed/{id}?autoplay=1{at}").into(),
            );
            let t = start.map_or(String::new(), |s| format!("&t={s}s"));
            v.insert(
                "link".into(),
                format!("https://www.youtube.com/watch?v={id}{t}").into(),
            );
            v.insert("id".into(), id.into());
        }
        Some(Video::Vimeo { id, hash }) => {
            let h = hash.as_ref().map_or(String::new(), |h| format!("&h={h}"));
            v.insert("provider".into(), "Vimeo".into());
            v.insert(
                "embed".into(),
                format!("https://player.vimeo.com/video/{id}?autoplay=1{h}").into(),
            );
            let link = match &hash {
                Some(h) => format!("https://vimeo.com/{id}/{h}"),
                None => format!("https://vimeo.com/{id}"),
            };
            v.insert("link".into(), link.into());
            v.insert("id".into(), id.into());
        }
        Some(Video::Drive { id }) => {
            v.insert("provider".into(), "Google Drive".into());
            v.insert(
                "embed".into(),
                format!("https://drive.google.com/file/d/{id}/preview").into(),
            );
            v.insert(
                "link".into(),
                format!("https://drive.google.com/file/d/{id}/view").into(),
            );
            v.insert("id".into(), id.into());
        }
        Some(Video::Facebook { href }) => {
            let enc: String =
                percent_encoding::utf8_percent_encode(&href, percent_encoding::NON_ALPHANUMERIC)
                    .to_string();
            if href.contains("/reel/") {
                v.insert("upright".into(), true.into());
            }
            v.insert("provider".into(), "Facebook".into());
            v.insert(
                "embed".into(),
                format!(
                    "https://www.facebook.com/plugins/video.php?href={enc}&show_text=false&autoplay=true"
                )
                .into(),
            );
            v.insert("link".into(), href.into());
        }
        Some(Video::File(name)) => {
            let Some(src) = NamedFile::find(site, &name).map(|f| f.url) else {
                site.push(
                    pos,
                    Diagnostic::error(format!("video file not found: `{name}`")).with_hint(
                        "put the .mp4 or .webm file beside the story and give its file name",
                    ),
                );
                return;
            };
            let file = name.split(['?', '#']).next().unwrap_or(&name);
            let webm = file.to_ascii_lowercase().ends_with(".webm");
            v.insert("provider".into(), Json::Null);
            v.insert(
                "mime".into(),
                if webm { "video/webm" } else { "video/mp4" }.into(),
            );
            v.insert("link".into(), src.clone().into());
            v.insert("src".into(), src.into());
        }
        None => {
            // A sound file or a podcast's address: `audio` plays it.
            let d = match super::audio::parse_audio(url) {
                Some(_) => Diagnostic::error(format!("`{url}` is a recording without picture"))
                    .with_hint(format!("play it with {{{{ audio(url=\"{url}\") }}}}")),
                None => not_a_video(url),
            };
            site.push(pos, d);
            return;
        }
    }
    ctx.insert("video".into(), Json::Object(v));
    if let Some((poster, pos)) = text(call, "poster") {
        let alt = text(call, "title").map_or("", |t| t.0);
        if let Some((url, m)) = pic(site, poster, pos) {
            // A `<video>` poster has no srcset: the smallest version.
            let small = m
                .as_ref()
                .and_then(|m| m.srcset.as_deref())
                .and_then(|s| s.split(' ').next())
                .map_or(url.clone(), str::to_string);
            let html = img_html(&url, alt, m.as_ref(), crate::markdown::IMAGE_SIZES);
            ctx.insert("poster_html".into(), html.into());
            ctx.insert("poster_small".into(), small.into());
        }
    }
}

/// What `audio.html` gets as `audio`: `provider`, `embed`, `link` and
/// `tall` (a show's or playlist's list of episodes) for a hosted
/// recording; `src`, `mime`, `type` and `size` for a file.
fn audio(call: &Call, t: &Json, site: &mut CallSite<'_>, ctx: &mut Map<String, Json>) {
    let Some((url, pos)) = text(call, "url") else {
        return;
    };
    let mut a = Map::new();
    let mut hosted = |provider: &str, embed: String, link: String, tall: bool| {
        a.insert("provider".into(), provider.into());
        a.insert("embed".into(), embed.into());
        a.insert("link".into(), link.into());
        a.insert("tall".into(), tall.into());
    };
    match super::audio::parse_audio(url) {
        Some(super::audio::Audio::Spotify { kind, id }) => hosted(
            "Spotify",
            format!("https://open.spotify.com/embed/{kind}/{id}"),
            format!("https://open.spotify.com/{kind}/{id}"),
            matches!(kind.as_str(), "show" | "album" | "playlist"),
        ),
        Some(super::audio::Audio::SoundCloud { href }) => {
            let enc =
                percent_encoding::utf8_percent_encode(&href, percent_encoding::NON_ALPHANUMERIC);
            let tall = href.contains("/sets/");
            hosted(
                "SoundCloud",
                format!("https://w.soundcloud.com/player/?url={enc}&auto_play=true"),
                href.clone(),
                tall,
            );
        }
        Some(super::audio::Audio::Drive { id }) => hosted(
            "Google Drive",
            format!("https://drive.google.com/file/d/{id}/preview"),
            format!("https://drive.google.com/file/d/{id}/view"),
            false,
        ),
        Some(super::audio::Audio::File(name)) => {
            let Some(file) = NamedFile::find(site, &name) else {
                site.push(
                    pos,
                    Diagnostic::error(format!("recording not found: `{name}`")).with_hint(
                        "put the .mp3 (or .m4a, .ogg) file beside the story and give its file name",
                    ),
                );
                return;
            };
            let size = match file.remote {
                true => None,
                false => site.resolver.asset_bytes(&file.path),
            };
            let size = size.map_or(String::new(), |b| human_size(b, decimal(t)));
            a.insert("provider".into(), Json::Null);
            a.insert(
                "mime".into(),
                super::audio::mime(&name).unwrap_or("audio/mpeg").into(),
            );
            a.insert("type".into(), file.kind().into());
            a.insert("size".into(), size.into());
            a.insert("src".into(), file.url.into());
        }
        None => {
            site.push(pos, super::audio::not_audio(url));
            return;
        }
    }
    ctx.insert("audio".into(), Json::Object(a));
}

/// The width a gallery tile is shown at (two columns on a phone, three on
/// a wide screen).
const GALLERY_SIZES: &str = "(min-width: 48rem) 14rem, calc(50vw - 1.5rem)";

fn gallery(call: &Call, site: &mut CallSite<'_>, ctx: &mut Map<String, Json>) {
    let Some((photos, folders, at)) = gallery_photos(call, site) else {
        return;
    };
    let captions = gallery_captions(call, site, &photos, &folders);
    let total = photos.len();
    let mut out = Vec::new();
    for (i, (name, path)) in photos.iter().enumerate() {
        let Some((url, m)) = pic(site, path, at) else {
            continue;
        };
        let mut caption = captions.get(i).cloned().unwrap_or_default();
        if caption.trim().is_empty() {
            // The same warning as for any image without alt text, where
            // the writer can fix it.
            let hint = match folders.first() {
                Some(f) if call.arg("captions").is_none() => format!(
                    "describe the photo in `content/{}`: `{name}: \"Ibu-ibu berdiskusi di balai desa\"`",
                    data_path(f)
                ),
                _ => "give one caption per photo in `captions=[…]`, in the same order".into(),
            };
            site.push(
                at,
                Diagnostic::warning(format!("image `{name}` has no alt text")).with_hint(hint),
            );
            // Until then a reader hears which photo it is (of several).
            caption = match total {
                1 => site_photo_word(site).to_string(),
                _ => format!("{} {}/{total}", site_photo_word(site), i + 1),
            };
        }
        // The tile's own small version first in each srcset.
        let mut m = m;
        if let Some(m) = m.as_mut() {
            if let Some(t) = m.thumb.take() {
                m.srcset = m.srcset.take().map(|s| format!("{}, {s}", t.own));
                m.webp_srcset = match (m.webp_srcset.take(), t.webp) {
                    (Some(s), Some(w)) => Some(format!("{w}, {s}")),
                    (s, _) => s,
                };
                site.thumbs.push(t.source);
            }
        }
        let mut p = Map::new();
        p.insert(
            "html".into(),
            img_html(&url, &caption, m.as_ref(), GALLERY_SIZES).into(),
        );
        p.insert("url".into(), url.into());
        p.insert("alt".into(), caption.into());
        if let Some(webp) = m.as_ref().and_then(|m| m.webp_largest.clone()) {
            p.insert("webp".into(), webp.into());
        }
        if let Some(m) = &m {
            p.insert("width".into(), m.width.into());
            p.insert("height".into(), m.height.into());
        }
        out.push(Json::Object(p));
    }
    ctx.insert("photos".into(), Json::Array(out));
}

/// "Foto" in the story's language, for a photo without a caption.
fn site_photo_word(site: &CallSite<'_>) -> &'static str {
    match site.input.lang.primary() {
        "id" | "ms" | "jv" | "su" => "Foto",
        _ => "Photo",
    }
}

fn data_path(folder: &str) -> String {
    if folder.is_empty() {
        crate::load::DATA_FILE.to_string()
    } else {
        format!("{folder}/{}", crate::load::DATA_FILE)
    }
}

/// A gallery's photos as (file name, `@/path` or address), the folders
/// they are in, and where to report a problem; `None` after an error.
type Photos = (Vec<(String, String)>, Vec<String>, usize);

fn gallery_photos(call: &Call, site: &mut CallSite<'_>) -> Option<Photos> {
    let mut photos = Vec::new();
    let mut folders: Vec<String> = Vec::new();
    if let Some((dir, pos)) = text(call, "dir") {
        let Some(folder) = site.content_path(dir) else {
            site.push(
                pos,
                Diagnostic::error(format!("`{dir}` leaves the `content/` folder")),
            );
            return None;
        };
        for path in site.resolver.assets_in(&folder) {
            let url = site.resolver.asset_url(&path);
            if url.is_some_and(|u| site.resolver.image(&u).is_some()) {
                let name = path.rsplit('/').next().unwrap_or(&path).to_string();
                photos.push((name, format!("@/{path}")));
            } else if let Some(mut d) = crate::markdown::unshown_image(&path) {
                // Left out; the gallery shows the folder's other photos.
                d.severity = crate::error::Severity::Warning;
                d.message = format!("{}: left out of the gallery", d.message);
                site.push(pos, d);
            }
        }
        if photos.is_empty() {
            site.push(
                pos,
                Diagnostic::error(format!("no photos in `content/{folder}`")).with_hint(
                    "put the gallery's photos (JPEG, PNG, GIF, WebP) in that folder, beside the story",
                ),
            );
            return None;
        }
        folders.push(folder);
        return Some((photos, folders, pos));
    }
    let Some(Arg {
        value: Value::List(items),
        pos,
        ..
    }) = call.arg("images")
    else {
        return None;
    };
    for item in items {
        let Value::Str(name) = item else { continue };
        if address(site, name).is_some() {
            // A photo still on another site (an imported post): shown as it is.
            let file = name.rsplit('/').next().unwrap_or(name).to_string();
            photos.push((file, name.clone()));
            continue;
        }
        let Some(path) = site.content_path(name) else {
            site.push(
                *pos,
                Diagnostic::error(format!("`{name}` leaves the `content/` folder")),
            );
            continue;
        };
        let folder = path
            .rsplit_once('/')
            .map_or(String::new(), |(d, _)| d.to_string());
        if !folders.contains(&folder) {
            folders.push(folder);
        }
        let file = path.rsplit('/').next().unwrap_or(&path).to_string();
        photos.push((file, format!("@/{path}")));
    }
    Some((photos, folders, *pos))
}

/// Each photo's caption: from `captions=`, else from `captions.yaml` in its
/// folder (empty when there is none).
fn gallery_captions(
    call: &Call,
    site: &mut CallSite<'_>,
    photos: &[(String, String)],
    folders: &[String],
) -> Vec<String> {
    if let Some(Arg {
        value: Value::List(items),
        pos,
        ..
    }) = call.arg("captions")
    {
        if items.len() != photos.len() {
            site.push(
                *pos,
                Diagnostic::warning(format!(
                    "{} captions for {} photos",
                    items.len(),
                    photos.len()
                ))
                .with_hint("give one caption per photo, in the same order"),
            );
        }
        return items
            .iter()
            .map(|v| match v {
                Value::Str(s) => s.clone(),
                _ => String::new(),
            })
            .collect();
    }
    let mut by_path: std::collections::HashMap<String, String> = Default::default();
    for folder in folders {
        let data = data_path(folder);
        if let Some(text) = site.resolver.data_text(&data) {
            read_captions(&data, text, folder, &mut by_path, site);
        }
    }
    photos
        .iter()
        .map(|(_, path)| {
            let key = path.strip_prefix("@/").unwrap_or(path);
            by_path.get(key).cloned().unwrap_or_default()
        })
        .collect()
}

/// `captions.yaml`: `file-name.jpg: caption` lines; problems point into it.
fn read_captions(
    data: &str,
    text: &str,
    folder: &str,
    out: &mut std::collections::HashMap<String, String>,
    site: &mut CallSite<'_>,
) {
    let path = std::path::Path::new("content").join(data);
    match crate::yaml::parse_mapping(text, 1) {
        Ok(entries) => {
            for e in entries {
                let key = if folder.is_empty() {
                    e.key.clone()
                } else {
                    format!("{folder}/{}", e.key)
                };
                match e.value {
                    Json::String(s) => {
                        out.insert(key, s);
                    }
                    other => site.diagnostics.push(
                        Diagnostic::error(format!(
                            "the caption of `{}` must be text, not {}",
                            e.key,
                            crate::yaml::describe(&other)
                        ))
                        .at(&path, text, e.line, e.col)
                        .with_hint("write `photo.jpg: \"Caption of the photo\"`"),
                    ),
                }
            }
        }
        Err(e) => site.diagnostics.push(
            Diagnostic::error(format!("cannot read the captions: {}", e.message))
                .at(&path, text, e.line, e.col)
                .with_hint("each line is `photo.jpg: \"Caption of the photo\"`"),
        ),
    }
}

fn download(call: &Call, t: &Json, site: &mut CallSite<'_>, ctx: &mut Map<String, Json>) {
    let Some((name, pos)) = text(call, "path") else {
        return;
    };
    let Some(file) = NamedFile::find(site, name) else {
        site.push(
            pos,
            Diagnostic::error(format!("file not found: `{name}`")).with_hint(
                "put the file beside the story and give its file name, or a path under `content/` starting with `@/`",
            ),
        );
        return;
    };
    let bytes = site.resolver.asset_bytes(&file.path).unwrap_or(0);
    let size = match file.remote {
        true => String::new(),
        false => human_size(bytes, decimal(t)),
    };
    let mut f = Map::new();
    f.insert("type".into(), file.kind().into());
    f.insert("name".into(), file.name().into());
    f.insert("url".into(), file.url.into());
    f.insert("bytes".into(), bytes.into());
    f.insert("size".into(), size.into());
    ctx.insert("file".into(), Json::Object(f));
}

/// A file a call names (`download`'s `path`, a recording's `url`).
struct NamedFile {
    url: String,
    /// Its path under `content/`, or the address without its query.
    path: String,
    /// At an address: its size is not known here.
    remote: bool,
}

impl NamedFile {
    /// The file `name` names: beside the story, under `content/` (`@/x`), on
    /// the site (`/x`) or at an address; `None` when there is no such file.
    fn find(site: &CallSite<'_>, name: &str) -> Option<NamedFile> {
        match address(site, name) {
            Some(url) => Some(NamedFile {
                url,
                path: name.split(['?', '#']).next().unwrap_or(name).to_string(),
                remote: true,
            }),
            None => {
                let path = site.content_path(name)?;
                Some(NamedFile {
                    url: site.resolver.asset_url(&path)?,
                    path,
                    remote: false,
                })
            }
        }
    }

    /// Its file name.
    fn name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }

    /// Its type by its extension in capitals (`PDF`); empty when it has
    /// none a reader would know.
    fn kind(&self) -> String {
        self.name()
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_uppercase())
            .filter(|e| e.len() <= 5 && e.chars().all(|c| c.is_ascii_alphanumeric()))
            .unwrap_or_default()
    }
}

/// The decimal separator of the story's language (`t`).
fn decimal(t: &Json) -> &str {
    t.get("decimal_separator")
        .and_then(Json::as_str)
        .unwrap_or(".")
}

/// `1234567` → `1.2 MB` (with the language's decimal separator).
pub fn human_size(bytes: u64, decimal: &str) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    let mut v = bytes as f64;
    let mut unit = 0;
    // 999,999 bytes read as "1.0 MB", not "1000 KB".
    while v >= 999.5 && unit < UNITS.len() - 1 {
        v /= 1000.0;
        unit += 1;
    }
    let text = if unit == 0 || v >= 10.0 {
        format!("{}", v.round() as u64)
    } else {
        format!("{v:.1}").replace('.', decimal)
    };
    format!("{text} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::super::video::*;
    use super::*;

    fn yt(id: &str, start: Option<u32>) -> Option<Video> {
        Some(Video::YouTube {
            id: id.into(),
            start,
            short: false,
        })
    }

    #[test]
    fn video_addresses_in_every_form() {
        let id = "aqz-KE-bpKQ";
        for url in [
            "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "https://youtube.com/watch?feature=share&v=aqz-KE-bpKQ",
            "https://m.youtube.com/watch?v=aqz-KE-bpKQ&list=PL1",
            "https://youtu.be/aqz-KE-bpKQ",
            "https://youtu.be/aqz-KE-bpKQ?si=abcdef",
            "https://www.youtube.com/embed/aqz-KE-bpKQ",
            "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?rel=0",
            "https://www.youtube.com/live/aqz-KE-bpKQ?feature=shared",
            "http://www.youtube.com/v/aqz-KE-bpKQ",
        ] {
            assert_eq!(parse_video(url), yt(id, None), "{url}");
        }
        // A Short is the same video, shown upright.
        assert_eq!(
            parse_video("https://www.youtube.com/shorts/aqz-KE-bpKQ?feature=share"),
            Some(Video::YouTube {
                id: id.into(),
                start: None,
                short: true,
            })
        );
        assert_eq!(
            parse_video("https://youtu.be/aqz-KE-bpKQ?t=90"),
            yt(id, Some(90))
        );
        assert_eq!(
            parse_video("https://www.youtube.com/watch?v=aqz-KE-bpKQ&t=1m30s"),
            yt(id, Some(90))
        );
        let vimeo = |id: &str, hash: Option<&str>| {
            Some(Video::Vimeo {
                id: id.into(),
                hash: hash.map(str::to_string),
            })
        };
        assert_eq!(
            parse_video("https://vimeo.com/76979871"),
            vimeo("76979871", None)
        );
        assert_eq!(
            parse_video("https://player.vimeo.com/video/76979871?h=8272103f6e"),
            vimeo("76979871", Some("8272103f6e"))
        );
        assert_eq!(
            parse_video("https://vimeo.com/76979871/8272103f6e"),
            vimeo("76979871", Some("8272103f6e"))
        );
        assert_eq!(
            parse_video("https://vimeo.com/channels/staffpicks/76979871"),
            vimeo("76979871", None)
        );
        assert_eq!(
            parse_video("rekaman.MP4"),
            Some(Video::File("rekaman.MP4".into()))
        );
        assert_eq!(parse_video("https://example.org/watch?v=x"), None);
        assert_eq!(
            parse_video("https://www.youtube.com/embed/videoseries?list=PL1234567890"),
            None
        );
        assert_eq!(parse_video("https://vimeo.com/showcase/1234567"), None);
        let drive = Some(Video::Drive {
            id: "1AbC-dEf_GhIjKlMnOpQrStUvWxYz0123".into(),
        });
        for url in [
            "https://drive.google.com/file/d/1AbC-dEf_GhIjKlMnOpQrStUvWxYz0123/view?usp=sharing",
            "https://drive.google.com/file/d/1AbC-dEf_GhIjKlMnOpQrStUvWxYz0123/view?usp=drive_link",
            "https://drive.google.com/file/u/0/d/1AbC-dEf_GhIjKlMnOpQrStUvWxYz0123/view",
            "https://drive.google.com/file/d/1AbC-dEf_GhIjKlMnOpQrStUvWxYz0123/preview",
            "https://drive.google.com/open?id=1AbC-dEf_GhIjKlMnOpQrStUvWxYz0123",
        ] {
            assert_eq!(parse_video(url), drive, "{url}");
        }
        assert_eq!(
            parse_video("https://drive.google.com/drive/folders/1AbC-dEf_GhIjKlMnOpQrStUv"),
            None
        );
        assert_eq!(
            parse_video("https://drive.google.com/file/d/1AbC\"><b>/view"),
            None
        );
        assert_eq!(
            parse_video("https://vimeo.com/showcase/1234567/video/76979871"),
            vimeo("76979871", None)
        );
        assert_eq!(
            parse_video("https://vimeo.com/groups/x/videos/76979871?h=\"><b>"),
            vimeo("76979871", None)
        );
        assert_eq!(
            parse_video("https://blog.example.org/wp-content/uploads/2021/04/sesi.mp4"),
            Some(Video::File(
                "https://blog.example.org/wp-content/uploads/2021/04/sesi.mp4".into()
            ))
        );
        let fb = |href: &str| {
            Some(Video::Facebook {
                href: href.to_string(),
            })
        };
        for (url, href) in [
            (
                "https://www.facebook.com/walhi.nasional/videos/1234567890123456/",
                "https://www.facebook.com/walhi.nasional/videos/1234567890123456/",
            ),
            (
                "https://web.facebook.com/walhi.nasional/videos/webinar-hutan-adat/1234567890123456/?mibextid=abc",
                "https://www.facebook.com/walhi.nasional/videos/1234567890123456/",
            ),
            (
                "https://www.facebook.com/DisneyAulani/videos/vb.147898618589980/961137040599463/?type=3",
                "https://www.facebook.com/DisneyAulani/videos/961137040599463/",
            ),
            (
                "https://m.facebook.com/watch/?v=2233445566778899&ref=sharing",
                "https://www.facebook.com/watch/?v=2233445566778899",
            ),
            (
                "https://www.facebook.com/watch/live/?v=2233445566778899",
                "https://www.facebook.com/watch/?v=2233445566778899",
            ),
            (
                "http://facebook.com/video.php?v=2233445566778899",
                "https://www.facebook.com/watch/?v=2233445566778899",
            ),
            (
                "https://www.facebook.com/reel/998877665544332",
                "https://www.facebook.com/reel/998877665544332",
            ),
            (
                "https://www.facebook.com/plugins/video.php?height=314&href=https%3A%2F%2Fwww.facebook.com%2Fwalhi.nasional%2Fvideos%2F1234567890123456%2F&show_text=false",
                "https://www.facebook.com/walhi.nasional/videos/1234567890123456/",
            ),
            (
                "https://www.facebook.com/plugins/video.php?href=https://www.facebook.com/watch/?v=826310328960933",
                "https://www.facebook.com/watch/?v=826310328960933",
            ),
        ] {
            assert_eq!(parse_video(url), fb(href), "{url}");
        }
        for url in [
            "https://fb.watch/aBcDeF12/",
            "https://www.facebook.com/share/v/1ABcdEFgh/",
            "https://www.facebook.com/walhi.nasional/posts/1234567890",
            "https://www.facebook.com/walhi.nasional/videos/",
            "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fyoutu.be%2Faqz-KE-bpKQ",
            "https://www.facebook.com/x\"><b>/videos/12345",
        ] {
            let want = url.contains("x\"").then(|| {
                // An odd page name: the video's own address.
                Video::Facebook {
                    href: "https://www.facebook.com/watch/?v=12345".into(),
                }
            });
            assert_eq!(parse_video(url), want, "{url}");
        }
        // Meeting recordings are refused (they play for signed-in users
        // only), a file on Dropbox is asked for as the file.
        for url in [
            "https://us02web.zoom.us/rec/share/AbC123xyz.DeF?startTime=1612345678000",
            "https://org-my.sharepoint.com/personal/a/Documents/Recordings/Rapat.mp4",
        ] {
            assert_eq!(parse_video(url), None, "{url}");
            assert!(recording_host(url).is_some(), "{url}");
        }
        assert_eq!(
            parse_video("https://www.dropbox.com/scl/fi/abc123/rekaman.mp4?rlkey=xyz&dl=0"),
            Some(Video::File(
                "https://www.dropbox.com/scl/fi/abc123/rekaman.mp4?rlkey=xyz&raw=1".into()
            ))
        );
        assert_eq!(
            parse_video("https://www.dropbox.com/s/abc123/rekaman.webm"),
            Some(Video::File(
                "https://www.dropbox.com/s/abc123/rekaman.webm?raw=1".into()
            ))
        );
        assert_eq!(
            parse_video("https://www.dropbox.com/s/abc123/laporan.pdf?dl=0"),
            None
        );
        for url in [
            "https://www.facebook.com/share/16uLpWc4GJ/?mibextid=wwXIfr",
            "https://m.facebook.com/share/r/12Ek8sG9ZGe/",
            "https://id-id.facebook.com/share/v/1BhEBovtM6/",
            "HTTPS://FB.WATCH/3zYsXdnxjf/",
        ] {
            assert!(short_share_link(url), "{url}");
        }
        assert!(!short_share_link(
            "https://www.facebook.com/sharer/sharer.php?u=x"
        ));
        assert!(!short_share_link("https://example.org/share/v/1"));
        assert!(short_share_link("https://fb.watch/aBcDeF12/"));
        assert!(short_share_link(
            "https://web.facebook.com/share/v/1ABcdEFgh/"
        ));
        assert!(!short_share_link("https://www.facebook.com/watch/?v=1"));
        assert_eq!(parse_video("https://youtu.be/short"), None);
        assert_eq!(parse_video("foto.jpg"), None);
    }

    /// A player's address given a player's address, nested as deep as a
    /// long line allows, is no video, and is read without recursing into
    /// it (it overflowed the stack).
    #[test]
    fn a_player_in_a_player_is_no_video() {
        let player = "https://www.facebook.com/plugins/video.php?href=";
        assert_eq!(
            parse_video(&format!(
                "{player}https%3A%2F%2Fwww.facebook.com%2Fplugins%2Fvideo.php%3Fhref%3Dhttps%253A%252F%252Fwww.facebook.com%252Fwatch%252F%253Fv%253D1"
            )),
            None
        );
        let deep = format!(
            "{}https://www.facebook.com/watch/?v=1",
            player.repeat(50_000)
        );
        let t = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || parse_video(&deep))
            .map(|t| t.join());
        assert!(matches!(t, Ok(Ok(None))));
    }

    /// Facebook videos in old posts' forms: the player of 2011–2015
    /// (`video/embed?video_id=`, which plugins also put in `fb-video`'s
    /// `data-href`), `video/video.php?v=` and `photo.php?v=` (a video's
    /// address until 2014), the player under an API version, and Facebook's
    /// words in capitals. A photo's `photo.php?fbid=` stays no video.
    #[test]
    fn facebook_videos_in_old_posts_forms() {
        let watch = |id: &str| {
            Some(Video::Facebook {
                href: format!("https://www.facebook.com/watch/?v={id}"),
            })
        };
        for (url, id) in [
            (
                "https://www.facebook.com/video/embed?video_id=10151772777412516",
                "10151772777412516",
            ),
            (
                "http://www.facebook.com/video/embed?video_id=10151772777412516&fullscreen=1",
                "10151772777412516",
            ),
            (
                "http://www.facebook.com/video/video.php?v=4253262701205&set=vb.1574932468&type=2",
                "4253262701205",
            ),
            (
                "http://www.facebook.com/photo.php?v=4253262701205&set=vb.1574932468&type=2&theater",
                "4253262701205",
            ),
            (
                "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fvideo%2Fembed%3Fvideo_id%3D10151772777412516",
                "10151772777412516",
            ),
            (
                "https://www.facebook.com/Watch/?v=1234567890123456",
                "1234567890123456",
            ),
        ] {
            assert_eq!(parse_video(url), watch(id), "{url}");
        }
        assert_eq!(
            parse_video(
                "https://www.facebook.com/v3.2/plugins/video.php?allowfullscreen=true&href=https%3A%2F%2Fwww.facebook.com%2Ffacebook%2Fvideos%2F10153231379946729%2F"
            ),
            Some(Video::Facebook {
                href: "https://www.facebook.com/facebook/videos/10153231379946729/".into()
            })
        );
        assert_eq!(
            parse_video("https://www.facebook.com/Walhi.Nasional/Videos/1234567890123456/"),
            Some(Video::Facebook {
                href: "https://www.facebook.com/Walhi.Nasional/videos/1234567890123456/".into()
            })
        );
        for url in [
            "https://www.facebook.com/photo.php?fbid=10158012345678901&set=a.10150",
            "https://www.facebook.com/video/embed?video_id=",
            "https://www.facebook.com/wp-content/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fwatch%2F%3Fv%3D1",
        ] {
            assert_eq!(parse_video(url), None, "{url}");
        }
    }

    #[test]
    fn sizes_read_like_a_person_writes_them() {
        assert_eq!(human_size(512, ","), "512 B");
        assert_eq!(human_size(24_300, ","), "24 KB");
        assert_eq!(human_size(1_234_567, ","), "1,2 MB");
        assert_eq!(human_size(1_234_567, "."), "1.2 MB");
        assert_eq!(human_size(999_999, "."), "1.0 MB");
        assert_eq!(human_size(999_400, "."), "999 KB");
    }
}
