//! Reading and checking the spec.
//!
//! In: the spec's text (YAML or JSON) and its name. Out: the document as
//! JSON values, read once with duplicate keys refused (see `read`; an
//! OpenAPI 3.1 document rewritten as 3.0, see `openapi31`), with
//! every problem progenitor would report badly found first (see `check`),
//! then as openapiv3's `OpenAPI`, with its maps in canonical order. `walk`
//! holds the walks over the JSON document that the checks, the pruning,
//! the normalisation and `cargo xtask diff` share.

pub(crate) mod check;
pub(crate) mod openapi31;
pub(crate) mod read;
pub mod walk;

/// The operations of a path item, by method, open to change.
pub(crate) trait OperationsMut {
    fn iter_mut_operations(&mut self) -> Vec<(&'static str, &mut openapiv3::Operation)>;
    /// Every method's place, filled or not, in the order OpenAPI lists
    /// them: what removes an operation (`progenitor::skip`).
    fn operation_slots_mut(&mut self) -> [(&'static str, &mut Option<openapiv3::Operation>); 8];
}

impl OperationsMut for openapiv3::PathItem {
    fn iter_mut_operations(&mut self) -> Vec<(&'static str, &mut openapiv3::Operation)> {
        self.operation_slots_mut()
            .into_iter()
            .filter_map(|(m, op)| op.as_mut().map(|op| (m, op)))
            .collect()
    }

    fn operation_slots_mut(&mut self) -> [(&'static str, &mut Option<openapiv3::Operation>); 8] {
        [
            ("get", &mut self.get),
            ("put", &mut self.put),
            ("post", &mut self.post),
            ("delete", &mut self.delete),
            ("options", &mut self.options),
            ("head", &mut self.head),
            ("patch", &mut self.patch),
            ("trace", &mut self.trace),
        ]
    }
}

/// A response as written, or the component response a `$ref` names (`None`
/// for a `$ref` to anything else, or to nothing).
pub(crate) fn resolve_response(
    components: Option<&openapiv3::Components>,
    response: &openapiv3::ReferenceOr<openapiv3::Response>,
) -> Option<openapiv3::Response> {
    match response {
        openapiv3::ReferenceOr::Item(response) => Some(response.clone()),
        openapiv3::ReferenceOr::Reference { reference } => {
            let name = reference.strip_prefix("#/components/responses/")?;
            components?.responses.get(name)?.as_item().cloned()
        }
    }
}
