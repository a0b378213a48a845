//! Two surfaces in, a list of changes out, each classified for consumers of
//! the generated crate with the reason in a few words.
//!
//! The class follows from what the surfaces say, never from a guess about
//! what typify does with a schema: a field whose Rust type differs is a
//! type change, a new variant of an enum the old surface marks
//! `#[non_exhaustive]` breaks no `match`, a parameter whose builder starts
//! unset fails the call until it is set.

use std::collections::{BTreeMap, BTreeSet};

use codegen::surface::{
    BuilderStart, Direction, Field, Method, Outcome, Surface, TypeDef, TypeKind, Variant,
};
use serde::Serialize;

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

/// Where in the API a change is: a type, a field, a method, a parameter.
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
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    pub class: Class,
    #[serde(skip)]
    pub place: Place,
    /// `field CreatedToken.token`, `method tokens_create`.
    pub subject: String,
    pub what: String,
    pub why: String,
    /// JSON pointers of the spec changes that caused it, where found.
    pub spec: Vec<String>,
}

#[derive(Default)]
struct Changes(Vec<Change>);

impl Changes {
    fn push(
        &mut self,
        class: Class,
        place: Place,
        what: impl Into<String>,
        why: impl Into<String>,
    ) {
        self.0.push(Change {
            class,
            subject: place.subject(),
            place,
            what: what.into(),
            why: why.into(),
            spec: Vec::new(),
        });
    }
}

use Class::{Breaking, BreakingAtRunTime, Compatible};

/// Every difference between the old and the new surface that a consumer
/// can notice, sorted by class, then place.
pub fn compare(old: &Surface, new: &Surface) -> Vec<Change> {
    let mut out = Changes::default();
    types(old, new, &mut out);
    methods(old, new, &mut out);
    let mut changes = out.0;
    changes.sort();
    changes
}

fn types(old: &Surface, new: &Surface, out: &mut Changes) {
    for (name, before) in &old.types {
        let place = Place::Type { name: name.clone() };
        let Some(after) = new.types.get(name) else {
            out.push(
                Breaking,
                place,
                format!("{} {name} removed", before.kind.word()),
                format!("code that names `types::{name}` no longer compiles"),
            );
            continue;
        };
        type_def(before, after, new, out);
    }
    for (name, after) in &new.types {
        if !old.types.contains_key(name) {
            out.push(
                Compatible,
                Place::Type { name: name.clone() },
                format!("{} {name} added", after.kind.word()),
                "a new type",
            );
        }
    }
}

fn type_def(before: &TypeDef, after: &TypeDef, surface: &Surface, out: &mut Changes) {
    let name = &before.name;
    let place = || Place::Type { name: name.clone() };
    let direction = merged(before.direction, after.direction);
    if before.kind.word() != after.kind.word() {
        out.push(
            Breaking,
            place(),
            format!(
                "changed from a {} to a {}",
                before.kind.word(),
                after.kind.word()
            ),
            "code that builds, reads or matches it no longer compiles",
        );
        return;
    }
    match (before.non_exhaustive, after.non_exhaustive) {
        (false, true) => out.push(
            Breaking,
            place(),
            "made #[non_exhaustive]",
            "struct literals and exhaustive `match`es outside the crate no longer compile",
        ),
        (true, false) => out.push(
            Compatible,
            place(),
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
            format!("no longer implements {}", list(&lost)),
            "code that uses those traits no longer compiles",
        );
    }
    let gained: Vec<&String> = after.traits.difference(&before.traits).collect();
    if !gained.is_empty() {
        out.push(
            Compatible,
            place(),
            format!("now implements {}", list(&gained)),
            "more traits",
        );
    }
    let gone: Vec<&String> = before.functions.difference(&after.functions).collect();
    if !gone.is_empty() {
        out.push(
            Breaking,
            place(),
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
            serde_change("serde rule", key, was, now),
            why,
        );
    });

    match (&before.kind, &after.kind) {
        (TypeKind::Struct { fields: old }, TypeKind::Struct { fields: new }) => {
            fields(before, direction, old, new, surface, out)
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
                    format!("inner type changed from {old} to {new}"),
                    "code that reads the inner value no longer compiles",
                );
            }
            let (paired, added, removed) = limits(was, now);
            for (old, new, looser) in paired {
                let what = format!("now refuses values {new} (was {old})");
                if looser {
                    out.push(
                        Compatible,
                        place(),
                        what,
                        "a looser limit: every value accepted before still is",
                    );
                } else if direction.sent {
                    out.push(
                        BreakingAtRunTime,
                        place(),
                        what,
                        "a tighter limit: values accepted before may now be refused by `try_into`/`parse`, and requests with them by `send()`",
                    );
                } else {
                    out.push(
                        Compatible,
                        place(),
                        what,
                        "a tighter limit on responses (the spec says the server keeps to it)",
                    );
                }
            }
            if !added.is_empty() {
                let (class, why) = if direction.sent {
                    (
                        BreakingAtRunTime,
                        "values accepted before may now be refused by `try_into`/`parse`, and requests with them by `send()`",
                    )
                } else {
                    (
                        Compatible,
                        "responses that break it fail to parse (the spec says the server keeps to it)",
                    )
                };
                out.push(
                    class,
                    place(),
                    format!("now refuses values: {}", list(&added)),
                    why,
                );
            }
            if !removed.is_empty() {
                out.push(
                    Compatible,
                    place(),
                    format!("no longer refuses values: {}", list(&removed)),
                    "more values are accepted",
                );
            }
        }
        (TypeKind::Alias { target: old }, TypeKind::Alias { target: new }) if old != new => out
            .push(
                Breaking,
                place(),
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
    surface: &Surface,
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
                format!("field {}: {} removed", before.name, before.ty),
                "code that reads or sets it no longer compiles",
            );
            continue;
        };
        if before.ty != after.ty {
            let what = format!("type changed from {} to {}", before.ty, after.ty);
            if !direction.received && setter_still_accepts(&before.ty, &after.ty, surface) {
                out.push(
                    Compatible,
                    place(after),
                    what,
                    format!(
                        "a request field: its builder setter takes the same values as before ({}), checked when the request is built",
                        accepted(&before.ty)
                    ),
                );
            } else {
                out.push(
                    Breaking,
                    place(after),
                    what,
                    "code that reads it, or sets it with a value of the old type, no longer compiles",
                );
            }
        }
        if before.wire != after.wire {
            out.push(
                Compatible,
                place(after),
                format!(
                    "JSON key changed from \"{}\" to \"{}\"",
                    before.wire, after.wire
                ),
                "the crate sends and reads the new key; the Rust name stays",
            );
        }
        keyed(&before.serde, &after.serde, |key, was, now| {
            out.push(
                Compatible,
                place(after),
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
                    format!("now must be set (was {was} when unset)"),
                    why,
                );
            }
            (Some(BuilderStart::MustBeSet), Some(BuilderStart::Value(now))) => out.push(
                Compatible,
                place(after),
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
                what,
                "struct literals of the type must now name it",
            );
        } else if must_be_set && direction.sent {
            out.push(
                BreakingAtRunTime,
                place(after),
                what,
                "it must be set: builders without it fail, and so does `send()` (Error::InvalidRequest)",
            );
        } else if must_be_set {
            out.push(
                Compatible,
                place(after),
                what,
                "a new response field; builders (for mocks) must set it",
            );
        } else {
            out.push(
                Compatible,
                place(after),
                what,
                "builders need nothing new (the type is non_exhaustive)",
            );
        }
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
            None => out.push(
                Breaking,
                place(),
                format!("variant {} (\"{}\") removed", before.name, before.wire),
                "code that names it no longer compiles",
            ),
            Some(after) => {
                if before.wire != after.wire {
                    out.push(
                        Compatible,
                        place(),
                        format!(
                            "variant {} is now \"{}\" on the wire, was \"{}\"",
                            after.name, after.wire, before.wire
                        ),
                        "the crate sends and reads the new value; the Rust name stays",
                    );
                }
                if before.data != after.data {
                    out.push(
                        Breaking,
                        place(),
                        format!(
                            "variant {} now carries {}",
                            after.name,
                            after.data.as_deref().unwrap_or("nothing")
                        ),
                        "code that builds or matches it no longer compiles",
                    );
                }
            }
        }
    }
    for after in new.iter().filter(|v| !old.iter().any(|o| o.name == v.name)) {
        let what = format!("variant {} (\"{}\") added", after.name, after.wire);
        if !def.non_exhaustive {
            out.push(
                Breaking,
                place(),
                what,
                "exhaustive `match`es need a new arm",
            );
        } else if direction.received {
            out.push(
                Compatible,
                place(),
                what,
                "`match`es have a `_` arm (non_exhaustive); releases before this one cannot parse responses that carry it",
            );
        } else {
            out.push(
                Compatible,
                place(),
                what,
                "`match`es have a `_` arm (non_exhaustive)",
            );
        }
    }
}

/// Whether a builder setter whose bound changes from `TryInto<old>` to
/// `TryInto<new>` still accepts what callers passed: a value of `old`, and
/// `&str` where `old` is `String`. Known only when `new` is a generated type
/// that says which conversions it has, or `old` wrapped in `Option`
/// (std's `From<T> for Option<T>`); otherwise assumed not.
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
        None => CRATE_TYPES
            .iter()
            .any(|(ty, froms)| *ty == new && froms.contains(&from)),
    };
    converts(old) && (old != "String" || converts("&str"))
}

/// The types the generated code takes from the crate around it, which the
/// surface does not see, with what they convert from: `Secret`
/// (`generated-client/src/secret.rs`) is `From<&str>` and `From<String>`.
const CRATE_TYPES: &[(&str, &[&str])] = &[("Secret", &["&str", "String"])];

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
            method(before, after, new, out);
            continue;
        }
        match new_routes.get(&before.route()) {
            Some(renamed) if !old.methods.contains_key(renamed) => {
                out.push(
                    Breaking,
                    place,
                    format!("renamed to {renamed} ({})", before.route()),
                    "code that calls it no longer compiles",
                );
                method(before, &new.methods[renamed], new, out);
            }
            _ => out.push(
                Breaking,
                place,
                format!("removed ({})", before.route()),
                "code that calls it no longer compiles",
            ),
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
                format!("added ({})", after.route()),
                "a new client method",
            );
        }
    }
}

fn method(before: &Method, after: &Method, surface: &Surface, out: &mut Changes) {
    let name = &before.name;
    let place = || Place::Method { name: name.clone() };
    if before.route() != after.route() {
        out.push(
            Compatible,
            place(),
            format!(
                "requests now go to {} (were {})",
                after.route(),
                before.route()
            ),
            "the call is unchanged; the request goes where the spec now says",
        );
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
                    param_place(&p.name),
                    what,
                    format!(
                        "the setter takes the same values as before ({}), checked when the request is built",
                        accepted(&p.ty)
                    ),
                );
            } else {
                out.push(
                    Breaking,
                    param_place(&p.name),
                    what,
                    "calls that set it with a value of the old type no longer compile",
                );
            }
        }
        match (p.required, now.required) {
            (false, true) => out.push(
                BreakingAtRunTime,
                param_place(&p.name),
                "parameter made required",
                "calls that do not set it now fail (Error::InvalidRequest)",
            ),
            (true, false) => out.push(
                Compatible,
                param_place(&p.name),
                "parameter made optional",
                "calls that set it still work",
            ),
            _ => {}
        }
        if p.place != now.place {
            out.push(
                Compatible,
                param_place(&p.name),
                format!("sent as {} (was {})", now.place, p.place),
                "the call is unchanged; the value goes where the spec now says",
            );
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
                format!(
                    "required parameter {}: {} ({}) added",
                    p.name, p.ty, p.place
                ),
                "calls that do not set it fail (Error::InvalidRequest)",
            );
        } else {
            out.push(
                Compatible,
                param_place(&p.name),
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
            format!(
                "request body changed from {} to {}",
                body(before),
                body(after)
            ),
            "`.body(..)` takes another type",
        );
    } else if let (Some(b), Some(a)) = (&before.body, &after.body)
        && b.encoding != a.encoding
    {
        out.push(
            Compatible,
            place(),
            format!("body sent as {} (was {})", a.encoding, b.encoding),
            "the call is unchanged; the encoding follows the spec",
        );
    }
    if before.ok != after.ok {
        out.push(
            Breaking,
            place(),
            format!("success type changed from {} to {}", before.ok, after.ok),
            "`send()` returns another type",
        );
    }
    if before.error != after.error {
        out.push(
            Breaking,
            place(),
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
        if was == now {
            continue;
        }
        let place = Place::Status {
            method: before.name.clone(),
            status: status.to_owned(),
        };
        let what = format!("{status}: {} → {}", was.describe(), now.describe());
        let (class, why) = match (was, now) {
            (Outcome::Unexpected, _) => (Compatible, "a status the spec now documents is typed"),
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
        out.push(class, place, what, why);
    }
}

/// Pairs the changed constraint messages that say the same words about
/// another number (`longer than 100 characters` → `longer than 255
/// characters`), each with whether the limit only loosened; returns them,
/// and the other messages added and removed.
#[allow(clippy::type_complexity)]
fn limits<'a>(
    was: &'a BTreeSet<String>,
    now: &'a BTreeSet<String>,
) -> (
    Vec<(&'a String, &'a String, bool)>,
    Vec<&'a String>,
    Vec<&'a String>,
) {
    // The message with each number replaced by `#`.
    let words = |m: &str| {
        let mut out = String::new();
        for c in m.chars() {
            if !c.is_ascii_digit() {
                out.push(c);
            } else if !out.ends_with('#') {
                out.push('#');
            }
        }
        out
    };
    let number = |m: &str| -> Option<u64> {
        m.split(|c: char| !c.is_ascii_digit())
            .find(|s| !s.is_empty())?
            .parse()
            .ok()
    };
    let mut added: Vec<&String> = now.difference(was).collect();
    let mut removed: Vec<&String> = was.difference(now).collect();
    let mut paired = Vec::new();
    removed.retain(|old| {
        let Some(i) = added.iter().position(|new| words(new) == words(old)) else {
            return true;
        };
        let new = added.remove(i);
        let upper = ["longer than", "greater than", "more than"]
            .iter()
            .any(|w| old.contains(w));
        let lower = ["shorter than", "less than", "fewer than"]
            .iter()
            .any(|w| old.contains(w));
        let looser = match (number(old), number(new)) {
            (Some(a), Some(b)) => (upper && b > a) || (lower && b < a),
            _ => false,
        };
        paired.push((*old, new, looser));
        false
    });
    (paired, added, removed)
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
    use codegen::surface::serde_words;
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
