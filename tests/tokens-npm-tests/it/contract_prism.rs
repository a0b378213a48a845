//! The generated client against Prism, a mock server generated from our own
//! spec: Prism rejects requests that do not match the spec (422, or 401
//! without a bearer token) and answers with the spec's examples (static) or
//! with random values that fit the schemas (`Prefer: dynamic=true`).

use std::time::Instant;

use quantcdn_tokens::types::{ApiError, CreateTokenRequest, ExpiresIn};
use quantcdn_tokens::{CallPolicy, Client, Error, ResponseValue, bearer_headers};
use reqwest::header::{HeaderName, HeaderValue};
use serde_json::json;
use tokens_npm_tests::prism::Prism;

const TOKEN: &str = "prism-test-token-51c0";
const DYNAMIC_RESPONSES_PER_OPERATION: usize = 200;

/// A client that also sends `Prefer: <prefer>` (Prism's way to pick a
/// response), or none.
fn client(prism: &Prism, prefer: Option<&str>) -> Client {
    let mut headers = bearer_headers(TOKEN).unwrap();
    if let Some(prefer) = prefer {
        headers.insert(
            HeaderName::from_static("prefer"),
            HeaderValue::from_str(prefer).unwrap(),
        );
    }
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap();
    Client::new_with_client(&prism.base_url(), http, CallPolicy::default())
}

fn full_request() -> CreateTokenRequest {
    CreateTokenRequest::builder()
        .name("My CI token")
        .preset("content_management".to_owned())
        .scopes(vec!["projects:read".to_owned(), "content:write".to_owned()])
        .projects(vec![1])
        .expires_in(ExpiresIn::Days30)
        .try_into()
        .unwrap()
}

/// Prism reports what it found wrong with a request or response here.
fn violations<T>(response: &ResponseValue<T>) -> Option<String> {
    response
        .headers()
        .get("sl-violations")
        .map(|v| v.to_str().unwrap_or("(not text)").to_owned())
}

#[tokio::test]
async fn valid_calls_pass_prism_validation_and_parse_the_static_examples() {
    let prism = Prism::start();
    let client = client(&prism, None);

    for request in [
        full_request(),
        CreateTokenRequest::builder()
            .name("only a name")
            .try_into()
            .unwrap(),
    ] {
        let created = client
            .tokens_create()
            .organization("test-org")
            .body(request)
            .send()
            .await
            .unwrap_or_else(|e| panic!("create failed: {e}\n{}", prism.log()));
        assert_eq!(created.status().as_u16(), 201);
        assert_eq!(violations(&created), None);
        assert_eq!(created.token.expose_secret(), "example");
        assert_eq!(created.projects, Some(vec![1]));
    }

    let listed = client
        .tokens_list()
        .organization("test-org")
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status().as_u16(), 200);
    assert_eq!(violations(&listed), None);
    assert_eq!(listed[0].id, 42);
    assert_eq!(listed[0].name, "My deploy token");

    let revoked = client
        .tokens_revoke()
        .organization("test-org")
        .token_id(42)
        .send()
        .await
        .unwrap();
    assert_eq!(violations(&revoked), None);
    assert_eq!(revoked.message, "Token revoked successfully.");
}

/// Every documented error status, forced with `Prefer: code=N`, comes back
/// as `Error::ErrorResponse` with the `ApiError` body.
#[tokio::test]
async fn documented_error_statuses_come_back_typed() {
    let prism = Prism::start();
    for code in [400, 403, 422] {
        let err = client(&prism, Some(&format!("code={code}")))
            .tokens_create()
            .organization("test-org")
            .body(full_request())
            .send()
            .await
            .unwrap_err();
        let Error::ErrorResponse(body) = &err else {
            panic!("create {code}: {err}")
        };
        assert_eq!(body.status().as_u16(), code);
        assert_eq!(body.message, "The requested resource was not found");
    }
    let err = client(&prism, Some("code=403"))
        .tokens_list()
        .organization("o")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(403));
    for code in [403, 404] {
        let err = client(&prism, Some(&format!("code={code}")))
            .tokens_revoke()
            .organization("o")
            .token_id(1)
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::ErrorResponse(b) if b.status().as_u16() == code),
            "{err}"
        );
    }
}

/// A body the typed client cannot produce, sent as raw JSON: Prism's request
/// validation answers 422 with the documented error object, which decodes
/// into `ApiError` the way the generated code decodes it.
#[tokio::test]
async fn invalid_requests_get_prisms_422_as_the_typed_error() {
    let prism = Prism::start();
    let http = reqwest::Client::new();
    let url = format!("{}/api/v2/organizations/test-org/tokens", prism.base_url());
    for (body, field) in [
        (json!({"name": "x", "expires_in": "7d"}), "expires_in"),
        (json!({"name": "x", "expires_in": "30D"}), "expires_in"),
        (json!({"preset": "content_management"}), "name"),
        (json!({"name": 42}), "name"),
        (json!({"name": "x", "projects": ["one"]}), "projects"),
    ] {
        let response = http
            .post(&url)
            .bearer_auth(TOKEN)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 422, "{body}");
        let typed = ResponseValue::<ApiError>::from_response::<ApiError>(response)
            .await
            .unwrap();
        let why = violations(&typed).unwrap_or_default();
        assert!(why.contains(field), "{body}: Prism's violations {why}");
        assert!(typed.error);
        assert!(!typed.message.is_empty());
    }

    // The documented nullable fields accept an explicit null.
    let nulls =
        json!({"name": "x", "preset": null, "scopes": null, "projects": null, "expires_in": null});
    let response = http
        .post(&url)
        .bearer_auth(TOKEN)
        .json(&nulls)
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status().as_u16(),
        201,
        "{:?}",
        response.headers().get("sl-violations")
    );

    // Without a bearer token Prism answers 401, which the spec does not
    // document: the client reports it as an unexpected response.
    let anonymous = Client::new(&prism.base_url(), CallPolicy::default());
    let err = anonymous
        .tokens_list()
        .organization("test-org")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::UnexpectedResponse(_)), "{err}");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
}

/// Random responses that fit the schemas: nulls in nullable fields, empty
/// arrays, unexpected extra properties, dates a century away.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dynamic_responses_all_parse() {
    let prism = Prism::start();
    let client = client(&prism, Some("dynamic=true"));
    let started = Instant::now();
    let mut failures = Vec::new();
    let (mut created, mut nulls, mut empty_arrays, mut listed, mut revoked) = (0, 0, 0, 0, 0);

    for _ in 0..DYNAMIC_RESPONSES_PER_OPERATION {
        match client
            .tokens_create()
            .organization("test-org")
            .body(full_request())
            .send()
            .await
        {
            Ok(token) => {
                created += 1;
                nulls += [
                    token.scopes.is_none(),
                    token.projects.is_none(),
                    token.preset.is_none(),
                    token.expires_at.is_none(),
                ]
                .iter()
                .filter(|n| **n)
                .count();
                empty_arrays += usize::from(token.scopes.as_ref().is_some_and(Vec::is_empty))
                    + usize::from(token.projects.as_ref().is_some_and(Vec::is_empty));
            }
            Err(e) => failures.push(describe("tokens_create", e)),
        }
        match client.tokens_list().organization("test-org").send().await {
            Ok(tokens) => {
                listed += 1;
                empty_arrays += usize::from(tokens.is_empty());
                nulls += tokens.iter().filter(|t| t.last_used.is_none()).count();
            }
            Err(e) => failures.push(describe("tokens_list", e)),
        }
        match client
            .tokens_revoke()
            .organization("test-org")
            .token_id(42)
            .send()
            .await
        {
            Ok(_) => revoked += 1,
            Err(e) => failures.push(describe("tokens_revoke", e)),
        }
    }
    println!(
        "dynamic: parsed {created} created, {listed} lists, {revoked} revocations in {:.1?}; \
         {nulls} null fields and {empty_arrays} empty arrays among them",
        started.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{} responses did not parse:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(
        (created, listed, revoked),
        (
            DYNAMIC_RESPONSES_PER_OPERATION,
            DYNAMIC_RESPONSES_PER_OPERATION,
            DYNAMIC_RESPONSES_PER_OPERATION
        )
    );
    assert!(
        nulls > 0,
        "Prism never sent a null: the nullable paths went untested"
    );
}

/// The operation, the error, and the body that failed to parse.
fn describe(operation: &str, error: Error<ApiError>) -> String {
    match error {
        // Prism's random bodies hold no real secret: show the body, read
        // through the method that exists for that.
        Error::InvalidResponsePayload(payload) => {
            format!(
                "{operation}: {}\n  body: {}",
                payload.problem(),
                String::from_utf8_lossy(payload.body())
            )
        }
        other => format!("{operation}: {other}"),
    }
}
