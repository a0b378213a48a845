//! The public API of the hand-written layer compared, item by item, with
//! the features each item needs.

use super::*;

/// The public API of the hand-written layer: an item removed breaks the
/// code that names it; one added breaks nothing, but for a field of a
/// struct that code outside can build with a literal, and a variant of an
/// enum that code outside can `match` exhaustively; a signature changed may
/// break callers; an item that now needs a feature breaks builds without it.
pub(super) fn hand_written(old: &Surface, new: &Surface, out: &mut Changes) {
    let place = |path: &str| Place::HandWritten {
        path: path.to_owned(),
    };
    let kind = |item: &PublicItem| Item::HandWritten(item.kind.word());
    let parent_is_closed = |surface: &Surface, path: &str, sep: &str| {
        path.rsplit_once(sep)
            .and_then(|(parent, _)| surface.hand_written.get(parent))
            .is_some_and(|p| !p.open)
    };
    let feature = |item: &PublicItem| {
        item.feature
            .as_deref()
            .map(|f| format!(" (feature {f})"))
            .unwrap_or_default()
    };
    for (path, before) in &old.hand_written {
        let Some(after) = new.hand_written.get(path) else {
            let why = if before.kind == ItemKind::Feature {
                "`features = [..]` naming it no longer resolves"
            } else {
                "code that names it no longer compiles"
            };
            out.push(
                Breaking,
                place(path),
                (kind(before), Action::Removed),
                format!(
                    "{} `{}`{} removed",
                    before.kind.word(),
                    before.signature,
                    feature(before)
                ),
                why,
            );
            continue;
        };
        if before.signature != after.signature {
            // The key names the type and the trait; without generics or
            // bounds, derived (`#[derive(Error)]`) or written out (`impl
            // std::error::Error for X`), the impl is the same to callers.
            let unbounded = |s: &str| {
                s.starts_with("#[derive(") || (s.starts_with("impl ") && !s.contains(" where "))
            };
            let (class, why) = if before.kind == ItemKind::Feature {
                (
                    Compatible,
                    "the feature enables other dependencies or features",
                )
            } else if before.kind == ItemKind::TraitImpl
                && unbounded(&before.signature)
                && unbounded(&after.signature)
            {
                (
                    Compatible,
                    "the same trait for the same type, derived or written out",
                )
            } else {
                (
                    Breaking,
                    "code written against the old signature may no longer compile",
                )
            };
            out.push(
                class,
                place(path),
                (kind(after), Action::Changed),
                format!("`{}` → `{}`", before.signature, after.signature),
                why,
            );
        }
        match (before.provided, after.provided) {
            (true, false) => out.push(
                Breaking,
                place(path),
                (kind(after), Action::Changed),
                "no longer provided by the trait",
                "implementations outside the crate must now write it",
            ),
            (false, true) => out.push(
                Compatible,
                place(path),
                (kind(after), Action::Changed),
                "now provided by the trait",
                "implementations need not write it",
            ),
            _ => {}
        }
        match (&before.feature, &after.feature) {
            (None, Some(f)) => out.push(
                Breaking,
                place(path),
                (kind(after), Action::Changed),
                format!("now needs feature {f}"),
                "builds without the feature no longer find it",
            ),
            (Some(f), None) => out.push(
                Compatible,
                place(path),
                (kind(after), Action::Changed),
                format!("no longer needs feature {f}"),
                "it is there in every build",
            ),
            (Some(a), Some(b)) if a != b => out.push(
                Breaking,
                place(path),
                (kind(after), Action::Changed),
                format!("now needs feature {b} instead of {a}"),
                "builds with the old feature only no longer find it",
            ),
            _ => {}
        }
        if !before.open && after.open && matches!(after.kind, ItemKind::Struct | ItemKind::Enum) {
            out.push(
                Breaking,
                place(path),
                (kind(after), Action::Changed),
                "can no longer be built or matched exhaustively outside the crate",
                "struct literals and exhaustive `match`es outside the crate no longer compile",
            );
        }
    }
    for (path, after) in &new.hand_written {
        if old.hand_written.contains_key(path) {
            continue;
        }
        let (class, why) = match after.kind {
            ItemKind::Field if parent_is_closed(old, path, ".") => {
                (Breaking, "struct literals of the type must now name it")
            }
            ItemKind::Variant if parent_is_closed(old, path, "::") => {
                (Breaking, "exhaustive `match`es need a new arm")
            }
            ItemKind::Method if after.provided => (Compatible, "a new method"),
            ItemKind::Method
                if path
                    .rsplit_once("::")
                    .and_then(|(parent, _)| old.hand_written.get(parent))
                    .is_some_and(|p| p.kind == ItemKind::Trait) =>
            {
                (
                    Breaking,
                    "a required trait method: implementations outside the crate must now write it",
                )
            }
            ItemKind::Feature => (Compatible, "a new feature"),
            _ => (Compatible, "a new public item"),
        };
        out.push(
            class,
            place(path),
            (kind(after), Action::Added),
            format!(
                "{} `{}`{} added",
                after.kind.word(),
                after.signature,
                feature(after)
            ),
            why,
        );
    }
    for change in &mut out.0 {
        if let Place::HandWritten { path } = &change.place {
            let item = new.hand_written.get(path).or(old.hand_written.get(path));
            change.source = Source::HandWritten {
                files: item
                    .into_iter()
                    .flat_map(|i| std::iter::once(i.file.clone()).chain(i.exported_by.clone()))
                    .collect(),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::surface::Surface;
    use crate::surface::hand_written::{Item, ItemKind};
    use crate::{Class, compare};

    fn layer(signature: &str) -> Surface {
        let mut surface = Surface::default();
        surface.hand_written.insert(
            "InvalidClientConfig: Error".to_owned(),
            Item {
                kind: ItemKind::TraitImpl,
                signature: signature.to_owned(),
                file: "src/config.rs".to_owned(),
                exported_by: None,
                feature: None,
                open: false,
                provided: false,
            },
        );
        surface
    }

    #[test]
    fn a_derived_trait_written_out_is_compatible_and_one_with_bounds_is_not() {
        let derived = layer("#[derive(Error)]");
        let written = layer("impl std::error::Error for InvalidClientConfig");
        let changes = compare(&derived, &written);
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert_eq!(changes[0].class, Class::Compatible);
        let bounded = layer("impl<T> std::error::Error for InvalidClientConfig<T>");
        assert_eq!(compare(&derived, &bounded)[0].class, Class::Breaking);
    }
}
