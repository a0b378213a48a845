//! The report as text (terminal), markdown (a pull-request comment) or JSON.

use super::release::Release;
use super::{Change, Class, Report};

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

fn summary(report: &Report) -> String {
    let count = |class| report.changes.iter().filter(|c| c.class == class).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {} at run time, {}",
        plural(count(Class::Breaking), "breaking change"),
        plural(count(Class::BreakingAtRunTime), "breaking change"),
        plural(count(Class::Compatible), "compatible change")
    )
}

fn pointers(change: &Change) -> Vec<String> {
    change.spec.iter().map(|p| format!("#{p}")).collect()
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
            let spec = pointers(c);
            if !spec.is_empty() {
                out.push_str(&format!("    spec: {}\n", spec.join(", ")));
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
            "\n#### {}\n\n| where | change | for Rust consumers | spec |\n|---|---|---|---|\n",
            heading(class)
        ));
        for c in group {
            let spec: Vec<String> = pointers(c).iter().map(|p| format!("`{p}`")).collect();
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                cell(&c.subject),
                cell(&c.what),
                cell(&c.why),
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
