//! Limits on values: the one rule for every kind of limit, and where a
//! limit is read from.
//!
//! A limit that refuses a value accepted before is *tighter*. On a value
//! the consumer sends, a tighter limit breaks at run time: calls that
//! worked can now fail, whether the crate refuses the value (a newtype's
//! `try_from`, which the builder calls) or only the server does (typify
//! keeps `i64` for `maximum`, `Vec` for `maxItems`, `String` for
//! `format: email`; the spec says the server checks them). That holds for
//! a limit added where there was none. A looser limit, or any limit on a
//! value the consumer only receives, is compatible.
//!
//! | keyword | tighter when |
//! |---|---|
//! | `maxLength`, `maxItems`, `maxProperties`, `maximum`, `exclusiveMaximum` (a number) | added, or lowered |
//! | `minLength`, `minItems`, `minProperties`, `minimum`, `exclusiveMinimum` (a number) | added, or raised |
//! | `exclusiveMaximum`, `exclusiveMinimum`, `uniqueItems` (a flag) | set to `true` |
//! | `multipleOf` | added, or changed to a number the old one is not a multiple of |
//! | `pattern`, `format` (one that validates) | added, or changed (two patterns cannot be compared) |
//! | `enum` | added, or a value removed |
//!
//! Removing a limit loosens it. Where the crate checks a limit, it is read
//! from the generated code (the newtype's checks, an enum's values): see
//! [`checked_by_crate`]. Where the generated code checks nothing, the limit
//! is read from the spec, because only the server enforces it: see
//! [`from_spec`].

use std::collections::BTreeMap;

use crate::surface::{Constraint, Surface, TypeKind};
use serde::Serialize;

/// The kind of a limit: the JSON Schema keyword that sets it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Keyword {
    MaxLength,
    MinLength,
    Pattern,
    Maximum,
    Minimum,
    ExclusiveMaximum,
    ExclusiveMinimum,
    MultipleOf,
    MaxItems,
    MinItems,
    UniqueItems,
    MaxProperties,
    MinProperties,
    Format,
    Enum,
    /// A check of the generated code that is none of the above (its
    /// message is the value).
    Other,
}

impl Keyword {
    /// The keyword of a spec key, if it sets a limit.
    pub fn of_spec_key(key: &str) -> Option<Keyword> {
        Some(match key {
            "maxLength" => Keyword::MaxLength,
            "minLength" => Keyword::MinLength,
            "pattern" => Keyword::Pattern,
            "maximum" => Keyword::Maximum,
            "minimum" => Keyword::Minimum,
            "exclusiveMaximum" => Keyword::ExclusiveMaximum,
            "exclusiveMinimum" => Keyword::ExclusiveMinimum,
            "multipleOf" => Keyword::MultipleOf,
            "maxItems" => Keyword::MaxItems,
            "minItems" => Keyword::MinItems,
            "uniqueItems" => Keyword::UniqueItems,
            "maxProperties" => Keyword::MaxProperties,
            "minProperties" => Keyword::MinProperties,
            "format" => Keyword::Format,
            "enum" => Keyword::Enum,
            _ => return None,
        })
    }

    pub fn word(&self) -> &'static str {
        match self {
            Keyword::MaxLength => "maxLength",
            Keyword::MinLength => "minLength",
            Keyword::Pattern => "pattern",
            Keyword::Maximum => "maximum",
            Keyword::Minimum => "minimum",
            Keyword::ExclusiveMaximum => "exclusiveMaximum",
            Keyword::ExclusiveMinimum => "exclusiveMinimum",
            Keyword::MultipleOf => "multipleOf",
            Keyword::MaxItems => "maxItems",
            Keyword::MinItems => "minItems",
            Keyword::UniqueItems => "uniqueItems",
            Keyword::MaxProperties => "maxProperties",
            Keyword::MinProperties => "minProperties",
            Keyword::Format => "format",
            Keyword::Enum => "enum",
            Keyword::Other => "check",
        }
    }

    /// An upper bound: a lower number refuses more.
    fn is_upper(&self) -> bool {
        matches!(
            self,
            Keyword::MaxLength
                | Keyword::MaxItems
                | Keyword::MaxProperties
                | Keyword::Maximum
                | Keyword::ExclusiveMaximum
        )
    }

    fn is_lower(&self) -> bool {
        matches!(
            self,
            Keyword::MinLength
                | Keyword::MinItems
                | Keyword::MinProperties
                | Keyword::Minimum
                | Keyword::ExclusiveMinimum
        )
    }
}

/// The value a keyword sets.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Bound {
    Number(f64),
    Flag(bool),
    Text(String),
    /// The values of an `enum`, as JSON text (`"30d"`, `null`).
    Values(Vec<String>),
}

impl std::fmt::Display for Bound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Bound::Number(n) => write!(f, "{n}"),
            Bound::Flag(b) => write!(f, "{b}"),
            Bound::Text(t) => write!(f, "{t:?}"),
            Bound::Values(values) => write!(f, "[{}]", values.join(", ")),
        }
    }
}

impl Bound {
    /// A spec value as a bound.
    pub fn of_json(value: &serde_json::Value) -> Bound {
        match value {
            serde_json::Value::Number(n) => Bound::Number(n.as_f64().unwrap_or(f64::NAN)),
            serde_json::Value::Bool(b) => Bound::Flag(*b),
            serde_json::Value::String(s) => Bound::Text(s.clone()),
            serde_json::Value::Array(values) => {
                Bound::Values(values.iter().map(|v| v.to_string()).collect())
            }
            other => Bound::Text(other.to_string()),
        }
    }
}

/// Who refuses a value that breaks the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckedBy {
    /// The generated code: `try_from`, the builder, `send()` (and parsing
    /// a response).
    Crate,
    /// Only the server: the generated code does not check it.
    Server,
}

/// One limit, before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Limit {
    pub keyword: Keyword,
    pub was: Option<Bound>,
    pub now: Option<Bound>,
    pub checked_by: CheckedBy,
}

impl Limit {
    /// The rule (the table above): whether the new limit refuses a value
    /// the old one accepted.
    pub fn is_tighter(&self) -> bool {
        use Bound::{Flag, Number, Values};
        match (&self.was, &self.now) {
            (_, None) => false,
            (None, Some(Flag(set))) => *set,
            (None, Some(_)) => true,
            (Some(Flag(was)), Some(Flag(now))) => !was && *now,
            (Some(Number(was)), Some(Number(now))) => match &self.keyword {
                k if k.is_upper() => now < was,
                k if k.is_lower() => now > was,
                // Tighter unless every multiple of the old is one of the new.
                Keyword::MultipleOf => {
                    let ratio = was / now;
                    (ratio - ratio.round()).abs() > 1e-9
                }
                _ => was != now,
            },
            (Some(Values(was)), Some(Values(now))) => was.iter().any(|v| !now.contains(v)),
            (Some(was), Some(now)) => was != now,
        }
    }

    /// `maxLength 255 added`, `maxLength 255 → 100`, `pattern "^a" removed`.
    pub fn describe(&self) -> String {
        let k = self.keyword.word();
        match (&self.was, &self.now) {
            (None, Some(now)) => format!("{k} {now} added"),
            (Some(was), None) => format!("{k} {was} removed"),
            (Some(Bound::Values(was)), Some(Bound::Values(now))) => {
                let gone: Vec<&String> = was.iter().filter(|v| !now.contains(v)).collect();
                let new: Vec<&String> = now.iter().filter(|v| !was.contains(v)).collect();
                let list =
                    |l: &[&String]| l.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ");
                match (gone.is_empty(), new.is_empty()) {
                    (false, true) => format!("{k} values removed: {}", list(&gone)),
                    (true, false) => format!("{k} values added: {}", list(&new)),
                    _ => format!("{k} values removed: {}; added: {}", list(&gone), list(&new)),
                }
            }
            (Some(was), Some(now)) => format!("{k} {was} → {now}"),
            (None, None) => format!("{k} unchanged"),
        }
    }
}

/// The limits the generated code checks on a value of Rust type `ty`: the
/// checks of the newtypes it names, and the values of the enums of unit
/// variants it names (a `String` made an enum refuses other strings).
pub fn checked_by_crate(ty: &str, surface: &Surface) -> BTreeMap<Keyword, Bound> {
    let mut out = BTreeMap::new();
    let named = surface.named_in(ty);
    for name in named {
        match &surface.types[&name].kind {
            TypeKind::Newtype { constraints, .. } => {
                for c in constraints {
                    let (keyword, bound) = of_constraint(c);
                    out.insert(keyword, bound);
                }
            }
            TypeKind::Enum { variants } if variants.iter().all(|v| v.data.is_none()) => {
                let values = variants
                    .iter()
                    .map(|v| serde_json::Value::String(v.wire.clone()).to_string())
                    .collect();
                out.insert(Keyword::Enum, Bound::Values(values));
            }
            _ => {}
        }
    }
    out
}

/// A newtype's check as a keyword and its bound.
pub fn of_constraint(c: &Constraint) -> (Keyword, Bound) {
    match c {
        Constraint::MaxLength(n) => (Keyword::MaxLength, Bound::Number(*n as f64)),
        Constraint::MinLength(n) => (Keyword::MinLength, Bound::Number(*n as f64)),
        Constraint::Pattern(p) => (Keyword::Pattern, Bound::Text(p.clone())),
        Constraint::Other(message) => (Keyword::Other, Bound::Text(message.clone())),
    }
}

/// The limits that differ between two sets, keyword by keyword.
pub fn differences(
    was: &BTreeMap<Keyword, Bound>,
    now: &BTreeMap<Keyword, Bound>,
    checked_by: CheckedBy,
) -> Vec<Limit> {
    let keywords: std::collections::BTreeSet<&Keyword> = was.keys().chain(now.keys()).collect();
    keywords
        .into_iter()
        .filter(|k| was.get(k) != now.get(k))
        .map(|k| Limit {
            keyword: k.clone(),
            was: was.get(k).cloned(),
            now: now.get(k).cloned(),
            checked_by,
        })
        .collect()
}

/// The formats whose values a validator checks (JSON Schema's, and
/// OpenAPI's `byte`, `int32`, `int64`); others (`password`, `binary`, a
/// format of one's own) only annotate.
pub const VALIDATING_FORMATS: &[&str] = &[
    "date",
    "date-time",
    "time",
    "duration",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uri-template",
    "uuid",
    "json-pointer",
    "relative-json-pointer",
    "regex",
    "byte",
    "int32",
    "int64",
];

/// A limit the spec sets at `pointer` (its last token a limit keyword),
/// read from both documents.
pub fn from_spec(pointer: &str, old: &serde_json::Value, new: &serde_json::Value) -> Option<Limit> {
    let key = pointer.rsplit('/').next()?;
    let keyword = Keyword::of_spec_key(key)?;
    // A `format` limits the values only when it validates them.
    let validates = |doc: &serde_json::Value| {
        doc.pointer(pointer)
            .and_then(|f| f.as_str())
            .is_some_and(|f| VALIDATING_FORMATS.contains(&f))
    };
    if keyword == Keyword::Format && !validates(old) && !validates(new) {
        return None;
    }
    let limit = Limit {
        keyword,
        was: old.pointer(pointer).map(Bound::of_json),
        now: new.pointer(pointer).map(Bound::of_json),
        checked_by: CheckedBy::Server,
    };
    (limit.was != limit.now).then_some(limit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Bound::{Flag, Number, Text, Values};

    fn limit(keyword: Keyword, was: Option<Bound>, now: Option<Bound>) -> Limit {
        Limit {
            keyword,
            was,
            now,
            checked_by: CheckedBy::Server,
        }
    }

    #[test]
    fn the_rule_for_every_kind_of_limit() {
        let values = |v: &[&str]| Values(v.iter().map(|s| s.to_string()).collect());
        let cases = [
            (Keyword::MaxLength, None, Some(Number(255.0)), true),
            (
                Keyword::MaxLength,
                Some(Number(255.0)),
                Some(Number(100.0)),
                true,
            ),
            (
                Keyword::MaxLength,
                Some(Number(255.0)),
                Some(Number(1000.0)),
                false,
            ),
            (Keyword::MaxLength, Some(Number(255.0)), None, false),
            (Keyword::MinLength, None, Some(Number(1.0)), true),
            (
                Keyword::MinLength,
                Some(Number(3.0)),
                Some(Number(1.0)),
                false,
            ),
            (
                Keyword::MinLength,
                Some(Number(1.0)),
                Some(Number(3.0)),
                true,
            ),
            (
                Keyword::Maximum,
                Some(Number(10.0)),
                Some(Number(9.5)),
                true,
            ),
            (Keyword::Minimum, None, Some(Number(0.0)), true),
            (
                Keyword::MaxItems,
                Some(Number(20.0)),
                Some(Number(10.0)),
                true,
            ),
            (
                Keyword::MinItems,
                Some(Number(1.0)),
                Some(Number(0.0)),
                false,
            ),
            (Keyword::MultipleOf, None, Some(Number(2.0)), true),
            (
                Keyword::MultipleOf,
                Some(Number(4.0)),
                Some(Number(2.0)),
                false,
            ),
            (
                Keyword::MultipleOf,
                Some(Number(2.0)),
                Some(Number(4.0)),
                true,
            ),
            (Keyword::UniqueItems, None, Some(Flag(true)), true),
            (Keyword::UniqueItems, None, Some(Flag(false)), false),
            (
                Keyword::UniqueItems,
                Some(Flag(true)),
                Some(Flag(false)),
                false,
            ),
            (
                Keyword::ExclusiveMaximum,
                Some(Flag(false)),
                Some(Flag(true)),
                true,
            ),
            (Keyword::Pattern, None, Some(Text("^a".into())), true),
            (
                Keyword::Pattern,
                Some(Text("^a".into())),
                Some(Text("^b".into())),
                true,
            ),
            (Keyword::Pattern, Some(Text("^a".into())), None, false),
            (Keyword::Format, None, Some(Text("email".into())), true),
            (Keyword::Enum, None, Some(values(&["a"])), true),
            (
                Keyword::Enum,
                Some(values(&["a", "b"])),
                Some(values(&["a"])),
                true,
            ),
            (
                Keyword::Enum,
                Some(values(&["a"])),
                Some(values(&["a", "b"])),
                false,
            ),
        ];
        for (keyword, was, now, tighter) in cases {
            let l = limit(keyword, was, now);
            assert_eq!(l.is_tighter(), tighter, "{}", l.describe());
        }
    }

    #[test]
    fn limits_are_described_with_their_numbers() {
        assert_eq!(
            limit(Keyword::MaxLength, None, Some(Number(255.0))).describe(),
            "maxLength 255 added"
        );
        assert_eq!(
            limit(Keyword::MaxLength, Some(Number(255.0)), Some(Number(100.0))).describe(),
            "maxLength 255 → 100"
        );
        assert_eq!(
            limit(
                Keyword::Enum,
                Some(Values(vec!["\"a\"".into(), "\"b\"".into()])),
                Some(Values(vec!["\"a\"".into()]))
            )
            .describe(),
            "enum values removed: \"b\""
        );
    }
}
