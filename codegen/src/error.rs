use std::fmt;

/// Everything that can stop generation. Each variant's message starts with
/// the spec's name, ready to print to a terminal: one line, or, for
/// several problems, a line that counts them and one indented line each.
#[derive(Debug, thiserror::Error)]
pub enum CodegenError {
    /// The text is not YAML/JSON, or not an OpenAPI document of the shape
    /// openapiv3 expects.
    #[error("{spec}:{line}:{column}: {message}")]
    Syntax {
        spec: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// A syntax error for which the parser gave no position.
    #[error("{spec}: {message}")]
    Invalid { spec: String, message: String },
    /// The document is OpenAPI, but wrong in ways progenitor would report
    /// badly or not at all (see `check`): every problem, each with its place.
    #[error("{spec}: {}", Cut(.problems))]
    Problems { spec: String, problems: Vec<String> },
    /// Neither OpenAPI 3.0.x nor 3.1.x (Swagger 2.0, OpenAPI 3.2, no
    /// version field).
    #[error(
        "{spec}: unsupported OpenAPI version {found}: progenitor reads OpenAPI 3.0.x (and 3.1.x here, read as 3.0)"
    )]
    UnsupportedVersion { spec: String, found: String },
    /// progenitor returned an error, or panicked, on these operations.
    #[error("{spec}: progenitor cannot generate {}", FailedList(.failures))]
    Generator {
        spec: String,
        failures: Vec<FailedOperation>,
    },
    /// One of our spec extensions (`x-enum-varnames`) is used wrongly.
    #[error("{spec}: {location}: {message}")]
    Extension {
        spec: String,
        location: String,
        message: String,
    },
    /// progenitor produced tokens that are not a Rust file: a generator bug.
    #[error("{spec}: the generated code does not parse as Rust: {message}")]
    Unparsable { spec: String, message: String },
}

/// Where generation failed: an operation (by operationId, or method and path
/// when it has none) or, when no single operation is to blame, the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedOperation {
    pub operation: Option<String>,
    pub message: String,
}

impl fmt::Display for FailedOperation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.operation {
            Some(op) => write!(f, "operation {op}: {}", short(&self.message)),
            None => write!(f, "the document: {}", short(&self.message)),
        }
    }
}

/// The longest message of one problem, in characters: progenitor's panics
/// may carry pages of its internal `Debug` output (a whole `MediaType` with
/// its examples), which tell a reader nothing the place does not.
const MESSAGE_CHARS: usize = 300;

/// The most problems or failures listed; the rest are counted.
const LISTED: usize = 20;

/// The characters a list of names may take in one line (see [`listed`]).
const LIST_CHARS: usize = 160;

/// `names` joined with `, `, at most [`LISTED`] of them and as far as fits
/// in [`LIST_CHARS`] (one at least), then `and N more`: a list of long
/// operation ids or of a large enum's values stays within a line.
pub(crate) fn listed<S: AsRef<str>>(names: &[S]) -> String {
    let mut text = String::new();
    for (i, name) in names.iter().enumerate() {
        let name = name.as_ref();
        if i > 0 && (i == LISTED || text.chars().count() + 2 + name.chars().count() > LIST_CHARS) {
            return format!("{text}, and {} more", names.len() - i);
        }
        if i > 0 {
            text.push_str(", ");
        }
        text.push_str(name);
    }
    text
}

/// `message` on one line, cut at [`MESSAGE_CHARS`] with `…`.
pub(crate) fn short(message: &str) -> String {
    let one_line = message.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(MESSAGE_CHARS) {
        Some((at, _)) => format!("{}…", &one_line[..at]),
        None => one_line,
    }
}

/// The checks' problems, each cut short: one inline, several one per
/// line (indented under the first line, which counts them), the first
/// [`LISTED`] of them and a count of the rest.
struct Cut<'a>(&'a [String]);

impl fmt::Display for Cut<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.0.iter().map(|p| short(p)).collect();
        one_per_line(f, &format!("{} problems", lines.len()), &lines)
    }
}

/// `lines` as they are when there is one; else `heading:`, then each of the
/// first [`LISTED`] on a line of its own, indented, and a count of the
/// rest: a reader sees every problem at a glance, none longer than
/// [`MESSAGE_CHARS`].
fn one_per_line(f: &mut fmt::Formatter<'_>, heading: &str, lines: &[String]) -> fmt::Result {
    if let [one] = lines {
        return f.write_str(one);
    }
    f.write_str(heading)?;
    f.write_str(":")?;
    for line in lines.iter().take(LISTED) {
        write!(f, "\n  {line}")?;
    }
    if lines.len() > LISTED {
        write!(f, "\n  and {} more", lines.len() - LISTED)?;
    }
    Ok(())
}

/// One clause per distinct reason, naming the operations it stops
/// (`12 operations (getAIModel, deleteTask, ...): progenitor panicked:
/// ...`), one per line when there are several (see [`one_per_line`]).
struct FailedList<'a>(&'a [FailedOperation]);

impl fmt::Display for FailedList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut reasons: Vec<(String, Vec<&str>)> = Vec::new();
        let mut clauses = Vec::new();
        for failure in self.0 {
            let message = short(&failure.message);
            match &failure.operation {
                None => clauses.push(format!("the document: {message}")),
                Some(op) => match reasons.iter_mut().find(|(m, _)| *m == message) {
                    Some((_, ops)) => ops.push(op),
                    None => reasons.push((message, vec![op])),
                },
            }
        }
        for (message, ops) in &reasons {
            clauses.push(match ops.as_slice() {
                [one] => format!("operation {one}: {message}"),
                many => format!("{} operations ({}): {message}", many.len(), listed(many)),
            });
        }
        let operations: usize = reasons.iter().map(|(_, ops)| ops.len()).sum();
        let heading = match operations {
            0 => format!("{} reasons", clauses.len()),
            1 => "1 operation, for these reasons".to_owned(),
            n => format!("{n} operations, for {} reasons", clauses.len()),
        };
        one_per_line(f, &heading, &clauses)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_message_is_cut_and_a_long_list_counted() {
        let pages = format!("not yet implemented: MediaType {{ {} }}", "x ".repeat(5000));
        let failures: Vec<FailedOperation> = (0..25)
            .map(|i| FailedOperation {
                operation: Some(format!("op{i}")),
                message: format!("case {i}: {pages}"),
            })
            .collect();
        let text = CodegenError::Generator {
            spec: "s.yaml".into(),
            failures,
        }
        .to_string();
        // One line per reason, none long, under a line that counts them.
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "s.yaml: progenitor cannot generate 25 operations, for 25 reasons:"
        );
        assert_eq!(lines.len(), 1 + 20 + 1, "{text}");
        assert!(lines.iter().all(|l| l.chars().count() < 350), "{text}");
        assert!(
            lines[1].starts_with("  operation op0: case 0: not yet implemented: MediaType { x x"),
            "{text}"
        );
        assert!(lines[1].ends_with('…'));
        assert_eq!(lines[21], "  and 5 more");
        // Messages alike once cut are one reason, its operations listed.
        let alike: Vec<FailedOperation> = (0..25)
            .map(|i| FailedOperation {
                operation: Some(format!("op{i}")),
                message: format!("{pages} {i}"),
            })
            .collect();
        let text = CodegenError::Generator {
            spec: "s.yaml".into(),
            failures: alike,
        }
        .to_string();
        assert!(text.contains("25 operations (op0, op1, "), "{text}");
        assert!(
            text.contains("op19, and 5 more): not yet implemented"),
            "{text}"
        );
        // Long names: as many as fit in a line.
        let long: Vec<FailedOperation> = (0..21)
            .map(|i| FailedOperation {
                operation: Some(format!("DataAndJobHandling_DataConnectorCredentials{i}")),
                message: "not yet implemented: a construct".into(),
            })
            .collect();
        let text = CodegenError::Generator {
            spec: "s.yaml".into(),
            failures: long,
        }
        .to_string();
        assert!(text.chars().count() < 250, "{text}");
        assert!(
            text.contains("Credentials2, and 18 more): not yet implemented"),
            "{text}"
        );

        let problems: Vec<String> = (0..23).map(|i| format!("#/paths/{i}: a problem")).collect();
        let text = CodegenError::Problems {
            spec: "s.yaml".into(),
            problems,
        }
        .to_string();
        assert!(
            text.starts_with(
                "s.yaml: 23 problems:\n  #/paths/0: a problem\n  #/paths/1: a problem\n"
            ),
            "{text}"
        );
        assert!(
            text.ends_with("\n  #/paths/19: a problem\n  and 3 more"),
            "{text}"
        );
        // One problem stays on the first line.
        let one = CodegenError::Problems {
            spec: "s.yaml".into(),
            problems: vec!["#/paths: a problem".into()],
        };
        assert_eq!(one.to_string(), "s.yaml: #/paths: a problem");
    }
}
