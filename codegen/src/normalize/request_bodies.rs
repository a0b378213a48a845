//! Request bodies progenitor cannot send.
//!
//! progenitor sends a request body of one media type, and only of five:
//! `application/json` (a generated type), `application/x-www-form-urlencoded`
//! (a generated type), `application/octet-stream` whose schema is a plain
//! `{type: string, format: binary}`, and `text/plain` or `text/x-markdown`
//! whose schema is a plain `{type: string}` (raw bytes) (progenitor-impl
//! 0.15.1, `method.rs`, `get_body_param`). It stops with `not yet
//! implemented: more media types than expected` on a body with two media
//! types (GitHub's `markdown/render-raw`), and with `unexpected content
//! type` on any other (GitHub's `repos/upload-release-asset` takes `*/*`).
//!
//! Normalising keeps one media type, the JSON one, else the first (in
//! sorted order: the document's key order never matters); a body progenitor
//! still cannot send becomes raw bytes: `application/octet-stream`,
//! `{type: string, format: binary}`, which the method takes as a
//! `reqwest::Body` (bytes, a string, a file's contents). progenitor sends it
//! with `Content-Type: application/octet-stream`; a server that wants the
//! removed media type's name there (an image type, a multipart boundary)
//! refuses it, which the printed change warns about.

use openapiv3::{
    Components, MediaType, OpenAPI, ReferenceOr, RequestBody, Schema, SchemaKind, StringFormat,
    StringType, Type, VariantOrUnknownOrEmpty,
};

use super::OperationsMut;
use crate::spec::walk::{is_json_media_type, operation_name, pointer_token};

const RAW: &str = "application/octet-stream";

/// Rewrites `spec` in place; returns one line per change.
pub(crate) fn normalize(spec: &mut OpenAPI) -> Vec<String> {
    let mut changes = Vec::new();
    let components = spec.components.clone();
    for (path, item) in spec.paths.paths.iter_mut() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, operation) in item.iter_mut_operations() {
            // A referenced body is rewritten where it is defined, below.
            if let Some(ReferenceOr::Item(body)) = &mut operation.request_body {
                let name = operation_name(operation.operation_id.as_deref(), method, path);
                rewrite(
                    body,
                    &format!("operation {name}"),
                    &components,
                    &mut changes,
                );
            }
        }
    }
    if let Some(defined) = &mut spec.components {
        for (name, body) in defined.request_bodies.iter_mut() {
            if let ReferenceOr::Item(body) = body {
                let place = format!("#/components/requestBodies/{}", pointer_token(name));
                rewrite(body, &place, &components, &mut changes);
            }
        }
    }
    changes
}

fn rewrite(
    body: &mut RequestBody,
    place: &str,
    components: &Option<Components>,
    changes: &mut Vec<String>,
) {
    if body.content.len() > 1 {
        let kept = body
            .content
            .keys()
            .find(|media_type| is_json_media_type(media_type))
            .or_else(|| body.content.keys().next())
            .cloned()
            .unwrap_or_default();
        let removed: Vec<String> = body
            .content
            .keys()
            .filter(|media_type| **media_type != kept)
            .cloned()
            .collect();
        body.content.retain(|media_type, _| *media_type == kept);
        changes.push(format!(
            "{place}: request body: kept {kept}, removed {} (progenitor sends one media type)",
            crate::error::listed(&removed)
        ));
    }
    let Some((media_type, media)) = body.content.first() else {
        return;
    };
    if sendable(media_type, media, components) {
        return;
    }
    let was = media_type.clone();
    body.content.clear();
    body.content.insert(
        RAW.to_owned(),
        MediaType {
            schema: Some(ReferenceOr::Item(Schema {
                schema_data: Default::default(),
                schema_kind: SchemaKind::Type(Type::String(StringType {
                    format: VariantOrUnknownOrEmpty::Item(StringFormat::Binary),
                    ..Default::default()
                })),
            })),
            ..Default::default()
        },
    );
    changes.push(if was == RAW {
        format!(
            "{place}: request body {RAW}: its schema is now {{type: string, format: binary}} (raw bytes)"
        )
    } else {
        format!(
            "{place}: request body {was} is sent as raw bytes, with Content-Type: {RAW}"
        )
    });
}

/// Whether progenitor sends a body of this media type and schema as it is.
fn sendable(media_type: &str, media: &MediaType, components: &Option<Components>) -> bool {
    let base = media_type.split(';').next().unwrap_or_default().trim();
    if is_json_media_type(media_type) || base == "application/x-www-form-urlencoded" {
        return true;
    }
    let schema = match &media.schema {
        Some(ReferenceOr::Item(schema)) => Some(schema),
        Some(ReferenceOr::Reference { reference }) => reference
            .strip_prefix("#/components/schemas/")
            .and_then(|name| components.as_ref()?.schemas.get(name)?.as_item()),
        None => None,
    };
    let plain_string = |format: &VariantOrUnknownOrEmpty<StringFormat>| {
        schema.is_some_and(|schema| {
            !schema.schema_data.nullable
                && schema.schema_data.discriminator.is_none()
                && schema.schema_data.default.is_none()
                && matches!(&schema.schema_kind, SchemaKind::Type(Type::String(s))
                    if s.format == *format && s.pattern.is_none() && s.enumeration.is_empty()
                        && s.min_length.is_none() && s.max_length.is_none())
        })
    };
    match base {
        RAW => plain_string(&VariantOrUnknownOrEmpty::Item(StringFormat::Binary)),
        "text/plain" | "text/x-markdown" => plain_string(&VariantOrUnknownOrEmpty::Empty),
        _ => false,
    }
}
