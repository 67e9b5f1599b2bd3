//! Where a link on a rendered page points: a file of the output (and an
//! `#anchor`), another site, or somewhere outside the site, resolved as a
//! browser resolves it.

/// Where a link points, as an output path, or why it is not checked.
pub enum Target {
    /// A file in the output, and the `#fragment` if any.
    Local(String, Option<String>),
    /// Another site (`https://…`).
    External,
    /// `mailto:`, `tel:`, `data:` and the like.
    Other,
    /// An absolute path outside the site's `base_url`.
    Outside,
}

pub fn target(page: &str, link: &str, base_path: &str) -> Target {
    target_on(page, link, "", base_path)
}

/// [`target`], with links to the site's own `base_url` (permalinks,
/// canonical and feed links) checked as local.
pub fn target_on(page: &str, link: &str, base_url: &str, base_path: &str) -> Target {
    let link = link.trim();
    if !base_url.is_empty()
        && link.len() >= base_url.len()
        && link.is_char_boundary(base_url.len())
        && link[..base_url.len()].eq_ignore_ascii_case(base_url)
    {
        let own = format!("{base_path}{}", &link[base_url.len()..]);
        return target(page, &own, base_path);
    }
    let lower = link.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || link.starts_with("//") {
        return Target::External;
    }
    if let Some(colon) = link.find(':') {
        let scheme = &link[..colon];
        if !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && !link[..colon].contains('/')
        {
            return Target::Other;
        }
    }
    let (path, frag) = match link.split_once('#') {
        Some((p, f)) => (p, Some(percent_decode(f))),
        None => (link, None),
    };
    let path = path.split('?').next().unwrap_or("");
    let path = percent_decode(path);
    let joined = if path.is_empty() {
        return Target::Local(page.to_string(), frag);
    } else if path.starts_with('/') {
        match path.strip_prefix(base_path) {
            Some(rest) => rest.to_string(),
            None if format!("{path}/") == base_path => String::new(),
            None => return Target::Outside,
        }
    } else {
        let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
        if dir.is_empty() {
            path.clone()
        } else {
            format!("{dir}/{path}")
        }
    };
    // Normalise `.` and `..`.
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Target::Outside;
                }
            }
            s => parts.push(s),
        }
    }
    let mut rel = parts.join("/");
    if joined.is_empty() || joined.ends_with('/') {
        if !rel.is_empty() {
            rel.push('/');
        }
        rel.push_str("index.html");
    }
    Target::Local(rel, frag)
}

fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(page: &str, link: &str, base: &str) -> Option<(String, Option<String>)> {
        match target(page, link, base) {
            Target::Local(r, f) => Some((r, f)),
            _ => None,
        }
    }

    #[test]
    fn links_resolve_like_a_browser() {
        let p = "stories/a/index.html";
        assert_eq!(
            rel(p, "/sub/tags/x/", "/sub/"),
            Some(("tags/x/index.html".into(), None))
        );
        assert_eq!(rel(p, "/sub/", "/sub/"), Some(("index.html".into(), None)));
        assert_eq!(rel(p, "/sub", "/sub/"), Some(("index.html".into(), None)));
        assert_eq!(
            rel(p, "foto%20a.jpg", "/"),
            Some(("stories/a/foto a.jpg".into(), None))
        );
        assert_eq!(
            rel(p, "../b/#x", "/"),
            Some(("stories/b/index.html".into(), Some("x".into())))
        );
        assert_eq!(
            rel(p, "#bagian", "/"),
            Some((p.into(), Some("bagian".into())))
        );
        assert_eq!(
            rel(p, "/search/?q=a", "/"),
            Some(("search/index.html".into(), None))
        );
        assert!(matches!(target(p, "/other/", "/sub/"), Target::Outside));
        assert!(matches!(target(p, "../../../x", "/"), Target::Outside));
        assert!(matches!(target(p, "HTTPS://x.org", "/"), Target::External));
        assert!(matches!(target(p, "mailto:a@b.c", "/"), Target::Other));
        assert!(matches!(
            target_on(p, "https://example.org/sub/tags/", "https://example.org/sub/", "/sub/"),
            Target::Local(r, None) if r == "tags/index.html"
        ));
    }
}
