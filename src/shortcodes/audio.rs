//! `audio`: a recording without picture (a webinar's sound, a podcast
//! episode), as a file beside the story or on the site, or on Spotify,
//! SoundCloud or Google Drive. Like `video`, it costs a reader nothing
//! until played: a file is `<audio preload="none">` with its type and size
//! written out (a reader on costly data sees what playing it takes), and a
//! hosted recording is a link that `story.js` swaps for the host's player
//! when pressed. Here, which addresses are recordings (pure); what the
//! template gets from one is `builtin.rs`'s.

use super::video::{Video, host_and_path, parse_video, recording_host};
use crate::error::Diagnostic;

/// File types a browser's `<audio>` plays, with their MIME types.
const FILES: &[(&str, &str)] = &[
    ("mp3", "audio/mpeg"),
    ("m4a", "audio/mp4"),
    ("aac", "audio/aac"),
    ("ogg", "audio/ogg"),
    ("oga", "audio/ogg"),
    ("opus", "audio/ogg"),
    ("wav", "audio/wav"),
    ("flac", "audio/flac"),
    ("weba", "audio/webm"),
];

/// What an audio address is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audio {
    /// An episode, show, track, album or playlist on Spotify.
    Spotify { kind: String, id: String },
    /// A track or set on SoundCloud: its address there.
    SoundCloud { href: String },
    /// A recording shared from Google Drive ("anyone with the link").
    Drive { id: String },
    /// A file: a name beside the story, or an address.
    File(String),
}

/// The MIME type of an audio file name or address, by its extension.
pub(super) fn mime(url: &str) -> Option<&'static str> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let file = path.rsplit('/').next().unwrap_or(path);
    let ext = file.rsplit_once('.')?.1.to_ascii_lowercase();
    FILES.iter().find(|(e, _)| *e == ext).map(|(_, m)| *m)
}

/// A Spotify, SoundCloud or Google Drive address in the forms people
/// paste (the share button's, the embed code's), or an audio file.
pub fn parse_audio(url: &str) -> Option<Audio> {
    let url = url.trim();
    let Some((host, _)) = host_and_path(url) else {
        return mime(url).map(|_| Audio::File(url.to_string()));
    };
    let host = host.strip_prefix("m.").unwrap_or(&host).to_string();
    // The path as written (ids are case-sensitive), without the query.
    let after_scheme = url.split_once("//").map_or(url, |(_, r)| r);
    let path = after_scheme
        .split_once('/')
        .map_or("", |(_, p)| p)
        .split(['?', '#'])
        .next()
        .unwrap_or("");
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match host.as_str() {
        // `open.spotify.com/episode/ID?si=…`, `/intl-id/episode/ID`,
        // `/embed/episode/ID`.
        "open.spotify.com" => {
            let rest: Vec<&str> = segments
                .iter()
                .copied()
                .skip_while(|s| s.starts_with("intl-") || *s == "embed")
                .collect();
            match rest.as_slice() {
                [
                    kind @ ("episode" | "show" | "track" | "album" | "playlist"),
                    id,
                    ..,
                ] if id.len() >= 10 && id.bytes().all(|b| b.is_ascii_alphanumeric()) => {
                    Some(Audio::Spotify {
                        kind: kind.to_string(),
                        id: id.to_string(),
                    })
                }
                _ => None,
            }
        }
        // `soundcloud.com/USER/TRACK` (or `/USER/sets/NAME`); the embed
        // code's `w.soundcloud.com/player/?url=…` names it in its query.
        "soundcloud.com" if segments.len() >= 2 => Some(Audio::SoundCloud {
            href: format!("https://soundcloud.com/{}", segments.join("/")),
        }),
        "w.soundcloud.com" => {
            let query = url.split_once('?')?.1;
            let inner = query.split('&').find_map(|kv| kv.strip_prefix("url="))?;
            let inner = percent_encoding::percent_decode_str(inner)
                .decode_utf8()
                .ok()?;
            match parse_audio(&inner)? {
                found @ Audio::SoundCloud { .. } => Some(found),
                _ => None,
            }
        }
        "drive.google.com" => match parse_video(url)? {
            Video::Drive { id } => Some(Audio::Drive { id }),
            _ => None,
        },
        _ if recording_host(url).is_some() => None,
        _ => mime(url).map(|_| Audio::File(url.to_string())),
    }
}

/// Why `url` is no recording the shortcode can play, and what to do.
pub(super) fn not_audio(url: &str) -> Diagnostic {
    let host = host_and_path(url).map(|(h, _)| h).unwrap_or_default();
    if let Some(service) = recording_host(url) {
        Diagnostic::error(format!("`{url}` is a {service} recording, which {service} does not let other sites play in their pages"))
            .with_hint(format!("link to it instead, as text: [Rekaman webinar]({url}); or give the recording's file (.mp3, .m4a) beside the story"))
    } else if host == "spotify.link" || host == "on.soundcloud.com" || host == "spoti.fi" {
        Diagnostic::error(format!(
            "`{url}` is a short share link, which names no recording until its site is asked"
        ))
        .with_hint("open the link in a browser and paste the address it goes to (https://open.spotify.com/episode/…, https://soundcloud.com/…/…)")
    } else if matches!(parse_video(url), Some(v) if !matches!(v, Video::Drive { .. } | Video::File(_)))
    {
        Diagnostic::error(format!("`{url}` is a video"))
            .with_hint(format!("show it with {{{{ video(url=\"{url}\") }}}}"))
    } else {
        Diagnostic::error(format!("`{url}` is not a Spotify, SoundCloud or Google Drive address, nor an audio file ({})", FILES.iter().map(|(e, _)| format!(".{e}")).collect::<Vec<_>>().join(", ")))
            .with_hint("paste the address of the recording's page (https://open.spotify.com/episode/…, https://soundcloud.com/…/…, a Google Drive file's https://drive.google.com/file/d/…/view), or give the recording's file beside the story")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_people_paste() {
        let spotify = |kind: &str, id: &str| {
            Some(Audio::Spotify {
                kind: kind.into(),
                id: id.into(),
            })
        };
        for (url, want) in [
            (
                "https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk?si=a1b2c3",
                spotify("episode", "4rOoJ6Egrf8K2IrywzwOMk"),
            ),
            (
                "https://open.spotify.com/intl-id/episode/4rOoJ6Egrf8K2IrywzwOMk",
                spotify("episode", "4rOoJ6Egrf8K2IrywzwOMk"),
            ),
            (
                "https://open.spotify.com/embed/show/2MAi0BvDc6GTFvKFPXnkCL?utm_source=generator",
                spotify("show", "2MAi0BvDc6GTFvKFPXnkCL"),
            ),
            (
                "https://soundcloud.com/komunitas/rekaman-webinar-1?in=x/sets/y",
                Some(Audio::SoundCloud {
                    href: "https://soundcloud.com/komunitas/rekaman-webinar-1".into(),
                }),
            ),
            (
                "https://w.soundcloud.com/player/?url=https%3A//soundcloud.com/komunitas/rekaman&color=%23ff5500",
                Some(Audio::SoundCloud {
                    href: "https://soundcloud.com/komunitas/rekaman".into(),
                }),
            ),
            (
                "https://drive.google.com/file/d/1AbCdEfGhIjKlMnOp/view?usp=sharing",
                Some(Audio::Drive {
                    id: "1AbCdEfGhIjKlMnOp".into(),
                }),
            ),
            (
                "rekaman sesi 1.MP3",
                Some(Audio::File("rekaman sesi 1.MP3".into())),
            ),
            (
                "https://example.org/wp-content/uploads/2021/05/siaran.m4a?x=1",
                Some(Audio::File(
                    "https://example.org/wp-content/uploads/2021/05/siaran.m4a?x=1".into(),
                )),
            ),
            ("https://open.spotify.com/user/someone", None),
            ("https://soundcloud.com/komunitas", None),
            ("https://zoom.us/rec/share/abc.mp3", None),
            ("https://www.youtube.com/watch?v=aqz-KE-bpKQ", None),
            ("foto.jpg", None),
        ] {
            assert_eq!(parse_audio(url), want, "{url}");
        }
        assert!(
            not_audio("https://youtu.be/aqz-KE-bpKQ")
                .message
                .contains("is a video")
        );
        assert!(
            not_audio("https://spotify.link/abc")
                .message
                .contains("short share link")
        );
        assert!(
            not_audio("https://zoom.us/rec/x")
                .message
                .contains("Zoom recording")
        );
    }
}
