//! Keeps only the component schemas an operation reaches, so that running
//! progenitor once per operation (to find which ones fail) costs little more
//! than one run on the whole document.

use std::collections::BTreeSet;

use crate::spec_walk::schema_refs;
use openapiv3::{OpenAPI, Paths};

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
    let mut pending = schema_refs(&serde_json::to_value(&out.paths).unwrap_or_default());
    let mut others = components.clone();
    others.schemas.clear();
    pending.extend(schema_refs(
        &serde_json::to_value(&others).unwrap_or_default(),
    ));

    let mut reachable = BTreeSet::new();
    while let Some(name) = pending.pop() {
        if !reachable.insert(name.clone()) {
            continue;
        }
        if let Some(schema) = components.schemas.get(&name) {
            pending.extend(schema_refs(
                &serde_json::to_value(schema).unwrap_or_default(),
            ));
        }
    }
    components
        .schemas
        .retain(|name, _| reachable.contains(name));
    out
}
