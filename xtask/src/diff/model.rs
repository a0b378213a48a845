//! What a spec promises a consumer of the generated Rust crate: operations,
//! schemas with their fields (and whether each becomes `Option`), enums,
//! servers and security. Built from the canonical document codegen reads.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

#[derive(Debug, Default, PartialEq)]
pub struct Api {
    pub operations: BTreeMap<String, Operation>,
    pub schemas: BTreeMap<String, Schema>,
    /// Schemas reachable from request bodies and parameters.
    pub in_requests: BTreeSet<String>,
    /// Schemas reachable from responses.
    pub in_responses: BTreeSet<String>,
    pub servers: BTreeSet<String>,
    pub security_schemes: BTreeMap<String, String>,
}

#[derive(Debug, PartialEq)]
pub struct Operation {
    pub method: String,
    pub path: String,
    /// name → (location, required, type)
    pub parameters: BTreeMap<String, (String, bool, String)>,
    pub request_body: Option<String>,
    /// status → body type ("no body" when none)
    pub responses: BTreeMap<String, String>,
}

#[derive(Debug, PartialEq)]
pub enum Schema {
    Object(BTreeMap<String, Field>),
    Enum(Vec<String>),
    Other(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub ty: String,
    pub format: Option<String>,
    pub required: bool,
    pub nullable: bool,
}

impl Field {
    /// typify makes a field `Option` when it is nullable or not required.
    pub fn is_option(&self) -> bool {
        self.nullable || !self.required
    }

    pub fn rust(&self) -> String {
        if self.is_option() {
            format!("Option<{}>", self.ty)
        } else {
            self.ty.clone()
        }
    }
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

impl Api {
    pub fn from_document(doc: &Value) -> Api {
        let mut api = Api::default();
        let empty = serde_json::Map::new();
        for (path, item) in doc["paths"].as_object().unwrap_or(&empty) {
            for method in METHODS {
                let Some(op) = item.get(method) else { continue };
                let id = op["operationId"].as_str().unwrap_or_default().to_owned();
                let mut parameters = BTreeMap::new();
                for p in [&item["parameters"], &op["parameters"]]
                    .into_iter()
                    .filter_map(Value::as_array)
                    .flatten()
                {
                    let p = resolve(doc, p);
                    parameters.insert(
                        p["name"].as_str().unwrap_or_default().to_owned(),
                        (
                            p["in"].as_str().unwrap_or_default().to_owned(),
                            p["required"].as_bool().unwrap_or(false),
                            type_of(&p["schema"]),
                        ),
                    );
                    refs(&p["schema"], &mut api.in_requests);
                }
                let body = resolve(doc, &op["requestBody"]);
                let request_body = json_schema(body).map(|s| {
                    refs(s, &mut api.in_requests);
                    type_of(s)
                });
                let mut responses = BTreeMap::new();
                for (status, response) in op["responses"].as_object().unwrap_or(&empty) {
                    let response = resolve(doc, response);
                    let ty = match json_schema(response) {
                        Some(s) => {
                            refs(s, &mut api.in_responses);
                            type_of(s)
                        }
                        None if response["content"]
                            .as_object()
                            .is_some_and(|c| !c.is_empty()) =>
                        {
                            "raw body".to_owned()
                        }
                        None => "no body".to_owned(),
                    };
                    responses.insert(status.clone(), ty);
                }
                api.operations.insert(
                    id,
                    Operation {
                        method: method.to_uppercase(),
                        path: path.clone(),
                        parameters,
                        request_body,
                        responses,
                    },
                );
            }
        }
        for (name, schema) in doc
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .unwrap_or(&empty)
        {
            api.schemas.insert(name.clone(), schema_of(schema));
        }
        close_over_schemas(doc, &mut api.in_requests);
        close_over_schemas(doc, &mut api.in_responses);
        api.servers = doc["servers"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s["url"].as_str().map(str::to_owned))
            .collect();
        for (name, scheme) in doc
            .pointer("/components/securitySchemes")
            .and_then(Value::as_object)
            .unwrap_or(&empty)
        {
            let text = [&scheme["type"], &scheme["scheme"], &scheme["bearerFormat"]]
                .iter()
                .filter_map(|v| v.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            api.security_schemes.insert(name.clone(), text);
        }
        api
    }
}

fn resolve<'a>(doc: &'a Value, value: &'a Value) -> &'a Value {
    match value["$ref"].as_str().and_then(|r| r.strip_prefix('#')) {
        Some(pointer) => doc.pointer(pointer).unwrap_or(&Value::Null),
        None => value,
    }
}

fn json_schema(with_content: &Value) -> Option<&Value> {
    with_content["content"]
        .as_object()?
        .iter()
        .find(|(ty, _)| *ty == "application/json" || ty.ends_with("+json"))
        .map(|(_, media)| &media["schema"])
}

fn ref_name(schema: &Value) -> Option<&str> {
    schema["$ref"]
        .as_str()?
        .strip_prefix("#/components/schemas/")
}

/// Every schema name referenced anywhere inside `value`.
fn refs(value: &Value, into: &mut BTreeSet<String>) {
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(map) => {
                if let Some(name) = ref_name(v) {
                    into.insert(name.to_owned());
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
}

fn close_over_schemas(doc: &Value, set: &mut BTreeSet<String>) {
    loop {
        let mut next = set.clone();
        for name in set.iter() {
            if let Some(schema) = doc.pointer(&format!("/components/schemas/{name}")) {
                refs(schema, &mut next);
            }
        }
        if next.len() == set.len() {
            return;
        }
        *set = next;
    }
}

/// The branch of `oneOf: [X, {enum: [null]}]` (or a single `allOf`) that is
/// the real type, and whether `null` is allowed.
fn unwrap_nullable(schema: &Value) -> (&Value, bool) {
    let nullable = schema["nullable"].as_bool().unwrap_or(false);
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(branches) = schema[key].as_array() {
            let is_null = |b: &Value| b["enum"] == serde_json::json!([null]) || b["type"] == "null";
            let real: Vec<&Value> = branches.iter().filter(|b| !is_null(b)).collect();
            if real.len() == 1 {
                return (real[0], nullable || real.len() < branches.len());
            }
        }
    }
    (schema, nullable)
}

/// The Rust type typify gives a schema, by name where the spec names it.
pub fn type_of(schema: &Value) -> String {
    let (schema, _) = unwrap_nullable(schema);
    if let Some(name) = ref_name(schema) {
        return name.to_owned();
    }
    let format = schema["format"].as_str().unwrap_or("");
    match (schema["type"].as_str().unwrap_or(""), format) {
        ("string", "date-time") => "DateTime<Utc>".to_owned(),
        ("string", "date") => "NaiveDate".to_owned(),
        ("string", "uuid") => "Uuid".to_owned(),
        ("string", _) if schema["enum"].is_array() => "enum (inline)".to_owned(),
        ("string", _) => "String".to_owned(),
        ("integer", "int32") => "i32".to_owned(),
        ("integer", "uint32") => "u32".to_owned(),
        ("integer", "uint64") => "u64".to_owned(),
        ("integer", _) => "i64".to_owned(),
        ("number", "float") => "f32".to_owned(),
        ("number", _) => "f64".to_owned(),
        ("boolean", _) => "bool".to_owned(),
        ("array", _) => format!("Vec<{}>", type_of(&schema["items"])),
        ("object", _) => "object (inline)".to_owned(),
        _ => "any".to_owned(),
    }
}

fn schema_of(schema: &Value) -> Schema {
    if let Some(values) = schema["enum"].as_array() {
        return Schema::Enum(
            values
                .iter()
                .map(|v| v.as_str().map_or(v.to_string(), str::to_owned))
                .collect(),
        );
    }
    match schema["properties"].as_object() {
        Some(properties) => {
            let required: BTreeSet<&str> = schema["required"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            Schema::Object(
                properties
                    .iter()
                    .map(|(name, property)| {
                        let (real, nullable) = unwrap_nullable(property);
                        (
                            name.clone(),
                            Field {
                                ty: type_of(property),
                                format: real["format"].as_str().map(str::to_owned),
                                required: required.contains(name.as_str()),
                                nullable,
                            },
                        )
                    })
                    .collect(),
            )
        }
        None => Schema::Other(type_of(schema)),
    }
}
