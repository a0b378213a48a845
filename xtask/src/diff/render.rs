//! The report as text (terminal), markdown (a pull-request comment) or JSON.

use super::{Change, Class};

pub fn text(changes: &[Change], title: &str) -> String {
    if changes.is_empty() {
        return format!("{title}: no API change\n");
    }
    let mut out = format!("{title}: {}\n", summary(changes));
    for class in [Class::Breaking, Class::Compatible] {
        let group: Vec<&Change> = changes.iter().filter(|c| c.class == class).collect();
        if group.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{}:\n", heading(class)));
        for c in group {
            out.push_str(&format!("  {}: {} ({})\n", c.subject, c.what, c.why));
        }
    }
    out
}

pub fn markdown(changes: &[Change], title: &str) -> String {
    let mut out = format!("### API changes: {title}\n\n");
    if changes.is_empty() {
        out.push_str("No API change: the generated crate's public API is unchanged.\n");
        return out;
    }
    out.push_str(&format!("**{}**\n", summary(changes)));
    for class in [Class::Breaking, Class::Compatible] {
        let group: Vec<&Change> = changes.iter().filter(|c| c.class == class).collect();
        if group.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n#### {}\n\n| where | change | for Rust consumers |\n|---|---|---|\n",
            heading(class)
        ));
        for c in group {
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                c.subject,
                markdown_text(&c.what),
                c.why
            ));
        }
    }
    out
}

pub fn json(changes: &[Change], title: &str) -> String {
    let breaking = changes.iter().any(|c| c.class == Class::Breaking);
    serde_json::to_string_pretty(&serde_json::json!({
        "title": title,
        "breaking": breaking,
        "changes": changes,
    }))
    .expect("the report serializes")
        + "\n"
}

fn heading(class: Class) -> &'static str {
    match class {
        Class::Breaking => "Breaking",
        Class::Compatible => "Compatible",
    }
}

fn summary(changes: &[Change]) -> String {
    let breaking = changes
        .iter()
        .filter(|c| c.class == Class::Breaking)
        .count();
    let compatible = changes.len() - breaking;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(breaking, "breaking change"),
        plural(compatible, "compatible change")
    )
}

/// Table-cell text: `|` escaped, and `<`/`>` too, so `Option<String>` is not
/// taken for an HTML tag.
fn markdown_text(text: &str) -> String {
    text.replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
