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
    #[error("{spec}: {}", .problems.join("; "))]
    Problems { spec: String, problems: Vec<String> },
    /// Not OpenAPI 3.0.x (Swagger 2.0, OpenAPI 3.1, no version field).
    #[error("{spec}: unsupported OpenAPI version {found}: progenitor reads OpenAPI 3.0.x only")]
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
            Some(op) => write!(f, "operation {op}: {}", self.message),
            None => write!(f, "the document: {}", self.message),
        }
    }
}

/// One clause per distinct reason, naming the operations it stops:
/// `12 operations (getAIModel, deleteTask, ...): progenitor panicked: ...`.
struct FailedList<'a>(&'a [FailedOperation]);

impl fmt::Display for FailedList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut reasons: Vec<(&str, Vec<&str>)> = Vec::new();
        let mut whole_document = Vec::new();
        for failure in self.0 {
            match &failure.operation {
                None => whole_document.push(failure.message.as_str()),
                Some(op) => match reasons.iter_mut().find(|(m, _)| *m == failure.message) {
                    Some((_, ops)) => ops.push(op),
                    None => reasons.push((&failure.message, vec![op])),
                },
            }
        }
        let mut first = true;
        let mut clause = |f: &mut fmt::Formatter<'_>| {
            let sep = if first { "" } else { "; " };
            first = false;
            f.write_str(sep)
        };
        for message in whole_document {
            clause(f)?;
            write!(f, "the document: {message}")?;
        }
        for (message, ops) in reasons {
            clause(f)?;
            match ops.as_slice() {
                [one] => write!(f, "operation {one}: {message}")?,
                many => write!(
                    f,
                    "{} operations ({}): {message}",
                    many.len(),
                    many.join(", ")
                )?,
            }
        }
        Ok(())
    }
}
