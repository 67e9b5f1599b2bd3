//! Shortcode syntax in a Markdown body, as Zola writes it: `{{ name(a=1)
//! }}` inline, `{% name(a="x") %}…Markdown…{% end %}` with a body, and
//! `{{/* … */}}` / `{%/* … */%}` to write the syntax itself as text.
//!
//! Pure and positional: [`find`] returns byte ranges in the body and never
//! looks inside code (fenced, indented or inline), which the caller passes
//! as `code`. What a shortcode means is not known here.

use std::ops::Range;

/// A typed argument value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    List(Vec<Value>),
}

impl Value {
    /// What a writer would call this type, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Str(_) => "text",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Bool(_) => "true or false",
            Value::List(_) => "a list",
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Str(s) => serde_json::Value::String(s.clone()),
            Value::Int(i) => serde_json::Value::from(*i),
            Value::Float(f) => serde_json::Value::from(*f),
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::List(l) => serde_json::Value::Array(l.iter().map(Value::to_json).collect()),
        }
    }
}

/// `name=value`, with the offset of its name in the body.
#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    pub name: String,
    pub value: Value,
    pub pos: usize,
}

/// One shortcode call found in a body.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub name: String,
    /// Offset of the name in the body.
    pub pos: usize,
    pub args: Vec<Arg>,
    /// The body's text range (between `%}` and `{% end %}`), for `{% %}` calls.
    pub body: Option<Range<usize>>,
    /// Everything the call occupies, from `{{`/`{%` to `}}`/`{% end %}`.
    pub span: Range<usize>,
    /// Alone on its line(s), starting at the line's first column: a block,
    /// not a part of a paragraph.
    pub block: bool,
}

impl Call {
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|a| a.name == name)
    }
}

/// What replaces a range of the body.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    Call(Call),
    /// `{{/* x */}}` → the text `{{ x }}`.
    Literal {
        span: Range<usize>,
        text: String,
    },
}

impl Found {
    pub fn span(&self) -> &Range<usize> {
        match self {
            Found::Call(c) => &c.span,
            Found::Literal { span, .. } => span,
        }
    }
}

/// A syntax problem at a body offset.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub pos: usize,
    pub message: String,
    pub hint: String,
}

/// Quick test before the full scan: could `body` hold a shortcode at all?
pub fn may_contain(body: &str) -> bool {
    memchr::memmem::find(body.as_bytes(), b"{{").is_some()
        || memchr::memmem::find(body.as_bytes(), b"{%").is_some()
}

/// Every shortcode of `body` outside the `code` ranges (sorted), in order,
/// with the syntax errors. A body's own shortcodes are left inside it (the
/// caller renders the body as Markdown, which finds them).
pub fn find(body: &str, code: &[Range<usize>]) -> (Vec<Found>, Vec<SyntaxError>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut at = 0;
    let mut literal_ends = LiteralEnds::default();
    // Each error may have scanned to the end of the body (a body never
    // closed): past this many the rest is not worth the time.
    while errors.len() < MAX_ERRORS {
        let Some(start) = next_open(body, at, code) else {
            break;
        };
        match read_at(body, start, code, &mut literal_ends) {
            Step::Found(f) => {
                at = f.span().end;
                out.push(f);
            }
            Step::Text => at = start + 2,
            Step::Error(e, resume) => {
                errors.push(e);
                at = resume;
            }
        }
    }
    (out, errors)
}

/// Syntax errors reported per body at most.
const MAX_ERRORS: usize = 20;

/// Other generators' template syntax outside code and outside the `calls`
/// found (sorted spans): Hugo's shortcodes (`{{< youtube ID >}}`,
/// `{{% notice %}}`), Liquid's tags (`{% highlight %}`, `{% include %}`)
/// and values (`{{ site.url }}`), which cerita shows as text. One problem
/// per name, at its first place; closing tags are not counted.
pub fn foreign(body: &str, code: &[Range<usize>], calls: &[Range<usize>]) -> Vec<SyntaxError> {
    let mut out: Vec<SyntaxError> = Vec::new();
    let comments = html_comments(body, code);
    let mut at = 0;
    while out.len() < MAX_ERRORS {
        let Some(start) = next_open(body, at, code) else {
            break;
        };
        at = start + 2;
        // Inside `<!-- … -->` readers see nothing of it (a shortcode the
        // old site had switched off this way).
        let c = comments.partition_point(|c| c.end <= start);
        if let Some(c) = comments.get(c).filter(|c| c.start <= start) {
            at = c.end;
            continue;
        }
        let k = calls.partition_point(|r| r.end <= start);
        if let Some(r) = calls.get(k).filter(|r| r.start <= start) {
            at = r.end;
            continue;
        }
        let rest = &body[start + 2..];
        let (kind, after) = match (body.as_bytes()[start + 1], rest.as_bytes().first()) {
            (b'{', Some(b'<' | b'%')) => ("hugo", &rest[1..]),
            (b'%', _) => ("liquid tag", rest),
            _ => ("value", rest),
        };
        let after = after.trim_start_matches([' ', '-']);
        if after.starts_with('/') || after.starts_with("end") || after.starts_with('*') {
            continue;
        }
        let name: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
            .collect();
        let next = after[name.len()..].trim_start();
        // A cerita call `{{ name(` is the shortcode scanner's to judge; a
        // name starts with a letter (`{%22lat%22:1}` is an address's JSON),
        // and the tag closes on its line.
        let starts_well = name.starts_with(|c: char| c.is_alphabetic() || c == '_');
        let line_end = after.find('\n').unwrap_or(after.len());
        // A Hugo shortcode's arguments may run over a few lines
        // (`{{< glossary_tooltip\ntext="cgroup" … >}}`).
        let few_lines = after
            .char_indices()
            .filter(|(_, c)| *c == '\n')
            .nth(4)
            .map_or(after.len(), |(i, _)| i);
        let closer = match kind {
            "hugo" => [">}}", "%}}"]
                .iter()
                .any(|c| after[..few_lines].contains(c)),
            "liquid tag" => after[..line_end].contains("%}"),
            _ => after[..line_end].contains("}}"),
        };
        // Each place is told (each with its own hint where it has one);
        // a message many places share is folded site-wide.
        if !starts_well || !closer || next.starts_with('(') {
            continue;
        }
        let (message, hint) = match kind {
            "hugo" => (
                if rest.starts_with('%') {
                    format!("`{{{{% {name} … %}}}}` is a Hugo shortcode, shown to readers as text")
                } else {
                    format!("`{{{{< {name} … >}}}}` is a Hugo shortcode, shown to readers as text")
                },
                match name.as_str() {
                    "youtube" | "vimeo" => match video_id(&after[name.len()..line_end]) {
                        Some(id) => format!(
                            "write `{{{{ video(url=\"{}{id}\") }}}}` on a line of its own",
                            if name == "youtube" { "https://youtu.be/" } else { "https://vimeo.com/" }
                        ),
                        None => "write `{{ video(url=\"https://youtu.be/…\") }}` (the video's address) on a line of its own".to_string(),
                    },
                    "figure" => match figure_call(&after[name.len()..line_end]) {
                        Some(call) => format!("write `{call}`"),
                        None => "write `{{ figure(src=\"photo.jpg\", alt=\"…\", caption=\"…\") }}`".to_string(),
                    },
                    "gallery" => "write `{{ gallery(dir=\"folder\") }}`".to_string(),
                    "ref" | "relref" => "link to the story's file with `@/`: `[text](@/stories/2021/name.md)`".to_string(),
                    // Hugo docs themes' boxes and helpers (Docsy, the Kubernetes site).
                    "note" | "notice" | "caution" | "warning" | "tip" | "info" | "alert" | "callout" | "admonition" | "hint" => {
                        "write the box as a quote: `> **Catatan:** …` on the lines of its text, and remove the opening and closing shortcode".to_string()
                    }
                    "capture" => "remove the `{{% capture … %}}` and `{{% /capture %}}` lines and keep the text between them".to_string(),
                    "glossary_tooltip" => "write the word it shows (its `text=\"…\"`) in its place".to_string(),
                    "heading" | "param" | "i18n" | "T" | "site" => "write the words or the value it stood for in its place".to_string(),
                    _ => "write it as Markdown or as one of cerita's shortcodes (README, Shortcodes); `{{/* … */}}` shows such syntax as text".to_string(),
                },
            ),
            "liquid tag" => (
                format!("`{{% {name} … %}}` is a Liquid tag (Jekyll), shown to readers as text"),
                match name.as_str() {
                    "highlight" => "put the code in a fenced block: a line with ``` and the language (```ruby), the code, and a line with ```".to_string(),
                    "link" | "post_url" => "link to the story's file with `@/`: `[text](@/stories/2021/name.md)`".to_string(),
                    "raw" => "remove `{% raw %}` and `{% endraw %}`: cerita shows `{{ … }}` in code as it is".to_string(),
                    _ => "write it as Markdown or as one of cerita's shortcodes (README, Shortcodes); `{%/* … */%}` shows such syntax as text".to_string(),
                },
            ),
            _ if name.contains('.') => (
                format!("`{{{{ {name} }}}}` is a template value (Liquid or Hugo), shown to readers as text"),
                "write what it stood for (the address, the title) in its place".to_string(),
            ),
            _ => continue,
        };
        out.push(SyntaxError {
            pos: start,
            message,
            hint,
        });
    }
    out
}

/// cerita's `figure` for a Hugo `figure` shortcode's arguments
/// (` src="…" alt="…" caption="…" width="300" >}}`): its photo, its
/// description and its caption, when it names a photo.
fn figure_call(args: &str) -> Option<String> {
    let args = args.split(">}}").next()?.split("%}}").next()?;
    let mut call = String::new();
    for key in ["src", "alt", "caption"] {
        let Some(value) = crate::text::attr_value(args, key).filter(|v| !v.is_empty()) else {
            continue;
        };
        if value.contains('"') {
            return None;
        }
        if !call.is_empty() {
            call.push_str(", ");
        }
        call.push_str(&format!("{key}=\"{value}\""));
    }
    call.starts_with("src=")
        .then(|| format!("{{{{ figure({call}) }}}}"))
}

/// The video id of a Hugo `youtube` or `vimeo` shortcode's arguments
/// (` ID >}}`, ` id="ID" title="…" >}}`), when it is one.
fn video_id(args: &str) -> Option<String> {
    let args = args.split(">}}").next()?.split("%}}").next()?;
    let mut positional = None;
    for token in args.split_whitespace() {
        match token.split_once('=') {
            Some(("id", value)) => {
                positional = Some(value.trim_matches(['"', '\'', '`']).to_string());
                break;
            }
            Some(_) => {}
            None if positional.is_none() => {
                positional = Some(token.trim_matches(['"', '\'', '`']).to_string());
            }
            None => {}
        }
    }
    positional.filter(|id| {
        !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
    })
}

/// The spans of HTML comments (`<!--` to `-->`, or to the end of an
/// unclosed one) outside code, in order.
fn html_comments(body: &str, code: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = body.get(from..).and_then(|b| b.find("<!--")) {
        let start = from + rel;
        let k = code.partition_point(|r| r.end <= start);
        if let Some(r) = code.get(k).filter(|r| r.start <= start) {
            from = r.end;
            continue;
        }
        let end = body[start + 4..]
            .find("-->")
            .map_or(body.len(), |e| start + 4 + e + 3);
        out.push(start..end);
        from = end;
    }
    out
}

/// What the `{{` or `{%` at `start` turned out to be.
enum Step {
    Found(Found),
    /// Not a shortcode (`{{ page.title }}` in a text about templates).
    Text,
    /// A shortcode written wrong; the scan goes on at the offset given.
    Error(SyntaxError, usize),
}

fn read_at(body: &str, start: usize, code: &[Range<usize>], ends: &mut LiteralEnds) -> Step {
    let with_body = body.as_bytes().get(start + 1) == Some(&b'%');
    let close = if with_body { "%}" } else { "}}" };
    if let Some(literal) = literal_at(body, start, with_body, ends) {
        return Step::Found(literal);
    }
    let mut p = Parser {
        s: body,
        i: start + 2,
    };
    p.skip_space();
    let name_pos = p.i;
    let name = p.ident();
    p.skip_space();
    if name.is_empty() || !p.eat("(") {
        if with_body && name == "end" && p.rest().starts_with("%}") {
            let e = SyntaxError {
                pos: name_pos,
                message: "`{% end %}` without a shortcode to close".into(),
                hint: "remove it, or open the shortcode before it, e.g. `{% quote(name=\"…\") %}`"
                    .into(),
            };
            return Step::Error(e, start + 2);
        }
        return Step::Text;
    }
    let parsed = p.args().and_then(|args| {
        p.skip_space();
        if p.eat(")") {
            p.skip_space();
            if p.eat(close) {
                return Ok(args);
            }
        }
        Err(SyntaxError {
            pos: p.i,
            message: format!("expected `){close}` to close the shortcode `{name}`"),
            hint: format!(
                "write `{}{name}(arg=\"value\", other=2){close}`; arguments are separated by commas",
                if with_body { "{% " } else { "{{ " }
            ),
        })
    });
    let args = match parsed {
        Ok(a) => a,
        Err(e) => return Step::Error(e, start + 2),
    };
    let head_end = p.i;
    let (body_range, end) = if with_body {
        match matching_end(body, head_end, code) {
            Some((b, e)) => (Some(b), e),
            None => {
                let e = SyntaxError {
                    pos: name_pos,
                    message: format!("the shortcode `{name}` is never closed"),
                    hint: format!(
                        "add `{{% end %}}` on a line of its own after its text, or write `{{{{ {name}(…) }}}}` if it has no text"
                    ),
                };
                return Step::Error(e, head_end);
            }
        }
    } else {
        (None, head_end)
    };
    let line_start = body[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = body[end..].find('\n').map_or(body.len(), |i| end + i);
    let block = line_start == start && body[end..line_end].trim().is_empty();
    Step::Found(Found::Call(Call {
        name: name.to_string(),
        pos: name_pos,
        args,
        body: body_range,
        span: start..end,
        block,
    }))
}

/// Where the next `*/}}` and `*/%}` are, once looked for: openings are
/// read left to right, so one search serves every `{{/*` before it (and a
/// missing one is not searched for again).
#[derive(Default)]
struct LiteralEnds {
    /// `[for {{, for {%]`: `None` not searched yet; `Some(None)` none left.
    next: [Option<Option<usize>>; 2],
}

/// `{{/* … */}}` (or `{%/* … */%}`) at `start`: the syntax itself, as text.
fn literal_at(body: &str, start: usize, with_body: bool, ends: &mut LiteralEnds) -> Option<Found> {
    if !body[start + 2..].starts_with("/*") {
        return None;
    }
    let (open, end_marker, close) = if with_body {
        ("{%", "*/%}", "%}")
    } else {
        ("{{", "*/}}", "}}")
    };
    let from = start + 4;
    let slot = &mut ends.next[usize::from(with_body)];
    let end = match *slot {
        Some(None) => return None,
        Some(Some(e)) if e >= from => e,
        _ => {
            let found = body[from..].find(end_marker).map(|e| from + e);
            *slot = Some(found);
            found?
        }
    };
    let inner = body[from..end].trim();
    Some(Found::Literal {
        span: start..end + end_marker.len(),
        text: format!("{open} {inner} {close}"),
    })
}

/// The next `{{` or `{%` at or after `from` that is not inside code
/// (`code` is sorted and its ranges do not overlap).
fn next_open(body: &str, mut from: usize, code: &[Range<usize>]) -> Option<usize> {
    loop {
        let rel = memchr::memchr(b'{', body.as_bytes().get(from..)?)?;
        let i = from + rel;
        let next = body.as_bytes().get(i + 1);
        if matches!(next, Some(b'{' | b'%')) {
            let k = code.partition_point(|r| r.end <= i);
            match code.get(k).filter(|r| r.start <= i) {
                Some(r) => from = r.end,
                None => return Some(i),
            }
        } else {
            from = i + 1;
        }
    }
}

/// The body range and the end of `{% end %}` for a call whose head ends at
/// `from`, counting nested `{% name(…) %}` calls.
fn matching_end(body: &str, from: usize, code: &[Range<usize>]) -> Option<(Range<usize>, usize)> {
    let mut depth = 0usize;
    let mut at = from;
    while let Some(i) = next_open(body, at, code) {
        at = i + 2;
        if body.as_bytes().get(i + 1) != Some(&b'%') {
            continue;
        }
        let mut p = Parser { s: body, i: i + 2 };
        p.skip_space();
        let name = p.ident();
        p.skip_space();
        if name == "end" && p.eat("%}") {
            if depth == 0 {
                return Some((from..i, p.i));
            }
            depth -= 1;
        } else if !name.is_empty() && p.eat("(") && p.args().is_ok() {
            // Only a call that is written right opens a body (a broken one
            // is its own error, not a reason to misread every `end`).
            p.skip_space();
            if p.eat(")") {
                p.skip_space();
                if p.eat("%}") {
                    depth += 1;
                }
            }
        }
    }
    None
}

struct Parser<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        self.s.get(self.i..).unwrap_or("")
    }

    fn skip_space(&mut self) {
        let rest = self.rest();
        self.i += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, token: &str) -> bool {
        if self.rest().starts_with(token) {
            self.i += token.len();
            true
        } else {
            false
        }
    }

    fn ident(&mut self) -> &'a str {
        let rest = self.rest();
        let len = rest
            .char_indices()
            .find(|&(k, c)| !(c == '_' || c.is_ascii_alphabetic() || (k > 0 && c.is_ascii_digit())))
            .map_or(rest.len(), |(k, _)| k);
        self.i += len;
        &rest[..len]
    }

    fn error(&self, message: impl Into<String>, hint: impl Into<String>) -> SyntaxError {
        SyntaxError {
            pos: self.i,
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// `a=1, b="x"` up to (not including) `)`.
    fn args(&mut self) -> Result<Vec<Arg>, SyntaxError> {
        let mut args: Vec<Arg> = Vec::new();
        loop {
            self.skip_space();
            if self.rest().starts_with(')') {
                return Ok(args);
            }
            let pos = self.i;
            let name = self.ident();
            if name.is_empty() {
                return Err(self.error(
                    "expected an argument name",
                    "arguments are written `name=value`, e.g. `title=\"Rekaman\"`",
                ));
            }
            self.skip_space();
            if !self.eat("=") {
                return Err(self.error(
                    format!("expected `=` after the argument `{name}`"),
                    format!("write `{name}=\"…\"`"),
                ));
            }
            self.skip_space();
            let value = self.value(0)?;
            if args.iter().any(|a| a.name == name) {
                return Err(SyntaxError {
                    pos,
                    message: format!("the argument `{name}` is given twice"),
                    hint: "keep one of them".into(),
                });
            }
            args.push(Arg {
                name: name.to_string(),
                value,
                pos,
            });
            self.skip_space();
            if !self.eat(",") {
                return Ok(args);
            }
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        let rest = self.rest();
        let Some(first) = rest.chars().next() else {
            return Err(self.error("the shortcode ends too early", "close it with `) }}`"));
        };
        match first {
            '"' | '\'' | '`' => self.string(first).map(Value::Str),
            '[' if depth < 4 => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_space();
                    if self.eat("]") {
                        return Ok(Value::List(items));
                    }
                    items.push(self.value(depth + 1)?);
                    self.skip_space();
                    if !self.eat(",") {
                        self.skip_space();
                        if self.eat("]") {
                            return Ok(Value::List(items));
                        }
                        return Err(self.error(
                            "expected `,` or `]` in the list",
                            "lists are written `[\"a.jpg\", \"b.jpg\"]`",
                        ));
                    }
                }
            }
            c if c == '-' || c.is_ascii_digit() => {
                let len = rest
                    .char_indices()
                    .skip(1)
                    .find(|&(_, c)| !(c.is_ascii_digit() || c == '.' || c == '_'))
                    .map_or(rest.len(), |(k, _)| k);
                let text = rest[..len].replace('_', "");
                let v = if text.contains('.') {
                    text.parse::<f64>().ok().map(Value::Float)
                } else {
                    text.parse::<i64>().ok().map(Value::Int)
                };
                match v {
                    Some(v) => {
                        self.i += len;
                        Ok(v)
                    }
                    None => Err(self.error(
                        format!("`{}` is not a number", &rest[..len]),
                        "write a number like `3` or `1.5`",
                    )),
                }
            }
            _ => {
                let word = self.ident();
                match word {
                    "true" => Ok(Value::Bool(true)),
                    "false" => Ok(Value::Bool(false)),
                    "" => Err(self.error(
                        format!("`{first}` cannot start a value"),
                        "values are text in quotes (\"…\"), numbers, true/false or lists […]",
                    )),
                    w => {
                        self.i -= w.len();
                        Err(self.error(
                            format!("`{w}` is not a value"),
                            format!("put text in quotes: `\"{w}\"`"),
                        ))
                    }
                }
            }
        }
    }

    /// A quoted string; `\` escapes the quote and itself in `"…"` and `'…'`.
    fn string(&mut self, quote: char) -> Result<String, SyntaxError> {
        let start = self.i;
        self.i += 1;
        let mut out = String::new();
        let mut chars = self.rest().char_indices();
        let mut newline = false;
        while let Some((k, c)) = chars.next() {
            if c == quote {
                self.i += k + 1;
                return Ok(out);
            }
            // A blank line ends a paragraph: the quote was never closed.
            if c == '\n' {
                if newline {
                    break;
                }
                newline = true;
            } else if !c.is_whitespace() {
                newline = false;
            }
            if c == '\\' && quote != '`' {
                if let Some((_, n)) = chars.next() {
                    if n != quote && n != '\\' {
                        out.push('\\');
                    }
                    out.push(n);
                    continue;
                }
            }
            out.push(c);
        }
        self.i = start;
        Err(self.error(
            format!("the text starting here is never closed with `{quote}`"),
            format!("end it with `{quote}` before `)`"),
        ))
    }
}

/// The byte ranges of code (blocks and inline spans) in a Markdown `body`,
/// where shortcode syntax stays text.
pub fn code_ranges(body: &str, options: pulldown_cmark::Options) -> Vec<Range<usize>> {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut ranges: Vec<Range<usize>> = Parser::new_ext(body, options)
        .into_offset_iter()
        .filter_map(|(ev, r)| match ev {
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => Some(r),
            _ => None,
        })
        .collect();
    ranges.sort_by_key(|r| r.start);
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calls(body: &str) -> Vec<Call> {
        let code = code_ranges(body, pulldown_cmark::Options::empty());
        let (found, errors) = find(body, &code);
        assert!(errors.is_empty(), "{errors:?}");
        found
            .into_iter()
            .filter_map(|f| match f {
                Found::Call(c) => Some(c),
                Found::Literal { .. } => None,
            })
            .collect()
    }

    fn errors(body: &str) -> Vec<SyntaxError> {
        find(body, &[]).1
    }

    /// Hugo's and Liquid's syntax outside code is found at each place
    /// (a Hugo shortcode's arguments over a few lines too); closing tags,
    /// code and cerita's calls are not.
    #[test]
    fn other_generators_syntax_is_found_outside_code() {
        let body = "A {{< youtube ID >}} B {{< youtube ID2 >}}\n\n{{% notice %}}x{{% /notice %}}\n\n{% highlight ruby %}\nx\n{% endhighlight %}\n\n{{ site.url }} {{ title }}\n\n`{{< youtube code >}}`\n\n{{ video(url=\"x\") }}\n\n[peta](https://example.com/map?q={%22lat%22:1}) {{ 3.14 }} {% tidak ditutup\n\n{{< glossary_tooltip\ntext=\"cgroup\" term_id=\"cgroup\" >}}\n";
        let code = code_ranges(body, pulldown_cmark::Options::empty());
        let (found, _) = find(body, &code);
        let calls: Vec<Range<usize>> = found.iter().map(|f| f.span().clone()).collect();
        let w = foreign(body, &code, &calls);
        let messages: Vec<&str> = w.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`{{< youtube … >}}` is a Hugo shortcode, shown to readers as text",
                "`{{< youtube … >}}` is a Hugo shortcode, shown to readers as text",
                "`{{% notice … %}}` is a Hugo shortcode, shown to readers as text",
                "`{% highlight … %}` is a Liquid tag (Jekyll), shown to readers as text",
                "`{{ site.url }}` is a template value (Liquid or Hugo), shown to readers as text",
                "`{{< glossary_tooltip … >}}` is a Hugo shortcode, shown to readers as text",
            ]
        );
        assert_eq!(w[0].pos, 2);
    }

    /// A shortcode the old site switched off inside `<!-- … -->` is not
    /// shown to readers; a video's hint names the address to write.
    #[test]
    fn commented_out_hugo_syntax_is_not_reported() {
        let body = "<!--\n{{< youtube id=\"w7Ft2ymGmfc\" title=\"x\" >}}\n-->\n\n{{< youtube e4y0hjTltCU >}}\n\n{{< vimeo id=\"146022717\" >}}\n";
        let w = foreign(body, &[], &[]);
        let found: Vec<(usize, &str)> = w.iter().map(|e| (e.pos, e.hint.as_str())).collect();
        assert_eq!(
            found,
            [
                (
                    body.find("{{< youtube e4").unwrap(),
                    "write `{{ video(url=\"https://youtu.be/e4y0hjTltCU\") }}` on a line of its own"
                ),
                (
                    body.find("{{< vimeo").unwrap(),
                    "write `{{ video(url=\"https://vimeo.com/146022717\") }}` on a line of its own"
                ),
            ]
        );
    }

    /// A Hugo `figure`'s hint carries its photo, description and caption
    /// over to cerita's; without a photo it shows the form.
    #[test]
    fn a_hugo_figure_hint_carries_its_photo_over() {
        let hint = |body: &str| foreign(body, &[], &[]).remove(0).hint;
        assert_eq!(
            hint(
                "{{< figure src=\"/images/rework/book-image.jpeg\" width=\"300\" alt=\"Book image of Rework\" class=\"mx-auto d-block\" >}}\n"
            ),
            "write `{{ figure(src=\"/images/rework/book-image.jpeg\", alt=\"Book image of Rework\") }}`"
        );
        assert_eq!(
            hint("{{< figure caption='Rapat \"warga\"' src=foto.jpg >}}\n"),
            "write `{{ figure(src=\"photo.jpg\", alt=\"…\", caption=\"…\") }}`"
        );
        assert_eq!(
            hint("{{< figure src=foto.jpg caption=\"Rapat warga\" >}}\n"),
            "write `{{ figure(src=\"foto.jpg\", caption=\"Rapat warga\") }}`"
        );
        assert_eq!(
            hint("{{< figure class=\"x\" >}}\n"),
            "write `{{ figure(src=\"photo.jpg\", alt=\"…\", caption=\"…\") }}`"
        );
    }

    /// A story of many comments, each holding `{{`, is read once: each
    /// `{{` looked through every comment before it.
    #[test]
    fn many_comments_are_skipped_in_one_pass() {
        let body = "<!-- {{< x >}} -->\n".repeat(100_000);
        assert!(foreign(&body, &[], &[]).is_empty());
    }

    #[test]
    fn typed_arguments() {
        let c = &calls(
            "{{ video(url=\"https://youtu.be/x\", n=3, r=-1.5, ok=true, xs=['a', `b`], q=\"a \\\"b\\\"\") }}",
        )[0];
        assert_eq!(c.name, "video");
        assert!(c.block);
        let v: Vec<_> = c.args.iter().map(|a| (a.name.as_str(), &a.value)).collect();
        assert_eq!(
            v,
            [
                ("url", &Value::Str("https://youtu.be/x".into())),
                ("n", &Value::Int(3)),
                ("r", &Value::Float(-1.5)),
                ("ok", &Value::Bool(true)),
                (
                    "xs",
                    &Value::List(vec![Value::Str("a".into()), Value::Str("b".into())])
                ),
                ("q", &Value::Str("a \"b\"".into())),
            ]
        );
    }

    #[test]
    fn bodies_nest_and_code_stays_text() {
        let body = "A {{ x() }} b\n\n{% quote(name=\"L\") %}\nisi {% q() %}dalam{% end %}\n{% end %}\n\n`{{ y() }}`\n\n```\n{{ z() }}\n```\n";
        let cs = calls(body);
        assert_eq!(
            cs.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
            ["x", "quote"]
        );
        assert!(!cs[0].block);
        assert!(cs[1].block);
        let b = cs[1].body.clone().unwrap_or_default();
        assert_eq!(&body[b], "\nisi {% q() %}dalam{% end %}\n");
    }

    #[test]
    fn template_text_that_is_not_a_call_stays() {
        assert!(calls("Tulis {{ page.title }} dan {% if x %}.").is_empty());
        let (found, _) = find("{{/* video(url=\"x\") */}}", &[]);
        assert_eq!(
            found,
            [Found::Literal {
                span: 0..24,
                text: "{{ video(url=\"x\") }}".into()
            }]
        );
    }

    #[test]
    fn hostile_bodies_stay_linear_and_errors_bounded() {
        // Every opening never closed: at most MAX_ERRORS reported.
        let body = "{% a() %}\n".repeat(10_000) + &"{{/* x ".repeat(10_000);
        let (found, errors) = find(&body, &[]);
        assert!(found.is_empty());
        assert_eq!(errors.len(), MAX_ERRORS);
        // A broken nested call does not take the outer call's `end`.
        let (found, errors) = find("{% quote() %}\n{% x(a=) %}\n{% end %}\n", &[]);
        assert_eq!(found.len(), 1, "{errors:?}");
        // An unclosed quote ends at the blank line, reported at the quote.
        let e = &errors_of("{{ video(url=\"https://x\n\nMore text \"here\") }}");
        assert_eq!(e[0].pos, 13);
        assert!(e[0].message.contains("never closed"));
    }

    fn errors_of(body: &str) -> Vec<SyntaxError> {
        find(body, &[]).1
    }

    #[test]
    fn errors_point_at_the_problem() {
        let e = &errors("{{ video(url=\"x) }}")[0];
        assert_eq!(e.pos, 13);
        assert!(e.message.contains("never closed"), "{e:?}");
        let e = &errors("{{ video(url=x) }}")[0];
        assert_eq!((e.pos, e.message.as_str()), (13, "`x` is not a value"));
        let e = &errors("{% quote(name=\"a\") %}\nisi\n")[0];
        assert_eq!(e.pos, 3);
        assert!(e.message.contains("never closed"));
        let e = &errors("{{ video(url=\"x\" title=\"y\") }}")[0];
        assert!(e.message.contains("expected `)}}`"), "{e:?}");
        assert!(errors("{% end %}")[0].message.contains("without"));
        assert!(errors("{{ a(x=1, x=2) }}")[0].message.contains("twice"));
    }
}
