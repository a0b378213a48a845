//! The types of `types` compared: kinds, fields and their Rust and wire
//! types, variants, serde rules, traits, builder defaults, and whether a
//! value of one type is still a value of the other (`takes_all`).

use super::*;

pub(super) fn types(old: &Surface, new: &Surface, out: &mut Changes) {
    for (name, before) in &old.types {
        let place = Place::Type { name: name.clone() };
        let Some(after) = new.types.get(name) else {
            out.push(
                Breaking,
                place,
                removed(Item::Type),
                format!("{} {name} removed", before.kind.word()),
                format!("code that names `types::{name}` no longer compiles"),
            );
            continue;
        };
        type_def(before, after, (old, new), out);
    }
    for (name, after) in &new.types {
        if !old.types.contains_key(name) {
            out.push(
                Compatible,
                Place::Type { name: name.clone() },
                added(Item::Type),
                format!("{} {name} added", after.kind.word()),
                "a new type",
            );
        }
    }
}

fn type_def(before: &TypeDef, after: &TypeDef, surfaces: Both<'_>, out: &mut Changes) {
    let name = &before.name;
    let place = || Place::Type { name: name.clone() };
    let direction = merged(before.direction, after.direction);
    if before.kind.word() != after.kind.word() {
        out.push(
            Breaking,
            place(),
            changed(Item::Type),
            format!(
                "changed from a {} to a {}",
                before.kind.word(),
                after.kind.word()
            ),
            "code that builds, reads or matches it no longer compiles",
        );
        out.old_releases_fail(true);
        return;
    }
    match (before.non_exhaustive, after.non_exhaustive) {
        (false, true) => out.push(
            Breaking,
            place(),
            changed(Item::Type),
            "made #[non_exhaustive]",
            "struct literals and exhaustive `match`es outside the crate no longer compile",
        ),
        (true, false) => out.push(
            Compatible,
            place(),
            changed(Item::Type),
            "no longer #[non_exhaustive]",
            "it can no longer grow without breaking code that uses it",
        ),
        _ => {}
    }
    let lost: Vec<&String> = before.traits.difference(&after.traits).collect();
    if !lost.is_empty() {
        out.push(
            Breaking,
            place(),
            removed(Item::Trait),
            format!("no longer implements {}", list(&lost)),
            "code that uses those traits no longer compiles",
        );
    }
    let gained: Vec<&String> = after.traits.difference(&before.traits).collect();
    if !gained.is_empty() {
        out.push(
            Compatible,
            place(),
            added(Item::Trait),
            format!("now implements {}", list(&gained)),
            "more traits",
        );
    }
    let gone: Vec<&String> = before.functions.difference(&after.functions).collect();
    if !gone.is_empty() {
        out.push(
            Breaking,
            place(),
            removed(Item::Function),
            format!("function {} removed", list(&gone)),
            "code that calls it no longer compiles",
        );
    }
    keyed(&before.serde, &after.serde, |key, was, now| {
        let (class, why) = if key == "deny_unknown_fields" && now.is_some() && direction.received {
            (
                BreakingAtRunTime,
                "responses with a key the type does not know now fail to parse",
            )
        } else {
            (
                Compatible,
                "a serde rule of the container: the JSON changes, not the Rust",
            )
        };
        out.push(
            class,
            place(),
            changed(Item::SerdeRule),
            serde_change("serde rule", key, was, now),
            why,
        );
        out.old_releases_fail(key == "deny_unknown_fields" && now.is_none() && direction.received);
    });

    match (&before.kind, &after.kind) {
        (TypeKind::Struct { fields: old }, TypeKind::Struct { fields: new }) => {
            fields(before, direction, old, new, surfaces, out)
        }
        (TypeKind::Enum { variants: old }, TypeKind::Enum { variants: new }) => {
            variants(before, direction, old, new, out)
        }
        (
            TypeKind::Newtype {
                inner: old,
                constraints: was,
            },
            TypeKind::Newtype {
                inner: new,
                constraints: now,
            },
        ) => {
            if old != new {
                out.push(
                    Breaking,
                    place(),
                    changed(Item::Type),
                    format!("inner type changed from {old} to {new}"),
                    "code that reads the inner value no longer compiles",
                );
                out.old_releases_fail(true);
                out.old_releases_fail(true);
            }
            let limits_of = |constraints: &BTreeSet<crate::surface::Constraint>| {
                constraints.iter().map(limits::of_constraint).collect()
            };
            for limit in limits::differences(&limits_of(was), &limits_of(now), CheckedBy::Crate) {
                out.limit(place(), limit, direction);
            }
        }
        (TypeKind::Alias { target: old }, TypeKind::Alias { target: new }) if old != new => out
            .push(
                Breaking,
                place(),
                changed(Item::Type),
                format!("now an alias of {new} instead of {old}"),
                "the type changes",
            ),
        _ => {}
    }
}

fn fields(
    def: &TypeDef,
    direction: Direction,
    old: &[Field],
    new: &[Field],
    (old_surface, surface): Both<'_>,
    out: &mut Changes,
) {
    let ty = &def.name;
    let place = |f: &Field| Place::Field {
        ty: ty.clone(),
        field: f.name.clone(),
        wire: f.wire.clone(),
    };
    for before in old {
        let Some(after) = new.iter().find(|f| f.name == before.name) else {
            out.push(
                Breaking,
                place(before),
                removed(Item::Field),
                format!("field {}: {} removed", before.name, before.ty),
                "code that reads or sets it no longer compiles",
            );
            out.old_releases_fail(direction.received && !before.ty.starts_with("Option<"));
            continue;
        };
        if before.ty != after.ty {
            let what = format!("type changed from {} to {}", before.ty, after.ty);
            if !direction.received
                && setter_still_accepts(&before.ty, &after.ty, after.setter.as_deref(), surface)
            {
                out.push(
                    Compatible,
                    place(after), changed(Item::Field),
                    what,
                    format!(
                        "a request field: its builder setter takes the same values as before ({}), checked when the request is built",
                        accepted(&before.ty)
                    ),
                );
                out.old_releases_fail(wire_breaks(
                    &before.ty,
                    &after.ty,
                    direction,
                    (old_surface, surface),
                ));
            } else {
                out.push(
                    Breaking,
                    place(after), changed(Item::Field),
                    what,
                    "code that reads it, or sets it with a value of the old type, no longer compiles",
                );
                out.old_releases_fail(wire_breaks(
                    &before.ty,
                    &after.ty,
                    direction,
                    (old_surface, surface),
                ));
            }
            let was = limits::checked_by_crate(&before.ty, old_surface);
            let now = limits::checked_by_crate(&after.ty, surface);
            for limit in limits::differences(&was, &now, CheckedBy::Crate) {
                out.limit(place(after), limit, direction);
            }
        }
        if before.ty == after.ty
            && let (Some(was), Some(now)) = (&before.setter, &after.setter)
            && was != now
        {
            let what = format!("builder setter takes {now} instead of {was}");
            if setter_takes_all(was, now) {
                out.push(
                    Compatible,
                    place(after),
                    changed(Item::Function),
                    what,
                    match more_taken(now) {
                        Some(more) => format!("it takes every value it took, and {more} as well"),
                        None => "it takes every value it took".to_owned(),
                    },
                );
            } else {
                out.push(
                    Breaking,
                    place(after),
                    changed(Item::Function),
                    what,
                    "code that passes the setter a value the new bound does not take no longer compiles",
                );
            }
        }
        if before.wire != after.wire {
            out.push(
                Compatible,
                place(after),
                changed(Item::Field),
                format!(
                    "JSON key changed from \"{}\" to \"{}\"",
                    before.wire, after.wire
                ),
                "the crate sends and reads the new key; the Rust name stays",
            );
            out.old_releases_fail(true);
        }
        keyed(&before.serde, &after.serde, |key, was, now| {
            out.push(
                Compatible,
                place(after),
                changed(Item::SerdeRule),
                serde_change("serde rule", key, was, now),
                "the JSON changes, not the Rust",
            );
        });
        match (&before.builder, &after.builder) {
            (Some(BuilderStart::Value(was)), Some(BuilderStart::MustBeSet)) => {
                let (class, why) = if direction.sent {
                    (
                        BreakingAtRunTime,
                        "builders that do not set it now fail, and so does `send()` (Error::InvalidRequest)",
                    )
                } else {
                    (
                        Compatible,
                        "a response field; builders (for mocks) must now set it",
                    )
                };
                out.push(
                    class,
                    place(after),
                    changed(Item::Field),
                    format!("now must be set (was {was} when unset)"),
                    why,
                );
                // Old releases leave it out when unset.
                out.old_releases_fail(direction.sent);
            }
            (Some(BuilderStart::MustBeSet), Some(BuilderStart::Value(now))) => out.push(
                Compatible,
                place(after),
                changed(Item::Field),
                format!("no longer must be set: unset it is {now}"),
                "builders that set it still work",
            ),
            (Some(BuilderStart::Value(was)), Some(BuilderStart::Value(now))) if was != now => {
                let why = if direction.sent {
                    "the JSON changes: requests built without it now send this value"
                } else {
                    "builders (for mocks) start from another value"
                };
                out.push(
                    Compatible,
                    place(after),
                    changed(Item::Field),
                    format!("unset it is now {now} instead of {was}"),
                    why,
                );
            }
            _ => {}
        }
    }
    for after in new.iter().filter(|f| !old.iter().any(|o| o.name == f.name)) {
        let what = format!("field {}: {} added", after.name, after.ty);
        let must_be_set = after.builder == Some(BuilderStart::MustBeSet);
        if !def.non_exhaustive {
            out.push(
                Breaking,
                place(after),
                added(Item::Field),
                what,
                "struct literals of the type must now name it",
            );
        } else if must_be_set && direction.sent {
            out.push(
                BreakingAtRunTime,
                place(after), added(Item::Field),
                what,
                "it must be set: builders without it fail, and so does `send()` (Error::InvalidRequest)",
            );
        } else if must_be_set {
            out.push(
                Compatible,
                place(after),
                added(Item::Field),
                what,
                "a new response field; builders (for mocks) must set it",
            );
        } else {
            out.push(
                Compatible,
                place(after),
                added(Item::Field),
                what,
                "builders need nothing new (the type is non_exhaustive)",
            );
        }
        // Old releases do not send a field now required, and refuse an
        // answer with a key their type does not know, when it denies them.
        out.old_releases_fail(
            (must_be_set && direction.sent)
                || (direction.received && def.serde.contains_key("deny_unknown_fields")),
        );
    }
}

fn variants(
    def: &TypeDef,
    direction: Direction,
    old: &[Variant],
    new: &[Variant],
    out: &mut Changes,
) {
    let place = || Place::Type {
        name: def.name.clone(),
    };
    for before in old {
        match new.iter().find(|v| v.name == before.name) {
            None => {
                out.push(
                    Breaking,
                    place(),
                    removed(Item::Variant),
                    format!("variant {} (\"{}\") removed", before.name, before.wire),
                    "code that names it no longer compiles",
                );
                // Old releases send its value, unless another variant keeps it.
                out.old_releases_fail(direction.sent && !new.iter().any(|v| v.wire == before.wire));
            }
            Some(after) => {
                if before.wire != after.wire {
                    out.push(
                        Compatible,
                        place(),
                        changed(Item::Variant),
                        format!(
                            "variant {} is now \"{}\" on the wire, was \"{}\"",
                            after.name, after.wire, before.wire
                        ),
                        "the crate sends and reads the new value; the Rust name stays",
                    );
                    out.old_releases_fail(true);
                }
                if before.data != after.data {
                    out.push(
                        Breaking,
                        place(),
                        changed(Item::Variant),
                        format!(
                            "variant {} now carries {}",
                            after.name,
                            after.data.as_deref().unwrap_or("nothing")
                        ),
                        "code that builds or matches it no longer compiles",
                    );
                    out.old_releases_fail(true);
                }
            }
        }
    }
    // The variant old releases read values they do not know into.
    let catch_all = old.iter().find(|v| v.catches_unknown);
    for after in new.iter().filter(|v| !old.iter().any(|o| o.name == v.name)) {
        let what = format!("variant {} (\"{}\") added", after.name, after.wire);
        if let Some(catch_all) = catch_all.filter(|_| def.non_exhaustive && after.data.is_none()) {
            out.push(
                Compatible,
                place(),
                added(Item::Variant),
                what,
                format!(
                    "`match`es have a `_` arm (non_exhaustive); releases before this one read the value as `{}`",
                    catch_all.name
                ),
            );
            continue;
        }
        if !def.non_exhaustive {
            out.push(
                Breaking,
                place(),
                added(Item::Variant),
                what,
                "exhaustive `match`es need a new arm",
            );
        } else if direction.received {
            out.push(
                Compatible,
                place(), added(Item::Variant),
                what,
                "`match`es have a `_` arm (non_exhaustive); releases before this one cannot parse responses that carry it",
            );
        } else {
            out.push(
                Compatible,
                place(),
                added(Item::Variant),
                what,
                "`match`es have a `_` arm (non_exhaustive)",
            );
        }
        // Old releases cannot parse an answer that carries it, unless
        // another of their variants has its value.
        out.old_releases_fail(direction.received && !old.iter().any(|v| v.wire == after.wire));
    }
}

/// Whether a builder setter whose bound changes from `TryInto<old>` to
/// `TryInto<new>` (or to `new_setter`) still accepts what callers passed: a
/// value of `old`, and `&str` where `old` is `String`. Known when `new` is a generated type
/// that says which conversions it has, a type of the hand-written layer
/// whose `From` impls the surface reads (`Secret: From<&str>`), or `old`
/// wrapped in `Option` (std's `From<T> for Option<T>`); otherwise assumed
/// not. Whether the conversion can refuse a value is a limit, reported on
/// its own ([`limits::checked_by_crate`]).
pub(super) fn setter_still_accepts(
    old: &str,
    new: &str,
    new_setter: Option<&str>,
    surface: &Surface,
) -> bool {
    if old == new {
        return true;
    }
    // The runtime's `IntoOption<V>` takes `V`, and `&str` where `V` is
    // `String` (codegen's `optional_setters`).
    if new_setter == Some(format!("IntoOption<{old}>").as_str()) {
        return true;
    }
    if new == format!("Option<{old}>") {
        return old != "String";
    }
    let converts = |from: &str| match surface.types.get(new) {
        Some(def) => {
            def.traits.contains(&format!("TryFrom<{from}>"))
                || def.traits.contains(&format!("From<{from}>"))
        }
        None => ["From", "TryFrom"].iter().any(|t| {
            surface
                .hand_written
                .contains_key(&format!("{new}: {t}<{from}>"))
        }),
    };
    converts(old) && (old != "String" || converts("&str"))
}

/// Whether a setter bound `now` takes every value `was` took: the same
/// bound, or typify's `TryInto<Option<V>>` become the runtime's
/// `IntoOption<V>` (which takes `V` and `Option<V>`, what std's
/// `From<T> for Option<T>` gave the old one, and more).
fn setter_takes_all(was: &str, now: &str) -> bool {
    was == now
        || now
            .strip_prefix("IntoOption<")
            .is_some_and(|v| was == format!("TryInto<Option<{v}>"))
}

/// What the runtime's `IntoOption<V>` takes beyond `V` and `Option<V>`.
fn more_taken(bound: &str) -> Option<&'static str> {
    match bound {
        "IntoOption<String>" => Some("&str"),
        "IntoOption<Vec<String>>" => Some("arrays and vectors of &str"),
        b if b.starts_with("IntoOption<Vec<") => Some("arrays"),
        _ => None,
    }
}

/// Whether every JSON value of Rust type `from` is also a value of type
/// `into` (limits aside: a newtype is taken for the type it wraps, its checks
/// being limits, reported on their own): the same type; `Option<T>` of
/// what `T` takes; the same wrapper (`Option`, `Vec`) around such types; an
/// integer type whose range holds the other's; `String` into a hand-written
/// type that converts from it and deserializes (`Secret`). Types are
/// surfaced with `from` on `surfaces.0`, `into` on `surfaces.1`.
fn takes_all(into: &str, from: &str, surfaces: Both<'_>) -> bool {
    takes(into, from, surfaces, 8)
}

/// [`takes_all`], looking at most `depth` types deep into structs.
fn takes(into: &str, from: &str, surfaces: Both<'_>, depth: u8) -> bool {
    let takes_all = |into: &str, from: &str, surfaces| takes(into, from, surfaces, depth);
    let (from_surface, into_surface) = surfaces;
    if into == from {
        return true;
    }
    let inside = |ty: &str, wrapper: &str| -> Option<String> {
        Some(ty.strip_prefix(wrapper)?.strip_suffix('>')?.to_owned())
    };
    for wrapper in ["Option<", "Vec<"] {
        if let (Some(a), Some(b)) = (inside(into, wrapper), inside(from, wrapper)) {
            return takes_all(&a, &b, surfaces);
        }
    }
    if let Some(a) = inside(into, "Option<") {
        return takes_all(&a, from, surfaces);
    }
    let wrapped = |s: &Surface, ty: &str| match s.types.get(ty).map(|d| &d.kind) {
        Some(TypeKind::Newtype { inner, .. }) => Some(inner.clone()),
        _ => None,
    };
    if let Some(inner) = wrapped(into_surface, into) {
        return takes_all(&inner, from, surfaces);
    }
    if let Some(inner) = wrapped(from_surface, from) {
        return takes_all(into, &inner, surfaces);
    }
    if let (Some(a), Some(b)) = (integer_range(into), integer_range(from)) {
        return a.0 <= b.0 && b.1 <= a.1;
    }
    // Two generated types of another name (a schema renamed): by shape.
    let kinds = (into_surface.types.get(into), from_surface.types.get(from));
    if let (Some(a), Some(b)) = kinds
        && depth > 0
    {
        match (&a.kind, &b.kind) {
            (
                TypeKind::Struct {
                    fields: into_fields,
                },
                TypeKind::Struct {
                    fields: from_fields,
                },
            ) => {
                let deny = a.serde.contains_key("deny_unknown_fields");
                let each = into_fields.iter().all(|f| {
                    match from_fields.iter().find(|g| g.wire == f.wire) {
                        Some(g) => takes(&f.ty, &g.ty, surfaces, depth - 1),
                        None => f.ty.starts_with("Option<"),
                    }
                });
                let known = !deny
                    || from_fields
                        .iter()
                        .all(|g| into_fields.iter().any(|f| f.wire == g.wire));
                return each && known;
            }
            (TypeKind::Enum { variants: into_v }, TypeKind::Enum { variants: from_v }) => {
                let units = |v: &[Variant]| v.iter().all(|v| v.data.is_none());
                return units(into_v)
                    && units(from_v)
                    && from_v
                        .iter()
                        .all(|g| into_v.iter().any(|f| f.wire == g.wire));
            }
            _ => {}
        }
    }
    let hand_written = |t: &str| {
        into_surface
            .hand_written
            .contains_key(&format!("{into}: {t}"))
    };
    from == "String" && hand_written("From<String>") && hand_written("Deserialize")
}

/// The values of an integer type, as (lowest, highest).
fn integer_range(ty: &str) -> Option<(i128, i128)> {
    let bits = |ty: &str, prefix: &str| ty.strip_prefix(prefix)?.parse::<u32>().ok();
    if let Some(n) = bits(ty, "NonZeroU") {
        return Some((1, (1i128 << n) - 1));
    }
    if let Some(n) = bits(ty, "u") {
        return Some((0, (1i128 << n) - 1));
    }
    if let Some(n) = bits(ty, "i") {
        return Some((-(1i128 << (n - 1)), (1i128 << (n - 1)) - 1));
    }
    None
}

/// Whether old releases can fail on a value whose type changes from `old`
/// to `new`: the new spec refuses what they send (the new type does not
/// take every old value), or they refuse what it lets the server answer
/// (the old type does not take every new value).
pub(super) fn wire_breaks(
    old: &str,
    new: &str,
    direction: Direction,
    (old_surface, surface): Both<'_>,
) -> bool {
    (direction.sent && !takes_all(new, old, (old_surface, surface)))
        || (direction.received && !takes_all(old, new, (surface, old_surface)))
}

/// What callers could pass for a value of type `ty`, in words.
pub(super) fn accepted(ty: &str) -> String {
    if ty == "String" {
        "&str or String".to_owned()
    } else {
        format!("a {ty}")
    }
}
