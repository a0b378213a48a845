//! The names parameters are sent under, where `--normalize` renamed them.
//!
//! `normalize::parameter_names` gives a parameter that another of its
//! operation's would be named alike in Rust a new name (`MaxResults_2`),
//! which progenitor then also writes as the name on the wire
//! (`QueryParam::new("MaxResults_2", ..)`, `header_map.append(..)`, the
//! mock's `query_param(..)`). This pass writes the name the spec gives
//! back into each such string, read from the document's
//! `x-codegen-wire-names`. The new names are strings the document holds
//! nowhere else, so a string literal equal to one is that parameter's
//! name.

use std::collections::BTreeMap;

use syn::visit_mut::VisitMut;

use crate::CodegenError;
use crate::normalize::parameter_names::EXTENSION;

pub(super) fn restore(
    file: &mut syn::File,
    facts: &mut super::Facts<'_>,
) -> Result<(), CodegenError> {
    let Some(names) = facts
        .spec
        .extensions
        .get(EXTENSION)
        .and_then(|v| v.as_object())
    else {
        return Ok(());
    };
    let names: BTreeMap<&str, &str> = names
        .iter()
        .filter_map(|(new, sent)| Some((new.as_str(), sent.as_str()?)))
        .collect();
    Restore(&names).visit_file_mut(file);
    Ok(())
}

struct Restore<'a>(&'a BTreeMap<&'a str, &'a str>);

impl VisitMut for Restore<'_> {
    fn visit_lit_str_mut(&mut self, literal: &mut syn::LitStr) {
        if let Some(sent) = self.0.get(literal.value().as_str()) {
            *literal = syn::LitStr::new(sent, literal.span());
        }
    }
}
