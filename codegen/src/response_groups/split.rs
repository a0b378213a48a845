//! Operations whose answers have several types: what progenitor is given.
//!
//! progenitor gives all success answers of an operation one Rust type, and
//! all error answers one type; where they differ (a 200 and a 202 with
//! different bodies, a JSON error beside a bodiless one, an event stream
//! beside JSON) it stops with `assertion failed: response_types.len() <=
//! 1` (progenitor#344, #950). Such a group of answers gets one enum, a
//! variant per status (the passes of `response_groups` make it); here the spec
//! is prepared so that progenitor can generate everything else, and so
//! that typify names each answer's body:
//!
//! - the operation keeps the answers of one body (the group's first JSON
//!   one, else its first), which progenitor generates as usual; the pass
//!   then rewrites the arms of every answer of the group;
//! - each JSON body of the group that is an inline schema becomes a
//!   component (`{operationId}_{status}_response`), so that its type has
//!   that name wherever it is used;
//! - one more component, marked in its description, holds a property per
//!   JSON answer (`s200`, `s4xx`): typify gives it a field of each body's
//!   Rust type, which the pass reads and then removes, so no rule of
//!   typify's naming is copied here;
//! - progenitor names the operation's method and builder, run on a spec of
//!   just those operation ids.
//!
//! What was split is written into the document as the extension
//! [`EXTENSION`], where every part's passes read it ([`groups`]).
//!
//! `default` answers both successes and errors; a group whose `default`
//! has a body of its own is left to progenitor (and to `--normalize`).
//! Two JSON media types with different schemas under one status cannot be
//! told apart by any design: they are refused with the operation.

use std::collections::BTreeMap;

use openapiv3::{MediaType, OpenAPI, ReferenceOr, Response, Schema, StatusCode};
use serde::{Deserialize, Serialize};

use crate::spec::walk::{is_json_media_type, operation_name};
use crate::spec::{OperationsMut, resolve_response};
use crate::{CodegenError, FailedOperation};

/// The document extension holding the groups.
pub(crate) const EXTENSION: &str = "x-codegen-response-groups";

/// The words in the description of the component that holds one property
/// per JSON answer of a group, followed by the group's number.
pub(crate) const MARKER: &str = "codegen response group";

/// An operation's success answers, or its error answers, of several types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Group {
    /// The operation, as messages name it.
    pub(crate) operation: String,
    /// Its operationId (its name when it has none).
    pub(crate) operation_id: String,
    /// `Client`'s method, as progenitor names it.
    pub(crate) method: String,
    /// The method's request builder (`builder::ChatInference`).
    pub(crate) builder: String,
    pub(crate) kind: Kind,
    /// The description of the component holding a property per JSON
    /// answer (see [`MARKER`]); `None` when no answer has a JSON body.
    pub(crate) marker: Option<String>,
    /// In the order of the spec.
    pub(crate) members: Vec<Member>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Kind {
    Success,
    Error,
}

impl Kind {
    /// `success`, `error`.
    pub(crate) fn word(self) -> &'static str {
        match self {
            Kind::Success => "success",
            Kind::Error => "error",
        }
    }
}

/// One answer of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Member {
    /// `200`, `4XX`.
    pub(crate) status: String,
    pub(crate) body: Body,
    /// The first line of the response's description.
    pub(crate) description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Body {
    /// Read as JSON: the property of the marked component naming its type.
    Json { property: String },
    /// No body.
    Empty,
    /// Raw bytes of this media type, given as a byte stream.
    Stream { media_type: String },
}

/// The groups written into `spec` by [`split`].
pub(crate) fn groups(spec: &OpenAPI) -> Vec<Group> {
    spec.extensions
        .get(EXTENSION)
        .and_then(|v| crate::spec::read::from_json(v).ok())
        .unwrap_or_default()
}

/// The body a response gives the operation's Rust type, for comparing.
#[derive(Debug, Clone, PartialEq)]
enum Signature {
    Empty,
    Json(Box<ReferenceOr<Schema>>),
    Raw(String),
}

/// Prepares `spec` for progenitor (see the module's comment); a spec with
/// no group is left as it is.
pub(crate) fn split(spec: &mut OpenAPI, spec_name: &str) -> Result<(), CodegenError> {
    // Taken out for the walk (the operations are changed while the
    // components are read), and put back with the new schemas.
    let had_components = spec.components.is_some();
    let mut components = spec.components.take().unwrap_or_default();
    let mut added: Vec<(String, Schema)> = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut refused = Vec::new();
    let mut operation_ids = Vec::new();

    for (path, item) in spec.paths.paths.iter_mut() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, operation) in item.iter_mut_operations() {
            let name = operation_name(operation.operation_id.as_deref(), method, path);
            let id = operation
                .operation_id
                .clone()
                .unwrap_or_else(|| name.clone());
            let mut found_group = false;
            for kind in [Kind::Success, Kind::Error] {
                let mut members: Vec<(StatusCode, Response, Signature)> = Vec::new();
                for (code, response) in &operation.responses.responses {
                    if kind_of(code) != Some(kind) {
                        continue;
                    }
                    let Some(response) = resolve_response(Some(&components), response) else {
                        continue;
                    };
                    match signature(&response) {
                        Ok(signature) => members.push((code.clone(), response, signature)),
                        Err(why) => refused.push(FailedOperation {
                            operation: Some(name.clone()),
                            message: format!("response {code}: {why}"),
                        }),
                    }
                }
                let mut distinct: Vec<&Signature> = Vec::new();
                for (_, _, s) in &members {
                    if !distinct.contains(&s) {
                        distinct.push(s);
                    }
                }
                if distinct.len() < 2 {
                    continue;
                }
                if operation.responses.default.is_some() {
                    refused.push(FailedOperation {
                        operation: Some(name.clone()),
                        message: format!(
                            "its {} answers have several types, and a `default` answer beside \
                             them stands for every other status, which no variant of one enum \
                             can say (--normalize removes the `default`)",
                            kind.word()
                        ),
                    });
                    continue;
                }
                let number = groups.len();
                let mut new_components = NewComponents {
                    existing: &components,
                    added: &mut added,
                };
                let (members, marker) =
                    keep_one_body(operation, &id, members, number, &mut new_components);
                groups.push(Group {
                    operation: name.clone(),
                    operation_id: id.clone(),
                    method: String::new(),
                    builder: String::new(),
                    kind,
                    marker,
                    members,
                });
                found_group = true;
            }
            if found_group {
                operation_ids.push(id);
            }
        }
    }
    let had_components = had_components || !added.is_empty();
    components
        .schemas
        .extend(added.into_iter().map(|(n, s)| (n, ReferenceOr::Item(s))));
    if had_components {
        spec.components = Some(components);
    }
    if !refused.is_empty() {
        return Err(CodegenError::Generator {
            spec: spec_name.to_owned(),
            failures: refused,
        });
    }
    if groups.is_empty() {
        return Ok(());
    }
    let names =
        crate::progenitor::names(&operation_ids).map_err(|message| CodegenError::Generator {
            spec: spec_name.to_owned(),
            failures: vec![FailedOperation {
                operation: None,
                message,
            }],
        })?;
    for group in &mut groups {
        let (method, builder) =
            names
                .get(&group.operation_id)
                .cloned()
                .ok_or_else(|| CodegenError::Generator {
                    spec: spec_name.to_owned(),
                    failures: vec![FailedOperation {
                        operation: Some(group.operation.clone()),
                        message: "progenitor gives this operation no method".to_owned(),
                    }],
                })?;
        group.method = method;
        group.builder = builder;
    }
    spec.extensions.insert(
        EXTENSION.to_owned(),
        serde_json::to_value(&groups).expect("groups are JSON"),
    );
    Ok(())
}

/// The component schemas of the spec, and those added to it here.
struct NewComponents<'a> {
    existing: &'a openapiv3::Components,
    added: &'a mut Vec<(String, Schema)>,
}

impl NewComponents<'_> {
    /// Adds `schema` under `wanted`, or the first free name after it (see
    /// [`free_name`]); returns its `$ref`.
    fn add(&mut self, wanted: &str, schema: &Schema) -> String {
        let name = free_name(self.existing, self.added, wanted, schema);
        if !self.added.iter().any(|(n, _)| *n == name) {
            self.added.push((name.clone(), schema.clone()));
        }
        format!("#/components/schemas/{name}")
    }
}

/// Leaves `operation` the answers of one body of the group (the first JSON
/// one, else the first), each inline JSON body made a component, and adds
/// the marked component holding a property per JSON answer; returns the
/// group's members and that component's marker.
fn keep_one_body(
    operation: &mut openapiv3::Operation,
    id: &str,
    members: Vec<(StatusCode, Response, Signature)>,
    number: usize,
    components: &mut NewComponents<'_>,
) -> (Vec<Member>, Option<String>) {
    let winner = members
        .iter()
        .find(|(_, _, s)| matches!(s, Signature::Json(_)))
        .unwrap_or(&members[0])
        .2
        .clone();
    let mut properties = BTreeMap::new();
    let mut kept = Vec::new();
    for (code, mut response, signature) in members {
        let status = code.to_string();
        let body = match &signature {
            Signature::Empty => Body::Empty,
            Signature::Raw(media_type) => Body::Stream {
                media_type: media_type.clone(),
            },
            Signature::Json(schema) => {
                let reference = match &**schema {
                    ReferenceOr::Reference { reference } => reference.clone(),
                    ReferenceOr::Item(inline) => {
                        let wanted =
                            component_name(&format!("{id}_{}_response", status.to_lowercase()));
                        let reference = components.add(&wanted, inline);
                        for (media_type, media) in response.content.iter_mut() {
                            if is_json_media_type(media_type) {
                                media.schema = Some(ReferenceOr::Reference {
                                    reference: reference.clone(),
                                });
                            }
                        }
                        reference
                    }
                };
                let property = format!("s{}", status.to_lowercase());
                properties.insert(property.clone(), reference);
                Body::Json { property }
            }
        };
        let description = response
            .description
            .lines()
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned();
        if signature == winner {
            operation
                .responses
                .responses
                .insert(code, ReferenceOr::Item(response));
        } else {
            operation.responses.responses.shift_remove(&code);
        }
        kept.push(Member {
            status,
            body,
            description,
        });
    }
    let marker = (!properties.is_empty()).then(|| format!("{MARKER} {number}"));
    if let Some(marker) = &marker {
        let wrapper = serde_json::json!({
            "type": "object",
            "description": marker,
            "required": properties.keys().collect::<Vec<_>>(),
            "properties": properties
                .iter()
                .map(|(k, r)| (k.clone(), serde_json::json!({"$ref": r})))
                .collect::<serde_json::Map<_, _>>(),
        });
        let schema: Schema =
            crate::spec::read::from_json(&wrapper).expect("a schema of properties");
        components.add(&format!("codegen_response_group_{number}"), &schema);
    }
    (kept, marker)
}

/// `name` with what a component name may not hold (`[A-Za-z0-9._-]+`)
/// made `_`: an operation id may hold `/` (GitHub's).
fn component_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Whether progenitor counts the status among the successes or the errors
/// (`default`, which is both, is neither here).
fn kind_of(code: &StatusCode) -> Option<Kind> {
    match code {
        StatusCode::Code(c) if *c == 101 || (200..300).contains(c) => Some(Kind::Success),
        StatusCode::Code(c) if (400..600).contains(c) => Some(Kind::Error),
        StatusCode::Range(2) => Some(Kind::Success),
        StatusCode::Range(4 | 5) => Some(Kind::Error),
        _ => None,
    }
}

/// The body progenitor reads: none, the JSON media type's schema (two JSON
/// media types of different schemas are refused: one status, one type), or
/// raw bytes of the first media type.
fn signature(response: &Response) -> Result<Signature, String> {
    if response.content.is_empty() {
        return Ok(Signature::Empty);
    }
    let json: Vec<(&String, &MediaType)> = response
        .content
        .iter()
        .filter(|(media_type, _)| is_json_media_type(media_type))
        .collect();
    match json.as_slice() {
        [] => Ok(Signature::Raw(
            response.content.keys().next().expect("not empty").clone(),
        )),
        [(_, first), rest @ ..] => {
            if let Some((other, _)) = rest.iter().find(|(_, m)| m.schema != first.schema) {
                return Err(format!(
                    "two JSON bodies of different schemas ({} and {other}) under one status; \
                     an answer is told apart from the others by its status alone, so one status \
                     can have one type",
                    json[0].0
                ));
            }
            Ok(first
                .schema
                .clone()
                .map_or(Signature::Raw(json[0].0.clone()), |schema| {
                    Signature::Json(Box::new(schema))
                }))
        }
    }
}

/// `wanted`, or `wanted_2`, `wanted_3`, ...: the first name no component
/// schema has, or that holds this very schema already.
fn free_name(
    components: &openapiv3::Components,
    added: &[(String, Schema)],
    wanted: &str,
    schema: &Schema,
) -> String {
    (1..)
        .map(|n| match n {
            1 => wanted.to_owned(),
            n => format!("{wanted}_{n}"),
        })
        .find(|name| {
            let existing = added
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, s)| s)
                .or_else(|| match components.schemas.get(name) {
                    Some(ReferenceOr::Item(s)) => Some(s),
                    Some(_) => None,
                    None => None,
                });
            let is_reference = matches!(
                components.schemas.get(name),
                Some(ReferenceOr::Reference { .. })
            );
            !is_reference && existing.is_none_or(|s| s == schema)
        })
        .expect("a free name")
}
