//! The same meaning gives the same bytes: reordering the keys of the spec's
//! maps (paths, operations, responses, properties, schemas, every map) does
//! not change any generated file.

use codegen::Generated;
use serde_yaml::{Mapping, Value};

use crate::support::TOKENS_SPEC;

fn generated(spec: &str) -> Generated {
    crate::support::generate(spec, "openapi/tokens.yaml", false).unwrap()
}

/// Every mapping in the document with its keys in reverse order.
fn reversed(value: Value) -> Value {
    match value {
        Value::Mapping(map) => {
            let mut entries: Vec<(Value, Value)> = map.into_iter().collect();
            entries.reverse();
            Value::Mapping(
                entries
                    .into_iter()
                    .map(|(k, v)| (k, reversed(v)))
                    .collect::<Mapping>(),
            )
        }
        Value::Sequence(items) => Value::Sequence(items.into_iter().map(reversed).collect()),
        other => other,
    }
}

/// Keys sorted alphabetically, or by length then text: two more orders.
fn sorted_by(value: Value, key: &dyn Fn(&str) -> (usize, String)) -> Value {
    match value {
        Value::Mapping(map) => {
            let mut entries: Vec<(Value, Value)> = map.into_iter().collect();
            entries.sort_by_key(|(k, _)| key(k.as_str().unwrap_or("")));
            Value::Mapping(
                entries
                    .into_iter()
                    .map(|(k, v)| (k, sorted_by(v, key)))
                    .collect::<Mapping>(),
            )
        }
        Value::Sequence(items) => {
            Value::Sequence(items.into_iter().map(|v| sorted_by(v, key)).collect())
        }
        other => other,
    }
}

#[test]
fn reordering_map_keys_changes_no_generated_byte() {
    let original = generated(TOKENS_SPEC);
    let doc: Value = serde_yaml::from_str(TOKENS_SPEC).unwrap();
    let variants = [
        reversed(doc.clone()),
        sorted_by(doc.clone(), &|k| (0, k.to_owned())),
        sorted_by(doc.clone(), &|k| (usize::MAX - k.len(), k.to_owned())),
    ];
    for (i, variant) in variants.into_iter().enumerate() {
        let text = serde_yaml::to_string(&variant).unwrap();
        assert_ne!(
            text,
            serde_yaml::to_string(&doc).unwrap(),
            "variant {i} reorders nothing"
        );
        let again = generated(&text);
        assert!(
            again.client == original.client,
            "variant {i}: the client differs"
        );
        assert!(
            again.httpmock == original.httpmock,
            "variant {i}: the mocks differ"
        );
        assert!(again.cli == original.cli, "variant {i}: the CLI differs");
    }
}

#[test]
fn reordering_lists_that_carry_meaning_does_change_the_output() {
    // The check above must be able to fail: enum order is meaningful (it is
    // the variants' order), so reversing a list is seen.
    let swapped = TOKENS_SPEC.replacen(
        "        - 30d\n        - 90d\n",
        "        - 90d\n        - 30d\n",
        1,
    );
    assert_ne!(swapped, TOKENS_SPEC);
    let swapped = swapped.replacen(
        "        - Days30\n        - Days90\n",
        "        - Days90\n        - Days30\n",
        1,
    );
    assert!(generated(&swapped).client != generated(TOKENS_SPEC).client);
}
