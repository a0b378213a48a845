//! Titles that give two types one name.
//!
//! A nullable component schema becomes a newtype over an `Option` of an
//! inner type, which typify means to call `{Name}Inner`, but names after
//! the schema's `title` when it has one (typify-impl 0.8.0, `convert.rs`:
//! the title wins over a suggested name). On GitHub's API the title is
//! often another type's name: `nullable-simple-user`, titled "Simple User",
//! gets an inner `SimpleUser` beside the component `simple-user`'s own
//! (two types, one name), and `auto_merge`, titled "Auto merge", an inner
//! `AutoMerge` inside the newtype `AutoMerge` (a type that contains
//! itself): the client does not compile.
//!
//! typify does not notice: when it meets a second type of a name it either
//! defines both (GitHub) or silently uses the first for both (typify-impl
//! 0.8.0, `lib.rs`, `assign_type`: "we'd like to verify that the type is
//! structurally the same"), so a field of the nullable schema is lost. The
//! second cannot be seen in the output, so the rule acts on the spec:
//! normalising removes the title of each nullable component schema whose
//! title is, letters and digits alike (case aside, as typify's PascalCase
//! keeps them), the name of a component schema (its own included) or the
//! title of another such schema. Its inner type is then `{Name}Inner`. (A
//! nullable schema identical to the component its title names, as
//! GitHub's `nullable-milestone` and `milestone`, loses its title too: its
//! inner type is then a copy of that component, not the component.)

use openapiv3::{OpenAPI, ReferenceOr};

use crate::spec::walk::pointer_token;

/// Rewrites `spec` in place; returns one line per change.
pub(crate) fn normalize(spec: &mut OpenAPI) -> Vec<String> {
    let Some(components) = &mut spec.components else {
        return Vec::new();
    };
    let titled: Vec<(String, String)> = components
        .schemas
        .iter()
        .filter_map(|(name, schema)| {
            let data = &schema.as_item()?.schema_data;
            Some((name.clone(), data.title.clone().filter(|_| data.nullable)?))
        })
        .collect();
    let mut changes = Vec::new();
    for (name, title) in &titled {
        let clash = components
            .schemas
            .keys()
            .find(|other| letters(other) == letters(title))
            .map(|other| format!("the component schema {other}"))
            .or_else(|| {
                titled
                    .iter()
                    .find(|(other, t)| other != name && letters(t) == letters(title))
                    .map(|(other, _)| format!("the type inside {other}"))
            });
        let Some(clash) = clash else {
            continue;
        };
        if let Some(ReferenceOr::Item(schema)) = components.schemas.get_mut(name) {
            schema.schema_data.title = None;
            changes.push(format!(
                "#/components/schemas/{}: title {title:?} removed: typify would name the type \
                 inside this nullable schema after it, as it names {clash}",
                pointer_token(name)
            ));
        }
    }
    changes
}

/// A name's letters and digits, lower-cased: how a title and the type
/// named after it are compared.
fn letters(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}
