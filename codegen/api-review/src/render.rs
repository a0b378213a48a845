//! The report as text (terminal), markdown (a pull-request comment) or JSON.

use crate::release::Release;
use crate::{Change, Class, Report, Source};

const CLASSES: [Class; 3] = [Class::Breaking, Class::BreakingAtRunTime, Class::Compatible];

fn heading(class: Class) -> &'static str {
    match class {
        Class::Breaking => "Breaking: code that compiled no longer compiles",
        Class::BreakingAtRunTime => {
            "Breaking at run time: code compiles, but calls that worked can fail"
        }
        Class::Compatible => "Compatible",
    }
}

/// Said of a change that old releases fail on (see
/// [`Change::old_releases_fail`]).
const OLD_RELEASES: &str = "old releases can fail once the server follows the new spec";

fn summary(report: &Report) -> String {
    let count = |class| report.changes.iter().filter(|c| c.class == class).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let old_releases = report
        .changes
        .iter()
        .filter(|c| c.old_releases_fail)
        .count();
    let mut out = format!(
        "{}, {} at run time, {}",
        plural(count(Class::Breaking), "breaking change"),
        plural(count(Class::BreakingAtRunTime), "breaking change"),
        plural(count(Class::Compatible), "compatible change")
    );
    if old_releases > 0 {
        out.push_str(&format!(
            "; old releases can fail on {} once the server follows the new spec",
            if old_releases == 1 {
                "1 of them".to_owned()
            } else {
                format!("{old_releases} of them")
            }
        ));
    }
    out
}

fn pointers(change: &Change) -> Vec<String> {
    change.pointers().iter().map(|p| format!("#{p}")).collect()
}

/// Where a change came from, in words: `spec: #/a/b`, `generator:
/// Cargo.lock: progenitor 0.15.0 → 0.15.1`, `hand-written: src/lib.rs`.
pub fn source(change: &Change) -> String {
    match &change.source {
        Source::Spec { pointers: p } if p.is_empty() => "spec".to_owned(),
        Source::Spec { .. } => format!("spec: {}", pointers(change).join(", ")),
        Source::Generator { inputs } if inputs.is_empty() => {
            "generator: the checked-in generated code at the base is not what the generator makes of its spec (stale, or edited by hand)".to_owned()
        }
        Source::Generator { inputs } => format!("generator: {}", inputs.join(", ")),
        Source::HandWritten { files } => {
            let files: Vec<String> = files.iter().map(|f| format!("generated-client/{f}")).collect();
            format!("hand-written: {}", files.join(", "))
        }
    }
}

pub fn text(report: &Report, title: &str, release: Option<&Release>) -> String {
    let mut out = if report.changes.is_empty() {
        format!("{title}: no API change\n")
    } else {
        format!("{title}: {}\n", summary(report))
    };
    if let Some(release) = release {
        out.push_str(&format!("Version: {}\n", release.summary()));
    }
    for class in CLASSES {
        let group: Vec<&Change> = report.changes.iter().filter(|c| c.class == class).collect();
        if group.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{}:\n", heading(class)));
        for c in group {
            out.push_str(&format!("  {}: {} ({})\n", c.subject, c.what, c.why));
            if c.old_releases_fail {
                out.push_str(&format!("    {OLD_RELEASES}\n"));
            }
            if c.source
                != (Source::Spec {
                    pointers: Vec::new(),
                })
            {
                out.push_str(&format!("    {}\n", source(c)));
            }
        }
    }
    if !report.without_effect.is_empty() {
        out.push_str("\nSpec changes that change nothing in the generated API:\n");
        for p in &report.without_effect {
            out.push_str(&format!("  #{p}\n"));
        }
    }
    out
}

pub fn markdown(report: &Report, title: &str, release: Option<&Release>) -> String {
    let mut out = format!("### API changes: {title}\n\n");
    if report.changes.is_empty() {
        out.push_str("No API change: the generated crate's public API is unchanged.\n");
    } else {
        out.push_str(&format!("**{}**\n", summary(report)));
    }
    if let Some(release) = release {
        out.push_str(&format!("\n**Version**: {}\n", release.summary()));
    }
    for class in CLASSES {
        let group: Vec<&Change> = report.changes.iter().filter(|c| c.class == class).collect();
        if group.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n#### {}\n\n| where | change | for Rust consumers | from |\n|---|---|---|---|\n",
            heading(class)
        ));
        for c in group {
            let spec: Vec<String> = match &c.source {
                Source::Spec { .. } => pointers(c).iter().map(|p| format!("`{p}`")).collect(),
                _ => vec![cell(&source(c))],
            };
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                cell(&c.subject),
                cell(&c.what),
                if c.old_releases_fail {
                    format!("{}<br>**{OLD_RELEASES}**", cell(&c.why))
                } else {
                    cell(&c.why)
                },
                spec.join("<br>")
            ));
        }
    }
    if !report.without_effect.is_empty() {
        out.push_str("\n#### Spec changes that change nothing in the generated API\n\n");
        for p in &report.without_effect {
            out.push_str(&format!("- `#{p}`\n"));
        }
    }
    out
}

pub fn json(report: &Report, title: &str, release: Option<&Release>) -> String {
    serde_json::to_string_pretty(&serde_json::json!({
        "title": title,
        "breaking": report.is_breaking(),
        "version": release.map(|r| serde_json::json!({
            "current": r.current.to_string(),
            "next": r.next.to_string(),
            "bump": r.bump.to_string(),
            "reason": r.reason,
        })),
        "changes": report.changes,
        "spec_changes_without_effect": report.without_effect,
    }))
    .expect("the report serializes")
        + "\n"
}

/// Table-cell text: `|` escaped, and `<`/`>` too, so `Option<String>` is not
/// taken for an HTML tag.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
