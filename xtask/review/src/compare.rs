//! Two surfaces in, a list of changes out, each classified for consumers of
//! the generated crate with the reason in a few words, and its kind as data
//! (which item, added, removed or changed, the limit as numbers) for the
//! renderers and the changelog.
//!
//! The class follows from what the surfaces say, never from a guess about
//! what typify does with a schema: a field whose Rust type differs is a
//! type change, a new variant of an enum the old surface marks
//! `#[non_exhaustive]` breaks no `match`, a parameter whose builder starts
//! unset fails the call until it is set. Limits follow the one rule of
//! [`crate::limits`].

use std::collections::{BTreeMap, BTreeSet};

use crate::surface::hand_written::{Item as PublicItem, ItemKind};
use crate::surface::{
    BuilderStart, Direction, Field, Method, Outcome, Surface, TypeDef, TypeKind, Variant,
};
use serde::Serialize;

use crate::limits::{self, CheckedBy, Limit};

/// How a change reaches a consumer who follows the README (builders for
/// structs, `_` arms in `match`es on enums).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    /// Code that compiled against the old crate no longer compiles.
    Breaking,
    /// The code still compiles, but calls that worked can now fail.
    BreakingAtRunTime,
    /// The code compiles and works as before (what goes over the wire may
    /// differ, as the spec now says it should).
    Compatible,
}

impl Class {
    pub fn is_breaking(self) -> bool {
        self != Class::Compatible
    }
}

/// Where in the API a change is: a type, a field, a method, a parameter,
/// an item of the hand-written layer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Place {
    Type {
        name: String,
    },
    Field {
        ty: String,
        field: String,
        wire: String,
    },
    Method {
        name: String,
    },
    Param {
        method: String,
        param: String,
    },
    Status {
        method: String,
        status: String,
    },
    Header {
        method: String,
        header: String,
    },
    /// An item of the hand-written layer, by its public path
    /// (`ClientBuilder::timeout`), or a feature (`feature mock`).
    HandWritten {
        path: String,
    },
}

impl Place {
    /// `type CreatedToken`, `field CreatedToken.token`, `method tokens_create`.
    pub fn subject(&self) -> String {
        match self {
            Place::Type { name } => format!("type {name}"),
            Place::Field { ty, field, .. } => format!("field {ty}.{field}"),
            Place::Method { name } => format!("method {name}"),
            Place::Param { method, param } => format!("method {method} .{param}()"),
            Place::Status { method, status } => format!("method {method} status {status}"),
            Place::Header { method, header } => format!("method {method} header {header}"),
            Place::HandWritten { path } => path.clone(),
        }
    }
}

/// What kind of item a change is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Item {
    Type,
    Field,
    Variant,
    /// A trait the type implements.
    Trait,
    /// A public function of a type (`builder`).
    Function,
    /// A serde rule of a type or field: the JSON changes, not the Rust.
    SerdeRule,
    /// A limit on the values of a type, field or parameter.
    Limit,
    Method,
    Parameter,
    Status,
    Header,
    /// The request body of a method.
    Body,
    /// An item of the hand-written layer: `struct`, `method`, `trait impl`,
    /// `feature`, ...
    HandWritten(&'static str),
}

/// What happened to the item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    Added,
    Removed,
    Changed,
}

/// Where a change came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "from", rename_all = "kebab-case")]
pub enum Source {
    /// The spec: the JSON pointers of the spec changes behind it (empty
    /// where none was found).
    Spec { pointers: Vec<String> },
    /// The generator: the generated code at the base is not what today's
    /// generator makes of the base's spec. `inputs` names what changed
    /// between the revisions (codegen's files, Cargo.lock's packages); empty,
    /// the checked-in file was stale or edited by hand.
    Generator { inputs: Vec<String> },
    /// The hand-written layer: the file of the item (or `Cargo.toml` for a
    /// feature), and the file that re-exports it.
    HandWritten { files: Vec<String> },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub class: Class,
    pub place: Place,
    pub item: Item,
    pub action: Action,
    /// For a limit: which, before and after, and who checks it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<Limit>,
    /// `field CreatedToken.token`, `method tokens_create`.
    pub subject: String,
    pub what: String,
    pub why: String,
    pub source: Source,
    /// Whether consumers still on the base's release can fail once the
    /// server follows the new spec: the JSON the old crate sends is refused
    /// by the new spec, or an answer the new spec allows is refused by the
    /// old crate. Independent of the class, which is about upgrading: a
    /// route the spec moves is compatible for code that upgrades, and
    /// fails for code that does not. The wire proof observes it.
    pub old_releases_fail: bool,
}

impl Change {
    /// The JSON pointers of the spec changes behind it.
    pub fn pointers(&self) -> &[String] {
        match &self.source {
            Source::Spec { pointers } => pointers,
            _ => &[],
        }
    }

    /// The order of the report: class, then place, then what.
    pub fn order(a: &Change, b: &Change) -> std::cmp::Ordering {
        (a.class, &a.place, &a.what).cmp(&(b.class, &b.place, &b.what))
    }
}

#[derive(Default)]
pub(super) struct Changes(pub(super) Vec<Change>);

impl Changes {
    fn push(
        &mut self,
        class: Class,
        place: Place,
        (item, action): (Item, Action),
        what: impl Into<String>,
        why: impl Into<String>,
    ) {
        self.0.push(Change {
            class,
            subject: place.subject(),
            place,
            item,
            action,
            limit: None,
            what: what.into(),
            why: why.into(),
            source: Source::Spec {
                pointers: Vec::new(),
            },
            old_releases_fail: false,
        });
    }

    /// Marks the change last pushed as one that old releases fail on, when
    /// `fails`.
    fn old_releases_fail(&mut self, fails: bool) {
        if fails {
            self.0
                .last_mut()
                .expect("a change was pushed")
                .old_releases_fail = true;
        }
    }

    /// A limit changed at `place`, classified by the rule: tighter on a
    /// value that is sent breaks at run time.
    pub(super) fn limit(&mut self, place: Place, limit: Limit, direction: Direction) {
        let tighter = limit.is_tighter();
        let who = match limit.checked_by {
            CheckedBy::Crate => {
                "refused by `try_from`/`parse` and the builder, so `send()` fails (Error::InvalidRequest)"
            }
            CheckedBy::Server => {
                "refused by the server (the spec says so; the crate does not check it)"
            }
        };
        let (class, why) = match (tighter, direction.sent) {
            (true, true) => (
                BreakingAtRunTime,
                format!(
                    "a tighter limit on a value you send: values accepted before may now be {who}"
                ),
            ),
            (true, false) => (
                Compatible,
                "a tighter limit on a value you receive: the spec says the server keeps to it"
                    .to_owned(),
            ),
            (false, _) => (
                Compatible,
                "a looser limit: every value accepted before still is".to_owned(),
            ),
        };
        let action = match (&limit.was, &limit.now) {
            (None, _) => Action::Added,
            (_, None) => Action::Removed,
            _ => Action::Changed,
        };
        let what = limit.describe();
        // Old releases send what the new limit may refuse, or refuse what
        // the looser one lets the server answer.
        let fails = (tighter && direction.sent)
            || (!tighter && direction.received && limit.checked_by == CheckedBy::Crate);
        self.push(class, place, (Item::Limit, action), what, why);
        self.old_releases_fail(fails);
        self.0.last_mut().expect("pushed").limit = Some(limit);
    }
}

const SENT: Direction = Direction {
    sent: true,
    received: false,
};

const RECEIVED: Direction = Direction {
    sent: false,
    received: true,
};

fn added(item: Item) -> (Item, Action) {
    (item, Action::Added)
}

fn removed(item: Item) -> (Item, Action) {
    (item, Action::Removed)
}

fn changed(item: Item) -> (Item, Action) {
    (item, Action::Changed)
}

use Class::{Breaking, BreakingAtRunTime, Compatible};

/// Every difference between the old and the new surface that a consumer
/// can notice, sorted by class, then place.
pub fn compare(old: &Surface, new: &Surface) -> Vec<Change> {
    let mut out = Changes::default();
    types(old, new, &mut out);
    methods(old, new, &mut out);
    client_traits(old, new, &mut out);
    hand_written(old, new, &mut out);
    let mut changes = out.0;
    changes.sort_by(Change::order);
    changes
}

fn types(old: &Surface, new: &Surface, out: &mut Changes) {
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

/// The two surfaces being compared, old and new.
type Both<'a> = (&'a Surface, &'a Surface);

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
            if !direction.received && setter_still_accepts(&before.ty, &after.ty, surface) {
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
/// `TryInto<new>` still accepts what callers passed: a value of `old`, and
/// `&str` where `old` is `String`. Known when `new` is a generated type
/// that says which conversions it has, a type of the hand-written layer
/// whose `From` impls the surface reads (`Secret: From<&str>`), or `old`
/// wrapped in `Option` (std's `From<T> for Option<T>`); otherwise assumed
/// not. Whether the conversion can refuse a value is a limit, reported on
/// its own ([`limits::checked_by_crate`]).
fn setter_still_accepts(old: &str, new: &str, surface: &Surface) -> bool {
    if old == new {
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
fn wire_breaks(
    old: &str,
    new: &str,
    direction: Direction,
    (old_surface, surface): Both<'_>,
) -> bool {
    (direction.sent && !takes_all(new, old, (old_surface, surface)))
        || (direction.received && !takes_all(old, new, (surface, old_surface)))
}

/// What callers could pass for a value of type `ty`, in words.
fn accepted(ty: &str) -> String {
    if ty == "String" {
        "&str or String".to_owned()
    } else {
        format!("a {ty}")
    }
}

fn methods(old: &Surface, new: &Surface, out: &mut Changes) {
    let by_route = |s: &Surface| -> BTreeMap<String, String> {
        s.methods
            .values()
            .map(|m| (m.route(), m.name.clone()))
            .collect()
    };
    let (old_routes, new_routes) = (by_route(old), by_route(new));
    for (name, before) in &old.methods {
        let place = Place::Method { name: name.clone() };
        if let Some(after) = new.methods.get(name) {
            method(before, after, (old, new), out);
            continue;
        }
        match new_routes.get(&before.route()) {
            Some(renamed) if !old.methods.contains_key(renamed) => {
                out.push(
                    Breaking,
                    place,
                    changed(Item::Method),
                    format!("renamed to {renamed} ({})", before.route()),
                    "code that calls it no longer compiles",
                );
                method(before, &new.methods[renamed], (old, new), out);
            }
            _ => {
                out.push(
                    Breaking,
                    place,
                    removed(Item::Method),
                    format!("removed ({})", before.route()),
                    "code that calls it no longer compiles",
                );
                // The server no longer answers the route.
                out.old_releases_fail(true);
            }
        }
    }
    for (name, after) in &new.methods {
        let renamed = old_routes
            .get(&after.route())
            .is_some_and(|o| !new.methods.contains_key(o));
        if !old.methods.contains_key(name) && !renamed {
            out.push(
                Compatible,
                Place::Method { name: name.clone() },
                added(Item::Method),
                format!("added ({})", after.route()),
                "a new client method",
            );
        }
    }
}

fn method(before: &Method, after: &Method, (old_surface, surface): Both<'_>, out: &mut Changes) {
    let name = &before.name;
    let place = || Place::Method { name: name.clone() };
    if before.route() != after.route() {
        out.push(
            Compatible,
            place(),
            changed(Item::Method),
            format!(
                "requests now go to {} (were {})",
                after.route(),
                before.route()
            ),
            "the call is unchanged; the request goes where the spec now says",
        );
        // A path parameter renamed in the template sends the same URL.
        out.old_releases_fail(template(&before.route()) != template(&after.route()));
    }
    let param_place = |p: &str| Place::Param {
        method: name.clone(),
        param: p.to_owned(),
    };
    for p in &before.params {
        let Some(now) = after.params.iter().find(|q| q.name == p.name) else {
            out.push(
                Breaking,
                param_place(&p.name),
                removed(Item::Parameter),
                format!("parameter {} ({}) removed", p.name, p.place),
                "calls that set it no longer compile",
            );
            continue;
        };
        if p.ty != now.ty {
            let what = format!("parameter type changed from {} to {}", p.ty, now.ty);
            if setter_still_accepts(&p.ty, &now.ty, surface) {
                out.push(
                    Compatible,
                    param_place(&p.name), changed(Item::Parameter),
                    what,
                    format!(
                        "the setter takes the same values as before ({}), checked when the request is built",
                        accepted(&p.ty)
                    ),
                );
                out.old_releases_fail(wire_breaks(&p.ty, &now.ty, SENT, (old_surface, surface)));
            } else {
                out.push(
                    Breaking,
                    param_place(&p.name),
                    changed(Item::Parameter),
                    what,
                    "calls that set it with a value of the old type no longer compile",
                );
                out.old_releases_fail(wire_breaks(&p.ty, &now.ty, SENT, (old_surface, surface)));
            }
            let was = limits::checked_by_crate(&p.ty, old_surface);
            let limited = limits::checked_by_crate(&now.ty, surface);
            let sent = Direction {
                sent: true,
                received: false,
            };
            for limit in limits::differences(&was, &limited, CheckedBy::Crate) {
                out.limit(param_place(&p.name), limit, sent);
            }
        }
        match (p.required, now.required) {
            (false, true) => {
                out.push(
                    BreakingAtRunTime,
                    param_place(&p.name),
                    changed(Item::Parameter),
                    "parameter made required",
                    "calls that do not set it now fail (Error::InvalidRequest)",
                );
                out.old_releases_fail(true);
            }
            (true, false) => out.push(
                Compatible,
                param_place(&p.name),
                changed(Item::Parameter),
                "parameter made optional",
                "calls that set it still work",
            ),
            _ => {}
        }
        if p.place != now.place {
            out.push(
                Compatible,
                param_place(&p.name),
                changed(Item::Parameter),
                format!("sent as {} (was {})", now.place, p.place),
                "the call is unchanged; the value goes where the spec now says",
            );
            out.old_releases_fail(true);
        }
    }
    for p in after
        .params
        .iter()
        .filter(|p| !before.params.iter().any(|o| o.name == p.name))
    {
        if p.required {
            out.push(
                BreakingAtRunTime,
                param_place(&p.name),
                added(Item::Parameter),
                format!(
                    "required parameter {}: {} ({}) added",
                    p.name, p.ty, p.place
                ),
                "calls that do not set it fail (Error::InvalidRequest)",
            );
            // A new path parameter changes the route (its own change) or
            // takes the place of one renamed: the URL old releases send is
            // the route's business.
            out.old_releases_fail(p.place != "path");
        } else {
            out.push(
                Compatible,
                param_place(&p.name),
                added(Item::Parameter),
                format!(
                    "optional parameter {}: {} ({}) added",
                    p.name, p.ty, p.place
                ),
                "a new builder setter",
            );
        }
    }
    let body = |m: &Method| {
        m.body
            .as_ref()
            .map(|b| b.ty.clone())
            .unwrap_or_else(|| "none".to_owned())
    };
    if body(before) != body(after) {
        out.push(
            Breaking,
            place(),
            changed(Item::Body),
            format!(
                "request body changed from {} to {}",
                body(before),
                body(after)
            ),
            "`.body(..)` takes another type",
        );
        out.old_releases_fail(wire_breaks(
            &body(before),
            &body(after),
            SENT,
            (old_surface, surface),
        ));
    } else if let (Some(b), Some(a)) = (&before.body, &after.body)
        && b.encoding != a.encoding
    {
        out.push(
            Compatible,
            place(),
            changed(Item::Body),
            format!("body sent as {} (was {})", a.encoding, b.encoding),
            "the call is unchanged; the encoding follows the spec",
        );
        out.old_releases_fail(true);
    }
    if before.ok != after.ok {
        out.push(
            Breaking,
            place(),
            changed(Item::Method),
            format!("success type changed from {} to {}", before.ok, after.ok),
            "`send()` returns another type",
        );
        out.old_releases_fail(wire_breaks(
            &before.ok,
            &after.ok,
            RECEIVED,
            (old_surface, surface),
        ));
    }
    if before.error != after.error {
        out.push(
            Breaking,
            place(),
            changed(Item::Method),
            format!(
                "error type changed from Error<{}> to Error<{}>",
                before.error, after.error
            ),
            "code that reads the error body no longer compiles",
        );
    }
    statuses(before, after, out);
    keyed(&before.headers, &after.headers, |header, was, now| {
        out.push(
            Compatible,
            Place::Header {
                method: name.clone(),
                header: header.to_owned(),
            },
            header_action(was, now),
            match (was, now) {
                (Some(w), Some(n)) => format!("now sent as \"{n}\" (was \"{w}\")"),
                (None, Some(n)) => format!("\"{n}\" now sent"),
                (Some(w), None) => format!("\"{w}\" no longer sent"),
                (None, None) => unreachable!(),
            },
            "sent with every request of this method",
        );
    });
}

fn statuses(before: &Method, after: &Method, out: &mut Changes) {
    let all: BTreeSet<&str> = before
        .statuses
        .iter()
        .chain(&after.statuses)
        .map(|a| a.status.as_str())
        .collect();
    for status in all {
        let was = Surface::outcome_of(before, status);
        let now = Surface::outcome_of(after, status);
        // Where the answers have several types, the enum's variant each
        // status gives.
        let variant =
            |method: &Method| Surface::arm_of(method, status).and_then(|arm| arm.variant.clone());
        let (was_variant, now_variant) = (variant(before), variant(after));
        if was == now && was_variant == now_variant {
            continue;
        }
        let place = Place::Status {
            method: before.name.clone(),
            status: status.to_owned(),
        };
        let describe = |outcome: Outcome, variant: &Option<String>| match variant {
            Some(v) => format!("{} [{v}]", outcome.describe()),
            None => outcome.describe().to_owned(),
        };
        let what = format!(
            "{status}: {} → {}",
            describe(was, &was_variant),
            describe(now, &now_variant)
        );
        let (class, why) = match (was, now) {
            (Outcome::Unexpected, _) if now_variant.is_some() => (
                Compatible,
                "an answer the spec now documents, one more of the operation's typed \
                 answers: a new variant, which code matching with `_` takes",
            ),
            (Outcome::Unexpected, _) => (Compatible, "a status the spec now documents is typed"),
            (w, n) if w == n && was_variant.is_some() && now_variant.is_some() => (
                BreakingAtRunTime,
                "the answer arrives as another variant: code matching the old one no longer \
                 sees it",
            ),
            (w, n) if w.is_success() && !n.is_success() => (
                BreakingAtRunTime,
                "calls that succeeded with this status now return an error",
            ),
            (w, n) if w.is_success() && n.is_success() => {
                (Compatible, "still a success; the body is read another way")
            }
            (Outcome::ErrorResponse, Outcome::Unexpected) => (
                Compatible,
                "still an error, no longer typed: `api_error()` is None for it",
            ),
            _ => (Compatible, "calls that failed with this status now succeed"),
        };
        out.push(class, place, changed(Item::Status), what, why);
        // A success old releases do not know: the server may now answer it.
        out.old_releases_fail(was == Outcome::Unexpected && now.is_success());
    }
}

/// The traits of the generated `Client`: one gone breaks the code that
/// uses it.
fn client_traits(old: &Surface, new: &Surface, out: &mut Changes) {
    let place = || Place::Type {
        name: "Client".to_owned(),
    };
    for gone in old.client_traits.difference(&new.client_traits) {
        out.push(
            Breaking,
            place(),
            removed(Item::Trait),
            format!("impl {gone} removed"),
            "code that uses the trait through it no longer compiles",
        );
    }
    for new in new.client_traits.difference(&old.client_traits) {
        out.push(
            Compatible,
            place(),
            added(Item::Trait),
            format!("impl {new} added"),
            "more traits",
        );
    }
}

/// A route with its path parameters' names left out:
/// `DELETE /tokens/{}` for `DELETE /tokens/{token_id}`.
fn template(route: &str) -> String {
    let mut out = String::with_capacity(route.len());
    let mut in_name = false;
    for c in route.chars() {
        match c {
            '{' => {
                in_name = true;
                out.push_str("{}");
            }
            '}' => in_name = false,
            _ if in_name => {}
            c => out.push(c),
        }
    }
    out
}

/// The kind of a header change: sent now, no longer sent, another value.
fn header_action(was: Option<&str>, now: Option<&str>) -> (Item, Action) {
    match (was, now) {
        (None, _) => added(Item::Header),
        (_, None) => removed(Item::Header),
        _ => changed(Item::Header),
    }
}

/// The public API of the hand-written layer: an item removed breaks the
/// code that names it; one added breaks nothing, but for a field of a
/// struct that code outside can build with a literal, and a variant of an
/// enum that code outside can `match` exhaustively; a signature changed may
/// break callers; an item that now needs a feature breaks builds without it.
fn hand_written(old: &Surface, new: &Surface, out: &mut Changes) {
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
            let (class, why) = if before.kind == ItemKind::Feature {
                (
                    Compatible,
                    "the feature enables other dependencies or features",
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

fn merged(a: Direction, b: Direction) -> Direction {
    Direction {
        sent: a.sent || b.sent,
        received: a.received || b.received,
    }
}

fn list(items: &[&String]) -> String {
    items
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Calls `f(key, old value, new value)` for every key whose value differs.
fn keyed(
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
    mut f: impl FnMut(&str, Option<&str>, Option<&str>),
) {
    let keys: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for key in keys {
        let (was, now) = (old.get(key), new.get(key));
        if was != now {
            f(key, was.map(String::as_str), now.map(String::as_str));
        }
    }
}

/// `serde rule "omitted when None" added`, in the surface's words.
fn serde_change(what: &str, key: &str, was: Option<&str>, now: Option<&str>) -> String {
    use crate::surface::serde_words;
    match (was, now) {
        (None, Some(n)) => format!("{what} \"{}\" added", serde_words(key, n)),
        (Some(w), None) => format!("{what} \"{}\" removed", serde_words(key, w)),
        (Some(w), Some(n)) => format!(
            "{what} \"{}\" changed to \"{}\"",
            serde_words(key, w),
            serde_words(key, n)
        ),
        (None, None) => unreachable!("keyed() calls only for differences"),
    }
}
