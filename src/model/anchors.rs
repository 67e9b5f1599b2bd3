//! Checks over every rendered body at once: Markdown's own diagnostics, and
//! links to an `#anchor` that no heading of the target has. Kept apart from
//! the rest of the model so that the preview server, after an edit to one
//! story's text, redoes just these.

use std::collections::HashMap;
use std::sync::Arc;

use crate::error::Diagnostic;
use crate::load::Source;
use crate::markdown::Rendered;

/// Markdown's diagnostics of every body, and the broken `#anchor` links.
pub fn check<'a>(items: impl Iterator<Item = (&'a Source, &'a Arc<Rendered>)>) -> Vec<Diagnostic> {
    let items: Vec<(&Source, &Arc<Rendered>)> = items.collect();
    let ids: HashMap<&str, &Rendered> = items
        .iter()
        .map(|(src, r)| (src.content_path.as_str(), r.as_ref()))
        .collect();
    let mut diags = Vec::new();
    for &(src, r) in &items {
        diags.extend(r.diagnostics.iter().cloned());
        for a in &r.anchors {
            let Some(target) = ids.get(a.target.as_str()) else {
                continue;
            };
            let list = &target.heading_ids;
            if list.contains(&a.anchor) || target.ids.contains(&a.anchor) {
                continue;
            }
            let d = Diagnostic::error(format!(
                "link to a missing anchor `#{}` in `{}`",
                a.anchor, a.target
            ))
            .at_line(&src.path, &a.line_text, a.line, a.col);
            let candidates: Vec<&str> = list.iter().map(String::as_str).collect();
            diags.push(match crate::text::closest(&a.anchor, &candidates) {
                Some(c) => d.with_hint(format!("did you mean `#{c}`?")),
                None if candidates.is_empty() => d.with_hint("that file has no headings"),
                None => d.with_hint(format!(
                    "headings there: {}",
                    candidates
                        .iter()
                        .map(|c| format!("#{c}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            });
        }
    }
    diags
}
