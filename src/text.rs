//! Small pure text helpers used by several stages: slugs, dates, suggestions,
//! and the one set of escapers for HTML, attributes and XML.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use crate::lang::Lang;

/// HTML elements that cannot sit inside a paragraph: a `<p>` ends before
/// each. Markdown places a shortcode whose output starts with one as a
/// block; the WordPress import separates them from the text around them.
pub const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "fieldset",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
    "video",
];

/// Turns any name into a URL slug of `[a-z0-9-]`: transliterates to ASCII,
/// lowercases, and joins the alphanumeric runs with single hyphens.
/// Returns an empty string when nothing alphanumeric is left.
pub fn slugify(input: &str) -> String {
    let arabic = arabic_letters(input);
    let ascii = deunicode::deunicode(arabic.as_deref().unwrap_or(input));
    let mut out = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    out
}

/// Han ideographs, and Japanese kana: scripts written without spaces
/// between words (search pairs their characters; a word count takes two of
/// them for a word). `search.js` tests the same ranges.
pub fn is_cjk(c: char) -> bool {
    // Kana, ideographs, and the marks written with them: 々 (人々),
    // 〆, 〇, Suzhou numerals, kana repeat marks.
    matches!(c, '\u{3005}'..='\u{3007}' | '\u{3021}'..='\u{3029}' | '\u{3031}'..='\u{3035}' | '\u{303B}' | '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}

/// Arabic-script letters the transliteration writes as nothing or as
/// punctuation (alef, ain, ta marbuta, alef maqsura, hamza forms), in
/// letters: without them `طب` (medicine) and `طباعة` (printing) were one
/// tag at `tb`, `علم` and `عالم` one at `lm`. Persian's keheh is `k`.
/// `None` when `s` has no Arabic-script letter (most text: no copy).
fn arabic_letters(s: &str) -> Option<String> {
    if !s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ا' | 'أ' | 'آ' | 'ى' | 'ع' => out.push('a'),
            'إ' => out.push('i'),
            'ة' => out.push('h'),
            'ک' => out.push('k'),
            'ء' => {}
            c => out.push(c),
        }
    }
    Some(out)
}

/// A heading's id by GitHub's rules (as GitHub, Jekyll's GFM and Hugo's
/// default make them, so `#anchor` links written for those keep working):
/// lowercase; every character but letters, marks, digits, `_`, `-` and
/// spaces removed; each space a `-`. `What's new?` → `whats-new`,
/// `TL;DR` → `tldr`, `Hak & Kewajiban` → `hak--kewajiban`.
pub fn heading_id(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter(|&c| {
            c.is_alphanumeric()
                || c == '_'
                || c == '-'
                || c == ' '
                || unicode_normalization::char::is_combining_mark(c)
        })
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// `true` for a non-empty slug of `[a-z0-9-]` that neither starts nor ends
/// with a hyphen.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// A story date: either a calendar day or a full timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct StoryDate {
    pub at: OffsetDateTime,
    /// Written as `YYYY-MM-DD` (no time of day).
    pub date_only: bool,
    /// Written without a zone (`2021-04-10`, `2021-04-10 09:00`): a time
    /// on the site's clock ([`StoryDate::in_zone`]), UTC until placed.
    pub floating: bool,
}

/// The site's clock (`time_zone:` in `cerita.yaml`): where a date written
/// without a zone is read. UTC unless set.
#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    tz: jiff::tz::TimeZone,
    /// As the site names it (`Asia/Jakarta`, `WIB`, `+07:00`, `UTC`).
    pub name: String,
}

impl Default for Zone {
    fn default() -> Self {
        Zone {
            tz: jiff::tz::TimeZone::UTC,
            name: "UTC".into(),
        }
    }
}

/// Indonesia's zones as people name them, with their IANA names.
const LOCAL_ZONES: &[(&str, &str)] = &[
    ("WIB", "Asia/Jakarta"),
    ("WITA", "Asia/Makassar"),
    ("WIT", "Asia/Jayapura"),
];

impl Zone {
    /// `Asia/Jakarta` (any IANA name, without regard to case), `WIB`,
    /// `WITA`, `WIT`, `UTC`, or an offset (`+07:00`, `+0700`, `+07`).
    pub fn parse(name: &str) -> Option<Zone> {
        let name = name.trim();
        let local = LOCAL_ZONES
            .iter()
            .find(|(short, _)| short.eq_ignore_ascii_case(name))
            .map(|(_, iana)| *iana);
        let tz = match local {
            Some(iana) => jiff::tz::TimeZone::get(iana).ok()?,
            None if name.starts_with(['+', '-']) || name.eq_ignore_ascii_case("UTC") => {
                // Earth's clocks run from 12 hours behind UTC to 14 ahead.
                let offset = crate::date_forms::offset(name)?;
                let seconds = offset.whole_seconds();
                if !(-12 * 3600..=14 * 3600).contains(&seconds) {
                    return None;
                }
                jiff::tz::TimeZone::fixed(jiff::tz::Offset::from_seconds(seconds).ok()?)
            }
            None => jiff::tz::TimeZone::get(name).ok()?,
        };
        Some(Zone {
            tz,
            name: name.to_string(),
        })
    }

    /// The zone name closest to `name`, for "did you mean".
    pub fn closest_name(name: &str) -> Option<String> {
        let names: Vec<String> = jiff::tz::db().available().map(|n| n.to_string()).collect();
        // A city alone: `Jakarta` is `Asia/Jakarta`.
        let city = names.iter().find(|n| {
            n.rsplit('/')
                .next()
                .is_some_and(|c| c.eq_ignore_ascii_case(&name.trim().replace(' ', "_")))
        });
        if let Some(city) = city {
            return Some(city.clone());
        }
        let lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
        let refs: Vec<&str> = lower.iter().map(String::as_str).collect();
        let found = closest(name, &refs)?;
        let i = refs.iter().position(|n| *n == found)?;
        names.get(i).cloned()
    }

    pub fn is_utc(&self) -> bool {
        self.tz == jiff::tz::TimeZone::UTC || self.name.eq_ignore_ascii_case("UTC")
    }

    /// The zone's offset from UTC at `civil`, a time on its clock (a time
    /// a summer change skips or repeats takes the offset before it).
    fn offset_at(&self, civil: PrimitiveDateTime) -> Option<UtcOffset> {
        let dt = jiff::civil::DateTime::new(
            i16::try_from(civil.year()).ok()?,
            i8::try_from(u8::from(civil.month())).ok()?,
            i8::try_from(civil.day()).ok()?,
            i8::try_from(civil.hour()).ok()?,
            i8::try_from(civil.minute()).ok()?,
            i8::try_from(civil.second()).ok()?,
            0,
        )
        .ok()?;
        let seconds = self
            .tz
            .to_ambiguous_zoned(dt)
            .compatible()
            .ok()?
            .offset()
            .seconds();
        UtcOffset::from_whole_seconds(seconds).ok()
    }

    /// The instant `at` on the zone's clock (its offset then).
    pub fn local(&self, at: OffsetDateTime) -> OffsetDateTime {
        let offset = jiff::Timestamp::from_second(at.unix_timestamp())
            .ok()
            .map(|t| self.tz.to_offset(t).seconds())
            .and_then(|s| UtcOffset::from_whole_seconds(s).ok());
        offset.map_or(at, |o| at.to_offset(o))
    }

    /// Today's date on the zone's clock.
    pub fn today(&self) -> Option<Date> {
        let now = jiff::Timestamp::now().to_zoned(self.tz.clone()).date();
        let month = Month::try_from(u8::try_from(now.month()).ok()?).ok()?;
        Date::from_calendar_date(i32::from(now.year()), month, u8::try_from(now.day()).ok()?).ok()
    }
}

impl StoryDate {
    /// Parses `YYYY-MM-DD`, RFC 3339 (`2021-04-10T09:00:00+07:00`),
    /// `YYYY-MM-DD HH:MM[:SS]` and the other forms writers type
    /// ([`crate::date_forms`]: `10 April 2021`, `Sabtu, 10 April 2021 pukul
    /// 09.00 WIB`, …). Without a zone it is UTC until
    /// [`StoryDate::in_zone`] places it on the site's clock.
    pub fn parse(s: &str) -> Option<StoryDate> {
        let s = s.trim();
        if let Ok(at) = OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339) {
            return Some(StoryDate {
                at,
                date_only: false,
                floating: false,
            });
        }
        let w = crate::date_forms::read(s)?;
        Some(StoryDate {
            at: PrimitiveDateTime::new(w.date, w.time.unwrap_or(Time::MIDNIGHT))
                .assume_offset(w.offset.unwrap_or(UtcOffset::UTC)),
            date_only: w.time.is_none(),
            floating: w.offset.is_none(),
        })
    }

    /// This date read on `zone`'s clock when it was written without a zone
    /// (`2021-04-10` is that day from midnight in Jakarta); as it is
    /// otherwise.
    pub fn in_zone(self, zone: &Zone) -> StoryDate {
        if !self.floating || zone.is_utc() {
            return self;
        }
        let civil = PrimitiveDateTime::new(self.at.date(), self.at.time());
        match zone.offset_at(civil) {
            Some(offset) => StoryDate {
                at: civil.assume_offset(offset),
                ..self
            },
            None => self,
        }
    }

    /// `YYYY-MM-DD`.
    pub fn ymd(&self) -> String {
        let d = self.at.date();
        format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
    }

    /// RFC 3339, as feeds and JSON-LD want it.
    pub fn rfc3339(&self) -> String {
        self.at
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_else(|_| format!("{}T00:00:00Z", self.ymd()))
    }

    pub fn year(&self) -> i32 {
        self.at.year()
    }
}

fn parse_ymd(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i32 = s.get(0..4)?.parse().ok()?;
    let m: u8 = s.get(5..7)?.parse().ok()?;
    let d: u8 = s.get(8..10)?.parse().ok()?;
    Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok()
}

/// `2021-04-10` → `10 April 2021` with month names in `lang`, for the
/// languages cerita has them for ([`Lang::months`]); else the ISO date.
/// Anything that is not a date is returned unchanged.
pub fn human_date(ymd: &str, lang: &str) -> String {
    let Some(date) = ymd.get(..10).and_then(parse_ymd) else {
        return ymd.to_string();
    };
    let Some(months) = Lang::parse(lang).and_then(Lang::months) else {
        return ymd.get(..10).unwrap_or(ymd).to_string();
    };
    let name = months[usize::from(u8::from(date.month())) - 1];
    format!("{} {} {}", date.day(), name, date.year())
}

/// The candidate closest to `word` when it is plausibly a typo of it.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(&word, c), *c))
        .filter(|(d, c)| {
            *d <= 1.max(c.len() / 3) && *d < c.len().min(word.len()).div_ceil(2).max(1)
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The 1-based line and character column of byte offset `pos` in `text`.
pub fn line_col(text: &str, pos: usize) -> (usize, usize) {
    let mut pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    let before = text.get(..pos).unwrap_or(text);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before.get(line_start..).map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The value of attribute `name` in `attrs`, an HTML tag (`<img src="…">`)
/// or a shortcode's attributes (`src='…' alt=x`): quoted with `"` or `'`,
/// or unquoted up to a space or the tag's `>`. Names are matched without
/// regard to case, as HTML's are, and only whole (`src` is not
/// `data-src`), and never inside another attribute's quoted value
/// (`alt="lihat src=x.jpg"`). Entities are left as written.
pub fn attr_value<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let bytes = attrs.as_bytes();
    let name = name.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            // Past a quoted value whole: what is in it is no attribute.
            let value = attrs[i + 1..].trim_start();
            let at = bytes.len() - value.len();
            if let Some(&q @ (b'"' | b'\'')) = bytes.get(at) {
                i = bytes[at + 1..]
                    .iter()
                    .position(|&b| b == q)
                    .map_or(bytes.len(), |k| at + 1 + k + 1);
                continue;
            }
        } else if (i == 0 || bytes[i - 1].is_ascii_whitespace())
            && bytes
                .get(i..i + name.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(name))
        {
            if let Some(rest) = attrs
                .get(i + name.len()..)
                .and_then(|r| r.trim_start().strip_prefix('='))
            {
                let rest = rest.trim_start();
                return Some(match rest.chars().next() {
                    Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
                    _ => rest
                        .split(|c: char| c.is_whitespace() || c == '>')
                        .next()
                        .unwrap_or(""),
                });
            }
        }
        i += 1;
    }
    None
}

/// Escapes text for HTML element content.
pub fn escape_html(s: &str) -> String {
    escape_with(s, TEXT)
}

/// Escapes text for a double-quoted HTML attribute (also used for all
/// template output).
pub fn escape_attr(s: &str) -> String {
    escape_with(s, ATTR)
}

/// Escapes text for XML content and attributes (feeds, sitemaps); drops the
/// control characters XML 1.0 forbids.
pub fn escape_xml(s: &str) -> String {
    escape_with(s, XML)
}

/// Which bytes each escaper replaces: one bit per escaper.
const TEXT: u8 = 1;
const ATTR: u8 = 2;
const XML: u8 = 4;
const ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'&' as usize] = TEXT | ATTR | XML;
    t[b'<' as usize] = TEXT | ATTR | XML;
    t[b'>' as usize] = TEXT | ATTR | XML;
    t[b'"' as usize] = ATTR | XML;
    t[b'\'' as usize] = ATTR | XML;
    let mut c = 0;
    while c < 0x20 {
        if c != b'\t' as usize && c != b'\n' as usize && c != b'\r' as usize {
            t[c] = XML;
        }
        c += 1;
    }
    t
};

fn escape_with(s: &str, mask: u8) -> String {
    let needs = |b: u8| ESCAPE[usize::from(b)] & mask != 0;
    let bytes = s.as_bytes();
    let Some(first) = bytes.iter().position(|&b| needs(b)) else {
        return s.to_string();
    };
    let mut out = String::with_capacity(s.len() + 16);
    out.push_str(&s[..first]);
    let mut last = first;
    for (i, &b) in bytes.iter().enumerate().skip(first) {
        if !needs(b) {
            continue;
        }
        out.push_str(&s[last..i]);
        out.push_str(match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' if mask == XML => "&apos;",
            b'\'' => "&#39;",
            // A control character XML forbids: dropped.
            _ => "",
        });
        last = i + 1;
    }
    out.push_str(&s[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_values_in_tags_and_shortcodes() {
        let tag = r#"<img data-src="no" SRC=foto.jpg alt='Rapat "RT"' title = "a b">"#;
        assert_eq!(attr_value(tag, "src"), Some("foto.jpg"));
        assert_eq!(attr_value(tag, "alt"), Some(r#"Rapat "RT""#));
        assert_eq!(attr_value(tag, "title"), Some("a b"));
        assert_eq!(attr_value(tag, "data-src"), Some("no"));
        assert_eq!(attr_value(tag, "width"), None);
        assert_eq!(attr_value("<a href=x>", "href"), Some("x"));
        assert_eq!(attr_value("src=a.mp4 poster=b.jpg", "src"), Some("a.mp4"));
        assert_eq!(attr_value("<a hidden>", "hidden"), None);
        assert_eq!(attr_value("<a title=\"&amp;\">", "title"), Some("&amp;"));
        // Another attribute's value holds no attribute.
        let tag = r#"<img alt="lihat src=x.jpg" title='a href=y' src="foto.jpg">"#;
        assert_eq!(attr_value(tag, "src"), Some("foto.jpg"));
        assert_eq!(attr_value(tag, "href"), None);
        assert_eq!(attr_value(r#"<img alt="x src=a.jpg">"#, "src"), None);
        // A fragment of several tags and text: each tag's own.
        let html = r#"<a href="https://x/f.jpg">Don't <img alt='2 = 3' src=f.jpg></a>"#;
        assert_eq!(attr_value(html, "src"), Some("f.jpg"));
        assert_eq!(attr_value(html, "href"), Some("https://x/f.jpg"));
        assert_eq!(attr_value("<a title=\"é src=x\" src=ü>", "src"), Some("ü"));
    }

    #[test]
    fn dates_as_other_generators_write_them() {
        let at = |s: &str| StoryDate::parse(s).map(|d| d.rfc3339());
        assert_eq!(
            at("2021-04-10 09:00:00 +0700").as_deref(),
            Some("2021-04-10T09:00:00+07:00")
        );
        assert_eq!(
            at("2021-04-10 09:00:00+07:00").as_deref(),
            Some("2021-04-10T09:00:00+07:00")
        );
        assert_eq!(
            at("2021-04-10T09:00:00.250+0700").as_deref(),
            Some("2021-04-10T09:00:00+07:00")
        );
        assert_eq!(
            at("2021-04-10 09:00:00 -0300").as_deref(),
            Some("2021-04-10T09:00:00-03:00")
        );
        assert_eq!(
            at("2021-04-10 09:00:00 UTC").as_deref(),
            Some("2021-04-10T09:00:00Z")
        );
        assert_eq!(
            at("2021-04-10 09:00Z").as_deref(),
            Some("2021-04-10T09:00:00Z")
        );
        assert_eq!(
            at("2021-04-10 09:00").as_deref(),
            Some("2021-04-10T09:00:00Z")
        );
        // Indonesia's zones by their names, and a bare hour.
        assert_eq!(
            at("2021-04-10 09:00:00 WIB").as_deref(),
            Some("2021-04-10T09:00:00+07:00")
        );
        assert_eq!(
            at("2021-04-10 09:00:00 +7").as_deref(),
            Some("2021-04-10T09:00:00+07:00")
        );
        assert_eq!(at("2021-04-10 09:00:00 Jakarta"), None);
    }

    #[test]
    fn heading_ids_follow_github() {
        for (text, id) in [
            (
                "What does my company's legal team need to know?",
                "what-does-my-companys-legal-team-need-to-know",
            ),
            ("TL;DR", "tldr"),
            ("Hak & Kewajiban", "hak--kewajiban"),
            ("snake_case and kebab-case", "snake_case-and-kebab-case"),
            ("Perempuan Pesisir (2021)", "perempuan-pesisir-2021"),
            ("Café Ñandú", "café-ñandú"),
            ("Ελληνικά", "ελληνικά"),
            ("  Judul  ", "judul"),
            ("?!", ""),
        ] {
            assert_eq!(heading_id(text), id, "{text}");
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slugify("Penguatan Kapasitas: Saka Warga!"),
            "penguatan-kapasitas-saka-warga"
        );
        assert_eq!(slugify("HAPSARI"), slugify("Hapsari"));
        assert_eq!(slugify("  Café — Ñusa  "), "cafe-nusa");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("!!!"), "");
        // Arabic words that differ by their long vowels or ain stay apart.
        assert_ne!(slugify("طب"), slugify("طباعة"));
        assert_ne!(slugify("علم"), slugify("عالم"));
        assert_eq!(slugify("القطة لطيفة"), "alqth-ltyfh");
        assert_eq!(slugify("کتاب"), "ktab");
        assert!(is_valid_slug("saka-warga-2021"));
        assert!(!is_valid_slug("Saka"));
        assert!(!is_valid_slug("a/b"));
        assert!(!is_valid_slug("-a"));
    }

    #[test]
    fn dates() {
        let d = StoryDate::parse("2021-04-10").unwrap();
        assert!(d.date_only);
        assert_eq!(d.ymd(), "2021-04-10");
        let t = StoryDate::parse("2021-04-10T09:30:00+07:00").unwrap();
        assert!(!t.date_only);
        assert_eq!(t.ymd(), "2021-04-10");
        assert!(StoryDate::parse("2021-04-10 09:30").is_some());
        assert!(StoryDate::parse("kemarin").is_none());
        assert!(StoryDate::parse("2021-02-30").is_none());
        assert_eq!(human_date("2021-04-10", "id"), "10 April 2021");
        assert_eq!(human_date("2021-08-17", "id"), "17 Agustus 2021");
        assert_eq!(human_date("2021-08-17", "en"), "17 August 2021");
        assert_eq!(human_date("2021-08-17", "jv"), "17 Agustus 2021");
        assert_eq!(human_date("2021-08-17", "su"), "17 Agustus 2021");
        assert_eq!(human_date("2021-11-17", "su"), "17 Nopémber 2021");
        assert_eq!(human_date("2021-08-17", "sas"), "2021-08-17");
    }

    #[test]
    fn dates_without_a_zone_are_on_the_sites_clock() {
        let at = |date: &str, zone: &str| {
            let zone = Zone::parse(zone).unwrap();
            StoryDate::parse(date).unwrap().in_zone(&zone).rfc3339()
        };
        assert_eq!(
            at("2026-12-07", "Asia/Jakarta"),
            "2026-12-07T00:00:00+07:00"
        );
        assert_eq!(at("2026-12-07", "wib"), "2026-12-07T00:00:00+07:00");
        assert_eq!(at("2026-12-07 19:30", "WITA"), "2026-12-07T19:30:00+08:00");
        assert_eq!(at("2026-12-07", "WIT"), "2026-12-07T00:00:00+09:00");
        assert_eq!(at("2026-12-07", "+05:30"), "2026-12-07T00:00:00+05:30");
        assert_eq!(
            at("2026-12-07", "asia/jakarta"),
            "2026-12-07T00:00:00+07:00"
        );
        // A zone whose offset changes in summer: the offset of that day.
        assert_eq!(
            at("2026-07-01", "Europe/Amsterdam"),
            "2026-07-01T00:00:00+02:00"
        );
        assert_eq!(
            at("2026-12-01", "Europe/Amsterdam"),
            "2026-12-01T00:00:00+01:00"
        );
        // A zone written with the date is kept; UTC changes nothing.
        assert_eq!(at("2026-12-07T09:00:00Z", "WIB"), "2026-12-07T09:00:00Z");
        assert_eq!(
            at("2026-12-07 09:00 +0800", "WIB"),
            "2026-12-07T09:00:00+08:00"
        );
        assert_eq!(at("2026-12-07", "UTC"), "2026-12-07T00:00:00Z");
        assert!(Zone::parse("UTC").unwrap().is_utc());
        // The same calendar day however it is placed.
        let d = StoryDate::parse("2026-12-07").unwrap();
        assert_eq!(
            d.in_zone(&Zone::parse("-10:00").unwrap()).ymd(),
            "2026-12-07"
        );
        for wrong in ["Jakarta", "Asia/Jakart", "+25:00", "07:00", ""] {
            assert!(Zone::parse(wrong).is_none(), "{wrong}");
        }
        assert_eq!(
            Zone::closest_name("jakarta").as_deref(),
            Some("Asia/Jakarta")
        );
        assert_eq!(
            Zone::closest_name("Asia/Jakart").as_deref(),
            Some("Asia/Jakarta")
        );
        assert_eq!(
            Zone::closest_name("New York").as_deref(),
            Some("America/New_York")
        );
        let today = Zone::parse("Asia/Jakarta").unwrap().today().unwrap();
        let utc = OffsetDateTime::now_utc().date();
        assert!(today == utc || today == utc.next_day().unwrap());
    }

    #[test]
    fn suggestions_and_positions() {
        assert_eq!(closest("titel", &["title", "date"]), Some("title"));
        assert_eq!(closest("zzzzzz", &["title", "date"]), None);
        // Half a short word changed is another word, not a slip.
        assert_eq!(closest("math", &["title", "date", "draft"]), None);
        assert_eq!(closest("vidoe", &["video", "gallery"]), Some("video"));
        assert_eq!(closest("autor", &["authors", "tags"]), Some("authors"));
        assert_eq!(closest("tag", &["tags"]), Some("tags"));
        assert_eq!(line_col("ab\ncd\né", 8), (3, 2));
    }

    #[test]
    fn escapers() {
        let s = "a<b>&\"c\" 'd'\u{1}\té";
        assert_eq!(escape_html(s), "a&lt;b&gt;&amp;\"c\" 'd'\u{1}\té");
        assert_eq!(
            escape_attr(s),
            "a&lt;b&gt;&amp;&quot;c&quot; &#39;d&#39;\u{1}\té"
        );
        assert_eq!(
            escape_xml(s),
            "a&lt;b&gt;&amp;&quot;c&quot; &apos;d&apos;\té"
        );
        assert_eq!(escape_xml("plain"), "plain");
    }
}
