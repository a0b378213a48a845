//! The CLI: a group's operation prints its answer, whichever it is.

use super::*;

/// CLI: each group's operation prints its answer, whichever variant.
pub(crate) fn print_any_answer(
    file: &mut syn::File,
    facts: &mut Facts<'_>,
) -> Result<(), CodegenError> {
    let groups = Arc::clone(&facts.found.groups);
    if groups.is_empty() {
        return Ok(());
    }
    let mut kinds: BTreeMap<String, Vec<Kind>> = BTreeMap::new();
    for typed in groups.iter() {
        kinds
            .entry(format!("execute_{}", typed.group.method))
            .or_default()
            .push(typed.group.kind);
    }
    struct Outputs<'a>(&'a BTreeMap<String, Vec<Kind>>);
    impl VisitMut for Outputs<'_> {
        fn visit_impl_item_fn_mut(&mut self, f: &mut syn::ImplItemFn) {
            let Some(kinds) = self.0.get(&f.sig.ident.to_string()) else {
                return;
            };
            struct Arms<'a>(&'a [Kind]);
            impl VisitMut for Arms<'_> {
                fn visit_expr_match_mut(&mut self, m: &mut syn::ExprMatch) {
                    if m.expr.to_token_stream().to_string() != "result" {
                        return syn::visit_mut::visit_expr_match_mut(self, m);
                    }
                    for arm in &mut m.arms {
                        let pat = arm.pat.to_token_stream().to_string();
                        if pat.starts_with("Ok") && self.0.contains(&Kind::Success) {
                            *arm.body = syn::parse_quote!({
                                self.config.success_item(&r);
                                Ok(())
                            });
                        } else if pat.starts_with("Err") && self.0.contains(&Kind::Error) {
                            *arm.body = syn::parse_quote!({
                                self.config.error(&r);
                                Err(anyhow::Error::new(r))
                            });
                        }
                    }
                }
            }
            Arms(kinds).visit_block_mut(&mut f.block);
        }
    }
    Outputs(&kinds).visit_file_mut(file);
    Ok(())
}
