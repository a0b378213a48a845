//! The decisions file: each difference between our spec and QuantCDN's
//! published one that we keep on purpose, keyed by the JSON pointer of its
//! place in openapi/tokens.yaml, with a one-line reason. The guide shows
//! them (docs/maintaining.md, a section this module writes).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Difference;

/// One decided place: why ours differs there, and the differences the
/// decision covers, each as `subject: what` in the review's words (a new
/// difference at the same place is not covered).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub why: String,
    pub covers: Vec<String>,
}

/// Pointer → decision, from the file's text (named `name` in messages).
pub fn read(text: &str, name: &str) -> Result<BTreeMap<String, Decision>, String> {
    let decisions: BTreeMap<String, Decision> = toml::from_str(text).map_err(|e| {
        let message = e.message().to_owned();
        match e.span() {
            Some(span) => {
                let line = text[..span.start].matches('\n').count() + 1;
                format!("{name}:{line}: {message}")
            }
            None => format!("{name}: {message}"),
        }
    })?;
    for (pointer, decision) in &decisions {
        if !pointer.starts_with('/') && !pointer.starts_with(super::UPSTREAM_ONLY) {
            return Err(format!(
                "{name}: {pointer:?} is not a JSON pointer (it starts with `/`, or `{}` for a place only QuantCDN's spec has)",
                super::UPSTREAM_ONLY
            ));
        }
        if decision.why.trim().is_empty() || decision.why.contains('\n') {
            return Err(format!(
                "{name}: the reason (`why`) for {pointer} must be one line of text"
            ));
        }
        if decision.covers.is_empty() {
            return Err(format!(
                "{name}: the decision for {pointer} covers no difference"
            ));
        }
    }
    Ok(decisions)
}

/// New differences as the entries that would decide them, grouped by
/// place, for the maintainer to give each a reason (or to change the spec).
pub fn entries(new: &[Difference]) -> String {
    let mut places: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for d in new {
        places.entry(&d.pointer).or_default().push(d.line());
    }
    let quoted = |s: &str| toml::Value::String(s.to_owned()).to_string();
    let mut out = String::new();
    for (pointer, lines) in places {
        out.push_str(&format!(
            "[{}]\nwhy = \"TODO: why ours differs, in one line\"\ncovers = [\n",
            quoted(pointer)
        ));
        for line in lines {
            out.push_str(&format!("    {},\n", quoted(&line)));
        }
        out.push_str("]\n\n");
    }
    out
}

/// Where the guide's section starts and ends.
pub const GUIDE_START: &str =
    "<!-- upstream-decisions: written by `cargo xtask upstream --write-guide`; do not edit -->";
pub const GUIDE_END: &str = "<!-- /upstream-decisions -->";

/// The guide's section: one row per decided place, with its differences
/// and the reason.
pub fn guide_section(decided: &[(Difference, String)], version: &str) -> String {
    let mut rows: BTreeMap<&str, (Vec<String>, &str)> = BTreeMap::new();
    for (difference, reason) in decided {
        let row = rows
            .entry(&difference.pointer)
            .or_insert_with(|| (Vec::new(), reason));
        row.0.push(difference.line());
    }
    let cell = |s: &str| {
        s.replace('|', "\\|")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut out = format!(
        "{GUIDE_START}\n| In openapi/tokens.yaml | QuantCDN {version} → ours | Why |\n|---|---|---|\n"
    );
    for (pointer, (whats, reason)) in rows {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            pointer,
            cell(&whats.join("; ")),
            cell(reason)
        ));
    }
    out.push_str(GUIDE_END);
    out
}

/// The guide's text with its section replaced; `None` when the guide has
/// no section markers.
pub fn with_section(guide: &str, section: &str) -> Option<String> {
    let start = guide.find(GUIDE_START)?;
    let end = guide[start..].find(GUIDE_END)? + start + GUIDE_END.len();
    Some(format!("{}{section}{}", &guide[..start], &guide[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_decisions_file_is_refused_in_one_line_naming_the_file_and_line() {
        let broken = "[\"/a\"]\nwhy = \"x\"\ncovers = [\"y\"]\n\n[\"/b\"]\nwhy = 3\n";
        let error = read(broken, "decisions.toml").unwrap_err();
        assert!(error.starts_with("decisions.toml:6: "), "{error}");
        assert!(!error.contains('\n'), "{error}");
        let not_a_pointer = "[\"a/b\"]\nwhy = \"x\"\ncovers = [\"y\"]\n";
        let error = read(not_a_pointer, "decisions.toml").unwrap_err();
        assert!(error.contains("\"a/b\" is not a JSON pointer"), "{error}");
        let covers_nothing = "[\"/a\"]\nwhy = \"x\"\ncovers = []\n";
        let error = read(covers_nothing, "decisions.toml").unwrap_err();
        assert_eq!(
            error,
            "decisions.toml: the decision for /a covers no difference"
        );
        let two_lines = "[\"/a\"]\nwhy = \"x\\ny\"\ncovers = [\"y\"]\n";
        assert!(read(two_lines, "d").unwrap_err().contains("one line"));
    }
}
