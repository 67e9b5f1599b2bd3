//! `partial(name="…", …)` and `value | partial(name="…", as="…", …)`: a theme
//! template rendered with only the values it is given, once per distinct set
//! of values.
//!
//! A story's card is on every listing, partner and topic page that lists it
//! and under the related stories of others: some ten times per story. A
//! macro renders it each time; a partial renders it once and copies it after.
//! A partial sees nothing but its arguments (and `t`, the theme's strings in
//! the `lang` it is given), so its output is a function of the template and
//! those values. The cache key is a 128-bit hash of exactly that: no argument
//! a theme passes can make a stale copy, and no key has to be chosen by hand
//! (Hugo's `partialCached` asks for one and trusts it).
//!
//! The cache belongs to one compiled [`Tera`] (a theme or config change
//! compiles a new one) and is emptied when it holds [`CACHE_BYTES`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, Weak};

use rustc_hash::FxHashMap;
use serde_json::Value;
use tera::{Context, Tera};

use crate::lang::Lang;

/// The cache is emptied when its copies add up to this many bytes.
pub const CACHE_BYTES: usize = 256 << 20;

/// The compiled templates a partial renders with, set once they exist.
pub type Slot = Arc<OnceLock<Weak<Tera>>>;

#[derive(Default)]
struct Cache {
    map: FxHashMap<u128, String>,
    bytes: usize,
}

/// Tera contexts holding what many renders in a language share (the theme's
/// strings, the site), reused: a render moves its own values in and takes
/// them out after, so the shared values are copied once per context rather
/// than once per render. Used for pages and for partials.
#[derive(Default)]
pub struct SharedContexts(Mutex<Vec<(Lang, Context)>>);

impl SharedContexts {
    /// Calls `render` with a context holding the shared values of `lang`
    /// (made by `make` when none is free) and `own`, whose values win. A
    /// context whose shared values `own` replaced is not kept.
    pub fn with<R>(
        &self,
        lang: Lang,
        make: impl FnOnce() -> Context,
        own: serde_json::Map<String, Value>,
        render: impl FnOnce(&Context) -> R,
    ) -> tera::Result<R> {
        let free = self.0.lock().ok().and_then(|mut pool| {
            let i = pool.iter().position(|(l, _)| *l == lang)?;
            Some(pool.swap_remove(i).1)
        });
        let mut context = free.unwrap_or_else(make);
        let keys: Vec<String> = own.keys().cloned().collect();
        let replaced = keys.iter().any(|k| context.contains_key(k));
        context.extend(Context::from_value(Value::Object(own))?);
        let out = render(&context);
        if !replaced {
            for k in &keys {
                context.remove(k);
            }
            if let Ok(mut pool) = self.0.lock() {
                pool.push((lang, context));
            }
        }
        Ok(out)
    }
}

/// The `partial` template function and filter: register a clone as each,
/// and they share one cache.
#[derive(Clone)]
pub struct Partial(Arc<Inner>);

struct Inner {
    tera: Slot,
    i18n: HashMap<Lang, Value>,
    default_lang: Lang,
    cache: Mutex<Cache>,
    /// Contexts holding `t` for a language, reused from render to render:
    /// copying every theme string into each new context cost more than
    /// rendering a card.
    bases: SharedContexts,
}

impl Partial {
    pub fn new(tera: Slot, i18n: HashMap<Lang, Value>, default_lang: Lang) -> Self {
        Partial(Arc::new(Inner {
            tera,
            i18n,
            default_lang,
            cache: Mutex::new(Cache::default()),
            bases: SharedContexts::default(),
        }))
    }
}

impl Inner {
    /// Renders `name` with `args` (and `piped`, bound to its name), or
    /// copies the output of an earlier call with equal values.
    fn render(
        &self,
        piped: Option<(&str, &Value)>,
        args: &HashMap<String, Value>,
    ) -> tera::Result<Value> {
        let name = match args.get("name") {
            Some(Value::String(s)) => s.as_str(),
            Some(other) => {
                return Err(tera::Error::msg(format!(
                    "`partial` received name={other} but `name` must be a template name, e.g. \"partials/card.html\""
                )));
            }
            None => {
                return Err(tera::Error::msg(
                    "`partial` was called without a `name` argument (the template to render)",
                ));
            }
        };
        let key = key_of(piped, args);
        if let Some(hit) = self
            .cache
            .lock()
            .ok()
            .and_then(|c| c.map.get(&key).cloned())
        {
            return Ok(Value::String(hit));
        }
        let Some(tera) = self.tera.get().and_then(Weak::upgrade) else {
            return Err(tera::Error::msg(
                "`partial` cannot render while templates are being compiled",
            ));
        };
        let _depth = crate::limits::Nested::enter(name)?;
        let lang = args
            .get("lang")
            .and_then(Value::as_str)
            .and_then(Lang::parse)
            .unwrap_or(self.default_lang);
        let mut values = serde_json::Map::new();
        for (k, v) in args {
            if k != "name" && k != "as" {
                values.insert(k.clone(), v.clone());
            }
        }
        if let Some((as_name, value)) = piped {
            values.insert(as_name.to_string(), value.clone());
        }
        let html =
            self.bases
                .with(lang, || self.base(lang), values, |c| tera.render(name, c))??;
        if let Ok(mut c) = self.cache.lock() {
            if c.bytes + html.len() > CACHE_BYTES {
                c.map.clear();
                c.bytes = 0;
            }
            c.bytes += html.len();
            c.map.insert(key, html.clone());
        }
        Ok(Value::String(html))
    }

    /// What every partial in `lang` sees besides its arguments: `t`.
    fn base(&self, lang: Lang) -> Context {
        let mut context = Context::new();
        if let Some(t) = self.i18n.get(&lang) {
            context.insert("t", t);
        }
        context
    }
}

/// `partial(name="…", …)`.
impl tera::Function for Partial {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        self.0.render(None, args)
    }

    /// Its output is HTML from an autoescaped template: not escaped again.
    fn is_safe(&self) -> bool {
        true
    }
}

/// `value | partial(name="…", as="story", …)`: the piped value is bound to
/// the name `as` gives (`value` if none). Tera hands a filter its input by
/// reference but a function its arguments as copies, so for a story this is
/// the cheap way in: no copy of it is made per call.
impl tera::Filter for Partial {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let as_name = match args.get("as") {
            None => "value",
            Some(Value::String(s)) if !s.is_empty() => s.as_str(),
            Some(other) => {
                return Err(tera::Error::msg(format!(
                    "`partial` received as={other} but `as` must be the name the template uses for the piped value, e.g. \"story\""
                )));
            }
        };
        self.0.render(Some((as_name, value)), args)
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// Hash of the arguments, names in sorted order, values walked with a tag
/// byte and length before each part so that no two values encode alike.
fn key_of(piped: Option<(&str, &Value)>, args: &HashMap<String, Value>) -> u128 {
    thread_local! {
        static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let mut names: Vec<&String> = args.keys().collect();
    names.sort_unstable();
    BUF.with_borrow_mut(|buf| {
        buf.clear();
        if let Some((name, value)) = piped {
            buf.push(1);
            put_str(buf, name);
            put_value(buf, value);
        } else {
            buf.push(0);
        }
        for n in names {
            put_str(buf, n);
            put_value(buf, &args[n]);
        }
        xxhash_rust::xxh3::xxh3_128(buf)
    })
}

fn put_str(buf: &mut Vec<u8>, s: &str) {
    buf.extend_from_slice(&(s.len() as u64).to_le_bytes());
    buf.extend_from_slice(s.as_bytes());
}

fn put_value(buf: &mut Vec<u8>, v: &Value) {
    match v {
        Value::Null => buf.push(0),
        Value::Bool(b) => buf.extend_from_slice(&[1, u8::from(*b)]),
        // Numbers by kind and bits (equal numbers are stored alike by serde_json).
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => {
                buf.push(2);
                buf.extend_from_slice(&u.to_le_bytes());
            }
            (None, Some(i)) => {
                buf.push(6);
                buf.extend_from_slice(&i.to_le_bytes());
            }
            (None, None) => {
                buf.push(7);
                buf.extend_from_slice(&n.as_f64().unwrap_or(f64::NAN).to_bits().to_le_bytes());
            }
        },
        Value::String(s) => {
            buf.push(3);
            put_str(buf, s);
        }
        Value::Array(a) => {
            buf.push(4);
            buf.extend_from_slice(&(a.len() as u64).to_le_bytes());
            for x in a {
                put_value(buf, x);
            }
        }
        Value::Object(m) => {
            buf.push(5);
            buf.extend_from_slice(&(m.len() as u64).to_le_bytes());
            for (k, x) in m {
                put_str(buf, k);
                put_value(buf, x);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn args(pairs: &[(&str, Value)]) -> HashMap<String, Value> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    #[test]
    fn keys_differ_when_any_value_or_name_differs() {
        let a = key_of(
            None,
            &args(&[("name", json!("c.html")), ("x", json!(["a", "b"]))]),
        );
        let b = key_of(
            None,
            &args(&[("name", json!("c.html")), ("x", json!(["ab"]))]),
        );
        let c = key_of(
            None,
            &args(&[("name", json!("c.html")), ("y", json!(["a", "b"]))]),
        );
        let d = key_of(
            None,
            &args(&[("name", json!("d.html")), ("x", json!(["a", "b"]))]),
        );
        let e = key_of(
            None,
            &args(&[("name", json!("c.html")), ("x", json!("ab"))]),
        );
        let f = key_of(None, &args(&[("name", json!("c.html")), ("x", json!(2))]));
        let g = key_of(None, &args(&[("name", json!("c.html")), ("x", json!("2"))]));
        let h = key_of(None, &args(&[("name", json!("c.html")), ("x", json!(-2))]));
        let i = key_of(None, &args(&[("name", json!("c.html")), ("x", json!(2.5))]));
        let j = key_of(None, &args(&[("name", json!("c.html")), ("x", json!(2.0))]));
        let all = [a, b, c, d, e, f, g, h, i, j];
        for (i, x) in all.iter().enumerate() {
            for y in &all[i + 1..] {
                assert_ne!(x, y);
            }
        }
        assert_eq!(
            a,
            key_of(
                None,
                &args(&[("x", json!(["a", "b"])), ("name", json!("c.html"))])
            )
        );
        // Equal numbers key alike however they were made.
        assert_eq!(
            f,
            key_of(
                None,
                &args(&[("name", json!("c.html")), ("x", json!(2i64))])
            )
        );
    }
}
