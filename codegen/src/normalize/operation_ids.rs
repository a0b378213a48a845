//! Operations without an `operationId`, named from their method and path.
//!
//! OpenAPI makes `operationId` optional, and many public specs leave it
//! out; progenitor names each client method after it, so without
//! normalising such a spec is refused (`spec::check`). Normalising names
//! each nameless operation as OpenAPI Generator and others do, from the
//! method and the path: `GET /users/{id}/repos` is `get_users_by_id_repos`
//! (a path parameter is `by_<name>`, `/` is `root`). A name another
//! operation has (its own `operationId`, or a name given here before,
//! compared as progenitor's snake case would make them) gets `_2`, `_3`,
//! ... in the order of the paths (sorted, as the document is read) and
//! methods, so the names are the same on every run. The
//! operation's description says where its name came from, so the crate's
//! docs say it too.
//!
//! This rule acts on the document as JSON, before the checks: the others
//! act on openapiv3's model, which is read only from a checked document.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::spec::walk::{METHODS, pointer_token};

/// What the description of a named operation says, at its end.
pub(crate) const NOTE: &str =
    "(The spec gives this operation no operationId: codegen named it from its method and path.)";

/// Names every operation of `doc` that has no `operationId`; one line per
/// name given.
pub(crate) fn name(doc: &mut Value) -> Vec<String> {
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return Vec::new();
    };
    let mut taken: BTreeSet<String> = paths
        .values()
        .filter_map(Value::as_object)
        .flat_map(|item| METHODS.iter().filter_map(|m| item.get(*m)))
        .filter_map(|op| op.get("operationId").and_then(Value::as_str))
        .map(letters)
        .collect();
    let mut changes = Vec::new();
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for method in METHODS {
            let Some(operation) = item.get_mut(method).and_then(Value::as_object_mut) else {
                continue;
            };
            if operation.contains_key("operationId") {
                continue;
            }
            let base = from_route(method, path);
            let mut name = base.clone();
            let mut n = 1;
            while taken.contains(&letters(&name)) {
                n += 1;
                name = format!("{base}_{n}");
            }
            taken.insert(letters(&name));
            operation.insert("operationId".into(), Value::String(name.clone()));
            let description = match operation.get("description").and_then(Value::as_str) {
                Some(text) if !text.trim().is_empty() => format!("{}\n\n{NOTE}", text.trim_end()),
                _ => NOTE.to_owned(),
            };
            operation.insert("description".into(), Value::String(description));
            changes.push(format!(
                "#/paths/{}/{method}: no operationId: named {name} from its method and path",
                pointer_token(path)
            ));
        }
    }
    changes
}

/// `get`, `/users/{id}/repos` → `get_users_by_id_repos`.
fn from_route(method: &str, path: &str) -> String {
    let mut words = vec![method.to_owned()];
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        let (prefix, segment) = match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(parameter) => ("by_", parameter),
            None => ("", segment),
        };
        let word = snake(segment);
        if !word.is_empty() {
            words.push(format!("{prefix}{word}"));
        }
    }
    if words.len() == 1 {
        words.push("root".to_owned());
    }
    words.join("_")
}

/// Lower-case letters and digits, every other run of characters one `_`,
/// and a `_` between a lower-case letter and a capital (`userId` →
/// `user_id`).
fn snake(text: &str) -> String {
    let mut out = String::new();
    let mut previous_lower = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && previous_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        } else {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            previous_lower = false;
        }
    }
    out.trim_end_matches('_').to_owned()
}

/// A name's letters and digits, lower-cased: two names progenitor's snake
/// case could make one (`getUsers`, `get_users`) compare equal.
fn letters(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_come_from_the_method_and_the_path() {
        assert_eq!(
            from_route("get", "/users/{id}/repos"),
            "get_users_by_id_repos"
        );
        assert_eq!(
            from_route("post", "/v1/fileUploads.json"),
            "post_v1_file_uploads_json"
        );
        assert_eq!(from_route("delete", "/"), "delete_root");
        assert_eq!(from_route("get", "/a/{userId}"), "get_a_by_user_id");
    }

    #[test]
    fn a_name_taken_gets_a_number_in_order_and_the_description_says_so() {
        let mut doc = json!({"paths": {
            "/users": {
                "get": {"responses": {}},
                "post": {"operationId": "getUsers", "responses": {}}
            },
            "/users/": {"get": {"description": "All of them.", "responses": {}}}
        }});
        let changes = name(&mut doc);
        assert_eq!(
            changes,
            [
                "#/paths/~1users/get: no operationId: named get_users_2 from its method and path",
                "#/paths/~1users~1/get: no operationId: named get_users_3 from its method and path",
            ]
        );
        assert_eq!(doc["paths"]["/users"]["post"]["operationId"], "getUsers");
        assert_eq!(
            doc["paths"]["/users/"]["get"]["description"],
            format!("All of them.\n\n{NOTE}")
        );
    }
}
