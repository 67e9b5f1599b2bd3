//! `cerita serve --cms`: the preview server answers the local-backend API
//! Decap CMS speaks (the one `decap-server` serves: list a folder's
//! entries, read, write, delete, media), so the editor at `/admin/` edits
//! `content/` directly and each save reaches the open tabs like any edit.
//!
//! Guarded as a server that writes files must be: loopback only (checked
//! by the caller), a per-run token the admin page carries in the API's
//! address, requests from another origin or naming another host refused
//! (a page on another site in the same browser cannot write, nor can a
//! DNS-rebound name), JSON bodies only (a plain form cannot post one),
//! paths confined to `content/` and `static/` with the preview server's
//! traversal rules, symlinks not followed out, writes atomic, and a story
//! whose front matter the build would reject refused with the
//! diagnostic, the file on disk unchanged.

use std::hash::{BuildHasher, Hasher};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::cms::{Facts, decap};
use crate::load::{self, Source};

/// Where the API answers, under the preview's own prefix.
pub const API_PATH: &str = "/__cerita/cms/api/v1";

/// The API's state for one run.
#[derive(Debug)]
pub struct Cms {
    pub root: PathBuf,
    /// Put into the admin page; every request must carry it.
    pub token: String,
    /// `127.0.0.1:1111`: the origins and hosts requests may come from.
    pub port: u16,
}

impl Cms {
    pub fn new(root: &Path, port: u16) -> Cms {
        Cms {
            root: root.to_path_buf(),
            token: new_token(),
            port,
        }
    }

    /// The API's address with the token, as the admin page is given it.
    pub fn api_url(&self) -> String {
        format!("{API_PATH}?token={}", self.token)
    }
}

/// 128 random bits: the standard library's hasher keys come from the
/// operating system's random source, fresh for each `RandomState`.
fn new_token() -> String {
    let part = || {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default(),
        );
        h.finish()
    };
    format!("{:016x}{:016x}", part(), part())
}

fn reply(status: StatusCode, v: &Value) -> Response {
    (
        status,
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::CONTENT_TYPE, "application/json"),
        ],
        v.to_string(),
    )
        .into_response()
}

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    reply(status, &json!({ "error": message.into() }))
}

fn ok(v: Value) -> Response {
    reply(StatusCode::OK, &v)
}

/// Equal strings, compared in time independent of where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

impl Cms {
    fn local_names(&self) -> [String; 3] {
        [
            format!("127.0.0.1:{}", self.port),
            format!("localhost:{}", self.port),
            format!("[::1]:{}", self.port),
        ]
    }

    /// Why a request is refused before its body is read, if it is.
    pub fn refuse(&self, query: Option<&str>, headers: &HeaderMap) -> Option<Response> {
        let token = query
            .into_iter()
            .flat_map(|q| q.split('&'))
            .find_map(|kv| kv.strip_prefix("token="))
            .unwrap_or_default();
        if !same(token, &self.token) {
            return Some(error(
                StatusCode::FORBIDDEN,
                "missing or wrong token: open the editor from the address `cerita serve --cms` printed",
            ));
        }
        let header = |name: header::HeaderName| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let names = self.local_names();
        match header(header::HOST) {
            Some(h) if names.contains(&h) => {}
            _ => {
                return Some(error(
                    StatusCode::FORBIDDEN,
                    "requests must name this computer's preview address as their host",
                ));
            }
        }
        if let Some(origin) = header(header::ORIGIN) {
            let allowed = names.iter().any(|n| origin == format!("http://{n}"));
            if !allowed {
                return Some(error(
                    StatusCode::FORBIDDEN,
                    format!("requests from {origin} may not edit this site"),
                ));
            }
        }
        if header(header::HeaderName::from_static("sec-fetch-site"))
            .is_some_and(|s| s == "cross-site" || s == "same-site")
        {
            return Some(error(
                StatusCode::FORBIDDEN,
                "requests from other sites may not edit this site",
            ));
        }
        let json = header(header::CONTENT_TYPE).is_some_and(|c| {
            c.split(';')
                .next()
                .is_some_and(|t| t.trim() == "application/json")
        });
        if !json {
            return Some(error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "the editor's API takes JSON (Content-Type: application/json)",
            ));
        }
        None
    }

    /// Answers one API request (already let through [`Cms::refuse`]).
    pub fn answer(&self, body: &Bytes) -> Response {
        let req: Value = match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(e) => return error(StatusCode::BAD_REQUEST, format!("not JSON: {e}")),
        };
        let params = &req["params"];
        let result = match req["action"].as_str().unwrap_or_default() {
            "info" => Ok(json!({
                "repo": self.root.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default(),
                "publish_modes": ["simple"],
                "type": "local_fs",
            })),
            "entriesByFolder" => self.entries_by_folder(params),
            "entriesByFiles" => params["files"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|f| self.entry(f["path"].as_str().unwrap_or_default(), f.get("label")))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array),
            "getEntry" => self.entry(params["path"].as_str().unwrap_or_default(), None),
            "persistEntry" => self.persist_entry(params),
            "getMedia" => self.media_folder(params["mediaFolder"].as_str().unwrap_or_default()),
            "getMediaFile" => self.media_file(params["path"].as_str().unwrap_or_default()),
            "persistMedia" => self.persist_media(&params["asset"]),
            "deleteFile" => self
                .delete(params["path"].as_str().unwrap_or_default())
                .map(|p| json!({ "message": format!("deleted file {p}") })),
            "deleteFiles" => {
                let paths: Vec<&str> = params["paths"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                // Every path checked before any file is removed.
                match paths
                    .iter()
                    .map(|p| self.confine(p))
                    .collect::<Result<Vec<_>, _>>()
                {
                    Err(e) => Err(e),
                    Ok(_) => paths.iter().try_for_each(|p| self.delete(p).map(drop)).map(
                        |()| json!({ "message": format!("deleted files {}", paths.join(", ")) }),
                    ),
                }
            }
            "getDeployPreview" => Ok(Value::Null),
            other => Err((
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("unknown action `{other}`"),
            )),
        };
        match result {
            Ok(v) => ok(v),
            Err((status, message)) => error(status, message),
        }
    }

    /// A path the editor names (`content/stories/2021/a.md`), as a file
    /// under `content/` or `static/`, or why not.
    fn confine(&self, rel: &str) -> Result<PathBuf, (StatusCode, String)> {
        let refuse = |why: &str| Err((StatusCode::BAD_REQUEST, format!("`{rel}`: {why}")));
        if rel.is_empty() || rel.contains(['\0', '\\']) || rel.chars().any(char::is_control) {
            return refuse("not a path the editor may use");
        }
        let path = Path::new(rel);
        if !path.components().all(|c| matches!(c, Component::Normal(_))) {
            return refuse("only paths inside the site, without `..`, may be used");
        }
        let first = path
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().to_string());
        if !matches!(first.as_deref(), Some("content" | "static")) {
            return refuse("the editor may only change files under content/ and static/");
        }
        // No folder on the way may be a link leading elsewhere.
        let mut at = self.root.clone();
        for c in path.components() {
            at.push(c);
            match std::fs::symlink_metadata(&at) {
                Ok(m) if m.file_type().is_symlink() => {
                    return refuse(
                        "a symbolic link is on the way; the editor does not follow links",
                    );
                }
                _ => {}
            }
        }
        Ok(self.root.join(path))
    }

    fn entries_by_folder(&self, params: &Value) -> Result<Value, (StatusCode, String)> {
        let folder = params["folder"]
            .as_str()
            .unwrap_or_default()
            .trim_end_matches('/');
        let ext = params["extension"].as_str().unwrap_or("md");
        let depth = params["depth"].as_u64().unwrap_or(1).clamp(1, 16) as usize;
        let dir = self.confine(folder)?;
        let mut files: Vec<String> = walkdir::WalkDir::new(&dir)
            .max_depth(depth)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter(|e| e.file_name().to_string_lossy().ends_with(ext))
            .filter_map(|e| e.path().strip_prefix(&self.root).ok().map(slash))
            .collect();
        files.sort();
        files
            .iter()
            .map(|f| self.entry(f, None))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array)
    }

    /// One entry as the editor expects it; a file that does not exist has
    /// `data: null`, as decap-server answers.
    fn entry(&self, rel: &str, label: Option<&Value>) -> Result<Value, (StatusCode, String)> {
        let data = std::fs::read(self.confine(rel)?).ok();
        Ok(json!({
            "data": data.as_ref().map(|d| String::from_utf8_lossy(d).to_string()),
            "file": {
                "path": rel,
                "label": label.cloned().unwrap_or(Value::Null),
                "id": data.as_ref().map(|d| format!("{:032x}", xxhash_rust::xxh3::xxh3_128(d))),
            }
        }))
    }

    fn persist_entry(&self, params: &Value) -> Result<Value, (StatusCode, String)> {
        let files: Vec<&Value> = match params["dataFiles"].as_array() {
            Some(list) => list.iter().collect(),
            None => vec![&params["entry"]],
        };
        // Everything checked before anything is written.
        let mut writes = Vec::new();
        for f in &files {
            let rel = f["path"].as_str().unwrap_or_default();
            let raw = f["raw"]
                .as_str()
                .ok_or((StatusCode::BAD_REQUEST, format!("`{rel}`: no text to save")))?;
            let path = self.confine(rel)?;
            validate(rel, raw)?;
            writes.push((path, raw.as_bytes().to_vec()));
            if let Some(new) = f["newPath"].as_str() {
                self.confine(new)?;
                validate(new, raw)?;
            }
        }
        let mut assets = Vec::new();
        for a in params["assets"].as_array().into_iter().flatten() {
            assets.push(self.asset(a)?);
        }
        for (path, bytes) in writes.into_iter().chain(assets) {
            write(&path, &bytes)?;
        }
        for f in &files {
            if let (Some(old), Some(new)) = (f["path"].as_str(), f["newPath"].as_str()) {
                let (from, to) = (self.confine(old)?, self.confine(new)?);
                if let Some(parent) = to.parent() {
                    std::fs::create_dir_all(parent).map_err(io(new))?;
                }
                std::fs::rename(&from, &to).map_err(io(new))?;
            }
        }
        Ok(json!({ "message": "entry persisted" }))
    }

    fn asset(&self, a: &Value) -> Result<(PathBuf, Vec<u8>), (StatusCode, String)> {
        use base64::Engine;
        let rel = a["path"].as_str().unwrap_or_default();
        let path = self.confine(rel)?;
        let content = a["content"].as_str().unwrap_or_default();
        let bytes = match a["encoding"].as_str() {
            Some("base64") => base64::engine::general_purpose::STANDARD
                .decode(content)
                .map_err(|e| (StatusCode::BAD_REQUEST, format!("`{rel}`: not base64: {e}")))?,
            _ => content.as_bytes().to_vec(),
        };
        if rel.ends_with(".md") {
            validate(rel, &String::from_utf8_lossy(&bytes))?;
        }
        Ok((path, bytes))
    }

    fn persist_media(&self, asset: &Value) -> Result<Value, (StatusCode, String)> {
        let (path, bytes) = self.asset(asset)?;
        write(&path, &bytes)?;
        self.media_file(asset["path"].as_str().unwrap_or_default())
    }

    fn media_file(&self, rel: &str) -> Result<Value, (StatusCode, String)> {
        use base64::Engine;
        let path = self.confine(rel)?;
        let bytes = std::fs::read(&path).map_err(io(rel))?;
        Ok(json!({
            "id": format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&bytes)),
            "content": base64::engine::general_purpose::STANDARD.encode(&bytes),
            "encoding": "base64",
            "path": rel,
            "name": path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default(),
        }))
    }

    fn media_folder(&self, rel: &str) -> Result<Value, (StatusCode, String)> {
        let dir = self.confine(rel.trim_end_matches('/'))?;
        let Ok(read) = std::fs::read_dir(&dir) else {
            return Ok(Value::Array(Vec::new()));
        };
        let mut names: Vec<String> = read
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| e.path().strip_prefix(&self.root).ok().map(slash))
            .collect();
        names.sort();
        names
            .iter()
            .map(|n| self.media_file(n))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array)
    }

    fn delete(&self, rel: &str) -> Result<String, (StatusCode, String)> {
        let path = self.confine(rel)?;
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(rel.to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(rel.to_string()),
            Err(e) => Err(io(rel)(e)),
        }
    }
}

fn slash(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn io(rel: &str) -> impl Fn(std::io::Error) -> (StatusCode, String) + '_ {
    move |e| (StatusCode::INTERNAL_SERVER_ERROR, format!("`{rel}`: {e}"))
}

/// Written through a temporary file beside it: the preview (and the
/// writer) sees the old file or the whole new one.
fn write(path: &Path, bytes: &[u8]) -> Result<(), (StatusCode, String)> {
    crate::fs::write_atomic(path, bytes)
        .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
}

/// A Markdown file under `content/` must have front matter the build
/// accepts; the refusal carries the build's own diagnostics.
fn validate(rel: &str, raw: &str) -> Result<(), (StatusCode, String)> {
    let Some(content_path) = rel.strip_prefix("content/") else {
        return Ok(());
    };
    let Some(kind) = load::kind_of(content_path).filter(|_| rel.ends_with(".md")) else {
        return Ok(());
    };
    let text = match load::decode(Path::new(rel), raw.as_bytes().to_vec()) {
        Ok(t) => t,
        Err(d) => return Err((StatusCode::UNPROCESSABLE_ENTITY, d.to_string())),
    };
    let src = Source {
        kind,
        path: PathBuf::from(rel),
        content_path: content_path.to_string(),
        text,
        hash: 0,
    };
    let parsed = crate::frontmatter::parse(&src);
    let errors: Vec<String> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err((
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "not saved, the build would refuse it:\n{}",
                errors.join("\n")
            ),
        ))
    }
}

/// The admin page and its settings for the editor that saves through this
/// server: Decap CMS, each file of the site its own entry (Decap cannot
/// pair `x.md` with `x.en.md`).
pub fn admin(cms: &Arc<Cms>, want: &str) -> Option<(&'static str, Vec<u8>)> {
    let facts = Facts::read(&cms.root).ok()?;
    match want {
        "admin/index.html" => Some((
            "text/html; charset=utf-8",
            decap::local_admin_page(&facts, &cms.api_url()).into_bytes(),
        )),
        "admin/config.yml" => Some((
            "text/yaml; charset=utf-8",
            decap::local_config(&facts).into_bytes(),
        )),
        _ => None,
    }
}
