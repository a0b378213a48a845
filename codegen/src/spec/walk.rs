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

/// The names in a path's `{…}` placeholders: `/a/{id}/b/{name}` → `id`,
/// `name`.
pub fn placeholders(path: &str) -> std::collections::BTreeSet<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

/// `#/a/b~1c` → the value there; `None` for a reference outside the
/// document or to nothing. The pointer is a URI fragment, so it may be
/// percent-encoded (`~1%7Bid%7D` for `/{id}`: RFC 6901, section 6).
pub fn resolve<'a>(doc: &'a Value, reference: &str) -> Option<&'a Value> {
    let pointer = reference.strip_prefix('#')?;
    doc.pointer(pointer).or_else(|| {
        pointer
            .contains('%')
            .then(|| percent_decoded(pointer))
            .flatten()
            .and_then(|decoded| doc.pointer(&decoded))
    })
}

/// [`resolve`], open to change.
pub fn resolve_mut<'a>(doc: &'a mut Value, reference: &str) -> Option<&'a mut Value> {
    let pointer = reference.strip_prefix('#')?;
    let pointer = match doc.pointer(pointer) {
        Some(_) => pointer.to_owned(),
        None if pointer.contains('%') => percent_decoded(pointer)?,
        None => return None,
    };
    doc.pointer_mut(&pointer)
}

/// `%7B` → `{`; `None` when the text is not percent-encoded UTF-8.
fn percent_decoded(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
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

/// What an object of an OpenAPI document is, as far as the walks need to
/// know: which of its keys hold schemas, which hold maps of names, and which
/// hold data. The one rule every walk over a document follows.
///
/// Data is never walked: example values (`example`, `examples.*.value`),
/// `default`, `enum` and `const` values, and the contents of extensions
/// (`x-…`). A `$ref` in them is a value like any other (GitHub's examples
/// hold SCIM documents whose `$ref`s are URLs), and an object in them is
/// no schema. Keys of name maps are names, never keywords or extensions: a
/// property called `default`, `enum` or `x-id`, and the response `default`,
/// are walked like any other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectKind {
    /// The document itself.
    Document,
    /// `components`: each of its keys is a map of names.
    Components,
    /// `paths`, or a Callback Object: path templates (or expressions) to
    /// Path Items, and extensions.
    Paths,
    /// A Responses Object: status codes and `default` to Responses, and
    /// extensions.
    Responses,
    /// A Schema Object (or a Reference Object where a schema goes).
    Schema,
    /// An Example Object: its `value` is data.
    Example,
    /// Any other object of OpenAPI (Path Item, Operation, Parameter, Media
    /// Type, …) and objects OpenAPI does not define: walked, so that a
    /// `$ref` in them is still checked.
    Object,
    /// A map from names to objects of one kind (`properties`,
    /// `components.schemas`, `content`, …).
    Names(Named),
}

/// What the entries of a map of names are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Schemas,
    Examples,
    /// Callback Objects.
    Callbacks,
    Objects,
}

impl ObjectKind {
    /// The place of the value under `key` in an object (or name map) at
    /// this place; `None` when that value is data. The elements of an
    /// array are at the array's place.
    pub fn child(self, key: &str) -> Option<ObjectKind> {
        use Named::*;
        use ObjectKind::*;
        let extension = key.starts_with("x-");
        Some(match self {
            Names(Schemas) => Schema,
            Names(Examples) => Example,
            Names(Callbacks) => Paths,
            Names(Objects) => Object,
            _ if extension => return None,
            Document => match key {
                "components" => Components,
                "paths" => Paths,
                _ => Object,
            },
            Components => match key {
                "schemas" => Names(Schemas),
                "examples" => Names(Examples),
                "callbacks" => Names(Callbacks),
                _ => Names(Objects),
            },
            Paths | Responses => Object,
            Example => match key {
                "value" => return None,
                _ => Object,
            },
            Schema => match key {
                "example" | "examples" | "default" | "enum" | "const" => return None,
                // `definitions` and `$defs`: schemas a `$ref` may point
                // into (`#/components/schemas/X/definitions/Y`).
                "properties" | "patternProperties" | "definitions" | "$defs" => Names(Schemas),
                "items" | "additionalProperties" | "not" | "allOf" | "oneOf" | "anyOf" => Schema,
                _ => Object,
            },
            Object => match key {
                "example" | "default" | "enum" | "const" => return None,
                "schema" => Schema,
                "examples" => Names(Examples),
                "responses" => Responses,
                "callbacks" => Names(Callbacks),
                "content" | "headers" | "encoding" | "links" | "variables" => Names(Objects),
                _ => Object,
            },
        })
    }

    /// Whether objects here are objects of OpenAPI (visited by the walks),
    /// not maps of names.
    pub fn is_object(self) -> bool {
        !matches!(self, ObjectKind::Names(_))
    }
}

/// Calls `visit` with every object of the document (not data, not maps of
/// names: see [`ObjectKind`]), its JSON pointer and its place, in document order.
/// An explicit stack: specs may nest deeper than the thread's stack.
pub fn walk_objects<'a>(
    doc: &'a Value,
    visit: impl FnMut(&str, ObjectKind, &'a Map<String, Value>),
) {
    walk_objects_at(doc, ObjectKind::Document, String::new(), visit);
}

/// [`walk_objects`] from a value at `place`, whose pointer is `pointer`.
pub fn walk_objects_at<'a>(
    value: &'a Value,
    place: ObjectKind,
    pointer: String,
    mut visit: impl FnMut(&str, ObjectKind, &'a Map<String, Value>),
) {
    let mut pointer = Pointer::at(pointer);
    let mut stack = vec![(pointer.len(), Step::Root, place, value)];
    while let Some((parent, step, place, value)) = stack.pop() {
        pointer.go(parent, step);
        match value {
            Value::Object(map) => {
                if place.is_object() {
                    visit(pointer.as_str(), place, map);
                }
                for (key, child) in map.iter().rev() {
                    if let Some(inner) = place.child(key) {
                        stack.push((pointer.len(), Step::Key(key), inner, child));
                    }
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate().rev() {
                    stack.push((pointer.len(), Step::Index(i), place, child));
                }
            }
            _ => {}
        }
    }
}

/// [`walk_objects`], with each object open to change (children are walked
/// after their parent's visit, as the visit left them).
pub fn walk_objects_mut(
    doc: &mut Value,
    mut visit: impl FnMut(&str, ObjectKind, &mut Map<String, Value>),
) {
    let mut pointer = Pointer::at(String::new());
    let mut stack = vec![(0, Step::Root, ObjectKind::Document, doc)];
    while let Some((parent, step, place, value)) = stack.pop() {
        pointer.go(parent, step);
        match value {
            Value::Object(map) => {
                if place.is_object() {
                    visit(pointer.as_str(), place, map);
                }
                let children: Vec<_> = map
                    .iter_mut()
                    .filter_map(|(key, child)| {
                        let inner = place.child(key)?;
                        Some((pointer.len(), Step::Key(key), inner, child))
                    })
                    .collect();
                stack.extend(children.into_iter().rev());
            }
            Value::Array(items) => {
                let children: Vec<_> = items
                    .iter_mut()
                    .enumerate()
                    .map(|(i, child)| (pointer.len(), Step::Index(i), place, child))
                    .collect();
                stack.extend(children.into_iter().rev());
            }
            _ => {}
        }
    }
}

/// From a value to one of its children.
#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

/// The JSON pointer of the value a walk is at, in one buffer: the walks go
/// depth first, so the value taken next is a child of a value whose
/// pointer is a prefix of the buffer (cut back to it, then the step
/// added). One string for the walk instead of one per value.
struct Pointer(String);

impl Pointer {
    fn at(start: String) -> Self {
        Pointer(start)
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    fn as_str(&self) -> &str {
        &self.0
    }

    /// To the child `step` of the value whose pointer was `parent` long.
    fn go(&mut self, parent: usize, step: Step<'_>) {
        use std::fmt::Write;
        self.0.truncate(parent);
        match step {
            Step::Root => {}
            Step::Key(key) => {
                self.0.push('/');
                for c in key.chars() {
                    match c {
                        '~' => self.0.push_str("~0"),
                        '/' => self.0.push_str("~1"),
                        c => self.0.push(c),
                    }
                }
            }
            Step::Index(i) => {
                let _ = write!(self.0, "/{i}");
            }
        }
    }
}

/// Every reference of the document (a `$ref` string where OpenAPI allows a
/// Reference Object, never in data): the pointer of the object holding it,
/// and its target.
pub fn references(doc: &Value) -> Vec<(String, &str)> {
    let mut found = Vec::new();
    walk_objects(doc, |pointer, _, map| {
        if let Some(Value::String(target)) = map.get("$ref") {
            found.push((pointer.to_owned(), target.as_str()));
        }
    });
    found
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

    #[test]
    fn data_is_never_a_reference_and_names_are_never_data() {
        let data = json!({"$ref": "https://example.com/data"});
        let schema = json!({"$ref": "#/components/schemas/S"});
        let doc = json!({
            "x-top": data,
            "paths": {
                "x-paths": data,
                "/a": {"get": {
                    "parameters": [{"name": "p", "in": "query", "schema": schema, "example": data,
                                    "examples": {"e": {"$ref": "#/components/examples/E"},
                                                 "f": {"value": data}}}],
                    "responses": {
                        "default": {"$ref": "#/components/responses/R"},
                        "x-responses": data,
                        "200": {"description": "ok", "content": {"application/json": {
                            "schema": {"type": "object", "default": data, "enum": [data],
                                       "const": data, "example": data, "examples": [data],
                                       "x-ext": data,
                                       "properties": {"default": schema, "enum": schema,
                                                      "x-id": schema, "example": schema}},
                            "example": data}}}},
                    "callbacks": {"c": {"{$url}": {"post": {"responses": {"200": {"$ref": "#/components/responses/R"}}}},
                                        "x-callback": data}}}}},
            "components": {
                "schemas": {"S": {"type": "string", "default": data},
                            "x-named": {"$ref": "#/components/schemas/S"}},
                "examples": {"E": {"value": data, "summary": "s"}},
                "responses": {"R": {"description": "r", "headers": {"x-rate": {"schema": schema}}}},
                "x-components": data,
            },
        });
        let mut found: Vec<(String, &str)> = references(&doc);
        found.sort();
        let expected = [
            (
                "/components/responses/R/headers/x-rate/schema",
                "#/components/schemas/S",
            ),
            ("/components/schemas/x-named", "#/components/schemas/S"),
            (
                "/paths/~1a/get/callbacks/c/{$url}/post/responses/200",
                "#/components/responses/R",
            ),
            (
                "/paths/~1a/get/parameters/0/examples/e",
                "#/components/examples/E",
            ),
            (
                "/paths/~1a/get/parameters/0/schema",
                "#/components/schemas/S",
            ),
            (
                "/paths/~1a/get/responses/200/content/application~1json/schema/properties/default",
                "#/components/schemas/S",
            ),
            (
                "/paths/~1a/get/responses/200/content/application~1json/schema/properties/enum",
                "#/components/schemas/S",
            ),
            (
                "/paths/~1a/get/responses/200/content/application~1json/schema/properties/example",
                "#/components/schemas/S",
            ),
            (
                "/paths/~1a/get/responses/200/content/application~1json/schema/properties/x-id",
                "#/components/schemas/S",
            ),
            (
                "/paths/~1a/get/responses/default",
                "#/components/responses/R",
            ),
        ];
        let expected: Vec<(String, &str)> = expected
            .iter()
            .map(|(p, t)| ((*p).to_owned(), *t))
            .collect();
        assert_eq!(found, expected);
    }

    /// Both walks give each object the pointer RFC 6901 gives it (`~` and
    /// `/` escaped, array indices), in document order.
    #[test]
    fn both_walks_point_at_each_object_alike() {
        let mut doc = json!({"paths": {"/a~b": {"get": {"parameters": [
            {"name": "p", "in": "query", "schema": {"type": "string"}},
            {"name": "q", "in": "query", "schema": {"allOf": [{"type": "object"}, {"type": "string"}]}}
        ]}}}});
        let mut read = Vec::new();
        walk_objects(&doc, |pointer, _, _| read.push(pointer.to_owned()));
        let mut changed = Vec::new();
        walk_objects_mut(&mut doc, |pointer, _, _| changed.push(pointer.to_owned()));
        let base = "/paths/~1a~0b/get/parameters";
        assert_eq!(
            read,
            [
                String::new(),
                "/paths".to_owned(),
                "/paths/~1a~0b".to_owned(),
                "/paths/~1a~0b/get".to_owned(),
                format!("{base}/0"),
                format!("{base}/0/schema"),
                format!("{base}/1"),
                format!("{base}/1/schema"),
                format!("{base}/1/schema/allOf/0"),
                format!("{base}/1/schema/allOf/1"),
            ]
        );
        assert_eq!(changed, read);
    }

    #[test]
    fn schemas_are_known_by_their_place() {
        let doc = json!({
            "paths": {"/a": {"get": {"responses": {"200": {"description": "ok", "content": {
                "application/json": {"schema": {"type": "array", "items": {"allOf": [{"type": "string"}]}}}}}}}}},
            "components": {"schemas": {"A": {"properties": {"type": {"type": "integer"}},
                                             "additionalProperties": {"type": "boolean"}}}},
            "servers": [{"url": "u", "variables": {"v": {"default": "d", "enum": ["d"]}}}],
        });
        let mut schemas = Vec::new();
        walk_objects(&doc, |pointer, place, _| {
            if place == ObjectKind::Schema {
                schemas.push(pointer.to_owned());
            }
        });
        assert_eq!(
            schemas,
            [
                "/components/schemas/A",
                "/components/schemas/A/additionalProperties",
                "/components/schemas/A/properties/type",
                "/paths/~1a/get/responses/200/content/application~1json/schema",
                "/paths/~1a/get/responses/200/content/application~1json/schema/items",
                "/paths/~1a/get/responses/200/content/application~1json/schema/items/allOf/0",
            ]
        );
        let mut doc = doc;
        let mut visited = 0;
        walk_objects_mut(&mut doc, |_, place, map| {
            if place == ObjectKind::Schema {
                map.insert("x-seen".to_owned(), json!(true));
                visited += 1;
            }
        });
        assert_eq!(visited, schemas.len());
        assert_eq!(
            doc["components"]["schemas"]["A"]["properties"]["type"]["x-seen"],
            true
        );
    }
}
