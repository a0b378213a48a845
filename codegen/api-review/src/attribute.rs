//! Which spec change caused each change of the surface: the JSON pointers
//! where the two documents differ, matched to the places of the API.
//!
//! The surfaces say *what* changed for consumers; this only points the
//! reviewer at the lines of the spec behind it. Types are found in the
//! spec by name: a component schema whose name, or an inline schema whose
//! chain of names (`CreateTokenRequest` + `name`), reads the same as the
//! type's name once case and punctuation are set aside. Where nothing
//! matches, a change simply has no pointer; the class of a change of the
//! surface never depends on this module. One kind of change is made here:
//! a limit the generated code does not check, which only the spec shows
//! ([`server_limits`]).

use std::collections::BTreeSet;

use crate::surface::{Direction, Surface, TypeKind};
use codegen::spec::walk::{self, OperationAt, pointer_token};
use serde_json::Value;

use crate::compare::{Change, Changes, Item, Place, Source};
use crate::limits;

/// The places where `old` and `new` differ, as JSON pointers: a key added
/// or removed, a value changed; a list of values that changed is one place.
pub fn spec_changes(old: &Value, new: &Value) -> Vec<String> {
    enum Step<'a> {
        Compare(String, &'a Value, &'a Value),
        Differs(String),
    }
    let mut out = Vec::new();
    // Popped in document order: children are pushed in reverse.
    let mut stack = vec![Step::Compare(String::new(), old, new)];
    while let Some(step) = stack.pop() {
        let (pointer, a, b) = match step {
            Step::Differs(pointer) => {
                out.push(pointer);
                continue;
            }
            Step::Compare(pointer, a, b) => (pointer, a, b),
        };
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
                for key in keys.into_iter().rev() {
                    let here = format!("{pointer}/{}", pointer_token(key));
                    stack.push(match (x.get(key), y.get(key)) {
                        (Some(a), Some(b)) => Step::Compare(here, a, b),
                        _ => Step::Differs(here),
                    });
                }
            }
            (Value::Array(x), Value::Array(y))
                if x.len() == y.len() && x.iter().all(|v| v.is_object()) =>
            {
                for (i, (a, b)) in x.iter().zip(y).enumerate().rev() {
                    stack.push(Step::Compare(format!("{pointer}/{i}"), a, b));
                }
            }
            (a, b) if a != b => out.push(pointer),
            _ => {}
        }
    }
    out
}

/// Documentation only: what changes in these never reaches the code's
/// behaviour (it may change a doc comment). A key is documentation unless
/// it names something (`properties/description` is a field).
fn is_documentation(pointer: &str) -> bool {
    const DOCUMENTATION: [&str; 10] = [
        "description",
        "summary",
        "example",
        "examples",
        "title",
        "externalDocs",
        "tags",
        "contact",
        "license",
        "termsOfService",
    ];
    const NAMING: [&str; 8] = [
        "properties",
        "schemas",
        "parameters",
        "responses",
        "requestBodies",
        "headers",
        "securitySchemes",
        "paths",
    ];
    let tokens: Vec<&str> = pointer.split('/').collect();
    tokens
        .windows(2)
        .any(|pair| DOCUMENTATION.contains(&pair[1]) && !NAMING.contains(&pair[0]))
}

/// Gives each change the spec changes behind it; returns the spec changes
/// that explain none (documentation left out).
pub fn attribute(changes: &mut [Change], old: &Value, new: &Value) -> Vec<String> {
    let spec: Vec<String> = spec_changes(old, new)
        .into_iter()
        .filter(|c| !is_documentation(c))
        .collect();
    let mut used = BTreeSet::new();
    for change in changes.iter_mut() {
        // Changes of the generator and of the hand-written layer have no
        // spec change behind them.
        if !matches!(change.source, Source::Spec { .. }) {
            continue;
        }
        let mut anchors: BTreeSet<String> = [old, new]
            .into_iter()
            .flat_map(|doc| anchors(doc, &change.place))
            .collect();
        if let Place::Field { ty, wire, .. } = &change.place {
            anchors.extend(required_lists(old, new, ty, wire));
        }
        let pointers: Vec<String> = spec
            .iter()
            .filter(|c| anchors.iter().any(|a| related(c, a)))
            .cloned()
            .collect();
        used.extend(pointers.iter().cloned());
        change.source = Source::Spec { pointers };
    }
    spec.into_iter().filter(|c| !used.contains(c)).collect()
}

/// The limits the spec sets where the generated code checks nothing: each
/// spec change whose last token is a limit keyword becomes a change of the
/// field or parameter it belongs to, classified by the one rule
/// ([`crate::limits`]) and checked by the server, unless the surface shows
/// it at that place already (a type it changed, a check of the crate with
/// the same keyword). Whatever else changed near it, a limit is reported.
/// Returns the spec changes still without effect.
pub fn server_limits(
    changes: &mut Vec<Change>,
    without_effect: Vec<String>,
    (old, new): (&Value, &Value),
    (old_surface, new_surface): (&Surface, &Surface),
) -> Vec<String> {
    let mut out = Changes::default();
    let mut explained = BTreeSet::new();
    for pointer in spec_changes(old, new) {
        if is_documentation(&pointer) {
            continue;
        }
        let Some(limit) = limits::from_spec(&pointer, old, new) else {
            continue;
        };
        let Some((place, direction)) =
            place_of(new, new_surface, &pointer).or_else(|| place_of(old, old_surface, &pointer))
        else {
            continue;
        };
        // The crate shows it: a change at its place (a type it changed), a
        // check of the crate with the same keyword, or, for an `enum`, the
        // variants of the enum the crate generated for it.
        let shown = changes.iter().any(|c| {
            c.pointers().contains(&pointer)
                && (c.place == place
                    || c.limit.as_ref().is_some_and(|l| l.keyword == limit.keyword)
                    || (limit.keyword == limits::Keyword::Enum && c.item == Item::Variant))
        });
        if shown {
            continue;
        }
        out.limit(place, limit, direction);
        out.0.last_mut().expect("pushed").source = Source::Spec {
            pointers: vec![pointer.clone()],
        };
        explained.insert(pointer);
    }
    changes.extend(out.0);
    changes.sort_by(Change::order);
    without_effect
        .into_iter()
        .filter(|p| !explained.contains(p))
        .collect()
}

/// The field or parameter of the surface whose schema holds `pointer`
/// (the nearest), with the way its values travel.
fn place_of(doc: &Value, surface: &Surface, pointer: &str) -> Option<(Place, Direction)> {
    let mut best: Option<(usize, Place, Direction)> = None;
    let mut consider = |place: Place, direction: Direction| {
        for anchor in anchors(doc, &place) {
            // The schema, or the component it (or its items) refers to.
            let referred = [anchor.clone(), format!("{anchor}/items")]
                .into_iter()
                .filter_map(|a| {
                    doc.pointer(&format!("{a}/$ref"))?
                        .as_str()
                        .map(str::to_owned)
                })
                .map(|r| r.trim_start_matches('#').to_owned());
            for at in std::iter::once(anchor.clone()).chain(referred) {
                let inside = pointer.starts_with(&format!("{at}/"));
                if inside && best.as_ref().is_none_or(|(len, ..)| at.len() > *len) {
                    best = Some((at.len(), place.clone(), direction));
                }
            }
        }
    };
    for def in surface.types.values() {
        if let TypeKind::Struct { fields } = &def.kind {
            for f in fields {
                consider(
                    Place::Field {
                        ty: def.name.clone(),
                        field: f.name.clone(),
                        wire: f.wire.clone(),
                    },
                    def.direction,
                );
            }
        }
    }
    for method in surface.methods.values() {
        for p in &method.params {
            consider(
                Place::Param {
                    method: method.name.clone(),
                    param: p.name.clone(),
                },
                Direction {
                    sent: true,
                    received: false,
                },
            );
        }
    }
    best.map(|(_, place, direction)| (place, direction))
}

/// `change` is at, inside, or around `anchor`.
fn related(change: &str, anchor: &str) -> bool {
    let within = |a: &str, b: &str| a == b || a.starts_with(&format!("{b}/"));
    within(change, anchor) || within(anchor, change)
}

/// The JSON pointer of a place of the API in a document: where it comes
/// from, or where it would be (a field or status the document lacks, under
/// its schema or operation); `None` when its schema or operation is not
/// found.
pub fn pointer_of(doc: &Value, place: &Place) -> Option<String> {
    anchors(doc, place).into_iter().next()
}

/// Where in one document a place of the API comes from.
fn anchors(doc: &Value, place: &Place) -> Vec<String> {
    match place {
        Place::Type { name } => schemas_named(doc, name),
        Place::Field { ty, wire, .. } => schemas_named(doc, ty)
            .into_iter()
            .flat_map(|s| {
                // A field comes from its property, or from
                // `additionalProperties` (typify's flattened map); for
                // `required`, see `required_lists`.
                [
                    format!("{s}/properties/{}", pointer_token(wire)),
                    format!("{s}/additionalProperties"),
                ]
            })
            .collect(),
        Place::Method { name } => operations_named(doc, name)
            .flat_map(|op| {
                [
                    op.pointer(),
                    format!("/paths/{}/parameters", pointer_token(op.path)),
                ]
            })
            .collect(),
        Place::Param { method, param } => operations_named(doc, method)
            .flat_map(|op| parameter_anchors(doc, op, param))
            .collect(),
        Place::Status { method, status } => {
            let key = match status.as_str() {
                "other" => "default".to_owned(),
                s if s.contains("..=") => format!("{}XX", &s[..1]),
                s => s.to_owned(),
            };
            operations_named(doc, method)
                .flat_map(|op| {
                    let at = format!("{}/responses/{key}", op.pointer());
                    let target = op.operation["responses"][&key]["$ref"]
                        .as_str()
                        .map(|r| r.trim_start_matches('#').to_owned());
                    std::iter::once(at).chain(target)
                })
                .collect()
        }
        // The headers every request carries (`accept`) follow from the
        // media types of the operation's responses.
        Place::Header { method, .. } => operations_named(doc, method)
            .map(|op| format!("{}/responses", op.pointer()))
            .collect(),
        Place::HandWritten { .. } => Vec::new(),
    }
}

/// The `required` lists of the field's schemas, where the field went in or
/// out of them (another field's entry is not this field's cause).
fn required_lists(old: &Value, new: &Value, ty: &str, wire: &str) -> Vec<String> {
    let listed = |doc: &Value, list: &str| {
        doc.pointer(list)
            .and_then(Value::as_array)
            .is_some_and(|names| names.iter().any(|n| n == wire))
    };
    [old, new]
        .into_iter()
        .flat_map(|doc| schemas_named(doc, ty))
        .map(|s| format!("{s}/required"))
        .filter(|list| listed(old, list) != listed(new, list))
        .collect()
}

fn parameter_anchors(doc: &Value, op: OperationAt<'_>, param: &str) -> Vec<String> {
    let mut out = Vec::new();
    let lists = [
        (
            format!("/paths/{}/parameters", pointer_token(op.path)),
            &op.item["parameters"],
        ),
        (
            format!("{}/parameters", op.pointer()),
            &op.operation["parameters"],
        ),
    ];
    for (at, list) in lists {
        for (i, p) in list.as_array().into_iter().flatten().enumerate() {
            let resolved = walk::follow(doc, p);
            if resolved["name"].as_str().map(normalized) == Some(normalized(param)) {
                out.push(format!("{at}/{i}"));
                if let Some(target) = p["$ref"].as_str() {
                    out.push(target.trim_start_matches('#').to_owned());
                }
            }
        }
        // A parameter added or removed changes the list's length.
        out.push(at);
    }
    out
}

fn operations_named<'a>(doc: &'a Value, name: &'a str) -> impl Iterator<Item = OperationAt<'a>> {
    walk::operations(doc)
        .filter(move |op| op.operation_id().map(normalized) == Some(normalized(name)))
}

/// Lower-case letters and digits only: `Tokens_create` and `tokens-create`
/// read the same.
fn normalized(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The schemas whose chain of names reads as `type_name`: component
/// schemas by their name, inline ones by their component's name followed by
/// the property names that lead to them (operation bodies by operationId
/// and `body` or `response`).
fn schemas_named(doc: &Value, type_name: &str) -> Vec<String> {
    let wanted = normalized(type_name);
    let mut roots: Vec<(String, String)> = doc["components"]["schemas"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, _)| {
            (
                normalized(name),
                format!("/components/schemas/{}", pointer_token(name)),
            )
        })
        .collect();
    for op in walk::operations(doc) {
        let id = normalized(&op.name());
        if let Some(body) = op.operation.get("requestBody") {
            for (media, _) in body["content"].as_object().into_iter().flatten() {
                roots.push((
                    format!("{id}body"),
                    format!(
                        "{}/requestBody/content/{}/schema",
                        op.pointer(),
                        pointer_token(media)
                    ),
                ));
            }
        }
        for (status, response) in op.operation["responses"].as_object().into_iter().flatten() {
            for (media, _) in response["content"].as_object().into_iter().flatten() {
                roots.push((
                    format!("{id}response"),
                    format!(
                        "{}/responses/{}/content/{}/schema",
                        op.pointer(),
                        pointer_token(status),
                        pointer_token(media)
                    ),
                ));
            }
        }
    }
    let mut found = Vec::new();
    while let Some((chain, pointer)) = roots.pop() {
        if chain == wanted {
            found.push(pointer.clone());
        }
        if !wanted.starts_with(&chain) {
            continue;
        }
        let Some(schema) = doc.pointer(&pointer) else {
            continue;
        };
        for (name, _) in schema["properties"].as_object().into_iter().flatten() {
            roots.push((
                format!("{chain}{}", normalized(name)),
                format!("{pointer}/properties/{}", pointer_token(name)),
            ));
        }
        if schema.get("items").is_some() {
            roots.push((format!("{chain}item"), format!("{pointer}/items")));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn differences_are_the_smallest_places_that_differ() {
        let old = json!({"a": {"b": 1, "c": [1, 2], "d": [{"x": 1}, {"x": 2}]}, "gone": true});
        let new = json!({"a": {"b": 2, "c": [1, 2, 3], "d": [{"x": 1}, {"x": 3}]}, "new": true});
        assert_eq!(
            spec_changes(&old, &new),
            ["/a/b", "/a/c", "/a/d/1/x", "/gone", "/new"]
        );
    }

    #[test]
    fn documentation_is_told_from_fields_named_like_it() {
        assert!(is_documentation(
            "/components/schemas/A/properties/b/description"
        ));
        assert!(is_documentation(
            "/paths/~1a/get/responses/200/content/x/example/name"
        ));
        assert!(!is_documentation(
            "/components/schemas/A/properties/description"
        ));
        assert!(!is_documentation(
            "/components/schemas/A/properties/description/type"
        ));
    }

    #[test]
    fn inline_schemas_are_found_by_their_chain_of_names() {
        let doc = json!({"components": {"schemas": {
            "CreateTokenRequest": {"properties": {"name": {"type": "string"}}}
        }}});
        assert_eq!(
            schemas_named(&doc, "CreateTokenRequestName"),
            ["/components/schemas/CreateTokenRequest/properties/name"]
        );
        assert_eq!(
            schemas_named(&doc, "CreateTokenRequest"),
            ["/components/schemas/CreateTokenRequest"]
        );
        assert!(schemas_named(&doc, "Other").is_empty());
    }
}
