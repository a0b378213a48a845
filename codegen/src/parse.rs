use openapiv3::OpenAPI;
use serde::Deserialize;

use crate::CodegenError;

/// Only the version fields, read before the full document so that a Swagger
/// 2.0 or OpenAPI 3.1 file gets a message about its version rather than about
/// the first field openapiv3 fails to read.
#[derive(Deserialize)]
struct Version {
    openapi: Option<serde_yaml::Value>,
    swagger: Option<serde_yaml::Value>,
}

/// Parses YAML or JSON (JSON is read as YAML, which keeps line:column in
/// every message) into an OpenAPI 3.0.x document.
pub fn parse_spec(text: &str, spec_name: &str) -> Result<OpenAPI, CodegenError> {
    if text.trim().is_empty() {
        return Err(CodegenError::Invalid {
            spec: spec_name.to_owned(),
            message: "the file is empty".to_owned(),
        });
    }
    let version: Version = serde_yaml::from_str(text).map_err(|e| syntax_error(e, spec_name))?;
    let found = match (&version.openapi, &version.swagger) {
        (Some(v @ serde_yaml::Value::Number(_)), _) => format!(
            "{} (a number: quote it, as in `openapi: \"3.0.3\"`)",
            scalar_text(v)
        ),
        (Some(v), _) => scalar_text(v),
        (None, Some(v)) => format!("swagger {}", scalar_text(v)),
        (None, None) => "(none: the document has no `openapi` field)".to_owned(),
    };
    let is_3_0 = matches!(&version.openapi, Some(serde_yaml::Value::String(v))
        if v.strip_prefix("3.0.").is_some_and(|patch| patch.parse::<u32>().is_ok()));
    if !is_3_0 {
        return Err(CodegenError::UnsupportedVersion {
            spec: spec_name.to_owned(),
            found,
        });
    }
    serde_yaml::from_str(text).map_err(|e| syntax_error(e, spec_name))
}

fn scalar_text(value: &serde_yaml::Value) -> String {
    match value {
        serde_yaml::Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other)
            .map(|s| s.trim().to_owned())
            .unwrap_or_else(|_| "(unreadable)".to_owned()),
    }
}

fn syntax_error(error: serde_yaml::Error, spec_name: &str) -> CodegenError {
    let message = explain(strip_location(&error.to_string()));
    match error.location() {
        Some(at) => CodegenError::Syntax {
            spec: spec_name.to_owned(),
            line: at.line(),
            column: at.column(),
            message,
        },
        None => CodegenError::Invalid {
            spec: spec_name.to_owned(),
            message,
        },
    }
}

/// Words for the messages that name our internals or the parser's limits.
fn explain(message: String) -> String {
    if message.contains("expected struct Version") {
        "the document is not a mapping: an OpenAPI document starts with `openapi`, `info` and `paths`"
            .to_owned()
    } else if message.contains("recursion limit exceeded") {
        format!("{message}: the document nests deeper than the parser's limit of 128 levels")
    } else {
        message
    }
}

/// serde_yaml appends " at line L column C" to its messages; we print the
/// position once, as `file:line:column:`, like a compiler.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(at) => {
            let rest = &message[at + " at line ".len()..];
            // Keep whatever follows the position (", while parsing ...").
            let tail = rest.find(',').map(|i| &rest[i..]).unwrap_or("");
            format!("{}{}", &message[..at], tail)
        }
        None => message.to_owned(),
    }
}

/// The document as plain JSON values, for the checks that walk it.
pub(crate) fn parse_raw(text: &str, spec_name: &str) -> Result<serde_json::Value, CodegenError> {
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(text).map_err(|e| syntax_error(e, spec_name))?;
    serde_json::to_value(yaml).map_err(|e| CodegenError::Invalid {
        spec: spec_name.to_owned(),
        message: e.to_string(),
    })
}

/// The same document with every map in a canonical (sorted) order, so that
/// reordering the keys of `paths`, `properties`, `responses` and the like
/// changes nothing in the output. (serde_json's map is sorted here: nothing
/// in the build turns on its `preserve_order` feature; a test would notice.)
pub(crate) fn canonical(spec: &OpenAPI, spec_name: &str) -> Result<OpenAPI, CodegenError> {
    serde_json::to_value(spec)
        .and_then(serde_json::from_value)
        .map_err(|e| CodegenError::Invalid {
            spec: spec_name.to_owned(),
            message: format!("cannot put the document in canonical order: {e}"),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_yaml_syntax_errors_with_line_and_column() {
        let err = parse_spec("openapi: 3.0.3\ninfo: [unclosed\n", "bad.yaml").unwrap_err();
        let text = err.to_string();
        let CodegenError::Syntax { line, column, .. } = err else {
            panic!("not a syntax error: {text}")
        };
        assert_eq!((line, column), (3, 1), "{text}");
        assert!(text.starts_with("bad.yaml:3:1: "), "{text}");
        // The position is printed once, up front (where the parse started
        // may follow, as context).
        assert!(!text.contains(" at line 3 column 1"), "{text}");
    }

    #[test]
    fn rejects_versions_other_than_3_0() {
        for (doc, found) in [
            ("swagger: '2.0'\n", "swagger 2.0"),
            ("openapi: 3.1.0\n", "3.1.0"),
            ("info: {}\n", "(none"),
        ] {
            let err = parse_spec(doc, "s.yaml").unwrap_err();
            assert!(
                matches!(&err, CodegenError::UnsupportedVersion { found: f, .. } if f.starts_with(found)),
                "{doc:?} gave {err}"
            );
        }
    }

    #[test]
    fn reads_json_as_well_as_yaml() {
        let doc = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}"#;
        let spec = parse_spec(doc, "s.json").unwrap();
        assert_eq!(spec.info.title, "t");
    }
}
