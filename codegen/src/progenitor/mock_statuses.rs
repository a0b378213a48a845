//! Statuses without a reason phrase in the mocks.
//!
//! progenitor names each mock method after its status's reason phrase
//! (`not_found` for 404), and panics on a status that has none
//! (`canonical_reason().unwrap()`): 480 to 499, 509, 520 and the like,
//! which HTTP allows and one cloud provider's whole family of documents
//! uses for its errors (one status per error type). Its client and CLI
//! take them as they are.
//!
//! So progenitor's mocks are made from the spec with each such status of
//! an operation standing in as a status of the same class that has a
//! reason phrase and that the operation does not use (480 as 405, say);
//! then, in the `Then` of that operation, the method that sends the
//! stand-in is renamed `status_480` and sends 480. The method is found by
//! the status it sends, not by progenitor's name for it, and the `Then` by
//! the builder progenitor names for the operation (`super::names`), so
//! that no rule of progenitor's is copied here. `response_groups` names
//! the answers progenitor does not see the same way (`status_480`).

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, ReferenceOr, StatusCode};
use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident};
use syn::visit_mut::VisitMut;

use crate::spec::OperationsMut;

/// The spec the mocks are made from, and what to undo in them.
pub(crate) struct StandIns {
    pub(crate) spec: OpenAPI,
    /// Per `Then` type (`{Builder}Then`): each stand-in and the status it
    /// stands for.
    then: BTreeMap<String, Vec<(u16, u16)>>,
}

/// Whether progenitor's mocks can name a method after `code`.
fn has_reason(code: u16) -> bool {
    http::StatusCode::from_u16(code)
        .ok()
        .and_then(|c| c.canonical_reason())
        .is_some()
}

/// The mock method of a status without a reason phrase.
pub(crate) fn method_name(code: u16) -> String {
    format!("status_{code}")
}

/// `None` when every status has a reason phrase (the spec is used as it
/// is); else the spec with stand-ins, for the mocks alone.
pub(crate) fn stand_ins(spec: &OpenAPI) -> Result<Option<StandIns>, String> {
    let needs = |code: &StatusCode| matches!(code, StatusCode::Code(c) if !has_reason(*c));
    let any = spec.paths.paths.values().any(|item| {
        item.as_item().is_some_and(|item| {
            item.iter()
                .any(|(_, op)| op.responses.responses.keys().any(needs))
        })
    });
    if !any {
        return Ok(None);
    }
    let mut spec = spec.clone();
    // Per operation id: each stand-in and the status it stands for.
    let mut by_operation: BTreeMap<String, Vec<(u16, u16)>> = BTreeMap::new();
    for item in spec.paths.paths.values_mut() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (_, operation) in item.iter_mut_operations() {
            let Some(id) = operation.operation_id.clone() else {
                continue;
            };
            let responses = &mut operation.responses.responses;
            let used: Vec<u16> = responses
                .keys()
                .filter_map(|code| match code {
                    StatusCode::Code(c) => Some(*c),
                    StatusCode::Range(_) => None,
                })
                .collect();
            let mut taken = used.clone();
            let mut pairs = Vec::new();
            for &code in used.iter().filter(|c| !has_reason(**c)) {
                let class = code / 100 * 100;
                // None free in the class (or no class: 600 and above): left
                // as it is, and progenitor's refusal names the operation.
                let Some(stand_in) =
                    (class..class + 100).find(|c| has_reason(*c) && !taken.contains(c))
                else {
                    continue;
                };
                taken.push(stand_in);
                pairs.push((stand_in, code));
            }
            if pairs.is_empty() {
                continue;
            }
            for &(stand_in, code) in &pairs {
                let index = responses
                    .get_index_of(&StatusCode::Code(code))
                    .expect("a status of the operation");
                let (_, response) = responses.shift_remove_index(index).expect("present");
                responses.shift_insert(index, StatusCode::Code(stand_in), response);
            }
            by_operation.insert(id, pairs);
        }
    }
    let ids: Vec<String> = by_operation.keys().cloned().collect();
    let names = super::names(&ids)?;
    let then = by_operation
        .into_iter()
        .filter_map(|(id, pairs)| {
            let (_, builder) = names.get(&id)?;
            Some((format!("{builder}Then"), pairs))
        })
        .collect();
    Ok(Some(StandIns { spec, then }))
}

impl StandIns {
    /// progenitor's mocks made from [`StandIns::spec`], each stand-in's
    /// method renamed and sending its real status.
    pub(crate) fn restore(&self, tokens: TokenStream) -> TokenStream {
        let Ok(mut file) = syn::parse2::<syn::File>(tokens.clone()) else {
            return tokens; // the caller's parse names the problem
        };
        Restore(&self.then).visit_file_mut(&mut file);
        file.into_token_stream()
    }
}

struct Restore<'a>(&'a BTreeMap<String, Vec<(u16, u16)>>);

impl VisitMut for Restore<'_> {
    fn visit_item_impl_mut(&mut self, block: &mut syn::ItemImpl) {
        let Some(pairs) = crate::syntax::type_ident(&block.self_ty).and_then(|t| self.0.get(&t))
        else {
            return;
        };
        for item in &mut block.items {
            let syn::ImplItem::Fn(function) = item else {
                continue;
            };
            let mut sent = StatusSent {
                pairs,
                replaced: None,
            };
            sent.visit_block_mut(&mut function.block);
            if let Some(code) = sent.replaced {
                function.sig.ident = format_ident!("{}", method_name(code));
            }
        }
    }
}

/// Finds `.status(N)` with N a stand-in, and writes the real status.
struct StatusSent<'a> {
    pairs: &'a [(u16, u16)],
    replaced: Option<u16>,
}

impl VisitMut for StatusSent<'_> {
    fn visit_expr_method_call_mut(&mut self, call: &mut syn::ExprMethodCall) {
        syn::visit_mut::visit_expr_method_call_mut(self, call);
        if call.method != "status" {
            return;
        }
        let Some(syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(literal),
            ..
        })) = call.args.first_mut()
        else {
            return;
        };
        let Ok(sent) = literal.base10_parse::<u16>() else {
            return;
        };
        if let Some(&(_, code)) = self.pairs.iter().find(|(stand_in, _)| *stand_in == sent) {
            *literal = syn::LitInt::new(&format!("{code}u16"), literal.span());
            self.replaced = Some(code);
        }
    }
}
