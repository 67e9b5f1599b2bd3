//! Limits on what one page's templates may cost.
//!
//! Tera renders whatever a theme says, and a theme can say "forever": a macro
//! that calls itself, a template that includes itself, `range(end=2000000000)`
//! or loops nested too deep. Unchecked, these overflow the stack (an abort,
//! not an error) or eat memory until the machine stops. cerita bounds them:
//!
//! - [`instrument`] rewrites each template's source at compile time, adding
//!   calls to functions (registered by [`register`]) that output nothing:
//!   one at the top of every `for` body and one around every macro body and
//!   `include`. Lines stay where they were, so error positions hold. Each
//!   call site has its own function, which knows the site's template, line
//!   and column: the calls take no arguments and so cost little.
//! - Those functions keep a per-thread depth and deadline, which
//!   [`PageGuard`] resets for each page: deeper than [`MAX_DEPTH`] nested
//!   macro calls or includes, or longer than [`TIME_LIMIT`] for one page, and
//!   the render stops with a template error at the loop, macro or include.
//! - `range` is replaced by one that refuses more than [`MAX_RANGE`] numbers
//!   (and a zero step, which would never end).

use std::cell::Cell;
use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::Value;

/// Macro calls and includes nested deeper than this stop the page.
pub const MAX_DEPTH: u32 = 48;
/// One page's templates may run this long.
pub const TIME_LIMIT: Duration = Duration::from_secs(10);
/// `range()` makes at most this many numbers.
pub const MAX_RANGE: usize = 100_000;

/// Error messages from the limit functions start with this, followed by
/// `template:line:col: ` so [`crate::theme::template_error`] can point there.
pub const MARKER: &str = "cerita-limit ";

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
    static TICKS: Cell<u32> = const { Cell::new(0) };
}

/// Starts one page's budget on this thread; dropping it ends the budget.
pub struct PageGuard(());

impl PageGuard {
    pub fn start() -> Self {
        Self::with_limit(TIME_LIMIT)
    }

    fn with_limit(limit: Duration) -> Self {
        DEPTH.set(0);
        TICKS.set(0);
        DEADLINE.set(Some(Instant::now() + limit));
        PageGuard(())
    }
}

impl Drop for PageGuard {
    fn drop(&mut self) {
        DEPTH.set(0);
        DEADLINE.set(None);
    }
}

/// Where [`instrument`] put its calls: `template:line:col` per call site,
/// so a limit error can point there. Call site `i` calls the functions
/// `__cerita_t{i}` (a loop turn) or `__cerita_e{i}` (entering a macro or
/// include); they take no arguments, so a call allocates nothing.
#[derive(Debug, Default)]
pub struct Sites(Vec<String>);

fn still_running() -> String {
    format!(
        "this page's templates were still running after {} s",
        TIME_LIMIT.as_secs()
    )
}

fn over_time(at: &str) -> tera::Result<Value> {
    Err(tera::Error::msg(format!(
        "{MARKER}{at}: {}; a loop over a huge list, or loops nested too deep?",
        still_running()
    )))
}

/// Why a page's templates must stop.
enum Over {
    Depth,
    Time,
}

/// One level deeper (a macro call, an include, a partial), unless that is
/// too deep or the page is out of time.
fn step_in() -> Result<(), Over> {
    let d = DEPTH.get() + 1;
    if d > MAX_DEPTH {
        return Err(Over::Depth);
    }
    if past_deadline() {
        return Err(Over::Time);
    }
    DEPTH.set(d);
    Ok(())
}

fn past_deadline() -> bool {
    DEADLINE.get().is_some_and(|d| Instant::now() > d)
}

/// One level of nesting for a template rendered from inside another (a
/// partial): counted with macro calls and includes, released on drop.
pub struct Nested(());

impl Nested {
    pub fn enter(name: &str) -> tera::Result<Nested> {
        step_in().map(|()| Nested(())).map_err(|over| {
            tera::Error::msg(match over {
                Over::Depth => format!(
                    "partial `{name}`: macro calls, includes and partials are nested more than {MAX_DEPTH} deep: does a partial render itself without end?"
                ),
                Over::Time => format!("partial `{name}`: {}", still_running()),
            })
        })
    }
}

impl Drop for Nested {
    fn drop(&mut self) {
        DEPTH.set(DEPTH.get().saturating_sub(1));
    }
}

/// Registers the limit functions for `sites` and the bounded `range`.
pub fn register(tera: &mut tera::Tera, sites: &Sites) {
    for (i, at) in sites.0.iter().enumerate() {
        let here = at.clone();
        tera.register_function(
            &format!("__cerita_t{i}"),
            move |_: &HashMap<String, Value>| {
                // Reading the clock every 256 iterations keeps loops cheap.
                let n = TICKS.get().wrapping_add(1);
                TICKS.set(n);
                if n % 256 == 0 && past_deadline() {
                    return over_time(&here);
                }
                Ok(Value::String(String::new()))
            },
        );
        let here = at.clone();
        tera.register_function(&format!("__cerita_e{i}"), move |_: &HashMap<String, Value>| {
            match step_in() {
                Ok(()) => Ok(Value::String(String::new())),
                Err(Over::Depth) => Err(tera::Error::msg(format!(
                    "{MARKER}{here}: macro calls and includes are nested more than {MAX_DEPTH} deep: does a macro call itself, or a template include itself, without end?"
                ))),
                Err(Over::Time) => over_time(&here),
            }
        });
    }
    tera.register_function("__cerita_l", |_: &HashMap<String, Value>| {
        DEPTH.set(DEPTH.get().saturating_sub(1));
        Ok(Value::String(String::new()))
    });
    tera.register_function("range", range);
}

/// Tera's `range(end, start=0, step_by=1)`, bounded.
fn range(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let num =
        |key: &str, default: Option<u64>| -> tera::Result<u64> {
            match args.get(key) {
            Some(v) => v.as_u64().ok_or_else(|| {
                tera::Error::msg(format!(
                    "Function `range` received {key}={v} but `{key}` can only be a whole number ≥ 0"
                ))
            }),
            None => default.ok_or_else(|| {
                tera::Error::msg(format!("Function `range` was called without a `{key}` argument"))
            }),
        }
        };
    let start = num("start", Some(0))?;
    let end = num("end", None)?;
    let step = num("step_by", Some(1))?;
    if step == 0 {
        return Err(tera::Error::msg(
            "Function `range` was called with step_by=0, which never ends",
        ));
    }
    if start > end {
        return Err(tera::Error::msg(
            "Function `range` was called with a `start` argument greater than the `end` one",
        ));
    }
    let count = (end - start).div_ceil(step);
    if count > MAX_RANGE as u64 {
        return Err(tera::Error::msg(format!(
            "Function `range` would make {count} numbers; the limit is {MAX_RANGE}"
        )));
    }
    Ok(Value::Array(
        (start..end)
            .step_by(step as usize)
            .map(Value::from)
            .collect(),
    ))
}

/// Adds the limit calls to a template's source (see the module docs).
/// `{# comments #}`, `{% raw %}` blocks and quoted strings are left alone.
pub fn instrument(name: &str, src: &str, sites: &mut Sites) -> String {
    let mut out = String::with_capacity(src.len() + 256);
    let bytes = src.as_bytes();
    let mut i = 0;
    let mut copied = 0;
    let mut line = 1;
    let mut counted = 0;
    let mut in_raw = false;
    while let Some(off) = src[i..].find('{') {
        let open = i + off;
        let next = bytes.get(open + 1).copied();
        match next {
            Some(b'#') if !in_raw => {
                // Skip the comment.
                i = src[open..].find("#}").map_or(src.len(), |e| open + e + 2);
                continue;
            }
            Some(b'%') => {}
            Some(b'{') if !in_raw => {
                // Skip the expression: strings in it may hold `{%`.
                i = tag_end(src, open + 2, b'}').map_or(src.len(), |e| e + 2);
                continue;
            }
            _ => {
                i = open + 1;
                continue;
            }
        }
        let Some(close) = tag_end(src, open + 2, b'%') else {
            break;
        };
        let inner = &src[open + 2..close];
        let trim_left = inner.starts_with('-');
        let trim_right = inner.ends_with('-');
        let body = inner.trim_matches('-').trim();
        let word = body.split_whitespace().next().unwrap_or("");
        let end = close + 2;
        line += src[counted..open].matches('\n').count();
        counted = open;
        if in_raw {
            in_raw = word != "endraw";
            i = end;
            continue;
        }
        let col = src[..open]
            .rfind('\n')
            .map_or(&src[..open], |nl| &src[nl + 1..open])
            .chars()
            .count()
            + 1;
        let mut call = |f: &str, left: bool, right: bool| {
            let f = if f == "l" {
                "__cerita_l".to_string()
            } else {
                sites.0.push(format!("{name}:{line}:{col}"));
                format!("__cerita_{f}{}", sites.0.len() - 1)
            };
            format!(
                "{{{{{} {f}() {}}}}}",
                if left { "-" } else { "" },
                if right { "-" } else { "" }
            )
        };
        match word {
            "raw" => in_raw = true,
            "for" | "macro" => {
                out.push_str(&src[copied..end]);
                let f = if word == "for" { "t" } else { "e" };
                out.push_str(&call(f, false, trim_right));
                copied = end;
            }
            "endmacro" => {
                out.push_str(&src[copied..open]);
                out.push_str(&call("l", trim_left, false));
                copied = open;
            }
            "include" => {
                out.push_str(&src[copied..open]);
                out.push_str(&call("e", trim_left, false));
                out.push_str(&src[open..end]);
                out.push_str(&call("l", false, trim_right));
                copied = end;
            }
            _ => {}
        }
        i = end;
    }
    out.push_str(&src[copied..]);
    out
}

/// The index of the `%}` (or `}}`, for `close` `}`) ending a tag whose
/// inside starts at `from`, skipping quoted strings.
fn tag_end(src: &str, from: usize, close: u8) -> Option<usize> {
    let bytes = src.as_bytes();
    let mut quote: Option<u8> = None;
    let mut k = from;
    while k + 1 < bytes.len() {
        let b = bytes[k];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if matches!(b, b'"' | b'\'' | b'`') => quote = Some(b),
            None if b == close && bytes[k + 1] == b'}' => return Some(k),
            None => {}
        }
        k += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(templates: &[(&str, &str)], main: &str) -> Result<String, String> {
        let mut tera = tera::Tera::default();
        let mut sites = Sites::default();
        let all: Vec<(String, String)> = templates
            .iter()
            .map(|(n, s)| (n.to_string(), instrument(n, s, &mut sites)))
            .collect();
        register(&mut tera, &sites);
        tera.add_raw_templates(all).map_err(|e| format!("{e:?}"))?;
        let _guard = PageGuard::start();
        tera.render(main, &tera::Context::new()).map_err(|e| {
            let mut s = e.to_string();
            let mut src = std::error::Error::source(&e);
            while let Some(x) = src {
                s.push_str(" | ");
                s.push_str(&x.to_string());
                src = x.source();
            }
            s
        })
    }

    #[test]
    fn instrumented_templates_render_the_same() {
        let m = "{% macro li(x) -%}\n  <li>{{ x }}</li>\n{%- endmacro li %}";
        let page = "{% import \"m.html\" as m %}{# {% for no %} #}{{ \"{% for %}\" }}<ul>\n{%- for i in range(end=3) -%}\n  {{ m::li(x=i) }}\n{%- endfor %}</ul>{% raw %}{% for %}{% endraw %}\n{% include \"p.html\" -%}\n  !";
        let plain = {
            let mut t = tera::Tera::default();
            t.add_raw_templates(vec![("m.html", m), ("page.html", page), ("p.html", "P")])
                .unwrap();
            t.render("page.html", &tera::Context::new()).unwrap()
        };
        let bounded = render(
            &[("m.html", m), ("page.html", page), ("p.html", "P")],
            "page.html",
        )
        .unwrap();
        assert_eq!(bounded, plain);
        assert_eq!(
            plain,
            "{% for %}<ul><li>0</li><li>1</li><li>2</li></ul>{% for %}\nP!"
        );
        // Lines are kept.
        let src = instrument("page.html", page, &mut Sites::default());
        assert_eq!(src.lines().count(), page.lines().count());
    }

    #[test]
    fn endless_recursion_and_huge_ranges_stop_with_a_position() {
        let m = "{% macro f(n) %}\n{{ self::f(n=n+1) }}{% endmacro f %}";
        let err = render(
            &[
                ("m.html", m),
                ("p.html", "{% import \"m.html\" as m %}{{ m::f(n=1) }}"),
            ],
            "p.html",
        )
        .unwrap_err();
        assert!(
            err.contains("cerita-limit m.html:1:1: macro calls"),
            "{err}"
        );

        let err = render(&[("p.html", "x\n{% include \"p.html\" %}")], "p.html").unwrap_err();
        assert!(
            err.contains("cerita-limit p.html:2:1: macro calls"),
            "{err}"
        );

        let err = render(
            &[("p.html", "{% for i in range(end=2000000000) %}{% endfor %}")],
            "p.html",
        )
        .unwrap_err();
        assert!(err.contains("would make 2000000000 numbers"), "{err}");
        let err = render(&[("p.html", "{{ range(end=5, step_by=0) }}")], "p.html").unwrap_err();
        assert!(err.contains("step_by=0"), "{err}");
        // Legitimate recursion is fine.
        let m =
            "{% macro f(n) %}{% if n > 0 %}{{ n }}{{ self::f(n=n-1) }}{% endif %}{% endmacro f %}";
        let ok = render(
            &[
                ("m.html", m),
                ("p.html", "{% import \"m.html\" as m %}{{ m::f(n=20) }}"),
            ],
            "p.html",
        )
        .unwrap();
        assert!(ok.starts_with("2019"));
    }

    #[test]
    fn a_page_that_runs_too_long_stops_at_a_loop() {
        let mut tera = tera::Tera::default();
        let mut sites = Sites::default();
        let src = "{% for i in range(end=90000) %}\n{% for j in range(end=90000) %}{% endfor %}{% endfor %}";
        let src = instrument("p.html", src, &mut sites);
        register(&mut tera, &sites);
        tera.add_raw_template("p.html", &src).unwrap();
        let _guard = PageGuard::with_limit(Duration::from_millis(50));
        let err = tera.render("p.html", &tera::Context::new()).unwrap_err();
        let mut chain = err.to_string();
        let mut s = std::error::Error::source(&err);
        while let Some(e) = s {
            chain.push_str(&e.to_string());
            s = e.source();
        }
        assert!(
            chain.contains("cerita-limit p.html:2:1: this page's templates were still running"),
            "{chain}"
        );
    }

    #[test]
    fn ranges_match_tera() {
        let mut tera = tera::Tera::default();
        let src = "{{ range(end=5) }} {{ range(start=2, end=9, step_by=3) }} {{ range(end=0) }}";
        let plain = tera.render_str(src, &tera::Context::new()).unwrap();
        register(&mut tera, &Sites::default());
        assert_eq!(tera.render_str(src, &tera::Context::new()).unwrap(), plain);
    }
}
