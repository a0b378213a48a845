//! Two generated clients of the same API whose types are named apart (two
//! specs written by different people, or one spec whose schemas were
//! renamed): the types of one renamed after the other's, matched by
//! position, never by name, so [`compare()`](crate::compare()) sees facts
//! instead of one type removed and another added.
//!
//! Positions start at the methods, matched by route (method and path,
//! as `compare` matches them): their bodies, results, errors and
//! parameters; from a pair of structs, fields of the same wire name;
//! from a pair of enums, variants of the same wire value; a newtype's
//! inner type. Two type expressions pair their names only where they have
//! the same shape (`Vec<A>` and `Vec<B>`, not `Vec<A>` and `String`); a
//! type paired once keeps its first partner. Types left unpaired keep
//! their names, and read as added or removed.

use std::collections::{BTreeMap, BTreeSet};

use crate::compare::{Action, Change, Class, Item, Place, Source};
use crate::surface::{Surface, TypeKind};

/// The other surface under the reference's names, and what was renamed.
pub struct Aligned {
    pub surface: Surface,
    /// The other's type name → the reference's, for each type renamed.
    pub renamed: BTreeMap<String, String>,
}

impl Aligned {
    /// Each renamed type as a change from the other (old) to the reference
    /// (new), in the words `compare` uses for a renamed method.
    pub fn changes(&self) -> Vec<Change> {
        self.renamed
            .iter()
            .map(|(was, now)| {
                let place = Place::Type { name: was.clone() };
                Change {
                    class: Class::Breaking,
                    subject: place.subject(),
                    place,
                    item: Item::Type,
                    action: Action::Changed,
                    limit: None,
                    what: format!("renamed to {now}"),
                    why: format!("code that names `types::{was}` no longer compiles"),
                    source: Source::Spec {
                        pointers: Vec::new(),
                    },
                    old_releases_fail: false,
                }
            })
            .collect()
    }
}

/// `other`'s types renamed after `reference`'s, by position.
pub fn align(reference: &Surface, other: &Surface) -> Aligned {
    let mut pairs: Vec<(String, String)> = Vec::new();
    let by_route: BTreeMap<String, &crate::surface::Method> =
        reference.methods.values().map(|m| (m.route(), m)).collect();
    for theirs in other.methods.values() {
        let Some(ours) = by_route.get(&theirs.route()) else {
            continue;
        };
        pairs.push((theirs.ok.clone(), ours.ok.clone()));
        pairs.push((theirs.error.clone(), ours.error.clone()));
        if let (Some(a), Some(b)) = (&theirs.body, &ours.body) {
            pairs.push((a.ty.clone(), b.ty.clone()));
        }
        for p in &theirs.params {
            if let Some(q) = ours.params.iter().find(|q| q.place == p.place) {
                pairs.push((p.ty.clone(), q.ty.clone()));
            }
        }
    }
    let mut renamed: BTreeMap<String, String> = BTreeMap::new();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    // Depth first, in the methods' order: the first pairing of a type wins.
    pairs.reverse();
    while let Some((theirs, ours)) = pairs.pop() {
        if !seen.insert((theirs.clone(), ours.clone())) {
            continue;
        }
        for (a, b) in names_paired(&theirs, &ours, other, reference) {
            if renamed.contains_key(&a) || taken.contains(&b) {
                continue;
            }
            let (Some(x), Some(y)) = (other.types.get(&a), reference.types.get(&b)) else {
                continue;
            };
            renamed.insert(a.clone(), b.clone());
            taken.insert(b.clone());
            let mut inner = Vec::new();
            match (&x.kind, &y.kind) {
                (TypeKind::Struct { fields: fx }, TypeKind::Struct { fields: fy }) => {
                    for f in fx {
                        if let Some(g) = fy.iter().find(|g| g.wire == f.wire) {
                            inner.push((f.ty.clone(), g.ty.clone()));
                        }
                    }
                }
                (TypeKind::Enum { variants: vx }, TypeKind::Enum { variants: vy }) => {
                    for v in vx {
                        if let Some(w) = vy.iter().find(|w| w.wire == v.wire)
                            && let (Some(d), Some(e)) = (&v.data, &w.data)
                        {
                            inner.push((d.clone(), e.clone()));
                        }
                    }
                }
                (TypeKind::Newtype { inner: i, .. }, TypeKind::Newtype { inner: j, .. })
                | (TypeKind::Alias { target: i }, TypeKind::Alias { target: j }) => {
                    inner.push((i.clone(), j.clone()));
                }
                _ => {}
            }
            pairs.extend(inner.into_iter().rev());
        }
    }
    // A type that keeps its name is no rename.
    renamed.retain(|a, b| a != b);
    // A name the reference uses for another type cannot be taken while
    // the other's type of that name stays: both would read as one.
    let clashing: Vec<String> = renamed
        .iter()
        .filter(|(_, b)| other.types.contains_key(*b) && !renamed.contains_key(*b))
        .map(|(a, _)| a.clone())
        .collect();
    for a in clashing {
        renamed.remove(&a);
    }
    Aligned {
        surface: renamed_surface(other, &renamed),
        renamed,
    }
}

/// The generated type names two type expressions hold at the same places,
/// when the expressions have the same shape once those names are set
/// aside.
fn names_paired(
    theirs: &str,
    ours: &str,
    other: &Surface,
    reference: &Surface,
) -> Vec<(String, String)> {
    let (a, shape_a) = shape(theirs, other);
    let (b, shape_b) = shape(ours, reference);
    if shape_a != shape_b {
        return Vec::new();
    }
    a.into_iter().zip(b).collect()
}

/// The generated names of a type expression, in order, and the expression
/// with each replaced by `_`.
fn shape(ty: &str, surface: &Surface) -> (Vec<String>, String) {
    let mut names = Vec::new();
    let shape = map_words(ty, |word| {
        if surface.types.contains_key(word) {
            names.push(word.to_owned());
            "_".to_owned()
        } else {
            word.to_owned()
        }
    });
    (names, shape)
}

/// `text` with each word (a run of letters, digits and `_`) mapped.
fn map_words(text: &str, mut f: impl FnMut(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.push_str(&f(&word));
            word.clear();
        }
        out.push(c);
    }
    if !word.is_empty() {
        out.push_str(&f(&word));
    }
    out
}

/// `surface` with its types renamed wherever it names them.
fn renamed_surface(surface: &Surface, renamed: &BTreeMap<String, String>) -> Surface {
    if renamed.is_empty() {
        return surface.clone();
    }
    let rename = |text: &str| {
        map_words(text, |word| {
            renamed
                .get(word)
                .cloned()
                .unwrap_or_else(|| word.to_owned())
        })
    };
    let mut out = surface.clone();
    out.types = surface
        .types
        .values()
        .map(|def| {
            let mut def = def.clone();
            def.name = rename(&def.name);
            def.traits = def.traits.iter().map(|t| rename(t)).collect();
            match &mut def.kind {
                TypeKind::Struct { fields } => {
                    for f in fields {
                        f.ty = rename(&f.ty);
                        f.setter = f.setter.as_deref().map(rename);
                    }
                }
                TypeKind::Enum { variants } => {
                    for v in variants {
                        v.data = v.data.as_deref().map(rename);
                    }
                }
                TypeKind::Newtype { inner, .. } => *inner = rename(inner),
                TypeKind::Alias { target } => *target = rename(target),
            }
            (def.name.clone(), def)
        })
        .collect();
    for method in out.methods.values_mut() {
        method.ok = rename(&method.ok);
        method.error = rename(&method.error);
        if let Some(body) = &mut method.body {
            body.ty = rename(&body.ty);
        }
        for p in &mut method.params {
            p.ty = rename(&p.ty);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_mapped_whole() {
        let out = map_words("Option<Vec<TokenA>>", |w| {
            if w == "TokenA" { "B".into() } else { w.into() }
        });
        assert_eq!(out, "Option<Vec<B>>");
        let out = map_words(
            "TokenAb",
            |w| {
                if w == "TokenA" { "B".into() } else { w.into() }
            },
        );
        assert_eq!(out, "TokenAb");
    }
}
