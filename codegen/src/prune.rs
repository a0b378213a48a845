//! Keeps only the component schemas an operation reaches, so that running
//! progenitor once per operation (to find which ones fail) costs little more
//! than one run on the whole document.

use std::collections::BTreeSet;

use openapiv3::{OpenAPI, Paths};
use serde_json::Value;

use crate::json_walk::walk_objects;

const SCHEMA_REF: &str = "#/components/schemas/";

/// `spec` with only `paths`, and only the component schemas reachable from
/// them (through the paths and through every other kind of component).
pub(crate) fn with_paths(spec: &OpenAPI, paths: Paths) -> OpenAPI {
    let mut out = OpenAPI {
        paths,
        ..spec.clone()
    };
    let Some(components) = out.components.as_mut() else {
        return out;
    };
    let mut pending = Vec::new();
    collect_schema_refs(
        &serde_json::to_value(&out.paths).unwrap_or_default(),
        &mut pending,
    );
    let mut others = components.clone();
    others.schemas.clear();
    collect_schema_refs(
        &serde_json::to_value(&others).unwrap_or_default(),
        &mut pending,
    );

    let mut reachable = BTreeSet::new();
    while let Some(name) = pending.pop() {
        if !reachable.insert(name.clone()) {
            continue;
        }
        if let Some(schema) = components.schemas.get(&name) {
            collect_schema_refs(
                &serde_json::to_value(schema).unwrap_or_default(),
                &mut pending,
            );
        }
    }
    components
        .schemas
        .retain(|name, _| reachable.contains(name));
    out
}

fn collect_schema_refs(value: &Value, into: &mut Vec<String>) {
    walk_objects(
        value,
        |_| false,
        |_, map| {
            if let Some(Value::String(r)) = map.get("$ref")
                && let Some(name) = r.strip_prefix(SCHEMA_REF)
            {
                into.push(name.to_owned());
            }
        },
    );
}
