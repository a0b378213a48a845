//! The walks over an OpenAPI document that the checks, the pruning, the
//! normalisation and `cargo xtask diff` all need, written once: the
//! operations with their `METHOD /path` names, `$ref` resolution, JSON
//! pointers, the JSON media-type test, and a walk over every object.
//!
//! They read the document as plain JSON values (`serde_json::Value`), the
//! form in which every place in it has a JSON pointer.

use serde_json::{Map, Value};

/// The HTTP methods a path item may hold, in the order OpenAPI lists them.
pub const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// How messages name an operation: its operationId, or `METHOD /path` when
/// it has none.
pub fn operation_name(operation_id: Option<&str>, method: &str, path: &str) -> String {
    match operation_id {
        Some(id) => id.to_owned(),
        None => route(method, path),
    }
}

/// `GET /api/v2/organizations/{organization}/tokens`.
pub fn route(method: &str, path: &str) -> String {
    format!("{} {path}", method.to_uppercase())
}

/// One operation of a document, with where it sits.
#[derive(Debug, Clone, Copy)]
pub struct OperationAt<'a> {
    pub path: &'a str,
    pub method: &'static str,
    pub operation: &'a Value,
    /// The path item holding it (its `parameters` apply to the operation).
    pub item: &'a Value,
}

impl<'a> OperationAt<'a> {
    pub fn operation_id(&self) -> Option<&'a str> {
        self.operation.get("operationId").and_then(Value::as_str)
    }

    /// See [`operation_name`].
    pub fn name(&self) -> String {
        operation_name(self.operation_id(), self.method, self.path)
    }

    /// `GET /path`.
    pub fn route(&self) -> String {
        route(self.method, self.path)
    }

    /// `/paths/~1things~1{id}/get`.
    pub fn pointer(&self) -> String {
        format!("/paths/{}/{}", pointer_token(self.path), self.method)
    }

    /// The parameters that apply to the operation: the path item's, then
    /// the operation's own, each with `$ref`s followed.
    pub fn parameters(&self, doc: &'a Value) -> impl Iterator<Item = &'a Value> + 'a {
        [
            self.item.get("parameters"),
            self.operation.get("parameters"),
        ]
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .flatten()
        .map(move |p| follow(doc, p))
    }
}

/// Every operation of the document, path by path, in the order of
/// [`METHODS`].
pub fn operations(doc: &Value) -> impl Iterator<Item = OperationAt<'_>> {
    doc.get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .flat_map(|(path, item)| {
            METHODS.iter().filter_map(move |method| {
                item.get(*method).map(|operation| OperationAt {
                    path: path.as_str(),
                    method,
                    operation,
                    item,
                })
            })
        })
}

/// `#/a/b~1c` → the value there; `None` for a reference outside the
/// document or to nothing.
pub fn resolve<'a>(doc: &'a Value, reference: &str) -> Option<&'a Value> {
    doc.pointer(reference.strip_prefix('#')?)
}

/// `value`, or what its `$ref` points to (following chains of references,
/// at most 32 long so that a cycle ends); `Value::Null` when a reference
/// leads nowhere.
pub fn follow<'a>(doc: &'a Value, value: &'a Value) -> &'a Value {
    let mut current = value;
    for _ in 0..32 {
        match current.get("$ref").and_then(Value::as_str) {
            Some(reference) => current = resolve(doc, reference).unwrap_or(&Value::Null),
            None => return current,
        }
    }
    &Value::Null
}

/// Whether progenitor reads a body of this media type as JSON (and gives it
/// a generated type) rather than as raw bytes: exactly `application/json`,
/// with or without parameters (progenitor-impl 0.15.1, `method.rs`).
/// `application/problem+json` is raw bytes to it.
pub fn is_json_media_type(media_type: &str) -> bool {
    media_type == "application/json" || media_type.starts_with("application/json;")
}

/// One key as a JSON pointer token: `~` → `~0`, `/` → `~1`.
pub fn pointer_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Calls `visit` with every object of the document and its JSON pointer, in
/// document order, not descending into the keys `skip` refuses. An explicit
/// stack: specs may nest deeper than the thread's stack.
pub fn walk_objects<'a>(
    doc: &'a Value,
    skip: impl Fn(&str) -> bool,
    mut visit: impl FnMut(&str, &'a Map<String, Value>),
) {
    let mut stack = vec![(String::new(), doc)];
    while let Some((pointer, value)) = stack.pop() {
        match value {
            Value::Object(map) => {
                visit(&pointer, map);
                for (key, child) in map.iter().rev().filter(|(key, _)| !skip(key)) {
                    stack.push((format!("{pointer}/{}", pointer_token(key)), child));
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate().rev() {
                    stack.push((format!("{pointer}/{i}"), child));
                }
            }
            _ => {}
        }
    }
}

/// The names of the component schemas `$ref`erenced anywhere inside
/// `value`.
pub fn schema_refs(value: &Value) -> Vec<String> {
    let mut names = Vec::new();
    walk_objects(
        value,
        |_| false,
        |_, map| {
            if let Some(Value::String(r)) = map.get("$ref")
                && let Some(name) = r.strip_prefix("#/components/schemas/")
            {
                names.push(name.to_owned());
            }
        },
    );
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn operations_are_named_by_id_or_route_and_pointed_at() {
        let doc = json!({"paths": {
            "/a/{id}": {"parameters": [{"$ref": "#/components/parameters/Id"}],
                        "get": {"operationId": "get_a"}, "delete": {}},
        }, "components": {"parameters": {"Id": {"name": "id", "in": "path"}}}});
        let ops: Vec<_> = operations(&doc).collect();
        assert_eq!(ops.len(), 2);
        assert_eq!(ops[0].name(), "get_a");
        assert_eq!(ops[1].name(), "DELETE /a/{id}");
        assert_eq!(ops[0].pointer(), "/paths/~1a~1{id}/get");
        assert_eq!(ops[0].parameters(&doc).next().unwrap()["name"], "id");
    }

    #[test]
    fn references_are_followed_and_cycles_end() {
        let doc = json!({"a": {"$ref": "#/b"}, "b": {"$ref": "#/c"}, "c": 1,
                         "x": {"$ref": "#/y"}, "y": {"$ref": "#/x"}});
        assert_eq!(follow(&doc, &doc["a"]), &json!(1));
        assert_eq!(follow(&doc, &doc["x"]), &Value::Null);
        assert_eq!(resolve(&doc, "https://elsewhere/#/a"), None);
    }

    #[test]
    fn json_is_what_progenitor_reads_as_json() {
        assert!(is_json_media_type("application/json"));
        assert!(is_json_media_type("application/json; charset=utf-8"));
        assert!(!is_json_media_type("application/problem+json"));
        assert!(!is_json_media_type("text/plain"));
    }
}
