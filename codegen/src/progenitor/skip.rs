//! Leaving out the operations progenitor cannot generate, when asked
//! (`Settings::skip_failing`, `--skip-failing`).
//!
//! In: the spec progenitor failed on and the failures `blame` found. Out:
//! the spec without the operations blamed, so that `generate` can try
//! again; or nothing changed when a failure is not an operation's (the
//! document's own, or a combination of operations that pass alone), which
//! leaving operations out cannot mend. Why: a person who needs most of an
//! API gets a client of what can be generated, and is told, in the command's
//! output and in every generated file's header, what is missing and why;
//! nothing is left out silently, and without the flag nothing changes.

use std::fmt;

use openapiv3::{OpenAPI, ReferenceOr};

use crate::FailedOperation;
use crate::spec::OperationsMut;
use crate::spec::walk::{operation_name, route};

/// An operation left out, with where it was and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// By operationId, or `METHOD /path` where it has none.
    pub operation: String,
    /// `METHOD /path` (`* /path` for a path item that is a `$ref`): what
    /// the review matches with a method it had.
    pub route: String,
    /// Why progenitor cannot generate it.
    pub reason: String,
}

impl LeftOut {
    /// The reason on one line, cut to a few hundred characters (progenitor's
    /// panics may carry pages of its `Debug` output).
    pub fn short_reason(&self) -> String {
        crate::error::short(&self.reason)
    }
}

impl fmt::Display for LeftOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let operation = &self.operation;
        let reason = self.short_reason();
        if *operation == self.route {
            write!(f, "operation {operation}: {reason}")
        } else {
            write!(f, "operation {operation} ({}): {reason}", self.route)
        }
    }
}

/// Removes from `spec` every operation `failures` names (a path item that
/// is a `$ref` is named `path /…` by `blame`, and removed whole), and the
/// path items left without an operation; what it removed. `None`, with
/// `spec` unchanged, when a failure names no operation, or names one
/// `spec` does not hold.
pub(crate) fn leave_out(spec: &mut OpenAPI, failures: &[FailedOperation]) -> Option<Vec<LeftOut>> {
    let names = failures
        .iter()
        .map(|failure| failure.operation.as_deref())
        .collect::<Option<Vec<&str>>>()?;
    if names.is_empty() {
        return None;
    }
    let reason = |name: &str| {
        failures
            .iter()
            .find(|f| f.operation.as_deref() == Some(name))
            .map(|f| f.message.clone())
            .unwrap_or_default()
    };
    let mut left = spec.clone();
    let mut removed = Vec::new();
    left.paths.paths.retain(|path, item| match item {
        ReferenceOr::Reference { .. } => {
            let name = format!("path {path}");
            let named = names.contains(&name.as_str());
            if named {
                removed.push(LeftOut {
                    reason: reason(&name),
                    operation: name,
                    route: format!("* {path}"),
                });
            }
            !named
        }
        ReferenceOr::Item(item) => {
            for (method, operation) in item.operation_slots_mut() {
                let Some(name) = operation
                    .as_ref()
                    .map(|op| operation_name(op.operation_id.as_deref(), method, path))
                    .filter(|name| names.contains(&name.as_str()))
                else {
                    continue;
                };
                *operation = None;
                removed.push(LeftOut {
                    reason: reason(&name),
                    operation: name,
                    route: route(method, path),
                });
            }
            item.iter().next().is_some()
        }
    });
    if removed.len() != names.len() {
        return None;
    }
    *spec = left;
    Some(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = r#"
openapi: 3.0.3
info: { title: t, version: "1" }
paths:
  /a:
    get: { operationId: getA, responses: { "200": { description: ok } } }
    post: { responses: { "200": { description: ok } } }
  /b:
    get: { operationId: getB, responses: { "200": { description: ok } } }
"#;

    fn failed(operation: Option<&str>) -> FailedOperation {
        FailedOperation {
            operation: operation.map(str::to_owned),
            message: "progenitor stopped".into(),
        }
    }

    fn operations(spec: &OpenAPI) -> Vec<String> {
        spec.operations()
            .map(|(path, method, op)| operation_name(op.operation_id.as_deref(), method, path))
            .collect()
    }

    #[test]
    fn the_named_operations_go_and_an_emptied_path_with_them() {
        let mut spec: OpenAPI = serde_yaml::from_str(SPEC).unwrap();
        let left_out =
            leave_out(&mut spec, &[failed(Some("POST /a")), failed(Some("getB"))]).unwrap();
        let shown: Vec<String> = left_out.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "operation POST /a: progenitor stopped",
                "operation getB (GET /b): progenitor stopped"
            ]
        );
        assert_eq!(operations(&spec), ["getA"]);
        assert!(!spec.paths.paths.contains_key("/b"));
    }

    #[test]
    fn a_failure_no_operation_explains_changes_nothing() {
        let mut spec: OpenAPI = serde_yaml::from_str(SPEC).unwrap();
        for failures in [
            vec![failed(Some("getA")), failed(None)],
            vec![failed(Some("getC"))],
            vec![],
        ] {
            assert!(leave_out(&mut spec, &failures).is_none(), "{failures:?}");
            assert_eq!(operations(&spec), ["getA", "POST /a", "getB"]);
        }
    }
}
