use openapiv3::OpenAPI;
use serde::Deserialize;
use serde_json::Value;

use crate::CodegenError;

/// Only the version fields, read before the full document so that a Swagger
/// 2.0 file (or 3.2, …) gets a message about its version rather than about
/// the first field openapiv3 fails to read.
#[derive(Deserialize)]
struct Version {
    openapi: Option<Value>,
    swagger: Option<Value>,
}

/// How the text is read: a JSON document by a JSON reader (serde_json), so
/// that everything JSON allows reads as JSON readers read it (YAML 1.1,
/// which serde_yaml implements, refuses some valid JSON: surrogate-pair
/// escapes such as `\ud83d\ude00`, keys longer than 1,024 characters,
/// integers beyond 128 bits); anything else by serde_yaml.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    Json,
    Yaml,
}

/// A file named `*.json` is JSON, and its syntax errors are JSON's. Any
/// other file is JSON when it is a valid JSON document (a YAML flow mapping
/// such as `{openapi: 3.0.3}` is not, and stays YAML).
fn syntax(text: &str, spec_name: &str) -> Syntax {
    let named_json = spec_name.to_ascii_lowercase().ends_with(".json");
    let looks_json = text.trim_start().starts_with(['{', '[']);
    if named_json || (looks_json && serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()) {
        Syntax::Json
    } else {
        Syntax::Yaml
    }
}

/// The text without a leading byte-order mark (JSON readers may ignore one;
/// serde_json does not).
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Reads the text as `T`, by the reader its syntax calls for; every error
/// carries its line and column when the reader gives one.
fn from_text<T: serde::de::DeserializeOwned>(
    text: &str,
    syntax: Syntax,
    spec_name: &str,
) -> Result<T, CodegenError> {
    match syntax {
        Syntax::Json => serde_json::from_str(text).map_err(|e| json_error(e, spec_name)),
        Syntax::Yaml => serde_yaml::from_str(text).map_err(|e| yaml_error(e, spec_name)),
    }
}

/// The text read once, into plain JSON values (what the checks, walks and
/// rewrites before generation work on), its OpenAPI version checked.
/// Refuses duplicate keys in JSON as serde_yaml does in YAML: JSON allows
/// them, but readers disagree on which one counts, and taking the last
/// would drop the first silently.
pub(crate) fn parse(text: &str, spec_name: &str) -> Result<Value, CodegenError> {
    parse_reporting(text, spec_name).map(|(doc, _)| doc)
}

/// [`parse`], and what reading an OpenAPI 3.1 document as 3.0 rewrote
/// (see `openapi31`), one line each (none for a 3.0 document).
pub(crate) fn parse_reporting(
    text: &str,
    spec_name: &str,
) -> Result<(Value, Vec<String>), CodegenError> {
    let text = without_bom(text);
    if text.trim().is_empty() {
        return Err(CodegenError::Invalid {
            spec: spec_name.to_owned(),
            message: "the file is empty".to_owned(),
        });
    }
    let syntax = syntax(text, spec_name);
    let raw = match syntax {
        Syntax::Json => serde_json::from_str::<NoDuplicateKeys>(text)
            .map(|v| v.0)
            .map_err(|e| json_error(e, spec_name))?,
        Syntax::Yaml => {
            let yaml: serde_yaml::Value =
                serde_yaml::from_str(text).map_err(|e| yaml_error(e, spec_name))?;
            serde_json::to_value(yaml).map_err(|e| CodegenError::Invalid {
                spec: spec_name.to_owned(),
                message: e.to_string(),
            })?
        }
    };
    let version: Version = match &raw {
        Value::Object(_) => Version::deserialize(&raw).map_err(|e| CodegenError::Invalid {
            spec: spec_name.to_owned(),
            message: e.to_string(),
        })?,
        // Not a mapping: the reader says so, at its place in the text.
        _ => from_text(text, syntax, spec_name)?,
    };
    let found = match (&version.openapi, &version.swagger) {
        (Some(v @ Value::Number(_)), _) => format!(
            "{} (a number: quote it, as in `openapi: \"3.0.3\"`)",
            scalar_text(v)
        ),
        (Some(v), _) => scalar_text(v),
        (None, Some(v)) => format!("swagger {}", scalar_text(v)),
        (None, None) => "(none: the document has no `openapi` field)".to_owned(),
    };
    let is_3_0 = matches!(&version.openapi, Some(Value::String(v))
        if v.strip_prefix("3.0.").is_some_and(|patch| patch.parse::<u32>().is_ok()));
    let is_3_1 = matches!(&version.openapi, Some(Value::String(v)) if super::openapi31::is_3_1(v));
    let mut raw = raw;
    let rewritten = if is_3_1 {
        super::openapi31::as_3_0(&mut raw).map_err(|problems| CodegenError::Problems {
            spec: spec_name.to_owned(),
            problems,
        })?
    } else if is_3_0 {
        Vec::new()
    } else {
        return Err(CodegenError::UnsupportedVersion {
            spec: spec_name.to_owned(),
            found,
        });
    };
    without_bare_carriage_returns(&mut raw);
    Ok((raw, rewritten))
}

/// The texts that become doc comments (`description`, `summary`, `title`
/// of the document's objects, not data) with their line breaks as `\n`
/// only: progenitor and typify copy them into `#[doc = ".."]`, and rustc
/// refuses a doc comment holding a carriage return not followed by a line
/// feed ("bare CR not allowed in doc-comment"), which public specs written
/// on old Macs have. The text reads the same; nothing else changes.
fn without_bare_carriage_returns(doc: &mut Value) {
    super::walk::walk_objects_mut(doc, |_, _, object| {
        for key in ["description", "summary", "title"] {
            if let Some(Value::String(text)) = object.get_mut(key)
                && text.contains('\r')
            {
                *text = text.replace("\r\n", "\n").replace('\r', "\n");
            }
        }
    });
}

/// The document as openapiv3 reads it, from the values [`parse`] read.
/// Their maps are sorted (nothing in the build turns on serde_json's
/// `preserve_order`; a test would notice), so reordering the keys of
/// `paths`, `properties`, `responses` and the like changes nothing in the
/// output. When openapiv3 refuses the values, the text is read again for
/// the place of the error, which the values do not keep.
pub(crate) fn openapi(raw: &Value, text: &str, spec_name: &str) -> Result<OpenAPI, CodegenError> {
    serde_path_to_error::deserialize::<_, OpenAPI>(raw).or_else(|error| {
        let text = without_bom(text);
        // The text's own reader gives `line:column`; where it reads the
        // text fine (serde_yaml reads `url: 42` as a string, the JSON
        // values do not), the error is placed by its JSON pointer.
        from_text::<OpenAPI>(text, syntax(text, spec_name), spec_name).and_then(|_| {
            Err(CodegenError::Invalid {
                spec: spec_name.to_owned(),
                message: format!("#{}: {}", pointer(error.path()), error.inner()),
            })
        })
    })
}

/// A value of the document's JSON read as `T` (the document, a schema):
/// every conversion of values into openapiv3's types goes through this one
/// deserializer, so the compiler builds openapiv3's large `Deserialize`
/// impls once for it (each other deserializer is another copy of them:
/// most of codegen's build time). The error names its JSON pointer.
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, String> {
    serde_path_to_error::deserialize::<_, T>(value)
        .map_err(|error| format!("#{}: {}", pointer(error.path()), error.inner()))
}

/// A serde path as a JSON pointer (RFC 6901), `/servers/1/url`.
fn pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(key.replace('~', "~0").replace('/', "~1")),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
        .map(|step| format!("/{step}"))
        .collect()
}

/// A JSON value read by serde_json (same numbers, strings and nesting limit
/// as `serde_json::Value`), refusing a key that appears twice in one object.
struct NoDuplicateKeys(Value);

impl<'de> serde::Deserialize<'de> for NoDuplicateKeys {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NoDuplicateKeysVisitor)
    }
}

struct NoDuplicateKeysVisitor;

impl<'de> serde::de::Visitor<'de> for NoDuplicateKeysVisitor {
    type Value = NoDuplicateKeys;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(NoDuplicateKeys(Value::Bool(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(NoDuplicateKeys(Value::from(v)))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(NoDuplicateKeys(Value::from(v)))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(NoDuplicateKeys(Value::from(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(NoDuplicateKeys(Value::String(v.to_owned())))
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(NoDuplicateKeys(Value::String(v)))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(NoDuplicateKeys(Value::Null))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(NoDuplicateKeys(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(NoDuplicateKeys(Value::Array(items)))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                // serde_json adds the position: just after the second key.
                return Err(serde::de::Error::custom(format_args!(
                    "duplicate key {key:?} (JSON readers disagree on which one counts)"
                )));
            }
            let NoDuplicateKeys(value) = map.next_value()?;
            object.insert(key, value);
        }
        Ok(NoDuplicateKeys(Value::Object(object)))
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other)
            .map(|s| s.trim().to_owned())
            .unwrap_or_else(|_| "(unreadable)".to_owned()),
    }
}

fn yaml_error(error: serde_yaml::Error, spec_name: &str) -> CodegenError {
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

/// serde_json ends its messages with " at line L column C"; we print the
/// position once, up front. (Its column is 0 when the error is at a line's
/// end: we say 1, the first column being 1.)
fn json_error(error: serde_json::Error, spec_name: &str) -> CodegenError {
    let (line, column) = (error.line(), error.column());
    let text = error.to_string();
    let suffix = format!(" at line {line} column {column}");
    let message = explain(text.strip_suffix(&suffix).unwrap_or(&text).to_owned());
    if line == 0 {
        return CodegenError::Invalid {
            spec: spec_name.to_owned(),
            message,
        };
    }
    CodegenError::Syntax {
        spec: spec_name.to_owned(),
        line,
        column: column.max(1),
        message,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The text as openapiv3 reads it, through the checks' reader.
    fn parse_spec(text: &str, spec_name: &str) -> Result<OpenAPI, CodegenError> {
        openapi(&parse(text, spec_name)?, text, spec_name)
    }

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
    fn rejects_versions_other_than_3_0_and_3_1() {
        for (doc, found) in [
            ("swagger: '2.0'\n", "swagger 2.0"),
            ("openapi: 3.2.0\n", "3.2.0"),
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

    /// A document with `x-value` set to `value` (JSON text).
    fn json_with(value: &str) -> String {
        format!(
            r#"{{"openapi": "3.0.3", "info": {{"title": "t", "version": "1"}}, "paths": {{}}, "x-value": {value}}}"#
        )
    }

    #[test]
    fn json_reads_as_json_readers_read_it() {
        let long_key = format!(r#"{{"{}": 1}}"#, "k".repeat(2_000));
        for (value, expected) in [
            // YAML 1.1 refuses each of these; JSON allows them.
            (r#""\ud83d\ude00""#, serde_json::json!("\u{1f600}")),
            (
                long_key.as_str(),
                serde_json::json!({ "k".repeat(2_000): 1 }),
            ),
            (
                r#""\u007f and \ufffe""#,
                serde_json::json!("\u{7f} and \u{fffe}"),
            ),
            (
                r#""a\/b\"c\\d\b\f\n\r\t""#,
                serde_json::json!("a/b\"c\\d\u{8}\u{c}\n\r\t"),
            ),
            // YAML would turn NEL into a line break.
            ("\"a\u{85}b\"", serde_json::json!("a\u{85}b")),
            (
                "123456789012345678901234567890",
                serde_json::json!(1.2345678901234568e29),
            ),
        ] {
            for name in ["s.json", "s.yaml"] {
                let raw = parse(&json_with(value), name)
                    .unwrap_or_else(|e| panic!("{value} in {name}: {e}"));
                assert_eq!(raw["x-value"], expected, "{value} in {name}");
            }
        }
        // A byte-order mark is skipped.
        parse(&format!("\u{feff}{}", json_with("1")), "s.json").unwrap();
    }

    #[test]
    fn json_errors_name_line_and_column_once() {
        let err = parse_spec(
            "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"x\" \"version\": \"1\"}\n}\n",
            "bad.json",
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "bad.json:3:25: expected `,` or `}`");
        let err = parse_spec(&json_with("{\"a\": 1, \"a\": 2}"), "dup.json").unwrap_err();
        assert!(
            err.to_string().starts_with("dup.json:1:")
                && err.to_string().contains("duplicate key \"a\""),
            "{err}"
        );
        let err = parse_spec(
            r#"{"openapi": "3.0.3", "info": "x", "paths": {}}"#,
            "t.json",
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("t.json:1:"), "{err}");
        assert!(
            err.to_string().contains("invalid type: string \"x\""),
            "{err}"
        );
    }

    #[test]
    fn a_yaml_flow_mapping_stays_yaml() {
        let spec = parse_spec(
            "{openapi: 3.0.3, info: {title: t, version: '1'}, paths: {}}",
            "s.yaml",
        )
        .unwrap();
        assert_eq!(spec.info.title, "t");
    }
}
