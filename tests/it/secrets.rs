//! The created token is a secret: never printed, never lost.
//!
//! A server on 127.0.0.1 (httpmock) answers `tokens_create` with 201 bodies
//! that drift from the spec in the ways a real API drifts. For each, every
//! value and error the program sees is printed every way Rust prints (`{}`,
//! `{:#}`, `{:?}`, `{:#?}`) and searched for the plain token and the bearer
//! token; and the token must reach the program, typed or recovered.

use std::fmt::{Debug, Display};

use httpmock::Method::POST;
use httpmock::MockServer;
use quantcdn_tokens::types::{CreateTokenRequest, CreatedToken};
use quantcdn_tokens::{ApiErrorExt, Client, Error, Secret};
use serde_json::{Value, json};
use tokens_tests::surface;

const BEARER: &str = "bearer-secret-5d2c";
const PLAIN: &str = "qct_plain_token_9f3e7a";

/// Every way a value can be printed.
fn printed<T: Debug + ?Sized>(value: &T) -> String {
    format!("{value:?}\n{value:#?}")
}

fn displayed<T: Display + ?Sized>(value: &T) -> String {
    format!("{value}\n{value:#}")
}

fn assert_no_secret(context: &str, text: &str) {
    assert!(
        !text.contains(PLAIN),
        "{context}: the plain token is printed:\n{text}"
    );
    assert!(
        !text.contains(BEARER),
        "{context}: the bearer token is printed:\n{text}"
    );
}

/// A body the server answers with.
enum Body {
    Json(Value),
    Raw(String, &'static str),
}

/// What `tokens_create` gives when the server answers `status` with `body`.
async fn create_against(
    status: u16,
    body: Body,
) -> Result<quantcdn_tokens::ResponseValue<CreatedToken>, Error<quantcdn_tokens::types::ApiError>> {
    let server = MockServer::start_async().await;
    let (text, content_type) = match body {
        Body::Json(value) => (value.to_string(), "application/json"),
        Body::Raw(text, content_type) => (text, content_type),
    };
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/v2/organizations/test-org/tokens");
            then.status(status)
                .header("content-type", content_type)
                .body(text);
        })
        .await;
    let client = Client::with_token(&server.base_url(), BEARER).unwrap();
    let result = client
        .tokens_create()
        .organization("test-org")
        .body(CreateTokenRequest::builder().name("CI"))
        .send()
        .await;
    // Exactly one request arrived: a create is never sent twice.
    mock.assert_async().await;
    result
}

fn json_body(value: Value) -> Body {
    Body::Json(value)
}

fn documented() -> Value {
    json!({
        "token": PLAIN, "id": 7, "name": "CI", "scopes": ["content:write"],
        "projects": [1], "preset": "content_management",
        "expires_at": "2026-12-28T00:00:00Z", "created_at": "2026-11-28T00:00:00Z"
    })
}

fn with(changes: &[(&str, Option<Value>)]) -> Value {
    let mut body = documented();
    for (key, value) in changes {
        match value {
            Some(v) => body[*key] = v.clone(),
            None => {
                body.as_object_mut().unwrap().remove(*key);
            }
        }
    }
    body
}

/// What the program must end up with.
enum Outcome {
    /// The body is tolerated: `Ok`, token typed.
    Parsed,
    /// An error that still hands over the token (and the id, if readable).
    Recovered { id: Option<i64> },
    /// An error; the body holds no readable token.
    Lost,
}

async fn check(case: &str, status: u16, body: Body, outcome: Outcome) {
    let result = create_against(status, body).await;
    match (&result, outcome) {
        (Ok(created), Outcome::Parsed) => {
            assert_eq!(created.token.expose_secret(), PLAIN, "{case}");
            assert_no_secret(case, &printed(created));
            assert_no_secret(case, &printed(&created.token));
            assert_no_secret(case, &displayed(&created.token));
        }
        (Err(error), Outcome::Recovered { id }) => {
            let recovered = error
                .created_token()
                .unwrap_or_else(|| panic!("{case}: no token recovered from {error:?}"));
            assert_eq!(recovered.token.expose_secret(), PLAIN, "{case}");
            assert_eq!(recovered.id, id, "{case}");
            assert_eq!(recovered.status.as_u16(), status, "{case}");
            assert_eq!(error.status().map(|s| s.as_u16()), Some(status), "{case}");
            let text = error.to_string();
            assert!(
                text.contains("the request succeeded") && text.contains("`token`"),
                "{case}: the message must say the token was created and how to get it: {text}"
            );
            assert!(
                error.response_body().is_some_and(|b| !b.is_empty()),
                "{case}"
            );
            assert_no_secret(case, &printed(&recovered));
            check_error_texts(case, error);
        }
        (Err(error), Outcome::Lost) => {
            assert!(error.created_token().is_none(), "{case}");
            check_error_texts(case, error);
        }
        (other, _) => panic!("{case}: unexpected {:?}", other.as_ref().map(|_| "Ok")),
    }
}

fn check_error_texts(case: &str, error: &Error<quantcdn_tokens::types::ApiError>) {
    assert_no_secret(case, &printed(error));
    assert_no_secret(case, &displayed(error));
    // `main() -> Result<(), Box<dyn Error>>` prints `{:?}`; `anyhow`'s
    // `{:#}` walks `source()`: both covered above.
    if let Error::InvalidResponsePayload(payload) = error {
        assert_no_secret(case, &printed(payload));
        assert_no_secret(case, payload.problem());
    }
}

#[tokio::test]
async fn every_drift_of_the_201_body_keeps_the_token_and_prints_it_nowhere() {
    let cases: Vec<(&str, u16, Body, Outcome)> = vec![
        (
            "the documented body",
            201,
            json_body(documented()),
            Outcome::Parsed,
        ),
        (
            "nullable keys left out",
            201,
            json_body(with(&[
                ("scopes", None),
                ("projects", None),
                ("preset", None),
                ("expires_at", None),
            ])),
            Outcome::Parsed,
        ),
        (
            "keys the spec does not know",
            201,
            json_body(with(&[
                ("owner", Some(json!({"id": 3}))),
                ("token_hint", Some(json!("qct_"))),
            ])),
            Outcome::Parsed,
        ),
        (
            "a date without the T",
            201,
            json_body(with(&[("created_at", Some(json!("2026-11-28 00:00:00")))])),
            Outcome::Recovered { id: Some(7) },
        ),
        (
            "the id as a string",
            201,
            json_body(with(&[("id", Some(json!("7")))])),
            Outcome::Recovered { id: Some(7) },
        ),
        (
            "a required field left out",
            201,
            json_body(with(&[("name", None)])),
            Outcome::Recovered { id: Some(7) },
        ),
        (
            "the whole body in an envelope",
            201,
            json_body(json!({"data": documented()})),
            Outcome::Recovered { id: Some(7) },
        ),
        (
            "a date as a Unix timestamp",
            201,
            json_body(with(&[("expires_at", Some(json!(1798416000)))])),
            Outcome::Recovered { id: Some(7) },
        ),
        (
            "scopes as a string and the id null",
            201,
            json_body(with(&[
                ("id", Some(json!(null))),
                ("scopes", Some(json!("content:write"))),
            ])),
            Outcome::Recovered { id: None },
        ),
        (
            "a truncated body",
            201,
            Body::Raw(
                format!(r#"{{"token": "{PLAIN}", "id": 7, "na"#),
                "application/json",
            ),
            Outcome::Lost,
        ),
        (
            "HTML that happens to hold the token",
            201,
            Body::Raw(format!("<p>token {PLAIN}</p>"), "text/html"),
            Outcome::Lost,
        ),
    ];
    assert!(cases.len() >= 8);
    for (case, status, body, outcome) in cases {
        check(case, status, body, outcome).await;
    }
}

#[tokio::test]
async fn error_bodies_are_reachable_but_never_printed() {
    // A documented error: its message is the reason, so `Display` carries
    // it; any other key of the body (here one holding a secret) is never
    // printed.
    let error = create_against(
        422,
        json_body(json!({"message": "The name field is required.", "error": true, "token": PLAIN})),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error.api_message(),
        Some("The name field is required."),
        "reachable"
    );
    check_error_texts("422", &error);
    assert_eq!(
        error.to_string(),
        "422 Unprocessable Entity: The name field is required."
    );
    assert!(
        printed(&error).contains("The name field is required."),
        "Debug shows the documented error object: {error:?}"
    );

    // An undocumented status with the token in its body: not read, not printed.
    let error = create_against(500, json_body(documented()))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::UnexpectedResponse(_)), "{error:?}");
    check_error_texts("500", &error);

    // A documented error status whose body does not match the spec.
    let error = create_against(403, json_body(json!({"detail": PLAIN})))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::InvalidResponsePayload(_)),
        "{error:?}"
    );
    assert!(error.created_token().is_none());
    let body = String::from_utf8(error.response_body().unwrap().to_vec()).unwrap();
    assert!(body.contains(PLAIN), "the body stays reachable");
    check_error_texts("403", &error);
}

/// Every field the spec marks secret (`x-sensitive: true` or `format:
/// password`) is a `Secret` in the generated code, so none can be printed;
/// and a spec-marked field that is not would fail here.
#[test]
fn every_field_the_spec_marks_secret_is_a_secret_type() {
    let spec = tokens_tests::spec_json();
    let surface = surface();
    let mut marked = Vec::new();
    for (schema, def) in spec["components"]["schemas"].as_object().unwrap() {
        for (property, property_schema) in def["properties"].as_object().into_iter().flatten() {
            let secret = property_schema["x-sensitive"] == json!(true)
                || property_schema["format"] == json!("password");
            if secret {
                marked.push((schema.clone(), property.clone()));
            }
        }
    }
    assert!(
        marked.contains(&("CreatedToken".to_owned(), "token".to_owned())),
        "{marked:?}"
    );
    for (schema, property) in &marked {
        let Some(api_review::surface::TypeKind::Struct { fields }) =
            surface.types.get(schema).map(|t| &t.kind)
        else {
            panic!("no struct {schema}")
        };
        let field = fields.iter().find(|f| &f.wire == property).unwrap();
        assert!(
            field.ty == "Secret" || field.ty == "Option<Secret>",
            "{schema}.{property} is marked secret but is a {}",
            field.ty
        );
    }
    // And the type itself never prints: built the documented way.
    let created: CreatedToken = CreatedToken::builder()
        .token(PLAIN)
        .id(1)
        .name("CI")
        .created_at(chrono::DateTime::from_timestamp(0, 0).unwrap())
        .try_into()
        .unwrap();
    assert_no_secret("CreatedToken", &printed(&created));
    let secret: Secret = created.token.clone();
    assert_no_secret("Secret", &displayed(&secret));
    // Serializing is the explicit way out (mocks, the tool's stdout).
    assert!(serde_json::to_string(&created).unwrap().contains(PLAIN));
}

/// A success is the caller's data: whatever bearer token the client
/// sends, the list comes back exactly as the server sent it, even when its
/// names and keys hold the token (short development tokens such as `t`,
/// `test` or `ci`, against a mock). Only texts made for people lose it.
#[tokio::test]
async fn a_success_is_exactly_what_the_server_sent_whatever_the_bearer() {
    let body = json!([
        {"id": 1, "name": "test-ci", "created_at": "2026-01-01T00:00:00Z",
         "last_used": "2026-02-01T10:00:00Z"},
        {"id": 2, "name": "t", "created_at": "2026-01-02T00:00:00Z", "last_used": null,
         "ci_test_note": "a key the spec does not know"},
    ]);
    let expected: Vec<quantcdn_tokens::types::TokenSummary> =
        serde_json::from_value(body.clone()).unwrap();
    for bearer in ["t", "test", "ci"] {
        let server = MockServer::start_async().await;
        server
            .mock_async(|when, then| {
                when.method(httpmock::Method::GET)
                    .path("/api/v2/organizations/test-org/tokens");
                then.status(200)
                    .header("content-type", "application/json")
                    .json_body(body.clone());
            })
            .await;
        let client = Client::with_token(&server.base_url(), bearer).unwrap();
        let listed = client
            .tokens_list()
            .organization("test-org")
            .send()
            .await
            .unwrap_or_else(|e| panic!("bearer {bearer:?}: {e}"))
            .into_inner();
        let names: Vec<&str> = listed.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["test-ci", "t"], "bearer {bearer:?}");
        assert_eq!(
            serde_json::to_value(&listed).unwrap(),
            serde_json::to_value(&expected).unwrap(),
            "bearer {bearer:?}"
        );
    }
}

/// The error object is data too; its message, a text for people, is shown
/// without the bearer. A 401 the spec does not document is read like a
/// documented error when its body is QuantCDN's error object.
#[tokio::test]
async fn an_error_object_is_kept_as_sent_and_its_message_shown_without_the_bearer() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.path("/api/v2/organizations/test-org/tokens");
            then.status(401)
                .header("content-type", "application/json")
                .json_body(json!({"message": "Unknown token test", "error": true}));
        })
        .await;
    let client = Client::with_token(&server.base_url(), "test").unwrap();
    let error = client
        .tokens_list()
        .organization("test-org")
        .send()
        .await
        .unwrap_err();
    assert!(error.is_unauthorized(), "{error:?}");
    assert_eq!(
        error.to_string(),
        "401 Unauthorized: Unknown token [REDACTED]"
    );
    assert_eq!(error.api_message(), Some("Unknown token [REDACTED]"));
    assert_eq!(
        error.api_error().map(|e| e.message.as_str()),
        Some("Unknown token test"),
        "the object is what the server sent"
    );
    assert!(!format!("{error:?}").contains("token test"), "{error:?}");
}
