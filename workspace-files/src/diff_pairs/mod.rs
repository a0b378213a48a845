//! The pairs of the `cargo xtask diff` corpus: our spec, edited as QuantCDN
//! might edit its API. Each side of a pair is a list of edits addressed by
//! JSON pointer (RFC 6901), applied to the parsed spec. Several pairs carry
//! a consumer snippet, written against the old crate the way the README
//! teaches.
//!
//! Shared test data: xtask's `diff` tests (the corpus, the compile proof)
//! and `tokens-npm-tests`' wire proof both read it from here. This module
//! is the edits and what a pair is; `pairs.rs` is the corpus,
//! `snippets.rs` the consumers' code the pairs carry.

use serde_yaml::{Mapping, Value};

/// One change to the spec, at a JSON pointer (`~1` is `/`, `~0` is `~`;
/// mapping keys are strings, sequence indexes numbers). Values are YAML
/// text.
#[derive(Clone, Copy, Debug)]
pub enum Edit {
    /// Replaces the value at the pointer, keeping its place; a missing last
    /// key of a mapping is added at the end of the mapping.
    Set(&'static str, &'static str),
    /// Inserts the value into a sequence before the index the pointer ends
    /// with (`-`: at the end).
    Insert(&'static str, &'static str),
    /// Removes a mapping's key or a sequence's element.
    Remove(&'static str),
    /// Renames a key, keeping its subtree (`from`, `to`): in place when both
    /// are in the same mapping, else removed and added at the end of the
    /// mapping `to` is in.
    Move(&'static str, &'static str),
}

/// The spec with the edits applied in order, serialized again. The spec is
/// parsed and serialized even without edits, so that both sides of a pair
/// go through the same path. Panics, naming the pointer, when a parent does
/// not exist or a removed or moved key is absent.
pub fn apply(spec_text: &str, edits: &[Edit]) -> String {
    let mut doc: Value = serde_yaml::from_str(spec_text).expect("the spec is YAML");
    for edit in edits {
        match *edit {
            Edit::Set(pointer, value) => set(&mut doc, pointer, yaml(pointer, value)),
            Edit::Insert(pointer, value) => insert(&mut doc, pointer, yaml(pointer, value)),
            Edit::Remove(pointer) => {
                remove(&mut doc, pointer);
            }
            Edit::Move(from, to) => rename(&mut doc, from, to),
        }
    }
    serde_yaml::to_string(&doc).expect("a YAML value serializes")
}

fn yaml(pointer: &str, value: &str) -> Value {
    serde_yaml::from_str(value)
        .unwrap_or_else(|e| panic!("the value for {pointer} is not YAML ({e}): {value:?}"))
}

/// The pointer's reference tokens, unescaped.
fn tokens(pointer: &str) -> Vec<String> {
    let Some(rest) = pointer.strip_prefix('/') else {
        panic!("{pointer:?} is not a JSON pointer to a member: it must start with `/`");
    };
    rest.split('/')
        .map(|token| token.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// The value the pointer's last token is in, and that token.
fn parent<'v>(doc: &'v mut Value, pointer: &str) -> (&'v mut Value, String) {
    let mut tokens = tokens(pointer);
    let last = tokens.pop().expect("a pointer to a member has a token");
    let mut node = doc;
    for token in &tokens {
        node = match node {
            Value::Mapping(mapping) => mapping.get_mut(Value::String(token.clone())),
            Value::Sequence(sequence) => index(token).and_then(|i| sequence.get_mut(i)),
            _ => None,
        }
        .unwrap_or_else(|| panic!("{pointer}: the spec has no {token:?} on the way"));
    }
    (node, last)
}

fn index(token: &str) -> Option<usize> {
    token.parse().ok()
}

fn set(doc: &mut Value, pointer: &str, value: Value) {
    match parent(doc, pointer) {
        (Value::Mapping(mapping), key) => {
            mapping.insert(Value::String(key), value);
        }
        (Value::Sequence(sequence), token) => {
            let len = sequence.len();
            let slot = index(&token)
                .and_then(|i| sequence.get_mut(i))
                .unwrap_or_else(|| panic!("{pointer}: no index {token:?} in a sequence of {len}"));
            *slot = value;
        }
        _ => panic!("{pointer}: the parent is neither a mapping nor a sequence"),
    }
}

fn insert(doc: &mut Value, pointer: &str, value: Value) {
    let (Value::Sequence(sequence), token) = parent(doc, pointer) else {
        panic!("{pointer}: the parent is not a sequence");
    };
    let at = if token == "-" {
        Some(sequence.len())
    } else {
        index(&token).filter(|&i| i <= sequence.len())
    };
    let at = at.unwrap_or_else(|| {
        panic!(
            "{pointer}: cannot insert at {token:?} in a sequence of {}",
            sequence.len()
        )
    });
    sequence.insert(at, value);
}

fn remove(doc: &mut Value, pointer: &str) -> Value {
    match parent(doc, pointer) {
        (Value::Mapping(mapping), key) => mapping
            .shift_remove(Value::String(key))
            .unwrap_or_else(|| panic!("{pointer}: no such key to remove")),
        (Value::Sequence(sequence), token) => match index(&token) {
            Some(i) if i < sequence.len() => sequence.remove(i),
            _ => panic!(
                "{pointer}: no index {token:?} to remove in a sequence of {}",
                sequence.len()
            ),
        },
        _ => panic!("{pointer}: the parent is neither a mapping nor a sequence"),
    }
}

fn rename(doc: &mut Value, from: &str, to: &str) {
    let (from_tokens, to_tokens) = (tokens(from), tokens(to));
    let same_mapping = from_tokens[..from_tokens.len() - 1] == to_tokens[..to_tokens.len() - 1];
    if !same_mapping {
        let value = remove(doc, from);
        return set(doc, to, value);
    }
    let (Value::Mapping(mapping), old) = parent(doc, from) else {
        panic!("{from}: a key can be moved only within a mapping");
    };
    let (old, new) = (
        Value::String(old),
        Value::String(to_tokens[to_tokens.len() - 1].clone()),
    );
    assert!(mapping.contains_key(&old), "{from}: no such key to move");
    assert!(
        !mapping.contains_key(&new),
        "{to}: the key to move to exists"
    );
    *mapping = std::mem::take(mapping)
        .into_iter()
        .map(|(k, v)| if k == old { (new.clone(), v) } else { (k, v) })
        .collect::<Mapping>();
}

/// A pair of specs: the old side and the new side, each our spec edited.
pub struct Pair {
    pub name: &'static str,
    /// Edits for the old side (most pairs start from the spec as it is).
    pub before: &'static [Edit],
    /// Edits for the new side, applied to the spec as it is.
    pub after: &'static [Edit],
    /// A consumer's code, written against the old crate (as `api`).
    pub consumer: Option<&'static str>,
}

impl Pair {
    /// `spec` with the `before` edits.
    pub fn old_spec(&self, spec: &str) -> String {
        apply(spec, self.before)
    }

    /// `spec` with the `after` edits.
    pub fn new_spec(&self, spec: &str) -> String {
        apply(spec, self.after)
    }
}

mod pairs;
mod snippets;

pub use pairs::PAIRS;
pub use snippets::*;
