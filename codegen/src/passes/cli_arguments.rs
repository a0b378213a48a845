//! CLI arguments that clap can parse.
//!
//! progenitor gives each argument `value_parser!(T)`, which needs `T:
//! FromStr` (or clap's own parser for it). Two shapes of real specs have
//! neither, and their CLIs do not compile:
//! - an array (`Vec<E>`: QuantCDN's `metrics`, GitHub's `exclude`). It
//!   becomes a repeated flag, `--metrics a --metrics b`: E's parser with
//!   `ArgAction::Append`, read back with `get_many`;
//! - a type of the spec without `FromStr`: an untagged enum (buildomat's
//!   `id`, GitHub's `workflow_id`, `oneOf` of an integer and a string).
//!   Every argument of a type of the spec is parsed by `parse_value`
//!   (added to the file), with serde, as the type is read from JSON: the
//!   text as JSON first (`42`, `[1,2]`), else as a JSON string. For the
//!   types that had `FromStr` (constrained strings) serde runs the same
//!   checks;
//! - a fixed-size array (`[f32; 4]`: `minItems` equal to `maxItems`, a
//!   map API's bounding box), which has neither: parsed the same way, as
//!   JSON (`--bbox '[1.5,2,3,4]'`), so the size is checked too.
//!
//! Enums of plain values keep progenitor's `PossibleValuesParser`, which
//! lists the values in `--help`.

use syn::visit_mut::{self, VisitMut};

use crate::CodegenError;

/// The helper this pass adds to the file.
const HELPER: &str = "parse_value";

pub(super) fn rewrite(file: &mut syn::File, _: &mut super::Facts<'_>) -> Result<(), CodegenError> {
    let mut rewriter = Rewriter {
        serde_parsed: false,
    };
    rewriter.visit_file_mut(file);
    if rewriter.serde_parsed {
        file.items.push(helper());
    }
    Ok(())
}

struct Rewriter {
    serde_parsed: bool,
}

impl Rewriter {
    /// The parser for one value of type `ty`.
    fn parser(&mut self, ty: &syn::Type) -> syn::Expr {
        if parsed_with_serde(ty) {
            self.serde_parsed = true;
            let helper = syn::Ident::new(HELPER, proc_macro2::Span::call_site());
            syn::parse_quote!(#helper::<#ty>)
        } else {
            syn::parse_quote!(::clap::value_parser!(#ty))
        }
    }
}

impl VisitMut for Rewriter {
    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        visit_mut::visit_expr_mut(self, expr);
        let syn::Expr::MethodCall(call) = expr else {
            return;
        };
        // `.value_parser(::clap::value_parser!(T))`
        if call.method == "value_parser"
            && call.args.len() == 1
            && let Some(ty) = value_parser_type(&call.args[0])
        {
            match vec_element(&ty) {
                Some(element) => {
                    let parser = self.parser(&element);
                    let receiver = &call.receiver;
                    *expr = syn::parse_quote! {
                        #receiver.value_parser(#parser).action(::clap::ArgAction::Append)
                    };
                }
                None if parsed_with_serde(&ty) => call.args[0] = self.parser(&ty),
                None => {}
            }
            return;
        }
        // `matches.get_one::<Vec<E>>(name)`
        if call.method == "get_one"
            && let Some(turbofish) = &call.turbofish
            && let Some(syn::GenericArgument::Type(ty)) = turbofish.args.first()
            && let Some(element) = vec_element(ty)
        {
            let receiver = &call.receiver;
            let args = &call.args;
            *expr = syn::parse_quote! {
                #receiver
                    .get_many::<#element>(#args)
                    .map(|values| values.cloned().collect::<::std::vec::Vec<#element>>())
            };
        }
    }
}

/// `T` of `::clap::value_parser!(T)`.
fn value_parser_type(expr: &syn::Expr) -> Option<syn::Type> {
    let syn::Expr::Macro(mac) = expr else {
        return None;
    };
    let last = mac.mac.path.segments.last()?;
    (last.ident == "value_parser").then(|| mac.mac.parse_body::<syn::Type>().ok())?
}

/// `E` of `::std::vec::Vec<E>`.
fn vec_element(ty: &syn::Type) -> Option<syn::Type> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != "Vec" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(element) => Some(element.clone()),
        _ => None,
    }
}

/// `types::X`, a type generated from the spec, or `[T; N]`: types clap
/// has no parser for, which serde reads.
fn parsed_with_serde(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Path(p) => {
            p.qself.is_none()
                && p.path.segments.len() == 2
                && p.path.segments[0].ident == crate::TYPES_MODULE
        }
        syn::Type::Array(_) => true,
        _ => false,
    }
}

fn helper() -> syn::Item {
    let name = syn::Ident::new(HELPER, proc_macro2::Span::call_site());
    syn::parse_quote! {
        /// Parses an argument as its type is read from JSON: the text as
        /// JSON first, else as a JSON string.
        fn #name<T: ::serde::de::DeserializeOwned>(
            text: &str,
        ) -> ::std::result::Result<T, ::std::string::String> {
            ::serde_json::from_str(text)
                .or_else(|_| {
                    ::serde_json::from_value(::serde_json::Value::String(text.to_owned()))
                })
                .map_err(|e| e.to_string())
        }
    }
}
