//! A CLI for a spec without operations.
//!
//! progenitor's `CliCommand` has a variant per operation; without any it is
//! an empty enum, and its `operation_id(&self)` is `match self {}`. rustc
//! does not treat a reference to an empty enum as uninhabited, so that
//! match is refused ("non-exhaustive patterns: type `&CliCommand` is
//! non-empty", E0004) and the CLI, and the crate with its `cli` feature,
//! does not compile. `match *self {}` matches the enum itself, which has
//! no value: the same code, accepted. Found by the mutation campaign's
//! compile slice (a mutant whose only path was deleted).

use syn::visit_mut::{self, VisitMut};

use crate::CodegenError;

pub(super) fn rewrite(file: &mut syn::File, _: &mut super::Facts<'_>) -> Result<(), CodegenError> {
    EmptyMatches.visit_file_mut(file);
    Ok(())
}

struct EmptyMatches;

impl VisitMut for EmptyMatches {
    fn visit_expr_match_mut(&mut self, expr: &mut syn::ExprMatch) {
        visit_mut::visit_expr_match_mut(self, expr);
        let on_self = matches!(&*expr.expr, syn::Expr::Path(p) if p.path.is_ident("self"));
        if expr.arms.is_empty() && on_self {
            *expr.expr = syn::parse_quote!(*self);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_empty_match_on_self_matches_the_value() {
        let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";
        let cli = crate::Generator::new(crate::Settings::new("empty.yaml"))
            .generate(spec)
            .unwrap()
            .cli;
        let squeezed: String = cli.split_whitespace().collect();
        assert!(
            squeezed.contains("pubfnoperation_id(&self)->&'staticstr{match*self{}}"),
            "{cli}"
        );
        assert!(!squeezed.contains("matchself{}"), "{cli}");
    }
}
