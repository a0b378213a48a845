//! The hand-written constructor against a real HTTP server on 127.0.0.1
//! (httpmock): the bearer token reaches the server, and never our output.

use httpmock::Method::POST;
use httpmock::MockServer;
use quantcdn_tokens::types::{CreateTokenRequest, ExpiresIn};
use quantcdn_tokens::{Client, Error, InvalidClientConfig};
use serde_json::json;

const TOKEN: &str = "qc-secret-token-7f3a9b";

fn created_body() -> serde_json::Value {
    json!({
        "token": "plain-token-shown-once", "id": 7, "name": "My CI token",
        "scopes": null, "projects": null, "preset": "content_management",
        "expires_at": "2026-04-15T12:00:00Z", "created_at": "2026-03-16T12:00:00Z"
    })
}

#[tokio::test]
async fn create_sends_the_bearer_token_and_parses_the_201_body() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/v2/organizations/test-org/tokens")
                .header("authorization", format!("Bearer {TOKEN}"))
                .header("content-type", "application/json")
                .json_body(
                    json!({"name": "My CI token", "preset": "content_management", "expires_in": "30d"}),
                );
            then.status(201)
                .header("content-type", "application/json")
                .json_body(created_body());
        })
        .await;

    // A trailing slash on the base URL must not double the path's slash.
    let client = Client::with_token(&format!("{}/", server.base_url()), TOKEN).unwrap();
    let created = client
        .tokens_create()
        .organization("test-org")
        .body(
            CreateTokenRequest::builder()
                .name("My CI token")
                .preset("content_management".to_owned())
                .expires_in(ExpiresIn::Days30),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(created.status().as_u16(), 201);
    assert_eq!(created.token.expose_secret(), "plain-token-shown-once");
    assert_eq!(created.scopes, None);
    mock.assert_async().await;
}

#[tokio::test]
async fn a_documented_error_status_comes_back_as_the_typed_error_body() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST);
            then.status(422)
                .header("content-type", "application/json")
                .json_body(json!({"message": "The name field is required.", "error": true}));
        })
        .await;
    let client = Client::with_token(&server.base_url(), TOKEN).unwrap();
    let err = client
        .tokens_create()
        .organization("test-org")
        .body(CreateTokenRequest::builder().name("x"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(422));
    let Error::ErrorResponse(body) = &err else {
        panic!("not a typed error: {err:?}")
    };
    assert_eq!(body.message, "The name field is required.");
    assert!(!format!("{err} {err:?}").contains(TOKEN));
}

#[tokio::test]
async fn debug_of_the_client_never_shows_the_token() {
    let client = Client::with_token("https://dashboard.quantcdn.io", TOKEN).unwrap();
    let debug = format!("{client:?} {client:#?}");
    assert!(
        debug.contains("dashboard.quantcdn.io"),
        "Debug shows nothing useful: {debug}"
    );
    assert!(
        debug.to_lowercase().contains("authorization"),
        "header not in Debug: {debug}"
    );
    assert!(
        !debug.contains(TOKEN),
        "the token leaked into Debug: {debug}"
    );
}

#[test]
fn a_token_that_cannot_be_a_header_is_an_error_that_does_not_echo_it() {
    for bad in [
        "",
        "   ",
        "line\nbreak-secret",
        "nul\0secret",
        "tab\u{7f}secret",
    ] {
        let err = Client::with_token("https://dashboard.quantcdn.io", bad).unwrap_err();
        assert!(
            matches!(err, InvalidClientConfig::Token),
            "{bad:?}: {err:?}"
        );
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains("secret"), "{shown}");
    }
}

#[test]
fn a_base_url_that_is_not_http_is_an_error() {
    for bad in [
        "dashboard.quantcdn.io",
        "ftp://example.test",
        "",
        "mailto:x@y",
    ] {
        let err = Client::with_token(bad, TOKEN).unwrap_err();
        assert!(
            matches!(err, InvalidClientConfig::BaseUrl { .. }),
            "{bad:?}: {err:?}"
        );
        assert!(!err.to_string().contains(TOKEN));
    }
}
