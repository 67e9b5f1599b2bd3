//! `cerita check --external`: links to other sites, asked over the network
//! with bounded concurrency and timeouts.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::error::Diagnostic;
use crate::options::ExternalOptions;

/// An external link and the pages it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalLink {
    pub url: String,
    pub pages: Vec<String>,
}

/// Asks for every link (a `HEAD`, then a `GET` when a server refuses
/// `HEAD`), at most `concurrency` at a time. A link is an error when the
/// page is gone (404, 410) or the server cannot be reached; a warning when
/// the answer is unclear (a timeout, 403, 429, 5xx: perhaps only today).
pub fn check_external(
    links: &[ExternalLink],
    opts: &ExternalOptions,
) -> Vec<Option<(Diagnostic, &'static str)>> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .http_status_as_error(false)
        .max_redirects(8)
        .user_agent(concat!("cerita-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<(Diagnostic, &'static str)>>> =
        Mutex::new(vec![None; links.len()]);
    std::thread::scope(|scope| {
        for _ in 0..opts.concurrency.clamp(1, 64).min(links.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(link) = links.get(i) else { break };
                    let url = link.url.split('#').next().unwrap_or(&link.url);
                    let r = ask(&agent, url, opts.timeout);
                    results
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)[i] = r;
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn ask(agent: &ureq::Agent, url: &str, timeout: Duration) -> Option<(Diagnostic, &'static str)> {
    let status = |r: Result<ureq::http::Response<ureq::Body>, ureq::Error>| {
        r.map(|resp| resp.status().as_u16())
    };
    let mut answer = status(agent.head(url).call());
    if matches!(answer, Ok(400 | 403 | 404 | 405 | 501)) {
        // Some servers answer HEAD wrongly; ask properly before blaming the link.
        answer = status(agent.get(url).call());
    }
    const GONE: &str = "the page is gone: find where it moved (or an archived copy at web.archive.org) and update the link, or remove it";
    const UNCLEAR: &str =
        "the other site may only be slow or busy today; open the link in a browser to see";
    match answer {
        Ok(code) if code < 400 => None,
        Ok(code @ (404 | 410)) => Some((
            Diagnostic::error(format!("external link `{url}` is broken (HTTP {code})")),
            GONE,
        )),
        Ok(code) => Some((
            Diagnostic::warning(format!("external link `{url}` answered HTTP {code}")),
            UNCLEAR,
        )),
        Err(ureq::Error::Timeout(_)) => Some((
            Diagnostic::warning(format!(
                "external link `{url}` did not answer within {} s",
                timeout.as_secs_f32()
            )),
            UNCLEAR,
        )),
        Err(e) => Some((
            Diagnostic::error(format!("external link `{url}` cannot be reached: {e}")),
            GONE,
        )),
    }
}
