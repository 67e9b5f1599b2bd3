//! Dates as writers type them, and advice for what is not one.
//!
//! Beside `2021-04-10` (what `cerita new` and the editors write) a story's
//! `date` may be written the way people write dates in Indonesian, Javanese,
//! Sundanese or English: `2021-4-10`, `10 April 2021`, `10 Agt 2021`,
//! `Sabtu, 10 April 2021 pukul 09.00 WIB`, `April 10, 2021 9:30 AM`. Each is
//! one day whichever way it is read. A date with the day and the month both
//! as numbers (`06/12/2026`) is not: Indonesian writes the day first, American
//! English the month, so it is refused with both readings spelt out
//! ([`advice`]).
//!
//! Pure: no file, no clock. [`crate::text::StoryDate`] builds on [`read`].

use time::{Date, Month, Time, UtcOffset, Weekday};

use crate::lang::Lang;

/// A date as written: the day, the time of day if one was written, and the
/// zone if one was written (none: the site's clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub date: Date,
    pub time: Option<Time>,
    pub offset: Option<UtcOffset>,
}

/// Reads a date in any of the forms the module describes; `None` for
/// anything else (a weekday that is not the date's among them).
pub fn read(s: &str) -> Option<Written> {
    let (date, weekday, rest) = leading_date(s.trim())?;
    if weekday.is_some_and(|w| w != date.weekday()) {
        return None;
    }
    let rest = rest.trim_start_matches(|c: char| c == ',' || c.is_whitespace());
    let rest = ["pukul ", "jam ", "at ", "T"]
        .iter()
        .find_map(|w| strip_prefix_ci(rest, w))
        .map_or(rest, str::trim_start);
    if rest.is_empty() {
        return Some(Written {
            date,
            time: None,
            offset: None,
        });
    }
    let (time, offset) = clock(rest)?;
    Some(Written {
        date,
        time: Some(time),
        offset,
    })
}

/// A zone as dates write it: `Z`, `UTC`, `GMT`, `WIB` (+07:00), `WITA`
/// (+08:00), `WIT` (+09:00), `+07:00`, `+0700`, `+07`, `UTC+7`.
pub fn offset(z: &str) -> Option<UtcOffset> {
    let z = z.trim();
    let hours = |h: i8| UtcOffset::from_hms(h, 0, 0).ok();
    match z.to_ascii_uppercase().as_str() {
        "Z" | "UTC" | "GMT" => return Some(UtcOffset::UTC),
        "WIB" => return hours(7),
        "WITA" => return hours(8),
        "WIT" => return hours(9),
        _ => {}
    }
    let z = ["UTC", "GMT"]
        .iter()
        .find_map(|p| strip_prefix_ci(z, p))
        .unwrap_or(z);
    let (sign, rest) = match z.as_bytes().first()? {
        b'+' => (1i8, &z[1..]),
        b'-' => (-1i8, &z[1..]),
        _ => return None,
    };
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() == 4 => rest.split_at(2),
        None => (rest, "0"),
    };
    if h.is_empty() || h.len() > 2 || m.len() > 2 || !all_digits(h) || !all_digits(m) {
        return None;
    }
    UtcOffset::from_hms(
        sign * h.parse::<i8>().ok()?,
        sign * m.parse::<i8>().ok()?,
        0,
    )
    .ok()
}

/// What to write instead of `s`, when it is recognisably a date written
/// some other way: day and month as numbers (both readings when both are
/// possible), a day the month does not have, a misspelt month, a weekday that
/// is not the date's. `None` when `s` gives nothing to go on.
pub fn advice(s: &str) -> Option<String> {
    let s = s.trim();
    if let Some(a) = numeric_advice(s) {
        return Some(a);
    }
    if let Some((date, weekday, rest)) = leading_date(s) {
        return Some(match weekday {
            Some(w) if w != date.weekday() => format!(
                "{} is a {}, not a {w}: correct the day, or leave the weekday out",
                english(date),
                date.weekday()
            ),
            _ => format!(
                "`{}` is not a time of day: write it as HH:MM after the date (`{:04}-{:02}-{:02} 09:30`), and a zone after it if the site's `time_zone` is not the one meant (`WIB`, `+07:00`)",
                rest.trim_start_matches([',', ' ']),
                date.year(),
                u8::from(date.month()),
                date.day()
            ),
        });
    }
    let words = s
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.len() >= 3);
    for word in words {
        if month_named(word).is_some() || weekday_named(word).is_some() {
            continue;
        }
        let folded = fold(word);
        let near = full_months()
            .map(|(name, _)| (fold(name), name))
            .filter(|(f, _)| f.chars().count() >= 5)
            .map(|(f, name)| {
                (
                    strsim::damerau_levenshtein(&folded, &f),
                    f.chars().count(),
                    name,
                )
            })
            .filter(|(d, len, _)| *d <= 2 && *d * 4 <= *len)
            .min_by_key(|(d, _, name)| (*d, *name));
        if let Some((_, _, name)) = near {
            return Some(format!(
                "`{word}` is not a month: did you mean `{name}`? (or write the date as YYYY-MM-DD, e.g. `2021-04-10`)"
            ));
        }
    }
    None
}

/// Advice for three numbers: `10/04/2021`, `04-10-2021`, `2021-02-30`.
fn numeric_advice(s: &str) -> Option<String> {
    let date_part = s.split([' ', 'T']).next().unwrap_or(s);
    let sep = date_part.chars().find(|c| matches!(c, '/' | '-' | '.'))?;
    let parts: Vec<&str> = date_part.split(sep).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if ![a, b, c].iter().all(|p| !p.is_empty() && all_digits(p)) {
        return None;
    }
    let n = |p: &str| p.parse::<u32>().ok();
    let (a, b, c) = (n(a)?, n(b)?, n(c)?);
    if parts[0].len() == 4 {
        // A valid day read with what follows it is advised on as a time.
        return (calendar(a, b, c).is_none() || year_first(s).is_none())
            .then(|| no_such_day(a, b, c));
    }
    if parts[2].len() != 4 {
        return None;
    }
    let year = c;
    let iso = |m: u32, d: u32| -> Option<String> {
        let date = calendar(year, m, d)?;
        Some(format!("`{year:04}-{m:02}-{d:02}` ({})", english(date)))
    };
    let message = match (iso(b, a), iso(a, b)) {
        (Some(day_first), Some(month_first)) if a != b => {
            format!("write the year first: {day_first}, or {month_first} if the month came first")
        }
        (Some(one), _) | (None, Some(one)) => format!("write the year first: {one}"),
        (None, None) => {
            format!("`{s}` is no day of {year}: write the date as YYYY-MM-DD, e.g. `{year}-04-10`")
        }
    };
    Some(message)
}

/// Why year `y`, month `m`, day `d` is no date.
fn no_such_day(y: u32, m: u32, d: u32) -> String {
    let Some(month) = u8::try_from(m).ok().and_then(|m| Month::try_from(m).ok()) else {
        return format!("there is no month {m}: write the date as YYYY-MM-DD, e.g. `{y:04}-04-10`");
    };
    let days = i32::try_from(y).map_or(31, |y| month.length(y));
    if d == 0 || d > u32::from(days) {
        return format!("{month} {y} has {days} days: check the day");
    }
    // Only the digits' count was wrong (`2021-4-10` is read): YYYY-MM-DD.
    format!("write the date as YYYY-MM-DD: `{y:04}-{m:02}-{d:02}`")
}

/// The date at the start of `s`, the weekday written before it, and what
/// follows it.
fn leading_date(s: &str) -> Option<(Date, Option<Weekday>, &str)> {
    let (weekday, s) = match word(s) {
        Some((w, after)) if weekday_named(w).is_some() => (
            weekday_named(w),
            after.trim_start_matches(|c: char| c == ',' || c.is_whitespace()),
        ),
        _ => (None, s),
    };
    let (date, rest) = if s.starts_with(|c: char| c.is_ascii_digit()) {
        year_first(s).or_else(|| day_first(s))?
    } else {
        month_first(s)?
    };
    Some((date, weekday, rest))
}

/// `2021-04-10`, `2021-4-10`, `2021/04/10`.
fn year_first(s: &str) -> Option<(Date, &str)> {
    let (y, rest) = digits(s, 4, 4)?;
    let sep = rest.chars().next().filter(|c| matches!(c, '-' | '/'))?;
    let (m, rest) = digits(&rest[1..], 1, 2)?;
    let rest = rest.strip_prefix(sep)?;
    let (d, rest) = digits(rest, 1, 2)?;
    ends_word(rest)?;
    Some((calendar(y, m, d)?, rest))
}

/// `10 April 2021`, `10 Agt. 2021`, `10-Apr-2021`, `10th April 2021`.
fn day_first(s: &str) -> Option<(Date, &str)> {
    let (d, rest) = digits(s, 1, 2)?;
    let rest = ordinal(rest).trim_start_matches([' ', '-']);
    let (m, rest) = word(rest)?;
    let rest = rest
        .strip_prefix('.')
        .unwrap_or(rest)
        .trim_start_matches([' ', '-', ',']);
    let (y, rest) = digits(rest, 4, 4)?;
    ends_word(rest)?;
    Some((calendar(y, month_named(m)?, d)?, rest))
}

/// `April 10, 2021`, `Apr 10 2021`, `April 10th, 2021`.
fn month_first(s: &str) -> Option<(Date, &str)> {
    let (m, rest) = word(s)?;
    let rest = rest.strip_prefix('.').unwrap_or(rest).trim_start();
    let (d, rest) = digits(rest, 1, 2)?;
    let rest = ordinal(rest);
    let rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
    let (y, rest) = digits(rest, 4, 4)?;
    ends_word(rest)?;
    Some((calendar(y, month_named(m)?, d)?, rest))
}

/// A time of day and the zone after it: `09:30`, `9.30`, `09:30:15.5`,
/// `9:30 AM`, `09:30 WIB`, `09:30+07:00`.
fn clock(s: &str) -> Option<(Time, Option<UtcOffset>)> {
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(s.len());
    let (digits_part, zone) = s.split_at(end);
    let digits_part = digits_part.trim_end_matches('.');
    let sep = if digits_part.contains(':') { ':' } else { '.' };
    let mut parts = digits_part.split(sep);
    let mut h: u8 = number(parts.next()?, 2)?;
    let m: u8 = number(parts.next()?, 2)?;
    let sec: u8 = match parts.next() {
        // Fractions of a second are dropped.
        Some(p) if sep == ':' => number(p.split('.').next()?, 2)?,
        Some(_) => return None,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    let mut zone = zone.trim();
    let half = ["am", "a.m.", "pm", "p.m."]
        .iter()
        .find_map(|w| strip_prefix_ci(zone, w).map(|rest| (w.starts_with('p'), rest)));
    if let Some((pm, rest)) = half {
        if !(1..=12).contains(&h) {
            return None;
        }
        h = h % 12 + if pm { 12 } else { 0 };
        zone = rest.trim();
    }
    let time = Time::from_hms(h, m, sec).ok()?;
    if zone.is_empty() {
        Some((time, None))
    } else {
        Some((time, Some(offset(zone)?)))
    }
}

/// Short forms and older spellings of the months writers use, folded
/// ([`fold`]); the names in full are [`Lang::months`]'.
const SHORT_MONTHS: &[(&str, u8)] = &[
    ("jan", 1),
    ("feb", 2),
    ("peb", 2),
    ("pebruari", 2),
    ("mar", 3),
    ("mac", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("agu", 8),
    ("agt", 8),
    ("ags", 8),
    ("aug", 8),
    ("ogo", 8),
    ("sep", 9),
    ("sept", 9),
    ("okt", 10),
    ("oct", 10),
    ("nov", 11),
    ("nop", 11),
    ("nopember", 11),
    ("des", 12),
    ("dec", 12),
    ("dis", 12),
];

/// The months in full, as the site's pages write them in Indonesian (and
/// Javanese), English, Sundanese and Malay, with their numbers.
fn full_months() -> impl Iterator<Item = (&'static str, u8)> {
    ["id", "en", "su", "ms"]
        .into_iter()
        .filter_map(Lang::parse)
        .filter_map(Lang::months)
        .flat_map(|names| names.iter().copied().zip(1u8..))
}

/// Weekday names in Indonesian, Javanese, Sundanese and English, folded.
const WEEKDAYS: &[(&str, Weekday)] = &[
    ("senin", Weekday::Monday),
    ("senen", Weekday::Monday),
    ("monday", Weekday::Monday),
    ("mon", Weekday::Monday),
    ("selasa", Weekday::Tuesday),
    ("salasa", Weekday::Tuesday),
    ("tuesday", Weekday::Tuesday),
    ("tue", Weekday::Tuesday),
    ("rabu", Weekday::Wednesday),
    ("rebo", Weekday::Wednesday),
    ("wednesday", Weekday::Wednesday),
    ("wed", Weekday::Wednesday),
    ("kamis", Weekday::Thursday),
    ("kemis", Weekday::Thursday),
    ("thursday", Weekday::Thursday),
    ("thu", Weekday::Thursday),
    ("jumat", Weekday::Friday),
    ("jum'at", Weekday::Friday),
    ("jemuwah", Weekday::Friday),
    ("jumaah", Weekday::Friday),
    ("friday", Weekday::Friday),
    ("fri", Weekday::Friday),
    ("sabtu", Weekday::Saturday),
    ("setu", Weekday::Saturday),
    ("saptu", Weekday::Saturday),
    ("saturday", Weekday::Saturday),
    ("sat", Weekday::Saturday),
    ("minggu", Weekday::Sunday),
    ("ahad", Weekday::Sunday),
    ("ngahad", Weekday::Sunday),
    ("sunday", Weekday::Sunday),
    ("sun", Weekday::Sunday),
];

fn month_named(w: &str) -> Option<u8> {
    let w = fold(w);
    SHORT_MONTHS
        .iter()
        .copied()
        .find(|(name, _)| *name == w)
        .or_else(|| full_months().find(|(name, _)| w.chars().eq(name.chars().map(fold_char))))
        .map(|(_, m)| m)
}

fn weekday_named(w: &str) -> Option<Weekday> {
    let w = fold(w);
    WEEKDAYS
        .iter()
        .find(|(name, _)| *name == w)
        .map(|(_, d)| *d)
}

/// Lower case, Sundanese `é` as `e`, a trailing full stop (`Agt.`) dropped.
fn fold(w: &str) -> String {
    w.trim_end_matches('.').chars().map(fold_char).collect()
}

fn fold_char(c: char) -> char {
    match c {
        'é' | 'è' | 'ê' | 'É' | 'È' | 'Ê' => 'e',
        c => c.to_ascii_lowercase(),
    }
}

/// `10 April 2021`, as the advice names a date.
fn english(date: Date) -> String {
    format!("{} {} {}", date.day(), date.month(), date.year())
}

fn calendar(y: u32, m: impl TryInto<u8>, d: u32) -> Option<Date> {
    let month = Month::try_from(m.try_into().ok()?).ok()?;
    Date::from_calendar_date(i32::try_from(y).ok()?, month, u8::try_from(d).ok()?).ok()
}

/// A run of `min..=max` ASCII digits at the start of `s`, and the rest.
fn digits(s: &str, min: usize, max: usize) -> Option<(u32, &str)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n < min || n > max {
        return None;
    }
    Some((s[..n].parse().ok()?, &s[n..]))
}

fn number(s: &str, max_digits: usize) -> Option<u8> {
    if s.is_empty() || s.len() > max_digits || !all_digits(s) {
        return None;
    }
    s.parse().ok()
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// A word (letters, and the apostrophe of `Jum'at`) at the start of `s`.
fn word(s: &str) -> Option<(&str, &str)> {
    let n = s
        .char_indices()
        .find(|(_, c)| !(c.is_alphabetic() || *c == '\''))
        .map_or(s.len(), |(i, _)| i);
    (n > 0).then(|| s.split_at(n))
}

/// `st`, `nd`, `rd`, `th` after a day (`10th`) skipped.
fn ordinal(s: &str) -> &str {
    ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|o| strip_prefix_ci(s, o).filter(|r| !r.starts_with(char::is_alphabetic)))
        .unwrap_or(s)
}

/// `Some(())` when a number ends where a word could: at the end, a space, a
/// comma or the `T` before a time.
fn ends_word(rest: &str) -> Option<()> {
    match rest.chars().next() {
        None | Some(' ' | ',' | 'T' | '\t') => Some(()),
        _ => None,
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Option<String> {
        read(s).map(|w| {
            let mut out = format!(
                "{:04}-{:02}-{:02}",
                w.date.year(),
                u8::from(w.date.month()),
                w.date.day()
            );
            if let Some(t) = w.time {
                out += &format!(" {:02}:{:02}:{:02}", t.hour(), t.minute(), t.second());
            }
            if let Some(o) = w.offset {
                out += &format!(" {o}");
            }
            out
        })
    }

    #[test]
    fn reads_the_forms_writers_use() {
        let cases = [
            ("2021-04-10", "2021-04-10"),
            ("2021-4-1", "2021-04-01"),
            ("2021/04/10", "2021-04-10"),
            ("10 April 2021", "2021-04-10"),
            // Malay.
            ("17 Ogos 2025", "2025-08-17"),
            ("5 Mac 2025", "2025-03-05"),
            ("1 Julai 2025", "2025-07-01"),
            ("7 Dis 2025", "2025-12-07"),
            ("6 Desember 2026", "2026-12-06"),
            ("06 desember 2026", "2026-12-06"),
            ("17 Agt. 2021", "2021-08-17"),
            ("17-Agu-2021", "2021-08-17"),
            ("3 Nopember 2021", "2021-11-03"),
            ("3 Nopémber 2021", "2021-11-03"),
            ("1 Pebruari 2021", "2021-02-01"),
            ("Sabtu, 10 April 2021", "2021-04-10"),
            ("Jum'at, 9 April 2021", "2021-04-09"),
            ("April 10, 2021", "2021-04-10"),
            ("Apr 10th, 2021", "2021-04-10"),
            ("10th April 2021", "2021-04-10"),
            ("Saturday, April 10, 2021", "2021-04-10"),
            ("2021-04-10T09:30", "2021-04-10 09:30:00"),
            ("2021-04-10 09:30:15.25", "2021-04-10 09:30:15"),
            ("2021-04-10 9:30 +0700", "2021-04-10 09:30:00 +07:00:00"),
            ("2021-04-10 09:30Z", "2021-04-10 09:30:00 +00:00:00"),
            (
                "10 April 2021 pukul 19.30 WIB",
                "2021-04-10 19:30:00 +07:00:00",
            ),
            ("10 April 2021, 19.30 WITA", "2021-04-10 19:30:00 +08:00:00"),
            (
                "10 April 2021 jam 08.00 WIT",
                "2021-04-10 08:00:00 +09:00:00",
            ),
            ("April 10, 2021 9:30 PM", "2021-04-10 21:30:00"),
            ("April 10, 2021 12:05 am", "2021-04-10 00:05:00"),
            ("2021-04-10 10:00 UTC+7", "2021-04-10 10:00:00 +07:00:00"),
        ];
        for (s, want) in cases {
            assert_eq!(at(s).as_deref(), Some(want), "{s}");
        }
    }

    #[test]
    fn refuses_what_is_not_one_day() {
        for s in [
            "06/12/2026",
            "6-12-2026",
            "2021-02-30",
            "2021-13-01",
            "kemarin",
            "10 Aprol 2021",
            "Senin, 10 April 2021",
            "10 April 21",
            "2021-04-10 25:00",
            "2021-04-10 13:00 PM",
            "2021-04-10 09:00 Jakarta",
            "20210410",
            "2021-04-10x",
            "",
        ] {
            assert_eq!(at(s), None, "{s}");
        }
    }

    #[test]
    fn advice_names_the_date_meant() {
        let a = |s: &str| advice(s).unwrap_or_default();
        assert_eq!(
            a("06/12/2026"),
            "write the year first: `2026-12-06` (6 December 2026), or `2026-06-12` (12 June 2026) if the month came first"
        );
        assert_eq!(
            a("25/12/2026"),
            "write the year first: `2026-12-25` (25 December 2026)"
        );
        assert_eq!(
            a("12-25-2026"),
            "write the year first: `2026-12-25` (25 December 2026)"
        );
        assert_eq!(a("2021-02-30"), "February 2021 has 28 days: check the day");
        assert!(a("2021-13-01").starts_with("there is no month 13"));
        assert!(
            a("10 Desembr 2021").starts_with("`Desembr` is not a month: did you mean `Desember`?")
        );
        assert_eq!(
            a("Senin, 10 April 2021"),
            "10 April 2021 is a Saturday, not a Monday: correct the day, or leave the weekday out"
        );
        assert_eq!(
            a("2021-04-10 25:00"),
            "`25:00` is not a time of day: write it as HH:MM after the date (`2021-04-10 09:30`), and a zone after it if the site's `time_zone` is not the one meant (`WIB`, `+07:00`)"
        );
        assert!(a("10 April 2021 pukul 9 pagi").starts_with("`pukul 9 pagi` is not a time of day"));
        assert_eq!(
            a("2021-004-10"),
            "write the date as YYYY-MM-DD: `2021-04-10`"
        );
        assert_eq!(advice("kemarin"), None);
        assert_eq!(advice("2021"), None);
    }

    /// Every string made of up to four of these pieces is read or refused,
    /// and advised on, without a panic (multi-byte letters among them).
    #[test]
    fn no_input_panics() {
        let pieces = [
            "6",
            "06",
            "2026",
            "-",
            "/",
            ".",
            " ",
            ",",
            "Desember",
            "Agt.",
            "é",
            "Nopémber",
            "Sabtu",
            "pukul",
            "19.30",
            ":",
            "WIB",
            "+07:00",
            "T",
            "pm",
            "th",
            "'",
            "ي",
            "30",
        ];
        let mut s = String::new();
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in ["", "2026", "Des", "9:30 AM", "ü"] {
                        s.clear();
                        s.extend([a, b, c, d]);
                        let _ = read(&s);
                        let _ = advice(&s);
                        let _ = offset(&s);
                    }
                }
            }
        }
    }

    #[test]
    fn zones_by_name_and_offset() {
        let h = |s: &str| offset(s).map(UtcOffset::whole_hours);
        assert_eq!(h("wib"), Some(7));
        assert_eq!(h("WITA"), Some(8));
        assert_eq!(h("WIT"), Some(9));
        assert_eq!(h("+07:00"), Some(7));
        assert_eq!(h("+0700"), Some(7));
        assert_eq!(h("+07"), Some(7));
        assert_eq!(h("-05"), Some(-5));
        assert_eq!(h("GMT+8"), Some(8));
        assert_eq!(h("Z"), Some(0));
        assert_eq!(h("+7:0x"), None);
        assert_eq!(h("Jakarta"), None);
        assert_eq!(offset("+05:30").map(UtcOffset::whole_minutes), Some(330));
    }
}
