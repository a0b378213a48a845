use std::fmt;

/// Everything that can stop generation. Each variant's message starts with
/// the spec's name and is one line, ready to print to a terminal.
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

/// `message` on one line, cut at [`MESSAGE_CHARS`] with `…`.
pub(crate) fn short(message: &str) -> String {
    let one_line = message.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(MESSAGE_CHARS) {
        Some((at, _)) => format!("{}…", &one_line[..at]),
        None => one_line,
    }
}

/// The checks' problems, each cut short, the first [`LISTED`] of them and
/// a count of the rest.
struct Cut<'a>(&'a [String]);

impl fmt::Display for Cut<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.0.iter().take(LISTED).enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            f.write_str(&short(problem))?;
        }
        if self.0.len() > LISTED {
            write!(f, "; and {} more", self.0.len() - LISTED)?;
        }
        Ok(())
    }
}

/// One clause per distinct reason, naming the operations it stops:
/// `12 operations (getAIModel, deleteTask, ...): progenitor panicked: ...`.
struct FailedList<'a>(&'a [FailedOperation]);

impl fmt::Display for FailedList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut reasons: Vec<(String, Vec<&str>)> = Vec::new();
        let mut whole_document = Vec::new();
        for failure in self.0 {
            let message = short(&failure.message);
            match &failure.operation {
                None => whole_document.push(message),
                Some(op) => match reasons.iter_mut().find(|(m, _)| *m == message) {
                    Some((_, ops)) => ops.push(op),
                    None => reasons.push((message, vec![op])),
                },
            }
        }
        let mut first = true;
        let mut clause = |f: &mut fmt::Formatter<'_>| {
            let sep = if first { "" } else { "; " };
            first = false;
            f.write_str(sep)
        };
        for message in &whole_document {
            clause(f)?;
            write!(f, "the document: {message}")?;
        }
        let clauses = whole_document.len() + reasons.len();
        for (message, ops) in reasons
            .iter()
            .take(LISTED.saturating_sub(whole_document.len()))
        {
            clause(f)?;
            match ops.as_slice() {
                [one] => write!(f, "operation {one}: {message}")?,
                many if many.len() > LISTED => write!(
                    f,
                    "{} operations ({}, and {} more): {message}",
                    many.len(),
                    many[..LISTED].join(", "),
                    many.len() - LISTED
                )?,
                many => write!(
                    f,
                    "{} operations ({}): {message}",
                    many.len(),
                    many.join(", ")
                )?,
            }
        }
        if clauses > LISTED {
            write!(f, "; and {} more reasons", clauses - LISTED)?;
        }
        Ok(())
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
        assert!(!text.contains('\n'));
        assert!(text.len() < 20 * 400, "{} characters", text.len());
        assert!(
            text.contains("operation op0: case 0: not yet implemented: MediaType { x x"),
            "{text}"
        );
        assert!(text.contains('…'));
        assert!(text.ends_with("; and 5 more reasons"), "{text}");
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

        let problems: Vec<String> = (0..23).map(|i| format!("#/paths/{i}: a problem")).collect();
        let text = CodegenError::Problems {
            spec: "s.yaml".into(),
            problems,
        }
        .to_string();
        assert!(text.starts_with("s.yaml: #/paths/0: a problem; #/paths/1: a problem"));
        assert!(
            text.ends_with("#/paths/19: a problem; and 3 more"),
            "{text}"
        );
    }
}
