//! The pairs of the `cargo xtask diff` corpus: our spec, edited as QuantCDN
//! might edit its API. Each side of a pair is a list of edits addressed by
//! JSON pointer (RFC 6901), applied to the parsed spec. Several pairs carry
//! a consumer snippet, written against the old crate the way the README
//! teaches.
//!
//! Shared test data: xtask's `diff` tests (the corpus, the compile proof)
//! and `tokens-npm-tests`' wire proof both read it from here.

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

use Edit::{Insert, Move, Remove, Set};

const REQUEST_NAME_MAX_LENGTH: &str =
    "/components/schemas/CreateTokenRequest/properties/name/maxLength";
const CREATED_OWNER: &str = "/components/schemas/CreatedToken/properties/owner";
const OWNER_ID_INTEGER: &str = "type: object\nproperties:\n  id:\n    type: integer\n";
const SUMMARY_STATUS: &str = "/components/schemas/TokenSummary/properties/status";
const STATUS_ACTIVE_EXPIRED: &str = "type: string\nenum: [active, expired]\n";
const LIST_PARAMETERS: &str =
    "/paths/~1api~1v2~1organizations~1{organization}~1tokens/get/parameters";
const PAGE_OPTIONAL: &str =
    "- name: page\n  in: query\n  required: false\n  schema:\n    type: integer\n";
const PAGE_REQUIRED: &str =
    "- name: page\n  in: query\n  required: true\n  schema:\n    type: integer\n";

pub const PAIRS: &[Pair] = &[
    // --- Documentation and order: no API change.
    Pair {
        name: "a description only",
        before: &[],
        after: &[Set(
            "/components/schemas/CreateTokenRequest/properties/preset/description",
            "A bundle of scopes",
        )],
        consumer: None,
    },
    Pair {
        name: "an example and a summary only",
        before: &[],
        after: &[
            Set(
                "/components/schemas/CreateTokenRequest/properties/name/example",
                "Deploy bot",
            ),
            Set(
                "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/summary",
                "Revoke a token",
            ),
        ],
        consumer: None,
    },
    // --- Constraints.
    Pair {
        name: "maxLength on the request's name",
        before: &[],
        after: &[Set(REQUEST_NAME_MAX_LENGTH, "255")],
        consumer: Some(README_CREATE),
    },
    Pair {
        name: "pattern on the request's preset",
        before: &[],
        after: &[Set(
            "/components/schemas/CreateTokenRequest/properties/preset/pattern",
            "'^[a-z_]+$'",
        )],
        consumer: Some(README_CREATE),
    },
    Pair {
        name: "the request name's maxLength lowered",
        before: &[Set(REQUEST_NAME_MAX_LENGTH, "255")],
        after: &[Set(REQUEST_NAME_MAX_LENGTH, "100")],
        consumer: None,
    },
    Pair {
        name: "the request name's maxLength raised",
        before: &[Set(REQUEST_NAME_MAX_LENGTH, "255")],
        after: &[Set(REQUEST_NAME_MAX_LENGTH, "1000")],
        consumer: None,
    },
    Pair {
        name: "minimum: 1 on the token_id path parameter",
        before: &[],
        after: &[Set(
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/parameters/1/schema/minimum",
            "1",
        )],
        consumer: Some(REVOKE_LISTED),
    },
    Pair {
        name: "minimum: 1 on the created token's id",
        before: &[],
        after: &[Set(
            "/components/schemas/CreatedToken/properties/id/minimum",
            "1",
        )],
        consumer: Some(REVOKE_CREATED),
    },
    Pair {
        name: "maxLength on a listed token's name (a response field)",
        before: &[],
        after: &[Set(
            "/components/schemas/TokenSummary/properties/name/maxLength",
            "255",
        )],
        consumer: Some(README_LIST),
    },
    Pair {
        name: "minimum and maximum on an integer: typify keeps i64",
        before: &[],
        after: &[
            Set(
                "/components/schemas/CreateTokenRequest/properties/projects/items/minimum",
                "0",
            ),
            Set(
                "/components/schemas/CreateTokenRequest/properties/projects/items/maximum",
                "1000000",
            ),
        ],
        consumer: None,
    },
    Pair {
        name: "maxItems on scopes: typify keeps Vec",
        before: &[],
        after: &[Set(
            "/components/schemas/CreateTokenRequest/properties/scopes/maxItems",
            "20",
        )],
        consumer: None,
    },
    Pair {
        name: "maxItems on scopes beside additionalProperties: false on the request",
        before: &[],
        after: &[
            Set(
                "/components/schemas/CreateTokenRequest/properties/scopes/maxItems",
                "20",
            ),
            Set(
                "/components/schemas/CreateTokenRequest/additionalProperties",
                "false",
            ),
        ],
        consumer: None,
    },
    Pair {
        name: "maxItems on a component the request's scopes refer to",
        before: &[
            Set(
                "/components/schemas/Scopes",
                "{type: array, nullable: true, items: {type: string}}",
            ),
            Set(
                "/components/schemas/CreateTokenRequest/properties/scopes",
                "{$ref: '#/components/schemas/Scopes'}",
            ),
        ],
        after: &[
            Set(
                "/components/schemas/Scopes",
                "{type: array, nullable: true, items: {type: string}, maxItems: 20}",
            ),
            Set(
                "/components/schemas/CreateTokenRequest/properties/scopes",
                "{$ref: '#/components/schemas/Scopes'}",
            ),
        ],
        consumer: None,
    },
    Pair {
        name: "format: password on the request's name: a secret, not a limit",
        before: &[],
        after: &[Set(
            "/components/schemas/CreateTokenRequest/properties/name/format",
            "password",
        )],
        consumer: None,
    },
    // --- Formats.
    Pair {
        name: "format: ipv4 on the request's preset",
        before: &[],
        after: &[Set(
            "/components/schemas/CreateTokenRequest/properties/preset/format",
            "ipv4",
        )],
        consumer: Some(README_CREATE),
    },
    Pair {
        name: "format: date instead of date-time on created_at",
        before: &[],
        after: &[Set(
            "/components/schemas/CreatedToken/properties/created_at/format",
            "date",
        )],
        consumer: Some(READ_CREATED_AT),
    },
    Pair {
        name: "format: email on a listed token's name: typify keeps String",
        before: &[],
        after: &[Set(
            "/components/schemas/TokenSummary/properties/name/format",
            "email",
        )],
        consumer: None,
    },
    Pair {
        name: "format: int32 on the created token's id",
        before: &[],
        after: &[Set(
            "/components/schemas/CreatedToken/properties/id/format",
            "int32",
        )],
        consumer: Some(STORE_ID),
    },
    // --- Defaults.
    Pair {
        name: "a default for the request's expires_in",
        before: &[],
        after: &[Set(
            "/components/schemas/CreateTokenRequest/properties/expires_in/default",
            "30d",
        )],
        consumer: Some(README_CREATE),
    },
    Pair {
        name: "a default for the request's preset",
        before: &[],
        after: &[Set(
            "/components/schemas/CreateTokenRequest/properties/preset/default",
            "content_management",
        )],
        consumer: None,
    },
    Pair {
        name: "a default for a listed token's name (a response field)",
        before: &[],
        after: &[Set(
            "/components/schemas/TokenSummary/properties/name/default",
            "unnamed",
        )],
        consumer: None,
    },
    // --- additionalProperties.
    Pair {
        name: "additionalProperties: false on the created token (a response)",
        before: &[],
        after: &[Set(
            "/components/schemas/CreatedToken/additionalProperties",
            "false",
        )],
        consumer: None,
    },
    Pair {
        name: "additionalProperties: false on the request",
        before: &[],
        after: &[Set(
            "/components/schemas/CreateTokenRequest/additionalProperties",
            "false",
        )],
        consumer: None,
    },
    Pair {
        name: "additionalProperties: a map of strings on a listed token",
        before: &[],
        after: &[Set(
            "/components/schemas/TokenSummary/additionalProperties",
            "type: string",
        )],
        consumer: None,
    },
    // --- Nullable and required.
    Pair {
        name: "the created token's name made nullable",
        before: &[],
        after: &[Set(
            "/components/schemas/CreatedToken/properties/name/nullable",
            "true",
        )],
        consumer: Some(READ_CREATED),
    },
    Pair {
        name: "the created token's preset made required and no longer nullable",
        before: &[],
        after: &[
            Remove("/components/schemas/CreatedToken/properties/preset/nullable"),
            Insert("/components/schemas/CreatedToken/required/-", "preset"),
        ],
        consumer: Some(READ_CREATED),
    },
    Pair {
        name: "a listed token's last_used made required (still nullable)",
        before: &[],
        after: &[Insert(
            "/components/schemas/TokenSummary/required/2",
            "last_used",
        )],
        consumer: Some(README_LIST),
    },
    Pair {
        name: "the request's preset made required (still nullable)",
        before: &[],
        after: &[Insert(
            "/components/schemas/CreateTokenRequest/required/-",
            "preset",
        )],
        consumer: None,
    },
    Pair {
        name: "the request's name no longer required",
        before: &[],
        after: &[Remove("/components/schemas/CreateTokenRequest/required")],
        consumer: Some(README_CREATE),
    },
    // --- Enums.
    Pair {
        name: "a new expires_in value in the request",
        before: &[],
        after: &[
            Insert("/components/schemas/ExpiresIn/enum/3", "730d"),
            Insert("/components/schemas/ExpiresIn/x-enum-varnames/3", "Days730"),
        ],
        consumer: Some(MATCH_EXPIRES_IN),
    },
    Pair {
        name: "an expires_in value removed",
        before: &[],
        after: &[
            Remove("/components/schemas/ExpiresIn/enum/3"),
            Remove("/components/schemas/ExpiresIn/x-enum-varnames/3"),
        ],
        consumer: Some(MATCH_EXPIRES_IN),
    },
    Pair {
        name: "an expires_in variant renamed in x-enum-varnames",
        before: &[],
        after: &[Set(
            "/components/schemas/ExpiresIn/x-enum-varnames/0",
            "ThirtyDays",
        )],
        consumer: None,
    },
    Pair {
        name: "an expires_in wire value changed, its Rust name kept",
        before: &[],
        after: &[Set("/components/schemas/ExpiresIn/enum/0", "1m")],
        consumer: None,
    },
    Pair {
        name: "a new value in an enum of a response",
        before: &[Set(SUMMARY_STATUS, STATUS_ACTIVE_EXPIRED)],
        after: &[Set(
            SUMMARY_STATUS,
            "type: string\nenum: [active, expired, revoked]\n",
        )],
        consumer: Some(MATCH_STATUS),
    },
    Pair {
        name: "an enum added to a response",
        before: &[],
        after: &[Set(SUMMARY_STATUS, STATUS_ACTIVE_EXPIRED)],
        consumer: Some(README_LIST),
    },
    // --- Secrets.
    Pair {
        name: "the request's name marked x-sensitive",
        before: &[],
        after: &[Set(
            "/components/schemas/CreateTokenRequest/properties/name/x-sensitive",
            "true",
        )],
        consumer: Some(README_CREATE),
    },
    Pair {
        name: "create answers any 2XX instead of 201",
        before: &[],
        after: &[Move(
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens/post/responses/201",
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens/post/responses/2XX",
        )],
        consumer: None,
    },
    // --- Fields added and removed.
    Pair {
        name: "a new optional request field",
        before: &[],
        after: &[Set(
            "/components/schemas/CreateTokenRequest/properties/description",
            "type: string\nnullable: true\n",
        )],
        consumer: Some(README_CREATE),
    },
    Pair {
        name: "a new required request field",
        before: &[],
        after: &[
            Insert("/components/schemas/CreateTokenRequest/required/-", "owner"),
            Set(
                "/components/schemas/CreateTokenRequest/properties/owner",
                "type: string",
            ),
        ],
        consumer: Some(README_CREATE),
    },
    Pair {
        name: "a new required field in the created token (issue example)",
        before: &[],
        after: &[
            Insert("/components/schemas/CreatedToken/required/-", "owner_id"),
            Set(
                "/components/schemas/CreatedToken/properties/owner_id",
                "type: integer",
            ),
        ],
        consumer: Some(MOCK_CREATED),
    },
    Pair {
        name: "a new optional field in a listed token",
        before: &[],
        after: &[Set(
            "/components/schemas/TokenSummary/properties/description",
            "type: string",
        )],
        consumer: Some(README_LIST),
    },
    Pair {
        name: "a request field removed",
        before: &[],
        after: &[Remove(
            "/components/schemas/CreateTokenRequest/properties/projects",
        )],
        consumer: Some(SET_PROJECTS),
    },
    Pair {
        name: "a response field removed",
        before: &[],
        after: &[Remove("/components/schemas/CreatedToken/properties/preset")],
        consumer: Some(READ_CREATED),
    },
    // --- Inline objects.
    Pair {
        name: "an inline object added to the created token",
        before: &[],
        after: &[Set(CREATED_OWNER, OWNER_ID_INTEGER)],
        consumer: None,
    },
    Pair {
        name: "a field's type changed inside an inline object",
        before: &[Set(CREATED_OWNER, OWNER_ID_INTEGER)],
        after: &[Set(
            CREATED_OWNER,
            "type: object\nproperties:\n  id:\n    type: string\n",
        )],
        consumer: None,
    },
    // --- Operations.
    Pair {
        name: "an operation renamed",
        before: &[],
        after: &[Set(
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/operationId",
            "tokens_delete",
        )],
        consumer: Some(README_REVOKE),
    },
    Pair {
        name: "an operation added",
        before: &[],
        after: &[Set(
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/get",
            "operationId: tokens_get\nresponses:\n  '200':\n    description: One token.\n    content:\n      application/json:\n        schema:\n          $ref: '#/components/schemas/TokenSummary'\n",
        )],
        consumer: None,
    },
    Pair {
        name: "an operation removed",
        before: &[],
        after: &[Move(
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens/get",
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens/x-removed",
        )],
        consumer: Some(README_LIST),
    },
    Pair {
        name: "the path of every operation moved to /api/v3",
        before: &[],
        after: &[
            Move(
                "/paths/~1api~1v2~1organizations~1{organization}~1tokens",
                "/paths/~1api~1v3~1organizations~1{organization}~1tokens",
            ),
            Move(
                "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}",
                "/paths/~1api~1v3~1organizations~1{organization}~1tokens~1{token_id}",
            ),
        ],
        consumer: Some(README_REVOKE),
    },
    // --- Parameters.
    Pair {
        name: "an optional query parameter added",
        before: &[],
        after: &[Set(LIST_PARAMETERS, PAGE_OPTIONAL)],
        consumer: None,
    },
    Pair {
        name: "a required query parameter added",
        before: &[],
        after: &[Set(LIST_PARAMETERS, PAGE_REQUIRED)],
        consumer: Some(README_LIST),
    },
    Pair {
        name: "a query parameter made required",
        before: &[Set(LIST_PARAMETERS, PAGE_OPTIONAL)],
        after: &[Set(LIST_PARAMETERS, PAGE_REQUIRED)],
        consumer: None,
    },
    Pair {
        name: "a query parameter removed",
        before: &[Set(LIST_PARAMETERS, PAGE_OPTIONAL)],
        after: &[],
        consumer: None,
    },
    Pair {
        name: "an optional header parameter added",
        before: &[],
        after: &[Set(
            LIST_PARAMETERS,
            "- name: X-Request-Id\n  in: header\n  required: false\n  schema:\n    type: string\n",
        )],
        consumer: None,
    },
    Pair {
        name: "a path parameter renamed",
        before: &[],
        after: &[
            Move(
                "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}",
                "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{id}",
            ),
            Set(
                "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{id}/parameters/1/name",
                "id",
            ),
        ],
        consumer: Some(README_REVOKE),
    },
    // --- Statuses.
    Pair {
        name: "a new error status on list",
        before: &[],
        after: &[Set(
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens/get/responses/429",
            "$ref: '#/components/responses/Forbidden'",
        )],
        consumer: None,
    },
    Pair {
        name: "an error status removed from revoke",
        before: &[],
        after: &[Remove(
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/responses/404",
        )],
        consumer: Some(README_REVOKE),
    },
    Pair {
        name: "revoke answers 204 without a body instead of 200",
        before: &[],
        after: &[
            Move(
                "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/responses/200",
                "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/responses/204",
            ),
            Remove(
                "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/responses/204/content",
            ),
        ],
        consumer: Some(README_REVOKE),
    },
    Pair {
        name: "create answers 200 instead of 201",
        before: &[],
        after: &[Move(
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens/post/responses/201",
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens/post/responses/200",
        )],
        consumer: Some(README_CREATE),
    },
    Pair {
        name: "the error body of list changes to another schema",
        before: &[],
        after: &[Set(
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens/get/responses/403",
            "description: Access is forbidden.\ncontent:\n  application/json:\n    schema:\n      type: object\n      properties:\n        reason:\n          type: string\n",
        )],
        consumer: Some(LIST_ERROR_MESSAGE),
    },
    // --- Answers of several types (one enum per operation: codegen's
    // `response_groups`).
    Pair {
        name: "revoke may answer 202 with another body: its answers become one enum",
        before: &[],
        after: &[Set(
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/responses/202",
            "description: Revocation queued.\ncontent:\n  application/json:\n    schema:\n      type: object\n      required: [job]\n      properties:\n        job:\n          type: string\n",
        )],
        consumer: Some(README_REVOKE),
    },
    Pair {
        name: "an answer without a body added to revoke's answers of several types",
        before: &[Set(
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/responses/202",
            "description: Revocation queued.\ncontent:\n  application/json:\n    schema:\n      type: object\n      required: [job]\n      properties:\n        job:\n          type: string\n",
        )],
        after: &[
            Set(
                "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/responses/202",
                "description: Revocation queued.\ncontent:\n  application/json:\n    schema:\n      type: object\n      required: [job]\n      properties:\n        job:\n          type: string\n",
            ),
            Set(
                "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/responses/204",
                "description: Already revoked.\n",
            ),
        ],
        consumer: Some(REVOKE_ANSWERS),
    },
    // --- Outside the generated code.
    Pair {
        name: "a server changed",
        before: &[],
        after: &[Set("/servers/1/url", "https://dash.quantgov.cloud/v2")],
        consumer: None,
    },
    Pair {
        name: "the security scheme's bearer format changed",
        before: &[],
        after: &[Set(
            "/components/securitySchemes/BearerAuth/bearerFormat",
            "opaque",
        )],
        consumer: None,
    },
    Pair {
        name: "the API version bumped",
        before: &[],
        // The version is our document's, and no longer sent as a header
        // (codegen's `no_api_version`).
        after: &[Set("/info/version", "1.1.0")],
        consumer: None,
    },
    Pair {
        name: "a schema renamed",
        before: &[],
        after: &[
            Move(
                "/components/schemas/RevokedToken",
                "/components/schemas/Revocation",
            ),
            Set(
                "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/responses/200/content/application~1json/schema/$ref",
                "'#/components/schemas/Revocation'",
            ),
        ],
        consumer: Some(MOCK_REVOKED),
    },
];

/// The README's revoke call.
pub const README_REVOKE: &str = r#"
pub async fn revoke(client: &api::Client) -> Result<(), api::Error<api::types::ApiError>> {
    let revoked = client.tokens_revoke().organization("test-org").token_id(42).send().await?;
    println!("{}", revoked.message);
    Ok(())
}
"#;

/// Revoke, where its answers are one enum: matched with `_` for the
/// answers a later spec adds.
pub const REVOKE_ANSWERS: &str = r#"
pub async fn revoke(client: &api::Client) -> Result<String, api::Error<api::types::ApiError>> {
    let answer = client.tokens_revoke().organization("test-org").token_id(42).send().await?;
    Ok(match answer.into_inner() {
        api::types::TokensRevokeResponse::Ok(revoked) => revoked.message,
        api::types::TokensRevokeResponse::Accepted(queued) => queued.job,
        _ => "another answer".to_owned(),
    })
}
"#;

/// The README's list call.
pub const README_LIST: &str = r#"
pub async fn list(client: &api::Client) -> Result<(), api::Error<api::types::ApiError>> {
    for token in client.tokens_list().organization("test-org").send().await?.iter() {
        println!("{} {} last used {:?}", token.id, token.name, token.last_used);
    }
    Ok(())
}
"#;

/// Reads QuantCDN's message of a failed list.
pub const LIST_ERROR_MESSAGE: &str = r#"
pub async fn list(client: &api::Client) -> String {
    match client.tokens_list().organization("test-org").send().await {
        Ok(tokens) => format!("{} tokens", tokens.len()),
        Err(api::Error::ErrorResponse(e)) => e.message.clone(),
        Err(e) => e.to_string(),
    }
}
"#;

/// Revokes the token just created, as the crate's own example does.
pub const REVOKE_CREATED: &str = r#"
pub async fn revoke(client: &api::Client, created: &api::types::CreatedToken) -> Result<(), api::Error<api::types::ApiError>> {
    client.tokens_revoke().organization("test-org").token_id(created.id).send().await?;
    Ok(())
}
"#;

/// Revokes every listed token by its id.
pub const REVOKE_LISTED: &str = r#"
pub async fn revoke_all(client: &api::Client) -> Result<(), api::Error<api::types::ApiError>> {
    for token in client.tokens_list().organization("test-org").send().await?.iter() {
        client.tokens_revoke().organization("test-org").token_id(token.id).send().await?;
    }
    Ok(())
}
"#;

/// Keeps the id of a created token, as an i64 like every id of the crate.
pub const STORE_ID: &str = r#"
pub fn id(created: &api::types::CreatedToken) -> i64 {
    created.id
}
"#;

/// A revocation for an httpmock mock, built the documented way.
pub const MOCK_REVOKED: &str = r#"
pub fn revoked() -> Result<api::types::RevokedToken, api::types::error::ConversionError> {
    api::types::RevokedToken::builder().message("Token revoked successfully.").try_into()
}
"#;

/// Reads the created token's fields.
pub const READ_CREATED: &str = r#"
pub fn describe(created: &api::types::CreatedToken) -> String {
    format!("{} ({}), preset {}", created.name, created.id, created.preset.as_deref().unwrap_or("none"))
}
"#;

/// Reads the creation time as a date and time.
pub const READ_CREATED_AT: &str = r#"
pub fn age(created: &api::types::CreatedToken) -> i64 {
    created.created_at.timestamp()
}
"#;

/// A `match` with the `_` arm a non_exhaustive enum asks for.
pub const MATCH_EXPIRES_IN: &str = r#"
pub fn days(e: api::types::ExpiresIn) -> Option<u32> {
    match e {
        api::types::ExpiresIn::Days30 => Some(30),
        api::types::ExpiresIn::Never => None,
        _ => Some(90),
    }
}
"#;

/// A `match` on an enum of a response.
pub const MATCH_STATUS: &str = r#"
pub fn active(t: &api::types::TokenSummary) -> bool {
    match t.status {
        Some(api::types::TokenSummaryStatus::Active) => true,
        _ => false,
    }
}
"#;

/// Sets the request's projects.
pub const SET_PROJECTS: &str = r#"
pub fn request() -> api::types::builder::CreateTokenRequest {
    api::types::CreateTokenRequest::builder().name("CI").projects(vec![1])
}
"#;

/// A created token for an httpmock mock, built the documented way.
pub const MOCK_CREATED: &str = r#"
pub fn created() -> Result<api::types::CreatedToken, api::types::error::ConversionError> {
    api::types::CreatedToken::builder()
        .token("plain")
        .id(1)
        .name("CI")
        .scopes(None)
        .projects(None)
        .preset(None)
        .expires_at(None)
        .created_at(chrono::DateTime::from_timestamp(0, 0).unwrap())
        .try_into()
}
"#;

/// The README's create call, as a consumer writes it.
pub const README_CREATE: &str = r#"
pub async fn create(client: &api::Client) -> Result<(), api::Error<api::types::ApiError>> {
    let request = api::types::CreateTokenRequest::builder()
        .name("My CI token")
        .preset("content_management".to_owned())
        .expires_in(api::types::ExpiresIn::Days30);
    let created = client.tokens_create().organization("test-org").body(request).send().await?;
    println!("token {} (id {})", created.token, created.id);
    Ok(())
}
"#;
