//! The preview server's HTTP side: the site from memory (assets from the
//! site folder), `index.html` for folders, the site's `404.html` with status
//! 404, no caching, and the live-reload endpoints under `/__cerita/`.
//!
//! Request paths are decoded exactly once and refused (400) when they contain
//! `..`, `.`, backslashes, NUL or a `%` left after decoding (double encoding);
//! lookups are by exact key in the output table, so nothing outside it can be
//! named, and assets are only the files the loader found inside the site.

use std::collections::{HashMap, HashSet, VecDeque};
use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio::sync::{broadcast, watch};
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

const LIVE_JS: &str = include_str!("live.js");
const SCRIPT_TAG: &str = "<script src=\"/__cerita/live.js\"></script>";
/// The longest a request waits for the rest of a rebuild before it is
/// answered 503 ([`still_rebuilding`]).
const WAIT_FOR_REBUILD: Duration = Duration::from_secs(60);
/// A page asked for over HTTP this recently counts as looked at
/// ([`Shared::viewed`]), tab or not: a window reloaded by hand, a tool
/// polling the page it waits for.
const ASKED_RECENTLY: Duration = Duration::from_secs(10);
/// At most this many pages asked for recently count (the latest): a link
/// checker walking the site does not turn into a rebuild of it first.
const ASKED_PAGES: usize = 8;

/// What the server serves: files in memory and files read from the site
/// folder when asked for (photos, static files).
#[derive(Debug, Clone, Default)]
pub struct Output {
    pub files: HashMap<String, Arc<Vec<u8>>>,
    /// Output path → source file (content assets, `static/`, resized photos
    /// in the image cache).
    pub assets: HashMap<String, PathBuf>,
    pub base_path: String,
    /// While a rebuild renders the rest of its pages: the last output, under
    /// the pages it rendered first (`files`), open in a browser.
    pub before: Option<Arc<Output>>,
    /// Pages of `before` open in a browser that the rebuild took away.
    pub gone: HashSet<String>,
}

impl Output {
    /// The pages of a rebuild rendered first, and those it took away, over
    /// `before`.
    pub fn first(
        pages: Vec<crate::render::Page>,
        gone: HashSet<String>,
        before: Arc<Output>,
    ) -> Output {
        Output {
            files: pages.into_iter().collect(),
            assets: HashMap::new(),
            base_path: before.base_path.clone(),
            before: Some(before),
            gone,
        }
    }

    /// The site's URL path: `/` or `/sub/`.
    fn base(&self) -> &str {
        if self.base_path.is_empty() {
            "/"
        } else {
            &self.base_path
        }
    }

    /// The file in memory at `key`.
    pub fn file(&self, key: &str) -> Option<&Arc<Vec<u8>>> {
        if self.gone.contains(key) {
            return None;
        }
        self.files
            .get(key)
            .or_else(|| self.before.as_ref()?.files.get(key))
    }

    /// The file on disk served at `key`.
    pub fn asset(&self, key: &str) -> Option<&PathBuf> {
        self.assets
            .get(key)
            .or_else(|| self.before.as_ref()?.assets.get(key))
    }

    /// Whether a request for `key` waits for the whole rebuild: while only
    /// its first pages are out, any other page, feed, redirect or rule file
    /// may be stale, and a file not there yet may be coming (a new photo's
    /// versions). Stylesheets, scripts, fonts and media that are there (the
    /// theme's, the photos') are served at once: the reloaded page needs
    /// them, and an edit to a story does not change them. The search index
    /// follows edits after the rebuild anyway.
    fn waits(&self, key: &str) -> bool {
        const AT_ONCE: [&str; 19] = [
            "css", "js", "mjs", "json", "png", "jpg", "jpeg", "webp", "avif", "gif", "svg", "ico",
            "woff", "woff2", "ttf", "otf", "mp4", "webm", "pdf",
        ];
        let at_once = || {
            let ext = key.rsplit_once('.').map_or("", |(_, e)| e);
            AT_ONCE.iter().any(|a| a.eq_ignore_ascii_case(ext))
                && (self.file(key).is_some() || self.asset(key).is_some())
        };
        self.before.is_some()
            && !self.files.contains_key(key)
            && !self.gone.contains(key)
            && !at_once()
    }
}

/// State shared between the watcher, the search worker and the HTTP handlers.
pub struct Shared {
    pub output: RwLock<Arc<Output>>,
    /// Told each time another output is served (requests waiting for the
    /// whole of a rebuild hear it).
    served: watch::Sender<()>,
    /// The pages open in a browser (output path → tabs), as their live-reload
    /// streams name them.
    viewing: Mutex<HashMap<String, usize>>,
    /// The pages last asked for over HTTP, and when, latest last; at most
    /// [`ASKED_PAGES`].
    asked: Mutex<VecDeque<(String, Instant)>>,
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
            served: watch::channel(()).0,
            viewing: Mutex::new(HashMap::new()),
            asked: Mutex::new(VecDeque::new()),
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
        self.served.send_replace(());
    }

    /// The output served now.
    fn current(&self) -> Option<Arc<Output>> {
        self.output.read().ok().map(|o| o.clone())
    }

    /// The output paths of the pages looked at now: open in a tab, or
    /// asked for within [`ASKED_RECENTLY`].
    pub fn viewed(&self) -> HashSet<String> {
        let mut pages: HashSet<String> = self
            .viewing
            .lock()
            .map(|v| v.keys().cloned().collect())
            .unwrap_or_default();
        if let Ok(asked) = self.asked.lock() {
            let now = Instant::now();
            pages.extend(
                asked
                    .iter()
                    .filter(|(_, at)| now.duration_since(*at) <= ASKED_RECENTLY)
                    .map(|(key, _)| key.clone()),
            );
        }
        pages
    }

    /// Notes that the page at `key` (an output path) was asked for now.
    fn ask(&self, key: &str) {
        if !key.ends_with(".html") {
            return;
        }
        if let Ok(mut asked) = self.asked.lock() {
            asked.retain(|(k, _)| k != key);
            if asked.len() == ASKED_PAGES {
                asked.pop_front();
            }
            asked.push_back((key.to_string(), Instant::now()));
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

/// The live-reload stream of a tab showing the page `?page=` names (its
/// URL path): that page is rendered first after an edit, for as long as
/// the stream is open.
async fn events(
    State(shared): State<Arc<Shared>>,
    Query(query): Query<HashMap<String, String>>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let hello = shared.status.read().map(|s| s.clone()).unwrap_or_default();
    let rx = shared.events.subscribe();
    let out = shared.current().unwrap_or_default();
    let viewer = query
        .get("page")
        .and_then(|page| resolve_path(page, out.base()).ok())
        .map(|key| Viewer::new(shared.clone(), key));
    let first = tokio_stream::once(Ok(Event::default().event("hello").data(hello)));
    let rest = BroadcastStream::new(rx)
        .filter_map(|m| m.ok())
        .map(|(name, data)| Ok(Event::default().event(name).data(data)));
    // The viewer lives as long as the stream: dropped when the tab goes.
    let stream = first.chain(rest).map(move |e| {
        let _ = &viewer;
        e
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// One tab's page counted in [`Shared::viewed`] while it lives.
struct Viewer {
    shared: Arc<Shared>,
    key: String,
}

impl Viewer {
    fn new(shared: Arc<Shared>, key: String) -> Viewer {
        if let Ok(mut v) = shared.viewing.lock() {
            *v.entry(key.clone()).or_default() += 1;
        }
        Viewer { shared, key }
    }
}

impl Drop for Viewer {
    fn drop(&mut self) {
        if let Ok(mut v) = self.shared.viewing.lock() {
            if let Some(n) = v.get_mut(&self.key) {
                *n -= 1;
                if *n == 0 {
                    v.remove(&self.key);
                }
            }
        }
    }
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
    // Subscribed before the output is read: no output served after it goes
    // unheard.
    let mut served = shared.served.subscribe();
    let Some(out) = shared.current() else {
        return plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            "server state unavailable\n",
        );
    };
    let base = out.base();
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
        Err(PathError::NotFound) => return not_found(&out, "", head),
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
    // A page of the site (not a miss, as a crawler's, that could push the
    // page someone waits for out of the few kept).
    if out.file(&key).is_some() {
        shared.ask(&key);
    }
    // A page not rendered yet is served once it is, never stale.
    let deadline = tokio::time::Instant::now() + WAIT_FOR_REBUILD;
    let Some(mut out) = settled(&shared, &mut served, out, &key, deadline).await else {
        return still_rebuilding();
    };
    if let Some(bytes) = out.file(&key) {
        return respond(StatusCode::OK, &key, bytes.to_vec(), head);
    }
    if let Some(src) = out.asset(&key) {
        return match tokio::fs::read(src).await {
            Ok(bytes) => respond(StatusCode::OK, &key, bytes, head),
            Err(_) => not_found(&out, &key, head),
        };
    }
    // The not-found page too is the rebuild's.
    out = match settled(&shared, &mut served, out, "404.html", deadline).await {
        Some(out) => out,
        None => return still_rebuilding(),
    };
    if out.file(&format!("{key}/index.html")).is_some() {
        let mut res = Response::new(Body::empty());
        *res.status_mut() = StatusCode::MOVED_PERMANENTLY;
        if let Ok(v) = HeaderValue::from_str(&format!("{raw}/")) {
            res.headers_mut().insert(header::LOCATION, v);
        }
        return res;
    }
    not_found(&out, &key, head)
}

/// `out`, or the output served once `key` in it no longer waits for the
/// rest of a rebuild ([`Output::waits`]); `None` at `deadline`.
async fn settled(
    shared: &Shared,
    served: &mut watch::Receiver<()>,
    mut out: Arc<Output>,
    key: &str,
    deadline: tokio::time::Instant,
) -> Option<Arc<Output>> {
    while out.waits(key) {
        tokio::time::timeout_at(deadline, served.changed())
            .await
            .ok()?
            .ok()?;
        out = shared.current()?;
    }
    Some(out)
}

/// A request that waited [`WAIT_FOR_REBUILD`] for a rebuild still going.
fn still_rebuilding() -> Response {
    let mut res = plain(
        StatusCode::SERVICE_UNAVAILABLE,
        "the site is still being rebuilt; try again\n",
    );
    res.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    res
}

/// The not-found page for `key`: its language's (`en/404.html` under
/// `en/`), as hosts that look for the nearest one serve it (Cloudflare
/// Pages), else the site's.
fn not_found(out: &Output, key: &str, head: bool) -> Response {
    let own = key
        .split_once('/')
        .and_then(|(first, _)| out.file(&format!("{first}/404.html")));
    let page = own.or_else(|| out.file("404.html")).map(|b| b.to_vec()).unwrap_or_else(|| {
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

    fn get(shared: &Arc<Shared>, path: &'static str) -> impl Future<Output = String> + use<> {
        let shared = shared.clone();
        async move {
            let res = site(State(shared), Method::GET, Uri::from_static(path)).await;
            let body = axum::body::to_bytes(res.into_body(), usize::MAX)
                .await
                .unwrap();
            String::from_utf8_lossy(&body).replace(SCRIPT_TAG, "")
        }
    }

    #[test]
    fn pages_not_rendered_yet_wait_for_the_rest_of_the_rebuild() {
        let files = |pairs: &[(&str, &str)]| -> HashMap<String, Arc<Vec<u8>>> {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), Arc::new(v.as_bytes().to_vec())))
                .collect()
        };
        let before = Arc::new(Output {
            files: files(&[
                ("index.html", "old home"),
                ("stories/a/index.html", "old a"),
                ("stories/b/index.html", "old b"),
                ("static/style.css", "css"),
                ("lama.htm", "old redirect"),
                ("_redirects", "old rules"),
                ("404.html", "old not found"),
            ]),
            ..Output::default()
        });
        let shared = Arc::new(Shared::new(before.clone(), String::new()));
        // Shown with a page taken away, the not-found page goes out too.
        let first = files(&[("stories/a/index.html", "new a"), ("404.html", "Not found")]);
        let gone = HashSet::from(["stories/b/index.html".to_string()]);
        shared.serve(Arc::new(Output::first(
            first.into_iter().collect(),
            gone,
            before.clone(),
        )));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            // The page rendered first, and files that are there, at once.
            assert_eq!(get(&shared, "/stories/a/").await, "new a");
            assert_eq!(get(&shared, "/static/style.css").await, "css");
            // A page open in a tab that the edit took away is gone at once.
            assert!(get(&shared, "/stories/b/").await.contains("Not found"));
            // Another page, or a file not there yet, once the rest is out.
            let home = tokio::spawn(get(&shared, "/"));
            let photo = tokio::spawn(get(&shared, "/static/photos/b.jpg"));
            let redirect = tokio::spawn(get(&shared, "/lama.htm"));
            let rules = tokio::spawn(get(&shared, "/_redirects"));
            tokio::time::sleep(Duration::from_millis(50)).await;
            for waiting in [&home, &photo, &redirect, &rules] {
                assert!(!waiting.is_finished());
            }
            shared.serve(Arc::new(Output {
                files: files(&[
                    ("index.html", "new home"),
                    ("stories/a/index.html", "new a"),
                    ("static/photos/b.jpg", "photo"),
                    ("404.html", "new not found"),
                ]),
                ..Output::default()
            }));
            assert_eq!(home.await.unwrap(), "new home");
            assert_eq!(photo.await.unwrap(), "photo");
            // Gone with the rebuild: the new not-found page.
            assert_eq!(redirect.await.unwrap(), "new not found");
            assert_eq!(rules.await.unwrap(), "new not found");
        });
    }

    #[test]
    fn pages_asked_for_count_as_looked_at_the_latest_few() {
        let shared = Shared::new(Arc::new(Output::default()), String::new());
        shared.ask("static/style.css");
        shared.ask("stories/a/index.html");
        assert_eq!(
            shared.viewed(),
            HashSet::from(["stories/a/index.html".to_string()])
        );
        for i in 0..ASKED_PAGES + 3 {
            shared.ask(&format!("p{i}/index.html"));
        }
        shared.ask("p5/index.html");
        let viewed = shared.viewed();
        assert_eq!(viewed.len(), ASKED_PAGES);
        assert!(!viewed.contains("stories/a/index.html"));
        assert!(viewed.contains("p3/index.html") && viewed.contains("p10/index.html"));
    }

    #[test]
    fn injects_before_body_end() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>")).unwrap();
        assert!(out.ends_with(&format!("{SCRIPT_TAG}</body></html>")));
    }
}
