//! The documentation's facts about the create-token operation, stated
//! directly against the generated types (the contract is
//! `shared/docs/000_37cb92a449841aed.txt` and `shared/docs/tokens-api.md`).

use std::collections::BTreeMap;

use api_review::surface::TypeKind;
use openapiv3::{ReferenceOr, SchemaKind, Type};
use quantcdn_tokens::types::{
    ApiError, CreateTokenRequest, CreatedToken, ExpiresIn, RevokedToken, TokenSummary,
};
use serde_json::{Value, json};
use tokens_tests::{spec, surface};

/// The documented request of the page's curl sample.
const DOCUMENTED_REQUEST: &str = r#"{ "name": "My CI token", "preset": "content_management", "scopes": [ "projects:read", "content:write" ], "projects": [ 1 ], "expires_in": "30d" }"#;

/// The documented example of the 201 response.
const DOCUMENTED_CREATED: &str = r#"{
"token": "example",
"id": 1,
"name": "example",
"scopes": [
"example"
],
"projects": [
1
],
"preset": "example",
"expires_at": "2026-04-15T12:00:00Z",
"created_at": "2026-04-15T12:00:00Z"
}"#;

/// The documented example of the error object (400, 403 and 422 alike).
const DOCUMENTED_ERROR: &str = r#"{
"message": "The requested resource was not found",
"error": true
}"#;

/// Field name → Rust type (shortened), of one generated struct, as the
/// API surface reads it.
fn fields(type_name: &str) -> BTreeMap<String, String> {
    let surface = surface();
    let Some(TypeKind::Struct { fields }) = surface.types.get(type_name).map(|t| &t.kind) else {
        panic!("no generated struct {type_name}")
    };
    fields
        .iter()
        .map(|f| (f.name.clone(), f.ty.clone()))
        .collect()
}

fn expect_fields(type_name: &str, documented: &[(&str, &str)]) {
    let expected: BTreeMap<String, String> = documented
        .iter()
        .map(|(name, ty)| (name.to_string(), ty.to_string()))
        .collect();
    assert_eq!(fields(type_name), expected, "fields of {type_name}");
}

#[test]
fn request_fields_are_option_exactly_where_documented_nullable_or_optional() {
    // name: required, not nullable. The others: optional and nullable.
    expect_fields(
        "CreateTokenRequest",
        &[
            ("name", "String"),
            ("preset", "Option<String>"),
            ("scopes", "Option<Vec<String>>"),
            ("projects", "Option<Vec<i64>>"),
            ("expires_in", "Option<ExpiresIn>"),
        ],
    );
}

#[test]
fn created_token_fields_are_option_exactly_where_documented_nullable() {
    expect_fields(
        "CreatedToken",
        &[
            // The spec marks it `x-sensitive`: a `Secret`, never printed.
            ("token", "Secret"),
            ("id", "i64"),
            ("name", "String"),
            ("scopes", "Option<Vec<String>>"),
            ("projects", "Option<Vec<i64>>"),
            ("preset", "Option<String>"),
            ("expires_at", "Option<DateTime<Utc>>"),
            ("created_at", "DateTime<Utc>"),
        ],
    );
}

#[test]
fn error_object_has_a_required_message_and_error_flag() {
    expect_fields("ApiError", &[("message", "String"), ("error", "bool")]);
}

/// The same rule for every schema of the spec, so a new field cannot slip
/// through: a property is `Option` if and only if it is nullable or not
/// required.
#[test]
fn every_spec_property_is_option_iff_nullable_or_not_required() {
    let spec = spec();
    let components = spec.components.expect("the spec has components");
    let mut checked = 0;
    for (name, schema) in &components.schemas {
        let ReferenceOr::Item(schema) = schema else {
            continue;
        };
        let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
            continue;
        };
        let generated = fields(name);
        for (property, property_schema) in &object.properties {
            let nullable = match property_schema {
                ReferenceOr::Item(s) => s.schema_data.nullable,
                ReferenceOr::Reference { .. } => false,
            };
            let required = object.required.contains(property);
            let ty = generated
                .get(property)
                .unwrap_or_else(|| panic!("{name}.{property} is not generated"));
            assert_eq!(
                ty.starts_with("Option<"),
                nullable || !required,
                "{name}.{property}: nullable={nullable}, required={required}, Rust type {ty}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} properties checked");
}

#[test]
fn expires_in_serializes_to_exactly_the_documented_values() {
    for (variant, wire) in [
        (ExpiresIn::Days30, "30d"),
        (ExpiresIn::Days90, "90d"),
        (ExpiresIn::Days365, "365d"),
        (ExpiresIn::Never, "never"),
    ] {
        assert_eq!(serde_json::to_value(variant).unwrap(), json!(wire));
        assert_eq!(
            serde_json::from_value::<ExpiresIn>(json!(wire)).unwrap(),
            variant
        );
        assert_eq!(variant.to_string(), wire);
        assert_eq!(wire.parse::<ExpiresIn>().unwrap(), variant);
    }
}

#[test]
fn expires_in_rejects_anything_else() {
    for other in [
        json!("30D"),
        json!("1d"),
        json!("30"),
        json!(" 30d"),
        json!("Never"),
        json!("forever"),
        json!(""),
        json!(30),
        json!(null),
        json!(["30d"]),
    ] {
        assert!(
            serde_json::from_value::<ExpiresIn>(other.clone()).is_err(),
            "{other} was accepted"
        );
    }
    assert!("Days30".parse::<ExpiresIn>().is_err());
}

#[test]
fn unset_optional_fields_are_omitted_from_the_request_json() {
    let request: CreateTokenRequest = CreateTokenRequest::builder()
        .name("My CI token")
        .preset(None::<String>)
        .scopes(None::<Vec<String>>)
        .projects(None::<Vec<i64>>)
        .expires_in(None::<ExpiresIn>)
        .try_into()
        .unwrap();
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({"name": "My CI token"})
    );

    let built: CreateTokenRequest = CreateTokenRequest::builder()
        .name("My CI token")
        .expires_in(ExpiresIn::Never)
        .try_into()
        .unwrap();
    assert_eq!(
        serde_json::to_value(&built).unwrap(),
        json!({"name": "My CI token", "expires_in": "never"})
    );
}

/// An optional field's setter takes what people pass (codegen's
/// `optional_setters`): borrowed text, arrays, a plain enum value, and
/// still `Some(..)`, `None` and owned values.
#[test]
fn optional_setters_take_plain_values_as_written() {
    let request: CreateTokenRequest = CreateTokenRequest::builder()
        .name("My CI token")
        .preset("content_management")
        .scopes(["projects:read", "content:write"])
        .projects([1, 2])
        .expires_in(ExpiresIn::Days30)
        .try_into()
        .unwrap();
    let expected = json!({
        "name": "My CI token",
        "preset": "content_management",
        "scopes": ["projects:read", "content:write"],
        "projects": [1, 2],
        "expires_in": "30d",
    });
    assert_eq!(serde_json::to_value(&request).unwrap(), expected);

    let preset = String::from("content_management");
    let same: CreateTokenRequest = CreateTokenRequest::builder()
        .name("My CI token".to_owned())
        .preset(&preset)
        .scopes(vec!["projects:read", "content:write"])
        .projects(Some(vec![1, 2]))
        .expires_in(Some(ExpiresIn::Days30))
        .try_into()
        .unwrap();
    assert_eq!(serde_json::to_value(&same).unwrap(), expected);

    let unset: CreateTokenRequest = CreateTokenRequest::builder()
        .name("n")
        .preset("x")
        .preset(None)
        .try_into()
        .unwrap();
    assert_eq!(serde_json::to_value(&unset).unwrap(), json!({"name": "n"}));
}

#[test]
fn a_request_without_name_cannot_be_built() {
    let result: Result<CreateTokenRequest, _> = CreateTokenRequest::builder()
        .preset("content_management".to_owned())
        .try_into();
    assert!(result.is_err());
}

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(documented: &str) -> T {
    let original: Value = serde_json::from_str(documented).unwrap();
    let typed: T = serde_json::from_value(original.clone()).unwrap();
    assert_eq!(
        serde_json::to_value(&typed).unwrap(),
        original,
        "round trip changed the JSON"
    );
    typed
}

#[test]
fn the_documented_request_round_trips() {
    let request: CreateTokenRequest = round_trip(DOCUMENTED_REQUEST);
    assert_eq!(request.name, "My CI token");
    assert_eq!(request.preset.as_deref(), Some("content_management"));
    assert_eq!(
        request.scopes,
        Some(vec!["projects:read".into(), "content:write".into()])
    );
    assert_eq!(request.projects, Some(vec![1]));
    assert_eq!(request.expires_in, Some(ExpiresIn::Days30));
}

#[test]
fn the_documented_201_response_round_trips() {
    let created: CreatedToken = round_trip(DOCUMENTED_CREATED);
    assert_eq!(created.token.expose_secret(), "example");
    assert_eq!(created.id, 1);
    assert_eq!(
        created.expires_at.unwrap().to_rfc3339(),
        "2026-04-15T12:00:00+00:00"
    );
}

#[test]
fn the_documented_error_round_trips() {
    let error: ApiError = round_trip(DOCUMENTED_ERROR);
    assert_eq!(error.message, "The requested resource was not found");
    assert!(error.error);
}

#[test]
fn nullable_response_fields_accept_null_or_absence_and_required_ones_must_be_present() {
    let mut body: Value = serde_json::from_str(DOCUMENTED_CREATED).unwrap();
    for field in ["scopes", "projects", "preset", "expires_at"] {
        body[field] = Value::Null;
    }
    let created: CreatedToken = serde_json::from_value(body.clone()).unwrap();
    assert!(created.scopes.is_none() && created.projects.is_none());
    assert!(created.preset.is_none() && created.expires_at.is_none());

    // Decision: a nullable field may also be left out; it reads as None.
    let mut without = body.clone();
    for field in ["scopes", "projects", "preset", "expires_at"] {
        without.as_object_mut().unwrap().remove(field);
    }
    let created: CreatedToken = serde_json::from_value(without).unwrap();
    assert!(created.scopes.is_none() && created.expires_at.is_none());

    for required in ["token", "id", "name", "created_at"] {
        let mut missing = body.clone();
        missing.as_object_mut().unwrap().remove(required);
        assert!(
            serde_json::from_value::<CreatedToken>(missing).is_err(),
            "a 201 body without {required} was accepted"
        );
    }
    for not_nullable in ["token", "id", "name", "created_at"] {
        let mut null = body.clone();
        null[not_nullable] = Value::Null;
        assert!(
            serde_json::from_value::<CreatedToken>(null).is_err(),
            "{not_nullable}: null accepted"
        );
    }
    let error_without_message = json!({"error": true});
    assert!(serde_json::from_value::<ApiError>(error_without_message).is_err());
}

/// Every example in the spec parses into the type its schema generated, so
/// the examples a mock server answers with are ones the client accepts.
#[test]
fn the_spec_examples_parse_into_the_generated_types() {
    let spec = tokens_tests::spec_json();
    let paths = &spec["paths"];
    let collection = &paths["/api/v2/organizations/{organization}/tokens"];
    let single = &paths["/api/v2/organizations/{organization}/tokens/{token_id}"];
    let example = |v: &Value| v["content"]["application/json"]["example"].clone();

    let list: Vec<TokenSummary> =
        serde_json::from_value(example(&collection["get"]["responses"]["200"])).unwrap();
    assert_eq!(list[0].id, 42);
    let request: CreateTokenRequest =
        serde_json::from_value(example(&collection["post"]["requestBody"])).unwrap();
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        serde_json::from_str::<Value>(DOCUMENTED_REQUEST).unwrap()
    );
    let created: Value = example(&collection["post"]["responses"]["201"]);
    assert_eq!(
        created,
        serde_json::from_str::<Value>(DOCUMENTED_CREATED).unwrap()
    );
    serde_json::from_value::<CreatedToken>(created).unwrap();
    let revoked: RevokedToken =
        serde_json::from_value(example(&single["delete"]["responses"]["200"])).unwrap();
    assert_eq!(revoked.message, "Token revoked successfully.");
    let error: ApiError =
        serde_json::from_value(spec["components"]["schemas"]["ApiError"]["example"].clone())
            .unwrap();
    assert_eq!(
        serde_json::to_value(error).unwrap(),
        serde_json::from_str::<Value>(DOCUMENTED_ERROR).unwrap()
    );
}
