//! One walk of a file for every pass that rewrites nodes where it finds
//! them.
//!
//! Most passes look at a few kinds of node (paths, string literals,
//! `format!` calls, blocks, expressions, items) wherever they are. Walked
//! once per pass, syn's tree was the largest cost of the passes: a walk
//! touches every node of a file of megabytes, and the pass acts on a few.
//! A pass that works this way is a [`NodePass`]; the passes of one part
//! that follow each other in the table ([`super::PASSES`]) as node passes
//! share one walk ([`walk`]). At each node, each of them whose [`Reach`]
//! covers it gets its hook, in the table's order, before the walk goes
//! below the node; a part's result is the same as if each pass walked the
//! file alone (the test `tests::one_walk_matches_one_walk_per_pass` holds
//! it to that).

use syn::visit_mut::{self, VisitMut};

use super::Facts;
use crate::{CodegenError, TYPES_MODULE};

/// Where in the file a node is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Within {
    /// How many `mod` levels below the file's root.
    pub(crate) mod_depth: usize,
    /// Directly in a module (or the file), not inside another item.
    pub(crate) module_level: bool,
    /// Inside the file's `mod types` (the client's types half).
    pub(crate) types_module: bool,
    in_type: bool,
    in_attribute: bool,
    in_doc: bool,
}

/// The nodes a pass looks at.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reach {
    /// Inside the file's `mod types`.
    types_module: bool,
    /// Inside types (`Vec<T>`, a field's type, a signature's).
    types: bool,
    /// Inside attributes other than doc comments.
    attributes: bool,
    /// Inside doc comments.
    docs: bool,
}

impl Reach {
    /// Every node.
    pub(crate) const ALL: Reach = Reach {
        types_module: true,
        types: true,
        attributes: true,
        docs: true,
    };
    /// Every node but those of doc comments.
    pub(crate) const ALL_BUT_DOCS: Reach = Reach {
        docs: false,
        ..Reach::ALL
    };
    /// Where requests are made: the code outside `mod types`, its types and
    /// attributes left out.
    pub(crate) const REQUEST_CODE: Reach = Reach {
        types_module: false,
        types: false,
        attributes: false,
        docs: false,
    };

    fn covers(&self, within: &Within) -> bool {
        (self.types_module || !within.types_module)
            && (self.types || !within.in_type)
            && (self.attributes || !within.in_attribute || within.in_doc)
            && (self.docs || !within.in_doc)
    }
}

/// Whether the walk goes below an expression for the pass that just saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Below {
    Walk,
    /// The pass rewrote the expression and is done with it (the other
    /// passes still walk the new one).
    Skip,
}

/// A pass that acts on the nodes it reaches, as the walk meets them. Each
/// hook is called before the walk goes below its node; `leave_*` after.
pub(crate) trait NodePass {
    fn reach(&self) -> Reach;
    fn item(&mut self, _: &mut syn::Item, _: &Within) {}
    fn enter_impl(&mut self, _: &syn::ItemImpl) {}
    fn leave_impl(&mut self) {}
    fn enter_fn(&mut self, _: &syn::ImplItemFn) {}
    fn leave_fn(&mut self) {}
    fn item_enum(&mut self, _: &mut syn::ItemEnum) {}
    fn path(&mut self, _: &mut syn::Path) {}
    fn lit_str(&mut self, _: &mut syn::LitStr) {}
    fn meta_list(&mut self, _: &mut syn::MetaList) {}
    fn macro_call(&mut self, _: &mut syn::Macro, _: &Within) {}
    fn block(&mut self, _: &mut syn::Block) {}
    fn expr(&mut self, _: &mut syn::Expr) -> Below {
        Below::Walk
    }
    /// After the walk: what the pass adds to the file, or learns for the
    /// passes after it.
    fn finish(self: Box<Self>, _: &mut syn::File, _: &mut Facts<'_>) -> Result<(), CodegenError> {
        Ok(())
    }
}

/// Walks `file` once for all of `passes`, then finishes each, in order.
pub(crate) fn walk(
    file: &mut syn::File,
    facts: &mut Facts<'_>,
    passes: Vec<Box<dyn NodePass>>,
) -> Result<(), CodegenError> {
    walk_only(file, passes)
        .into_iter()
        .try_for_each(|pass| pass.finish(file, facts))
}

/// Walks `file` once for all of `passes`; what the passes add after the
/// walk (`finish`) is the caller's.
pub(crate) fn walk_only(
    file: &mut syn::File,
    passes: Vec<Box<dyn NodePass>>,
) -> Vec<Box<dyn NodePass>> {
    let reaches = passes.iter().map(|pass| pass.reach()).collect();
    let mut walker = Walker {
        skipping: vec![false; passes.len()],
        passes,
        reaches,
        within: Within {
            mod_depth: 0,
            module_level: true,
            types_module: false,
            in_type: false,
            in_attribute: false,
            in_doc: false,
        },
    };
    walker.visit_file_mut(file);
    walker.passes
}

struct Walker {
    passes: Vec<Box<dyn NodePass>>,
    reaches: Vec<Reach>,
    /// A pass that rewrote an expression skips what is below it.
    skipping: Vec<bool>,
    within: Within,
}

impl Walker {
    /// The passes the current node is for, with their indices.
    fn each(&mut self, mut hook: impl FnMut(usize, &mut dyn NodePass)) {
        for (i, pass) in self.passes.iter_mut().enumerate() {
            if !self.skipping[i] && self.reaches[i].covers(&self.within) {
                hook(i, pass.as_mut());
            }
        }
    }

    /// Calls `enter` for the passes the current node is for; the indices
    /// of those passes, for [`Walker::leave`] once below the node is walked.
    fn enter(&mut self, mut enter: impl FnMut(&mut dyn NodePass)) -> Vec<usize> {
        let mut entered = Vec::new();
        self.each(|i, pass| {
            enter(pass);
            entered.push(i);
        });
        entered
    }

    fn leave(&mut self, entered: Vec<usize>, leave: impl Fn(&mut dyn NodePass)) {
        for i in entered {
            leave(self.passes[i].as_mut());
        }
    }

    /// Whether any pass would look at a node in `within`: if none would,
    /// the subtree is not walked.
    fn any_covers(&self, within: &Within) -> bool {
        self.reaches
            .iter()
            .zip(&self.skipping)
            .any(|(reach, skipping)| !skipping && reach.covers(within))
    }

    /// Walks below a node in `within`, when a pass looks there.
    fn inside(&mut self, within: Within, walk: impl FnOnce(&mut Self)) {
        if self.any_covers(&within) {
            let outer = std::mem::replace(&mut self.within, within);
            walk(self);
            self.within = outer;
        }
    }
}

impl VisitMut for Walker {
    fn visit_item_mut(&mut self, item: &mut syn::Item) {
        let within = self.within;
        self.each(|_, pass| pass.item(item, &within));
        if matches!(item, syn::Item::Mod(_)) {
            visit_mut::visit_item_mut(self, item);
        } else {
            let outer = std::mem::replace(&mut self.within.module_level, false);
            visit_mut::visit_item_mut(self, item);
            self.within.module_level = outer;
        }
    }

    fn visit_item_mod_mut(&mut self, module: &mut syn::ItemMod) {
        let within = Within {
            mod_depth: self.within.mod_depth + 1,
            module_level: true,
            types_module: self.within.types_module
                || (self.within.mod_depth == 0 && module.ident == TYPES_MODULE),
            ..self.within
        };
        self.inside(within, |walker| {
            visit_mut::visit_item_mod_mut(walker, module)
        });
    }

    fn visit_type_mut(&mut self, ty: &mut syn::Type) {
        let within = Within {
            in_type: true,
            ..self.within
        };
        self.inside(within, |walker| visit_mut::visit_type_mut(walker, ty));
    }

    fn visit_attribute_mut(&mut self, attr: &mut syn::Attribute) {
        let within = Within {
            in_attribute: true,
            in_doc: attr.path().is_ident("doc"),
            ..self.within
        };
        self.inside(within, |walker| {
            visit_mut::visit_attribute_mut(walker, attr)
        });
    }

    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        let entered = self.enter(|pass| pass.enter_impl(item));
        visit_mut::visit_item_impl_mut(self, item);
        self.leave(entered, |pass| pass.leave_impl());
    }

    fn visit_impl_item_fn_mut(&mut self, f: &mut syn::ImplItemFn) {
        let entered = self.enter(|pass| pass.enter_fn(f));
        visit_mut::visit_impl_item_fn_mut(self, f);
        self.leave(entered, |pass| pass.leave_fn());
    }

    fn visit_item_enum_mut(&mut self, item: &mut syn::ItemEnum) {
        self.each(|_, pass| pass.item_enum(item));
        visit_mut::visit_item_enum_mut(self, item);
    }

    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        self.each(|_, pass| pass.path(path));
        visit_mut::visit_path_mut(self, path);
    }

    fn visit_lit_str_mut(&mut self, lit: &mut syn::LitStr) {
        self.each(|_, pass| pass.lit_str(lit));
    }

    fn visit_meta_list_mut(&mut self, list: &mut syn::MetaList) {
        self.each(|_, pass| pass.meta_list(list));
        visit_mut::visit_meta_list_mut(self, list);
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        let within = self.within;
        self.each(|_, pass| pass.macro_call(mac, &within));
        visit_mut::visit_macro_mut(self, mac);
    }

    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        self.each(|_, pass| pass.block(block));
        visit_mut::visit_block_mut(self, block);
    }

    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        let mut skipped = Vec::new();
        self.each(|i, pass| {
            if pass.expr(expr) == Below::Skip {
                skipped.push(i);
            }
        });
        for &i in &skipped {
            self.skipping[i] = true;
        }
        visit_mut::visit_expr_mut(self, expr);
        for i in skipped {
            self.skipping[i] = false;
        }
    }
}
