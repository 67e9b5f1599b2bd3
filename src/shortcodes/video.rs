//! Video addresses as people paste them (YouTube, Vimeo, Google Drive,
//! Facebook, files), and why one is not: pure parsing, used by the `video`
//! shortcode, `audio` (a Drive file, a video given to it) and the importer.

use crate::error::Diagnostic;

/// What a video address is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Video {
    YouTube {
        id: String,
        start: Option<u32>,
        /// A Short (`/shorts/ID`): an upright video.
        short: bool,
    },
    Vimeo {
        id: String,
        hash: Option<String>,
    },
    /// A recording shared from Google Drive ("anyone with the link").
    Drive {
        id: String,
    },
    /// A video on Facebook (a page's video, a Live broadcast kept on the
    /// page, a reel): `href` is its address on www.facebook.com, which
    /// Facebook's player is given.
    Facebook {
        href: String,
    },
    File(String),
}

/// A YouTube, Vimeo, Google Drive or Facebook address in any of the forms
/// people paste, or a `.mp4`/`.webm` file name.
pub fn parse_video(url: &str) -> Option<Video> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .or_else(|| lower.strip_prefix("//"))
    else {
        let path = url.split(['?', '#']).next().unwrap_or(url);
        let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        return matches!(ext.as_deref(), Some("mp4" | "webm"))
            .then(|| Video::File(url.to_string()));
    };
    // The original text (IDs are case-sensitive) from the same offset.
    let orig = &url[url.len() - rest.len()..];
    let (host_end, _) = rest
        .char_indices()
        .find(|&(_, c)| c == '/' || c == '?' || c == '#')
        .unwrap_or((rest.len(), ' '));
    let host = rest[..host_end]
        .trim_start_matches("www.")
        .trim_start_matches("m.");
    let path_query = &orig[host_end..];
    let (path, query) = path_query.split_once('?').unwrap_or((path_query, ""));
    let path = path.split('#').next().unwrap_or(path);
    let query_param = |key: &str| {
        query
            .split('#')
            .next()
            .unwrap_or("")
            .split('&')
            .find_map(|kv| kv.strip_prefix(key).and_then(|v| v.strip_prefix('=')))
            .map(str::to_string)
    };
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let start = || {
        query_param("t")
            .or_else(|| query_param("start"))
            .or_else(|| url.split_once("#t=").map(|(_, t)| t.to_string()))
            .and_then(|t| seconds(&t))
    };
    let valid_yt = |id: &str| {
        id.len() == 11
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    match host {
        "youtu.be" => {
            let id = segments.first()?;
            valid_yt(id).then(|| Video::YouTube {
                id: id.to_string(),
                start: start(),
                short: false,
            })
        }
        "youtube.com" | "music.youtube.com" | "youtube-nocookie.com" => {
            let id = match segments.as_slice() {
                ["watch"] => query_param("v")?,
                // A playlist's player is no one video.
                ["embed", "videoseries", ..] => return None,
                ["embed" | "shorts" | "live" | "v" | "e", id, ..] => id.to_string(),
                _ => return None,
            };
            let short = segments.first() == Some(&"shorts");
            valid_yt(&id).then(|| Video::YouTube {
                id,
                start: start(),
                short,
            })
        }
        "vimeo.com" | "player.vimeo.com" => {
            let digits = |s: &&str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            // `vimeo.com/ID`, `/channels/x/ID`, `/groups/x/videos/ID`,
            // `player.vimeo.com/video/ID`, `/showcase/S/video/ID`; a
            // showcase or album alone is no one video.
            let i = match segments
                .iter()
                .position(|s| *s == "video" || *s == "videos")
            {
                Some(v) => v + 1,
                None if matches!(segments.first(), Some(&("showcase" | "album"))) => return None,
                None => segments.iter().position(digits)?,
            };
            let id = segments.get(i).copied().filter(|s| digits(s))?.to_string();
            let hex = |h: &String| h.len() >= 6 && h.bytes().all(|b| b.is_ascii_hexdigit());
            let hash = query_param("h")
                .filter(hex)
                .or_else(|| segments.get(i + 1).map(|h| h.to_string()).filter(hex));
            Some(Video::Vimeo { id, hash })
        }
        // `drive.google.com/file/d/ID/view?usp=sharing` (also `/u/0/`,
        // `/preview`, `/edit`), `/open?id=ID`, `/uc?id=ID`; a folder is no
        // one video.
        "drive.google.com" => {
            let id = match segments.as_slice() {
                ["file", "d", id, ..] | ["file", "u", _, "d", id, ..] => id.to_string(),
                ["open" | "uc"] => query_param("id")?,
                _ => return None,
            };
            let valid = id.len() >= 10
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            valid.then_some(Video::Drive { id })
        }
        h if is_facebook(h) => facebook(&segments, &query_param),
        // A meeting service's recording, even one ending in `.mp4`, is shown
        // to its own signed-in users only.
        _ if recording_host(url).is_some() => None,
        // A video file shared from Dropbox: its address is a page about the
        // file unless `raw=1` asks for the file itself.
        "dropbox.com" => {
            let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
            if !matches!(ext.as_deref(), Some("mp4" | "webm")) {
                return None;
            }
            let (base, query) = url.split_once('?').unwrap_or((url, ""));
            let mut params: Vec<&str> = query
                .split('&')
                .filter(|p| !p.is_empty() && !p.starts_with("dl=") && !p.starts_with("raw="))
                .collect();
            params.push("raw=1");
            Some(Video::File(format!("{base}?{}", params.join("&"))))
        }
        // A video file on another site (an old blog's uploads).
        _ => {
            let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
            matches!(ext.as_deref(), Some("mp4" | "webm")).then(|| Video::File(url.to_string()))
        }
    }
}

/// Facebook's hosts: `www.`, `m.`, `web.` (where mobile data plans send
/// readers), `mbasic.`, `business.`, a language's (`id-id.`).
fn is_facebook(host: &str) -> bool {
    host == "facebook.com" || host == "fb.com" || host.ends_with(".facebook.com")
}

/// A Facebook video's address in the forms the share menu, the address bar
/// and the embed code give: `PAGE/videos/ID` (also `/videos/TITLE/ID`,
/// `/videos/vb.N/ID`), `watch/?v=ID`, `watch/live/?v=ID`, `video.php?v=ID`,
/// `reel/ID`, and the embed code's `plugins/video.php?href=…`; and those
/// of old posts: `video/video.php?v=ID`, `photo.php?v=ID` and the player
/// before 2015, `video/embed?video_id=ID`. A short share link
/// (`fb.watch/…`, `facebook.com/share/v/…`) names no video until Facebook
/// is asked: [`short_share_link`] says so.
fn facebook(segments: &[&str], query: &dyn Fn(&str) -> Option<String>) -> Option<Video> {
    let digits = |s: &str| !s.is_empty() && s.len() <= 24 && s.bytes().all(|b| b.is_ascii_digit());
    let watch = |key: &str| {
        let id = query(key).filter(|v| digits(v))?;
        Some(format!("https://www.facebook.com/watch/?v={id}"))
    };
    // Facebook's own words in any case (`/Videos/`, `/Watch/`); the
    // page's name as written.
    let lower: Vec<String> = segments.iter().map(|s| s.to_ascii_lowercase()).collect();
    let keys: Vec<&str> = lower.iter().map(String::as_str).collect();
    let href = match keys.as_slice() {
        // The player, also under an API version (`v3.2/plugins/…`), is
        // given the video's address, which is never a player's again (a
        // player in a player in … would be read to any depth).
        ["plugins", "video.php"] | [_, "plugins", "video.php"]
            if keys.len() == 2 || keys[0].starts_with('v') =>
        {
            let inner = query("href")?;
            let inner = percent_encoding::percent_decode_str(&inner).decode_utf8_lossy();
            if inner.to_ascii_lowercase().contains("/plugins/") {
                return None;
            }
            return match parse_video(&inner)? {
                v @ Video::Facebook { .. } => Some(v),
                _ => None,
            };
        }
        ["watch"] | ["watch", "live"] | ["video.php"] | ["video", "video.php"] | ["photo.php"] => {
            watch("v")?
        }
        ["video", "embed"] => watch("video_id")?,
        ["reel" | "reels", id] if digits(id) => format!("https://www.facebook.com/reel/{id}"),
        [_, "videos", rest @ ..] => {
            let page = segments[0];
            let id = rest.iter().rev().find(|s| digits(s))?;
            let page_ok = page
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_');
            if page_ok {
                format!("https://www.facebook.com/{page}/videos/{id}/")
            } else {
                format!("https://www.facebook.com/watch/?v={id}")
            }
        }
        _ => return None,
    };
    Some(Video::Facebook { href })
}

/// Why `url` is not a video the shortcode can show, and what to do.
pub(super) fn not_a_video(url: &str) -> Diagnostic {
    if let Some(host) = recording_host(url) {
        Diagnostic::error(format!("`{url}` is a {host} recording, which {host} does not let other sites show in their pages"))
            .with_hint(format!("link to it instead, as text: [Rekaman webinar]({url}); or upload the recording to YouTube, Vimeo or Google Drive and give that address here"))
    } else if short_share_link(url) {
        Diagnostic::error(format!("`{url}` is a short share link, which names no video until Facebook is asked"))
            .with_hint("open the link in a browser and paste the address it goes to (https://www.facebook.com/…/videos/…, or …/watch/?v=…)")
    } else if on_facebook(url).is_some() {
        Diagnostic::error(format!("`{url}` is on Facebook, but is not a video's own address (it is a post, a page, a group or a photo)"))
            .with_hint("on Facebook, click the video so it opens on its own, then paste the address from the browser's address bar: https://www.facebook.com/…/videos/NUMBER/, …/watch/?v=NUMBER or …/reel/NUMBER")
    } else {
        Diagnostic::error(format!("`{url}` is not a YouTube, Vimeo, Google Drive or Facebook video address, nor a .mp4/.webm file"))
            .with_hint("paste the address of the video page (https://www.youtube.com/watch?v=…, https://youtu.be/…, https://vimeo.com/…, a Google Drive file's https://drive.google.com/file/d/…/view, https://www.facebook.com/…/videos/…), or give a video file beside the story")
    }
}

/// The meeting service of a recording's address, where the service keeps
/// recordings to itself (no player another site may show): Zoom's cloud
/// recordings, Microsoft Teams' and Stream's.
pub fn recording_host(url: &str) -> Option<&'static str> {
    let (host, _) = host_and_path(url)?;
    let on = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
    if on("zoom.us") || on("zoom.com") {
        Some("Zoom")
    } else if on("teams.microsoft.com") || on("microsoftstream.com") || on("sharepoint.com") {
        Some("Microsoft Teams")
    } else {
        None
    }
}

/// A web address's host without `www.` and what follows it, in lower
/// case; `None` for what is no web address.
pub fn host_and_path(url: &str) -> Option<(String, String)> {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .or_else(|| lower.strip_prefix("//"))?;
    let (host, path) = rest.split_once(['/', '?', '#']).unwrap_or((rest, ""));
    let host = host.strip_prefix("www.").unwrap_or(host);
    Some((host.to_string(), path.to_string()))
}

/// An address on Facebook (any of its hosts, or `fb.watch`): its host
/// without `www.` and what follows it, in lower case.
fn on_facebook(url: &str) -> Option<(String, String)> {
    host_and_path(url).filter(|(host, _)| is_facebook(host) || host == "fb.watch")
}

/// A short link Facebook's share button gives, which names no video until
/// Facebook is asked: `fb.watch/…`, and `facebook.com/share/…` on any of
/// its hosts (`share/v/`, `share/r/`, and the plain `share/ID/` that
/// phones have given since 2024).
pub fn short_share_link(url: &str) -> bool {
    on_facebook(url).is_some_and(|(host, path)| host == "fb.watch" || path.starts_with("share/"))
}

/// `90`, `1m30s`, `1h2m3s` → seconds.
fn seconds(t: &str) -> Option<u32> {
    if let Ok(n) = t.parse::<u32>() {
        return Some(n);
    }
    let (mut total, mut n) = (0u32, 0u32);
    for c in t.chars() {
        match c {
            '0'..='9' => n = n.checked_mul(10)?.checked_add(c.to_digit(10)?)?,
            'h' => (total, n) = (total.checked_add(n.checked_mul(3600)?)?, 0),
            'm' => (total, n) = (total.checked_add(n.checked_mul(60)?)?, 0),
            's' => (total, n) = (total.checked_add(n)?, 0),
            _ => return None,
        }
    }
    (total > 0).then_some(total)
}
