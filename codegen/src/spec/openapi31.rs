//! OpenAPI 3.1 read as 3.0.
//!
//! progenitor and openapiv3 read OpenAPI 3.0 only (upstream since 2022),
//! and utoipa 5 and other exporters write 3.1 only. Most 3.1 documents
//! differ from 3.0 in a few constructs that have a 3.0 equivalent, which
//! this module rewrites on the JSON document, before the checks, each
//! change reported (one line, with its JSON pointer):
//!
//! - `openapi: 3.1.x` becomes `3.0.3`, and `paths`, optional in 3.1, an
//!   empty map when missing;
//! - in a schema, `type: [T, "null"]` becomes `type: T, nullable: true`
//!   (`[T]` becomes `T`); a `{type: "null"}` member of `oneOf`/`anyOf` is
//!   removed and the schema made `nullable`; `const: v` becomes
//!   `enum: [v]`; `examples: [a, …]` becomes `example: a`; a numeric
//!   `exclusiveMinimum`/`exclusiveMaximum` becomes `minimum`/`maximum` with
//!   the 3.0 flag; `contentEncoding: base64` becomes `format: byte` and
//!   `contentMediaType` alone `format: binary`;
//! - `jsonSchemaDialect` and `$schema` are removed (3.0 has one dialect),
//!   and so are `webhooks` (requests the API sends, not a client).
//!
//! A type list of two types or more besides `null` becomes a `oneOf` of
//! one schema per type, each with the keywords of its type. What has no
//! 3.0 equivalent is refused with its pointer: the JSON Schema keywords 3.0 lacks
//! (`prefixItems`, `if`, `$defs`, `unevaluatedProperties`, …). Our own
//! spec stays 3.0.3, and a 3.0 document is not touched.

use serde_json::{Map, Value, json};

use super::walk::{ObjectKind, walk_objects_mut};

/// Whether `version` (the `openapi` field) is 3.1.x.
pub(crate) fn is_3_1(version: &str) -> bool {
    version
        .strip_prefix("3.1.")
        .is_some_and(|patch| patch.parse::<u32>().is_ok())
}

/// JSON Schema keywords of 3.1 that 3.0 has no equivalent for.
const WITHOUT_EQUIVALENT: [&str; 16] = [
    "prefixItems",
    "if",
    "then",
    "else",
    "dependentSchemas",
    "dependentRequired",
    "unevaluatedProperties",
    "unevaluatedItems",
    "patternProperties",
    "propertyNames",
    "contains",
    "$defs",
    "$dynamicRef",
    "$dynamicAnchor",
    "$anchor",
    "$id",
];

/// Rewrites a 3.1 document as 3.0 in place: one line per change, or the
/// problems (one per construct without an equivalent, each with its JSON
/// pointer) when there are any.
pub(crate) fn as_3_0(doc: &mut Value) -> Result<Vec<String>, Vec<String>> {
    let mut changes = Vec::new();
    let mut problems = Vec::new();
    let Some(root) = doc.as_object_mut() else {
        return Ok(changes);
    };
    if let Some(version) = root.insert("openapi".into(), json!("3.0.3")) {
        changes.push(format!(
            "#/openapi: {} read as 3.0.3, the constructs below rewritten",
            version.as_str().unwrap_or_default()
        ));
    }
    if !root.contains_key("paths") {
        root.insert("paths".into(), json!({}));
        changes.push("#/paths: missing (optional in 3.1), an empty map".into());
    }
    for key in ["jsonSchemaDialect", "webhooks"] {
        if root.remove(key).is_some() {
            let why = match key {
                "webhooks" => "requests the API sends, not a client",
                _ => "3.0 has one dialect",
            };
            changes.push(format!("#/{key}: removed ({why})"));
        }
    }
    walk_objects_mut(doc, |pointer, place, schema| {
        if place == ObjectKind::Schema {
            rewrite_schema(pointer, schema, &mut changes, &mut problems);
        }
    });
    if problems.is_empty() {
        Ok(changes)
    } else {
        Err(problems)
    }
}

/// The keywords that apply to one type only, by type.
const KEYWORDS_OF: [(&str, &[&str]); 5] = [
    (
        "string",
        &["minLength", "maxLength", "pattern", "format", "enum"],
    ),
    (
        "integer",
        &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "format",
            "enum",
        ],
    ),
    (
        "number",
        &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "format",
            "enum",
        ],
    ),
    ("array", &["items", "minItems", "maxItems", "uniqueItems"]),
    (
        "object",
        &[
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
        ],
    ),
];

/// `type: [string, integer]` as the members of a `oneOf`, one per type,
/// each with the keywords that apply to its type (moved out of `schema`);
/// `integer` is left out beside `number`, which holds its values (the
/// members of a `oneOf` must not overlap).
fn one_of_types(types: &[Value], schema: &mut Map<String, Value>) -> Vec<Value> {
    let has_number = types.iter().any(|t| t == "number");
    let kept: Vec<&str> = types
        .iter()
        .filter_map(Value::as_str)
        .filter(|t| !(has_number && *t == "integer"))
        .collect();
    let mut members: Vec<Value> = kept.iter().map(|t| json!({ "type": t })).collect();
    for (member, ty) in members.iter_mut().zip(&kept) {
        let keywords = KEYWORDS_OF
            .iter()
            .find(|(of, _)| of == ty)
            .map(|(_, k)| *k)
            .unwrap_or_default();
        for keyword in keywords {
            if let Some(value) = schema.get(*keyword) {
                // An `enum` keeps the values of the member's type.
                let value = match (*keyword, value) {
                    ("enum", Value::Array(values)) => Value::Array(
                        values
                            .iter()
                            .filter(|v| crate::spec::check::is_of_type(v, ty))
                            .cloned()
                            .collect(),
                    ),
                    _ => value.clone(),
                };
                if !matches!(&value, Value::Array(v) if v.is_empty() && *keyword == "enum") {
                    member[*keyword] = value;
                }
            }
        }
    }
    for (_, keywords) in KEYWORDS_OF {
        for keyword in keywords {
            schema.remove(*keyword);
        }
    }
    members
}

/// The rewrites of one schema object.
fn rewrite_schema(
    pointer: &str,
    schema: &mut Map<String, Value>,
    changes: &mut Vec<String>,
    problems: &mut Vec<String>,
) {
    if let Some(Value::Array(types)) = schema.get("type") {
        let null = types.iter().any(|t| t == "null");
        let others: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
        match others.as_slice() {
            [one] => {
                let shown = Value::Array(types.clone());
                schema.insert("type".into(), one.clone());
                if null {
                    schema.insert("nullable".into(), Value::Bool(true));
                }
                changes.push(format!(
                    "#{pointer}/type: {shown} as {one}{}",
                    if null { ", nullable" } else { "" }
                ));
            }
            [] => problems.push(format!(
                "#{pointer}/type: only `null`, which OpenAPI 3.0 cannot say"
            )),
            several => {
                let shown = Value::Array(types.clone());
                let members = one_of_types(several, schema);
                schema.remove("type");
                if null {
                    schema.insert("nullable".into(), Value::Bool(true));
                }
                let listed: Vec<String> = members
                    .iter()
                    .filter_map(|m| m.get("type").and_then(Value::as_str).map(str::to_owned))
                    .collect();
                schema.insert("oneOf".into(), Value::Array(members));
                changes.push(format!(
                    "#{pointer}/type: {shown} as oneOf {}{}",
                    listed.join(", "),
                    if null { ", nullable" } else { "" }
                ));
            }
        }
    }
    for key in ["oneOf", "anyOf"] {
        let Some(Value::Array(members)) = schema.get_mut(key) else {
            continue;
        };
        let before = members.len();
        members.retain(|m| m.get("type").is_none_or(|t| t != "null"));
        if members.len() < before {
            let remaining = members.len();
            schema.insert("nullable".into(), Value::Bool(true));
            changes.push(format!(
                "#{pointer}/{key}: its `{{type: null}}` member removed, the schema nullable"
            ));
            if remaining == 0 {
                schema.remove(key);
            }
        }
    }
    if let Some(value) = schema.remove("const") {
        if schema.contains_key("enum") {
            changes.push(format!("#{pointer}/const: removed beside `enum`"));
        } else {
            changes.push(format!("#{pointer}/const: as `enum: [{value}]`"));
            schema.insert("enum".into(), Value::Array(vec![value]));
        }
    }
    if let Some(Value::Array(examples)) = schema.get("examples") {
        let first = examples.first().cloned();
        schema.remove("examples");
        match first {
            Some(first) if !schema.contains_key("example") => {
                schema.insert("example".into(), first);
                changes.push(format!("#{pointer}/examples: the first as `example`"));
            }
            _ => changes.push(format!("#{pointer}/examples: removed")),
        }
    }
    for (exclusive, bound, stricter) in [
        (
            "exclusiveMinimum",
            "minimum",
            f64::gt as fn(&f64, &f64) -> bool,
        ),
        ("exclusiveMaximum", "maximum", f64::lt),
    ] {
        let Some(limit) = schema.get(exclusive).and_then(Value::as_f64) else {
            continue;
        };
        let limit_value = schema.remove(exclusive).unwrap_or_default();
        let inclusive = schema.get(bound).and_then(Value::as_f64);
        if inclusive.is_some_and(|inclusive| stricter(&inclusive, &limit)) {
            changes.push(format!(
                "#{pointer}/{exclusive}: removed ({bound} is stricter)"
            ));
        } else {
            schema.insert(bound.into(), limit_value);
            schema.insert(exclusive.into(), Value::Bool(true));
            changes.push(format!(
                "#{pointer}/{exclusive}: {limit} as `{bound}: {limit}, {exclusive}: true`"
            ));
        }
    }
    let encoding = schema.remove("contentEncoding");
    let media_type = schema.remove("contentMediaType");
    if (encoding.is_some() || media_type.is_some()) && !schema.contains_key("format") {
        let format = if encoding.as_ref().is_some_and(|e| e == "base64") {
            "byte"
        } else {
            "binary"
        };
        schema.insert("format".into(), json!(format));
        changes.push(format!(
            "#{pointer}: contentEncoding/contentMediaType as `format: {format}`"
        ));
    }
    if schema.remove("$schema").is_some() {
        changes.push(format!("#{pointer}/$schema: removed (3.0 has one dialect)"));
    }
    for keyword in WITHOUT_EQUIVALENT {
        if schema.contains_key(keyword) {
            problems.push(format!(
                "#{pointer}/{keyword}: OpenAPI 3.1 (JSON Schema) has it, 3.0 has no equivalent"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(value: Value) -> Value {
        json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "components": {"schemas": {"S": value}},
        })
    }

    fn rewritten(value: Value) -> (Value, Vec<String>) {
        let mut doc = schema(value);
        let changes = as_3_0(&mut doc).unwrap();
        (doc["components"]["schemas"]["S"].clone(), changes)
    }

    #[test]
    fn each_construct_with_an_equivalent_is_rewritten_and_reported() {
        let cases = [
            (
                json!({"type": ["string", "null"]}),
                json!({"type": "string", "nullable": true}),
                "#/components/schemas/S/type: [\"string\",\"null\"] as \"string\", nullable",
            ),
            (
                json!({"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/T"}]}),
                json!({"oneOf": [{"$ref": "#/components/schemas/T"}], "nullable": true}),
                "#/components/schemas/S/oneOf: its `{type: null}` member removed, the schema nullable",
            ),
            (
                json!({"const": "on"}),
                json!({"enum": ["on"]}),
                "#/components/schemas/S/const: as `enum: [\"on\"]`",
            ),
            (
                json!({"type": "integer", "examples": [3, 4]}),
                json!({"type": "integer", "example": 3}),
                "#/components/schemas/S/examples: the first as `example`",
            ),
            (
                json!({"type": "integer", "exclusiveMinimum": 0}),
                json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true}),
                "#/components/schemas/S/exclusiveMinimum: 0 as `minimum: 0, exclusiveMinimum: true`",
            ),
            (
                json!({"type": "integer", "maximum": 5, "exclusiveMaximum": 10}),
                json!({"type": "integer", "maximum": 5}),
                "#/components/schemas/S/exclusiveMaximum: removed (maximum is stricter)",
            ),
            (
                json!({"type": "string", "contentEncoding": "base64"}),
                json!({"type": "string", "format": "byte"}),
                "#/components/schemas/S: contentEncoding/contentMediaType as `format: byte`",
            ),
            (
                json!({"type": ["string", "integer", "null"], "maxLength": 3, "minimum": 1, "description": "d"}),
                json!({"oneOf": [{"type": "string", "maxLength": 3}, {"type": "integer", "minimum": 1}], "nullable": true, "description": "d"}),
                "#/components/schemas/S/type: [\"string\",\"integer\",\"null\"] as oneOf string, integer, nullable",
            ),
            (
                json!({"type": ["number", "integer"], "enum": [1, 2.5]}),
                json!({"oneOf": [{"type": "number", "enum": [1, 2.5]}]}),
                "#/components/schemas/S/type: [\"number\",\"integer\"] as oneOf number",
            ),
        ];
        for (before, after, change) in cases {
            let (schema, changes) = rewritten(before.clone());
            assert_eq!(schema, after, "{before}");
            assert_eq!(
                changes[0],
                "#/openapi: 3.1.0 read as 3.0.3, the constructs below rewritten"
            );
            assert_eq!(
                changes[1],
                "#/paths: missing (optional in 3.1), an empty map"
            );
            assert_eq!(changes[2..], [change.to_owned()], "{before}");
        }
    }

    #[test]
    fn what_has_no_equivalent_is_refused_with_its_pointer() {
        for (value, problem) in [
            (
                json!({"type": "array", "prefixItems": [{"type": "string"}]}),
                "#/components/schemas/S/prefixItems: OpenAPI 3.1 (JSON Schema) has it, 3.0 has no equivalent",
            ),
            (
                json!({"type": ["null"]}),
                "#/components/schemas/S/type: only `null`, which OpenAPI 3.0 cannot say",
            ),
        ] {
            let mut doc = schema(value);
            assert_eq!(as_3_0(&mut doc).unwrap_err(), [problem.to_owned()]);
        }
    }

    #[test]
    fn data_is_not_rewritten() {
        // An example whose value looks like a 3.1 schema stays as it is.
        let (schema, _) =
            rewritten(json!({"type": "object", "example": {"type": ["a", "null"], "const": 1}}));
        assert_eq!(
            schema["example"],
            json!({"type": ["a", "null"], "const": 1})
        );
    }
}
