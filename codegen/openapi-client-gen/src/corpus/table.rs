//! The corpus's table: for OpenAPI 3.0 and 3.1 apart, what generates as it
//! is, with `--normalize`, with `--skip-failing` too (and the operations it
//! left out), what was refused, aborted or ran out of time, the refusals
//! with a line over 1,000 characters, then why the specs were refused and
//! which rules of `--normalize` acted, each counted in documents.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

use serde_json::Value;

/// A spec's family: `3.0`, `3.1`, or `other` (Swagger 2.0, unreadable).
fn family(result: &Value) -> &str {
    match result["version"].as_str() {
        Some("3.0") => "3.0",
        Some("3.1") => "3.1",
        _ => "other",
    }
}

fn ok(attempt: &Value) -> bool {
    attempt["ok"] == true
}

/// Whether the generator, not the spec, failed: a panic that escaped, an
/// aborted process, a run out of time.
pub(super) fn generator_failed(result: &Value) -> bool {
    !result["crashed"].is_null()
        || !result["timed_out"].is_null()
        || ["plain", "normalize", "skip"]
            .iter()
            .any(|mode| result[*mode]["panicked"] == true)
}

/// The attempt the spec ended with.
fn last(result: &Value) -> &Value {
    for mode in ["skip", "normalize", "plain"] {
        if !result[mode].is_null() {
            return &result[mode];
        }
    }
    &Value::Null
}

#[derive(Default)]
struct Counts {
    documents: usize,
    plain: usize,
    normalize: usize,
    skip: usize,
    refused: usize,
    crashed: usize,
    timed_out: usize,
    long_lines: usize,
    skip_operations: usize,
    skip_left_out: usize,
    all_operations: usize,
    all_left_out: usize,
}

impl Counts {
    fn add(&mut self, result: &Value) {
        self.documents += 1;
        let operations = result["operations"].as_u64().unwrap_or(0) as usize;
        self.all_operations += operations;
        if !result["crashed"].is_null() {
            self.crashed += 1;
            return;
        }
        if !result["timed_out"].is_null() {
            self.timed_out += 1;
            return;
        }
        if ["plain", "normalize", "skip"]
            .iter()
            .any(|m| result[*m]["longest_line"].as_u64().unwrap_or(0) > 1000)
        {
            self.long_lines += 1;
        }
        if ok(&result["plain"]) {
            self.plain += 1;
        } else if ok(&result["normalize"]) {
            self.normalize += 1;
        } else if ok(&result["skip"]) {
            self.skip += 1;
            let left_out = result["skip"]["left_out"].as_u64().unwrap_or(0) as usize;
            self.skip_operations += operations;
            self.skip_left_out += left_out;
            self.all_left_out += left_out;
        } else {
            self.refused += 1;
            self.all_left_out += operations;
        }
    }
}

fn share(n: usize, of: usize) -> String {
    if of == 0 {
        "-".to_owned()
    } else {
        format!("{n} ({:.0}%)", n as f64 * 100.0 / of as f64)
    }
}

/// The table, then the reasons and the rules.
pub(super) fn render(results: &[Value], took: Duration) -> String {
    let mut by_family: BTreeMap<&str, Counts> = BTreeMap::new();
    for result in results {
        by_family.entry(family(result)).or_default().add(result);
    }
    let families: Vec<&str> = ["3.0", "3.1", "other"]
        .into_iter()
        .filter(|f| by_family.contains_key(f))
        .collect();
    let mut out = format!(
        "{} specs in {:.0} s\n\n| |{}|\n|---|{}|\n",
        results.len(),
        took.as_secs_f64(),
        families
            .iter()
            .map(|f| format!(" {f} "))
            .collect::<Vec<_>>()
            .join("|"),
        families
            .iter()
            .map(|_| "---:")
            .collect::<Vec<_>>()
            .join("|"),
    );
    let row = |out: &mut String, label: &str, cell: &dyn Fn(&Counts) -> String| {
        let cells: Vec<String> = families.iter().map(|f| cell(&by_family[f])).collect();
        let _ = writeln!(out, "| {label} | {} |", cells.join(" | "));
    };
    row(&mut out, "documents", &|c| c.documents.to_string());
    row(&mut out, "generate as they are", &|c| {
        share(c.plain, c.documents)
    });
    row(&mut out, "plain or `--normalize`", &|c| {
        share(c.plain + c.normalize, c.documents)
    });
    row(&mut out, "with `--skip-failing` too", &|c| {
        share(c.plain + c.normalize + c.skip, c.documents)
    });
    row(&mut out, "operations left out by `--skip-failing`", &|c| {
        format!(
            "{} of {} in those specs; {} of all",
            c.skip_left_out,
            c.skip_operations,
            share(c.all_left_out, c.all_operations)
        )
    });
    row(&mut out, "refused in every mode", &|c| {
        share(c.refused, c.documents)
    });
    row(&mut out, "aborted", &|c| c.crashed.to_string());
    row(&mut out, "out of time", &|c| c.timed_out.to_string());
    row(
        &mut out,
        "refusals with a line over 1,000 characters",
        &|c| c.long_lines.to_string(),
    );

    // Why: the reason of each spec's last refusal, per mode it stopped in.
    for (mode, title) in [
        ("plain", "why specs are refused as they are"),
        ("normalize", "why specs are refused with `--normalize`"),
        ("skip", "why specs are refused with `--skip-failing` too"),
    ] {
        let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
        for result in results {
            let attempt = &result[mode];
            if !attempt.is_null() && !ok(attempt) {
                *reasons
                    .entry(attempt["reason"].as_str().unwrap_or("?").to_owned())
                    .or_default() += 1;
            }
        }
        let mut reasons: Vec<(String, usize)> = reasons.into_iter().collect();
        reasons.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let _ = writeln!(out, "\n{title} (documents):");
        for (reason, n) in reasons.iter().take(25) {
            let _ = writeln!(out, "  {n:>5}  {reason}");
        }
        if reasons.len() > 25 {
            let rest: usize = reasons[25..].iter().map(|(_, n)| n).sum();
            let _ = writeln!(out, "  {rest:>5}  ({} other reasons)", reasons.len() - 25);
        }
    }
    // Which rules of `--normalize` acted, in the specs that generate with it.
    let mut rules: BTreeMap<String, usize> = BTreeMap::new();
    for result in results {
        let attempt = last(result);
        if ok(attempt) {
            let mut seen: Vec<&str> = attempt["rules"]
                .as_array()
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            seen.sort();
            seen.dedup();
            for rule in seen {
                *rules.entry(rule.to_owned()).or_default() += 1;
            }
        }
    }
    let _ = writeln!(
        out,
        "\nrules of `--normalize` that acted, in the specs that generate (documents):"
    );
    for (rule, n) in &rules {
        let _ = writeln!(out, "  {n:>5}  {rule}");
    }
    out
}
