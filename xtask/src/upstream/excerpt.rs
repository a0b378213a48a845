//! The Tokens part of a whole QuantCDN spec: its Tokens operations and
//! every component they reach, as published (nothing edited, the order
//! kept), with the document's `info` (its version) and servers.
//!
//! A document that is not QuantCDN's, or has no Tokens operation, is
//! refused in one line naming the file and what is missing.

use serde_yaml::{Mapping, Value};

/// The tag QuantCDN's spec gives the Tokens operations.
const TAG: &str = "Tokens";

/// What the pinned file says first: where it came from and what writes it.
pub fn header(version: &str) -> String {
    format!(
        "# The Tokens operations of QuantCDN's published API spec, version {version},\n\
         # and every component they reach, as published (nothing edited).\n\
         # Written by `cargo xtask upstream --spec <a whole QuantCDN spec> --pin`;\n\
         # `cargo xtask upstream` compares openapi/tokens.yaml with it (the\n\
         # differences and their decisions: openapi/upstream/decisions.toml).\n"
    )
}

/// The excerpt of the spec `text` (named `name` in messages), and the
/// version it came from.
pub fn extract(text: &str, name: &str) -> Result<(Value, String), String> {
    let doc: Value = serde_yaml::from_str(text)
        .map_err(|e| format!("{name}: not a YAML or JSON document: {e}"))?;
    let Some(root) = doc.as_mapping() else {
        return Err(format!("{name}: not an OpenAPI document (not a mapping)"));
    };
    let text_at = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_owned);
    if text_at(&doc, "openapi").is_none() {
        return Err(format!(
            "{name}: not an OpenAPI document (no `openapi` version line)"
        ));
    }
    let info = doc.get("info").cloned().unwrap_or(Value::Null);
    let title = text_at(&info, "title").unwrap_or_default();
    let servers: Vec<String> = doc
        .get("servers")
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
        .filter_map(|s| text_at(s, "url"))
        .collect();
    let quantcdn = title.to_lowercase().contains("quantcdn")
        || servers.iter().any(|url| url.contains("quantcdn.io"));
    if !quantcdn {
        return Err(format!(
            "{name}: not a QuantCDN spec (info.title is {title:?}, and no server is at quantcdn.io)"
        ));
    }
    let version = text_at(&info, "version")
        .ok_or_else(|| format!("{name}: a QuantCDN spec without info.version"))?;

    // The Tokens operations, path by path, in the document's order.
    let mut paths = Mapping::new();
    for (path, item) in doc
        .get("paths")
        .and_then(Value::as_mapping)
        .into_iter()
        .flatten()
    {
        let Some(item) = item.as_mapping() else {
            continue;
        };
        let mut kept = Mapping::new();
        for (method, operation) in item {
            let tagged = operation
                .get("tags")
                .and_then(Value::as_sequence)
                .is_some_and(|tags| tags.iter().any(|t| t.as_str() == Some(TAG)));
            if tagged {
                kept.insert(method.clone(), operation.clone());
            }
        }
        if !kept.is_empty() {
            // Parameters every operation of the path shares go with them.
            if let Some(shared) = item.get("parameters") {
                kept.insert("parameters".into(), shared.clone());
            }
            paths.insert(path.clone(), Value::Mapping(kept));
        }
    }
    if paths.is_empty() {
        return Err(format!(
            "{name}: no Tokens operations (no operation is tagged `{TAG}`)"
        ));
    }

    // Every component the operations reach, transitively, and the security
    // schemes they (or the document) require.
    let components = doc.get("components").cloned().unwrap_or(Value::Null);
    let mut reached: Vec<(String, String)> = Vec::new();
    let mut pending: Vec<Value> = vec![Value::Mapping(paths.clone())];
    while let Some(value) = pending.pop() {
        for reference in references(&value) {
            let Some(rest) = reference.strip_prefix("#/components/") else {
                continue;
            };
            let Some((kind, key)) = rest.split_once('/') else {
                continue;
            };
            let key = key.replace("~1", "/").replace("~0", "~");
            let entry = (kind.to_owned(), key);
            if reached.contains(&entry) {
                continue;
            }
            let target = components.get(&entry.0).and_then(|k| k.get(&entry.1));
            let Some(target) = target else {
                return Err(format!(
                    "{name}: {reference} is referred to by the Tokens operations but not defined"
                ));
            };
            pending.push(target.clone());
            reached.push(entry);
        }
    }
    let mut schemes: Vec<String> = Vec::new();
    let requirements = std::iter::once(doc.get("security"))
        .chain(
            paths
                .values()
                .filter_map(Value::as_mapping)
                .flat_map(|item| item.values())
                .map(|op| op.get("security")),
        )
        .flatten();
    for list in requirements {
        for requirement in list.as_sequence().into_iter().flatten() {
            for (scheme, _) in requirement.as_mapping().into_iter().flatten() {
                if let Some(s) = scheme.as_str()
                    && !schemes.iter().any(|x| x == s)
                {
                    schemes.push(s.to_owned());
                }
            }
        }
    }
    for scheme in schemes {
        let entry = ("securitySchemes".to_owned(), scheme);
        if components
            .get(&entry.0)
            .and_then(|k| k.get(&entry.1))
            .is_some()
        {
            reached.push(entry);
        }
    }

    // The components in the document's order.
    let mut kept_components = Mapping::new();
    for (kind, entries) in components.as_mapping().into_iter().flatten() {
        let Some(kind_name) = kind.as_str() else {
            continue;
        };
        let mut kept = Mapping::new();
        for (key, value) in entries.as_mapping().into_iter().flatten() {
            if let Some(k) = key.as_str()
                && reached.iter().any(|(a, b)| a == kind_name && b == k)
            {
                kept.insert(key.clone(), value.clone());
            }
        }
        if !kept.is_empty() {
            kept_components.insert(kind.clone(), Value::Mapping(kept));
        }
    }

    let mut out = Mapping::new();
    for key in ["openapi", "info", "servers", "security"] {
        if let Some(v) = root.get(key) {
            out.insert(key.into(), v.clone());
        }
    }
    let tags: Vec<Value> = doc
        .get("tags")
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
        .filter(|t| t.get("name").and_then(Value::as_str) == Some(TAG))
        .cloned()
        .collect();
    if !tags.is_empty() {
        out.insert("tags".into(), Value::Sequence(tags));
    }
    out.insert("paths".into(), Value::Mapping(paths));
    out.insert("components".into(), Value::Mapping(kept_components));
    Ok((Value::Mapping(out), version))
}

/// The excerpt as the pinned file's text: the header, then the YAML.
pub fn text(excerpt: &Value, version: &str) -> String {
    let yaml = serde_yaml::to_string(excerpt).expect("a YAML value serializes");
    format!("{}{yaml}", header(version))
}

/// Every `$ref` inside `value`.
fn references(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Mapping(m) => {
                for (k, v) in m {
                    match (k.as_str(), v.as_str()) {
                        (Some("$ref"), Some(r)) => out.push(r.to_owned()),
                        _ => stack.push(v),
                    }
                }
            }
            Value::Sequence(s) => stack.extend(s),
            Value::Tagged(t) => stack.push(&t.value),
            _ => {}
        }
    }
    out
}
