//! The preview server's HTTP side: the site from memory (assets from the
//! site folder), `index.html` for folders, the site's `404.html` with status
//! 404, no caching, and the live-reload endpoints under `/__cerita/`.
//!
//! Request paths are decoded exactly once and refused (400) when they contain
//! `..`, `.`, backslashes, NUL or a `%` left after decoding (double encoding);
//! lookups are by exact key in the output table, so nothing outside it can be
//! named, and assets are only the files the loader found inside the site.

use std::collections::HashMap;
use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

const LIVE_JS: &str = include_str!("live.js");
const SCRIPT_TAG: &str = "<script src=\"/__cerita/live.js\"></script>";

/// What the server serves: files in memory and files read from the site
/// folder when asked for (photos, static files).
#[derive(Debug, Clone, Default)]
pub struct Output {
    pub files: HashMap<String, Arc<Vec<u8>>>,
    /// Output path → source file (content assets, `static/`, resized photos
    /// in the image cache).
    pub assets: HashMap<String, PathBuf>,
    pub base_path: String,
}

/// State shared between the watcher, the search worker and the HTTP handlers.
pub struct Shared {
    pub output: RwLock<Arc<Output>>,
    /// `hello` payload: build id and current errors.
    pub status: RwLock<String>,
    pub events: broadcast::Sender<(String, String)>,
    /// `serve --cms`: the editor's API and admin page.
    pub cms: Option<Arc<super::cms::Cms>>,
}

impl Shared {
    pub fn new(output: Arc<Output>, status: String) -> Shared {
        Shared {
            output: RwLock::new(output),
            status: RwLock::new(status),
            events: broadcast::channel(64).0,
            cms: None,
        }
    }

    /// Serves `output` from now on.
    pub fn serve(&self, output: Arc<Output>) {
        if let Ok(mut o) = self.output.write() {
            *o = output;
        }
    }

    /// What a tab that connects now is told first.
    pub fn set_status(&self, status: String) {
        if let Ok(mut s) = self.status.write() {
            *s = status;
        }
    }

    /// Tells every open tab (`reload`, `build-error`, `search`).
    pub fn send(&self, event: &str, data: String) {
        // No tab listening is not an error.
        let _ = self.events.send((event.to_string(), data));
    }
}

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/__cerita/live.js", axum::routing::get(live_js))
        .route("/__cerita/events", axum::routing::get(events))
        .route(
            super::cms::API_PATH,
            axum::routing::post(cms_api)
                // Photos from a phone, base64-encoded.
                .layer(axum::extract::DefaultBodyLimit::max(64 * 1024 * 1024)),
        )
        .fallback(site)
        .with_state(shared)
}

async fn cms_api(
    State(shared): State<Arc<Shared>>,
    uri: Uri,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let Some(cms) = shared.cms.clone() else {
        return plain(
            StatusCode::NOT_FOUND,
            "the editor's API runs with `cerita serve --cms`\n",
        );
    };
    if let Some(refused) = cms.refuse(uri.query(), &headers) {
        return refused;
    }
    tokio::task::spawn_blocking(move || cms.answer(&body))
        .await
        .unwrap_or_else(|_| {
            plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the editor's request failed\n",
            )
        })
}

async fn live_js() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        LIVE_JS,
    )
        .into_response()
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let hello = shared.status.read().map(|s| s.clone()).unwrap_or_default();
    let rx = shared.events.subscribe();
    let first = tokio_stream::once(Ok(Event::default().event("hello").data(hello)));
    let rest = BroadcastStream::new(rx)
        .filter_map(|m| m.ok())
        .map(|(name, data)| Ok(Event::default().event(name).data(data)));
    Sse::new(first.chain(rest)).keep_alive(KeepAlive::default())
}

/// Why a request path is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum PathError {
    BadRequest,
    NotFound,
}

/// Decodes a request path into a key of the output table (`stories/a/index.html`),
/// relative to `base` (`/` or `/sub/`). `Ok(None)` means "redirect to add a slash".
pub fn resolve_path(raw: &str, base: &str) -> Result<String, PathError> {
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .map_err(|_| PathError::BadRequest)?;
    if decoded.contains(['\0', '\\', '%']) || decoded.chars().any(char::is_control) {
        return Err(PathError::BadRequest);
    }
    if decoded.split('/').any(|seg| seg == ".." || seg == ".") {
        return Err(PathError::BadRequest);
    }
    let rest = decoded
        .strip_prefix(base)
        .or_else(|| (decoded.as_ref() == base.trim_end_matches('/')).then_some(""))
        .ok_or(PathError::NotFound)?;
    if rest.starts_with('/') {
        return Err(PathError::BadRequest);
    }
    Ok(if rest.is_empty() || rest.ends_with('/') {
        format!("{rest}index.html")
    } else {
        rest.to_string()
    })
}

fn mime_for(path: &str) -> String {
    if path.ends_with(".html") {
        return "text/html; charset=utf-8".into();
    }
    if path.ends_with(".xml") {
        return "application/xml; charset=utf-8".into();
    }
    let m = mime_guess::from_path(path).first_or_octet_stream();
    if m.type_() == "text" {
        format!("{m}; charset=utf-8")
    } else {
        m.to_string()
    }
}

/// Adds the live-reload script to an HTML page.
fn inject(bytes: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    match text.rfind("</body>") {
        Some(i) => format!("{}{SCRIPT_TAG}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{SCRIPT_TAG}").into_bytes(),
    }
}

fn respond(status: StatusCode, path: &str, bytes: Vec<u8>, head: bool) -> Response {
    let body = if path.ends_with(".html") {
        inject(&bytes)
    } else {
        bytes
    };
    let len = body.len();
    let mut res = if head {
        Response::new(Body::empty())
    } else {
        Response::new(Body::from(body))
    };
    *res.status_mut() = status;
    let h = res.headers_mut();
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    if let Ok(v) = HeaderValue::from_str(&mime_for(path)) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    res
}

fn plain(status: StatusCode, msg: &'static str) -> Response {
    (status, [(header::CACHE_CONTROL, "no-store")], msg).into_response()
}

async fn site(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n");
    }
    let head = method == Method::HEAD;
    let out = match shared.output.read() {
        Ok(o) => o.clone(),
        Err(_) => {
            return plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                "server state unavailable\n",
            );
        }
    };
    let base = if out.base_path.is_empty() {
        "/"
    } else {
        out.base_path.as_str()
    };
    let raw = uri.path();
    if raw == "/" && base != "/" {
        let mut res = Response::new(Body::empty());
        *res.status_mut() = StatusCode::FOUND;
        if let Ok(v) = HeaderValue::from_str(base) {
            res.headers_mut().insert(header::LOCATION, v);
        }
        return res;
    }
    let key = match resolve_path(raw, base) {
        Ok(k) => k,
        Err(PathError::BadRequest) => return plain(StatusCode::BAD_REQUEST, "bad request path\n"),
        Err(PathError::NotFound) => return not_found(&out, head),
    };
    // The preview never keeps pages on a writer's phone or laptop: in place
    // of the offline reading worker, the one that removes itself.
    if key == crate::render::offline::WORKER {
        let worker = crate::render::offline::remover().to_vec();
        return respond(StatusCode::OK, &key, worker, head);
    }
    if let Some(cms) = &shared.cms {
        let cms = cms.clone();
        let want = key.clone();
        if let Ok(Some((_, page))) =
            tokio::task::spawn_blocking(move || super::cms::admin(&cms, &want)).await
        {
            return respond(StatusCode::OK, &key, page, head);
        }
    }
    if let Some(bytes) = out.files.get(&key) {
        return respond(StatusCode::OK, &key, bytes.to_vec(), head);
    }
    if let Some(src) = out.assets.get(&key) {
        return match tokio::fs::read(src).await {
            Ok(bytes) => respond(StatusCode::OK, &key, bytes, head),
            Err(_) => not_found(&out, head),
        };
    }
    if out.files.contains_key(&format!("{key}/index.html")) {
        let mut res = Response::new(Body::empty());
        *res.status_mut() = StatusCode::MOVED_PERMANENTLY;
        if let Ok(v) = HeaderValue::from_str(&format!("{raw}/")) {
            res.headers_mut().insert(header::LOCATION, v);
        }
        return res;
    }
    not_found(&out, head)
}

fn not_found(out: &Output, head: bool) -> Response {
    let page = out.files.get("404.html").map(|b| b.to_vec()).unwrap_or_else(|| {
        b"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>Not found</h1></body></html>".to_vec()
    });
    respond(StatusCode::NOT_FOUND, "404.html", page, head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths() {
        assert_eq!(resolve_path("/", "/"), Ok("index.html".into()));
        assert_eq!(
            resolve_path("/stories/a/", "/"),
            Ok("stories/a/index.html".into())
        );
        assert_eq!(
            resolve_path("/static/style.css", "/"),
            Ok("static/style.css".into())
        );
        assert_eq!(
            resolve_path("/cerita/stories/a/", "/cerita/"),
            Ok("stories/a/index.html".into())
        );
        assert_eq!(resolve_path("/cerita", "/cerita/"), Ok("index.html".into()));
        assert_eq!(
            resolve_path("/other/", "/cerita/"),
            Err(PathError::NotFound)
        );
        assert_eq!(
            resolve_path("/stories/caf%C3%A9/", "/"),
            Ok("stories/café/index.html".into())
        );
        for bad in [
            "/../cerita.yaml",
            "/%2e%2e/cerita.yaml",
            "/%252e%252e/x",
            "/a/..%2f..%2fetc",
            "/%5c..%5cx",
            "/a%00b",
            "//etc/passwd",
            "/./x",
            "/%ff",
        ] {
            assert_eq!(resolve_path(bad, "/"), Err(PathError::BadRequest), "{bad}");
        }
    }

    #[test]
    fn injects_before_body_end() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>")).unwrap();
        assert!(out.ends_with(&format!("{SCRIPT_TAG}</body></html>")));
    }
}
