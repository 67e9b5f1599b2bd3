//! Errors and diagnostics shared by every stage.
//!
//! A content problem is a [`Diagnostic`]: a severity, an optional position in a
//! source file (in *file* coordinates, 1-based), a message, and a hint on how to
//! fix it. Stages push diagnostics into a [`Diagnostics`] collection and keep
//! going, so one run reports every problem at once. Anything that stops a build
//! outright (an I/O failure, an unsafe output directory) is an [`Error`].

use std::collections::HashMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is: errors fail the build, warnings do not.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in the site's sources.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the site root where possible.
    pub path: Option<PathBuf>,
    /// 1-based line in the file.
    pub line: Option<usize>,
    /// 1-based column (in characters) on that line.
    pub col: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
    /// The offending source line, shown under the message.
    pub snippet: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: None,
            line: None,
            col: None,
            message: message.into(),
            hint: None,
            snippet: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn at_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Points at `line:col` of `source` (the whole file text) and keeps that
    /// line as the snippet.
    pub fn at(mut self, path: impl Into<PathBuf>, source: &str, line: usize, col: usize) -> Self {
        self.path = Some(path.into());
        self.line = Some(line.max(1));
        self.col = Some(col.max(1));
        self.snippet = source
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| l.trim_end_matches('\r').to_string());
        self
    }

    /// [`Diagnostic::at`] with only the text of that line at hand.
    pub fn at_line(
        self,
        path: impl Into<PathBuf>,
        line_text: &str,
        line: usize,
        col: usize,
    ) -> Self {
        let mut d = self.at(path, line_text, 1, col);
        d.line = Some(line.max(1));
        d
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (Option<&Path>, usize, usize, Severity) {
        (
            self.path.as_deref(),
            self.line.unwrap_or(0),
            self.col.unwrap_or(0),
            self.severity,
        )
    }

    /// Where it is: `path:line:col`, `path:line` or `path`; `None` for a
    /// diagnostic about no file.
    pub fn location(&self) -> Option<String> {
        let mut loc = self.path.as_ref()?.display().to_string();
        if let Some(line) = self.line {
            loc.push_str(&format!(":{line}"));
            if let Some(col) = self.col {
                loc.push_str(&format!(":{col}"));
            }
        }
        Some(loc)
    }

    /// Renders `path:line:col: error: message`, the source line with a caret
    /// under the column, and the hint. `color` adds ANSI styling.
    pub fn render(&self, color: bool) -> String {
        use anstyle::{AnsiColor, Style};
        let paint = |style: Style, text: &str| -> String {
            if color {
                format!("{}{}{}", style.render(), text, style.render_reset())
            } else {
                text.to_string()
            }
        };
        let (label, style) = match self.severity {
            Severity::Error => ("error", AnsiColor::Red.on_default().bold()),
            Severity::Warning => ("warning", AnsiColor::Yellow.on_default().bold()),
        };
        let mut out = String::new();
        if let Some(loc) = self.location() {
            out.push_str(&paint(Style::new().bold(), &loc));
            out.push_str(": ");
        }
        out.push_str(&paint(style, label));
        out.push_str(": ");
        out.push_str(&self.message);
        if let (Some(snippet), Some(line)) = (&self.snippet, self.line) {
            let num = line.to_string();
            let pad = " ".repeat(num.len());
            let blue = AnsiColor::Blue.on_default().bold();
            // Long lines (a paragraph is one line) are shown around the column.
            let col0 = self.col.unwrap_or(1).saturating_sub(1);
            let skip = col0.saturating_sub(60);
            let mut shown: String = snippet.chars().skip(skip).take(120).collect();
            if skip > 0 {
                shown.insert(0, '…');
            }
            out.push_str(&format!("\n{pad} {}", paint(blue, "|")));
            out.push_str(&format!(
                "\n{} {} {shown}",
                paint(blue, &num),
                paint(blue, "|")
            ));
            let caret_pad: String = shown
                .chars()
                .take(col0 - skip + usize::from(skip > 0))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            out.push_str(&format!(
                "\n{pad} {} {caret_pad}{}",
                paint(blue, "|"),
                paint(style, "^")
            ));
        }
        if let Some(hint) = &self.hint {
            out.push_str(&format!("\n  = hint: {hint}"));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// Every diagnostic of a run, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Sorts by file, then position, errors before warnings; drops exact duplicates.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            a.sort_key()
                .cmp(&b.sort_key())
                .then_with(|| a.message.cmp(&b.message))
        });
        self.0.dedup();
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }

    /// Each diagnostic rendered ([`Diagnostic::render`]), in order, but a
    /// message (with its hint) that more than [`FOLD_OVER`] places share is
    /// shown in full at its first [`SHOWN_IN_FULL`] only, then as one list
    /// of the other places: a blog moved in from another generator may carry
    /// the same foreign shortcode in every file, and two thousand copies of
    /// one warning hide everything else. Errors list every place; warnings
    /// the first [`PLACES_LISTED`] and how many more.
    pub fn render_folded(&self, color: bool) -> Vec<String> {
        type Key<'a> = (Severity, &'a str, Option<&'a str>);
        fn key(d: &Diagnostic) -> Key<'_> {
            (d.severity, &d.message, d.hint.as_deref())
        }
        let mut places: HashMap<Key<'_>, Vec<&Diagnostic>> = HashMap::new();
        for d in &self.0 {
            places.entry(key(d)).or_default().push(d);
        }
        let mut seen: HashMap<Key<'_>, usize> = HashMap::new();
        let mut out = Vec::new();
        for d in &self.0 {
            let all = &places[&key(d)];
            let n = seen.entry(key(d)).or_default();
            *n += 1;
            if all.len() <= FOLD_OVER || *n <= SHOWN_IN_FULL {
                out.push(d.render(color));
            } else if *n == SHOWN_IN_FULL + 1 {
                out.push(folded(&all[SHOWN_IN_FULL..], color));
            }
        }
        out
    }
}

/// How many places may share a message before it is folded
/// ([`Diagnostics::render_folded`]).
pub const FOLD_OVER: usize = 5;
/// How many of a folded message's places show it in full.
pub const SHOWN_IN_FULL: usize = 3;
/// How many more places of a folded warning are listed (an error's are all).
pub const PLACES_LISTED: usize = 10;

/// `rest`, diagnostics with one message, as the list of where they are
/// (those that name no file are counted, as there is nothing to list).
fn folded(rest: &[&Diagnostic], color: bool) -> String {
    let Some(first) = rest.first() else {
        return String::new();
    };
    let placed: Vec<String> = rest.iter().filter_map(|d| d.location()).collect();
    let unplaced = rest.len() - placed.len();
    let message = if placed.is_empty() {
        format!("the same {} more times", rest.len())
    } else {
        format!("the same in {} more places:", rest.len())
    };
    let label = Diagnostic {
        path: None,
        line: None,
        col: None,
        snippet: None,
        hint: None,
        message,
        ..(*first).clone()
    }
    .render(color);
    let listed = match first.severity {
        Severity::Error => placed.len(),
        Severity::Warning => PLACES_LISTED.min(placed.len()),
    };
    let mut out = label;
    for loc in &placed[..listed] {
        out.push_str(&format!("\n  {loc}"));
    }
    if listed < placed.len() {
        out.push_str(&format!(
            "\n  … and {} more (`cerita check --format json` lists every one)",
            placed.len() - listed
        ));
    }
    if !placed.is_empty() && unplaced > 0 {
        out.push_str(&format!("\n  and {unplaced} more that name no file"));
    }
    out
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics(iter.into_iter().collect())
    }
}

/// A failure that stops a run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file-system operation failed; the path says where.
    #[error("{}: cannot {action}: {source}", path.display())]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: io::Error,
    },
    /// The sources have problems (at least one error); all of them are listed.
    #[error("{} error(s) in the site's sources", .0.error_count())]
    Content(Diagnostics),
    /// The output directory is not one cerita may replace.
    #[error("refusing to write the site to {}: {reason}", path.display())]
    UnsafeOutput { path: PathBuf, reason: String },
    /// Anything else that stops the run, with a message for the user.
    #[error("{0}")]
    Other(String),
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, action: &'static str, source: io::Error) -> Self {
        Error::Io {
            path: path.into(),
            action,
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod fold_tests {
    use super::*;

    fn at(file: &str, message: &str, severity: Severity) -> Diagnostic {
        let d = match severity {
            Severity::Error => Diagnostic::error(message),
            Severity::Warning => Diagnostic::warning(message),
        };
        d.at(file, "line one\n", 1, 1).with_hint("do this")
    }

    #[test]
    fn a_message_many_places_share_is_shown_in_full_three_times_then_listed() {
        let mut all: Diagnostics = (0..30)
            .map(|i| {
                at(
                    &format!("content/stories/{i:02}.md"),
                    "same",
                    Severity::Warning,
                )
            })
            .collect();
        all.push(at("content/stories/05.md", "other", Severity::Warning));
        all.sort();
        let shown = all.render_folded(false);
        // 3 in full, one list, and the other message where it belongs.
        assert_eq!(shown.len(), 5, "{shown:#?}");
        assert!(shown[0].starts_with("content/stories/00.md:1:1: warning: same"));
        assert!(shown[2].starts_with("content/stories/02.md:1:1: warning: same"));
        assert!(
            shown[3]
                .starts_with("warning: the same in 27 more places:\n  content/stories/03.md:1:1\n"),
            "{}",
            shown[3]
        );
        assert!(shown[3].contains("… and 17 more"), "{}", shown[3]);
        assert!(shown[4].starts_with("content/stories/05.md:1:1: warning: other"));
        // Errors list every place.
        let errors: Diagnostics = (0..8)
            .map(|i| at(&format!("content/stories/{i}.md"), "bad", Severity::Error))
            .collect();
        let shown = errors.render_folded(false);
        assert_eq!(shown.len(), 4);
        assert_eq!(shown[3].lines().count(), 6, "{}", shown[3]);
        assert!(!shown[3].contains("more ("));
        // Up to five alike are all shown in full.
        let few: Diagnostics = (0..5)
            .map(|i| {
                at(
                    &format!("content/stories/{i}.md"),
                    "same",
                    Severity::Warning,
                )
            })
            .collect();
        assert_eq!(
            few.render_folded(false),
            few.iter().map(|d| d.render(false)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_message_with_no_place_is_never_folded_into_an_empty_list() {
        let all: Diagnostics = (0..8)
            .map(|_| Diagnostic::error("the theme is missing a template"))
            .collect();
        let shown = all.render_folded(false);
        assert!(
            shown
                .iter()
                .all(|s| !s.lines().any(|l| l.trim().is_empty())),
            "{shown:#?}"
        );
    }
}
