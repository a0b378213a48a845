//! One spec of a corpus, in a process of its own (`openapi-client-gen
//! corpus-one`, which the corpus runs for each): generated as it is, then,
//! when refused, with `--normalize`, then with `--skip-failing` too, and
//! what each attempt gave, as one JSON line. A process per spec, so that
//! a spec that aborts the process (a stack overflow) or never ends costs
//! that spec alone.

use std::path::Path;
use std::time::Instant;

use serde_json::{Value, json};

use super::reasons;

/// What became of one attempt.
fn attempt(text: &str, name: &str, normalize: bool, skip_failing: bool) -> Value {
    let settings = codegen::Settings::new(name)
        .normalize(normalize)
        .skip_failing(skip_failing);
    let started = Instant::now();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        codegen::Generator::new(settings).generate(text)
    }));
    let ms = started.elapsed().as_millis() as u64;
    match outcome {
        Ok(Ok(generated)) => {
            let printed: Vec<String> = generated
                .normalizations
                .iter()
                .map(|n| format!("normalized: {n}"))
                .chain(generated.skipped.iter().map(|s| format!("skipped: {s}")))
                .collect();
            let rules: Vec<String> = generated
                .normalizations
                .iter()
                .map(|n| reasons::rule_of(n))
                .collect();
            json!({
                "ok": true,
                "ms": ms,
                "left_out": generated.skipped.len(),
                "normalizations": generated.normalizations.len(),
                "rules": rules,
                "longest_line": printed.iter().map(|l| l.chars().count()).max().unwrap_or(0),
                "lines": generated.files().iter().map(|(_, t)| t.lines().count()).sum::<usize>(),
            })
        }
        Ok(Err(error)) => {
            let message = error.to_string();
            json!({
                "ok": false,
                "ms": ms,
                "reason": reasons::reason_of(&message),
                "problem": reasons::first_problem(&message).chars().take(300).collect::<String>(),
                "longest_line": message.lines().map(|l| l.chars().count()).max().unwrap_or(0),
            })
        }
        Err(_) => {
            json!({"ok": false, "ms": ms, "reason": "a panic escaped codegen", "panicked": true})
        }
    }
}

/// The spec's OpenAPI version family, read from its text: `3.0`, `3.1`,
/// `2.0`, or `?`.
pub(super) fn version(text: &str) -> &'static str {
    let head: String = text.chars().take(4096).collect();
    let compact: String = head.chars().filter(|c| !c.is_whitespace()).collect();
    for (marker, family) in [
        ("\"openapi\":\"3.1", "3.1"),
        ("openapi:3.1", "3.1"),
        ("openapi:'3.1", "3.1"),
        ("openapi:\"3.1", "3.1"),
        ("\"openapi\":\"3.0", "3.0"),
        ("openapi:3.0", "3.0"),
        ("openapi:'3.0", "3.0"),
        ("openapi:\"3.0", "3.0"),
        ("swagger", "2.0"),
    ] {
        if compact.contains(marker) {
            return family;
        }
    }
    "?"
}

/// The spec at `path`, run as the corpus runs it: one JSON line.
pub fn run(path: &Path) -> Value {
    let name = path.display().to_string();
    let text = match crate::generate::read_spec(path, &name) {
        Ok(text) => text,
        Err(error) => return json!({"spec": name, "unreadable": error.to_string()}),
    };
    let operations = codegen::Generator::new(codegen::Settings::new(&name).normalize(true))
        .document(&text)
        .map(|document| document.spec.operations().count())
        .ok();
    let mut result = json!({
        "spec": name,
        "version": version(&text),
        "bytes": text.len(),
        "operations": operations,
    });
    let plain = attempt(&text, &name, false, false);
    let plain_ok = plain["ok"] == true;
    result["plain"] = plain;
    if plain_ok {
        return result;
    }
    let normalized = attempt(&text, &name, true, false);
    let normalized_ok = normalized["ok"] == true;
    result["normalize"] = normalized;
    if normalized_ok {
        return result;
    }
    result["skip"] = attempt(&text, &name, true, true);
    result
}
