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
//!
//! This module holds the change model and the entry point; what is
//! compared is split by part of the API: `types`, `methods` (with the
//! traits of `Client`) and `hand_written`.

use std::collections::{BTreeMap, BTreeSet};

use crate::surface::hand_written::{Item as PublicItem, ItemKind};
use crate::surface::{
    BuilderStart, Direction, Field, Method, Outcome, Surface, TypeDef, TypeKind, Variant,
};
use serde::Serialize;

use crate::limits::{self, CheckedBy, Limit};

mod hand_written;
mod methods;
mod types;

use hand_written::hand_written;
use methods::{client_traits, methods};
use types::types;

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

/// The two surfaces being compared, old and new.
type Both<'a> = (&'a Surface, &'a Surface);

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
