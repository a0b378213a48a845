//! Exact wire behaviour of the generated client against in-process servers
//! on 127.0.0.1: what the server receives, how each documented status comes
//! back, path safety, and servers that misbehave. Every error is checked to
//! be typed (no panic) and free of the bearer token.

use std::time::Duration;

use httpmock::MockServer;
use quantcdn_tokens::types::{ApiError, CreateTokenRequest, ExpiresIn};
use quantcdn_tokens::{ApiErrorExt, Client, ClientBuilder, Error, RetryPolicy};
use serde_json::{Value, json};
use tokens_tests::calls::create;
use tokens_tests::raw_http::{RawServer, Reply, response};

const TOKEN: &str = "wire-secret-token-9d2e";

fn created_json() -> Value {
    json!({
        "token": "plain", "id": 7, "name": "n", "scopes": ["content:write"], "projects": [],
        "preset": null, "expires_at": null, "created_at": "2026-04-15T12:00:00Z"
    })
}

fn error_json(message: &str) -> Value {
    json!({"message": message, "error": true})
}

/// The error must be typed (it is, by its type) and must not show the token.
fn assert_no_token<E: std::fmt::Debug>(err: &Error<E>)
where
    Error<E>: std::fmt::Display,
{
    let shown = format!("{err} | {err:?} | {err:#?}");
    assert!(!shown.contains(TOKEN), "the token leaked: {shown}");
}

#[tokio::test]
async fn the_server_receives_the_documented_request() {
    // The raw server: it keeps each request as it came, its header fields
    // and body exactly as sent.
    let server = RawServer::start(|request| {
        let (status, body) = match request.method.as_str() {
            "POST" => (201, created_json()),
            "GET" => (200, json!([])),
            _ => (200, json!({"message": "Token revoked successfully."})),
        };
        Reply::Bytes(response(
            status,
            Some("application/json"),
            body.to_string().as_bytes(),
        ))
    });
    let client = Client::with_token(&server.base_url(), TOKEN).unwrap();

    let body = CreateTokenRequest::builder()
        .name("My CI token")
        .scopes(vec!["projects:read".to_owned()])
        .expires_in(ExpiresIn::Days90);
    client
        .tokens_create()
        .organization("test-org")
        .body(body)
        .send()
        .await
        .unwrap();
    client
        .tokens_list()
        .organization("test-org")
        .send()
        .await
        .unwrap();
    client
        .tokens_revoke()
        .organization("test-org")
        .token_id(42)
        .send()
        .await
        .unwrap();

    let received = server.requests();
    let seen: Vec<(String, String)> = received
        .iter()
        .map(|r| (r.method.clone(), r.target.clone()))
        .collect();
    assert_eq!(
        seen,
        [
            (
                "POST".to_owned(),
                "/api/v2/organizations/test-org/tokens".to_owned()
            ),
            (
                "GET".to_owned(),
                "/api/v2/organizations/test-org/tokens".to_owned()
            ),
            (
                "DELETE".to_owned(),
                "/api/v2/organizations/test-org/tokens/42".to_owned()
            ),
        ]
    );
    for request in &received {
        assert_eq!(
            request.header("authorization").unwrap(),
            format!("Bearer {TOKEN}")
        );
        assert_eq!(request.header("accept").unwrap(), "application/json");
        // Exactly these headers, nothing undocumented (progenitor's own
        // `api-version` among them): the body's two only with a body.
        let headers = request.headers();
        let mut names: Vec<&str> = headers.iter().map(|(name, _)| name.as_str()).collect();
        names.sort_unstable();
        let expected: &[&str] = if request.body.is_empty() {
            &["accept", "authorization", "host", "user-agent"]
        } else {
            &[
                "accept",
                "authorization",
                "content-length",
                "content-type",
                "host",
                "user-agent",
            ]
        };
        assert_eq!(names, expected, "{} {}", request.method, request.target);
        let user_agent = request.header("user-agent").unwrap();
        assert!(user_agent.starts_with("quantcdn-tokens/"), "{user_agent}");
    }
    let create = &received[0];
    assert_eq!(create.header("content-type").unwrap(), "application/json");
    let sent: Value = serde_json::from_slice(&create.body).unwrap();
    assert_eq!(
        sent,
        json!({"name": "My CI token", "scopes": ["projects:read"], "expires_in": "90d"})
    );
    assert!(
        !String::from_utf8_lossy(&create.body).contains("null"),
        "unset fields sent as null"
    );
    assert!(received[1].body.is_empty() && received[2].body.is_empty());
}

#[tokio::test]
async fn each_documented_status_maps_to_the_typed_value_or_the_typed_error() {
    for (operation, status) in [
        ("create", 201),
        ("create", 400),
        ("create", 403),
        ("create", 422),
        ("list", 200),
        ("list", 403),
        ("revoke", 200),
        ("revoke", 403),
        ("revoke", 404),
    ] {
        let server = MockServer::start_async().await;
        let ok_body = match operation {
            "create" => created_json(),
            "list" => {
                json!([{"id": 1, "name": "a", "last_used": null, "created_at": "2026-01-01T00:00:00Z"}])
            }
            _ => json!({"message": "Token revoked successfully."}),
        };
        let body = if status < 300 {
            ok_body
        } else {
            error_json(&format!("failed with {status}"))
        };
        let route = if operation == "revoke" {
            "/api/v2/organizations/o/tokens/5"
        } else {
            "/api/v2/organizations/o/tokens"
        };
        let mock = server
            .mock_async(|when, then| {
                when.path(route);
                then.status(status)
                    .header("content-type", "application/json")
                    .json_body(body);
            })
            .await;
        let client = Client::with_token(&server.base_url(), TOKEN).unwrap();
        let result: Result<u16, Error<ApiError>> = match operation {
            "create" => create(&client, "o").await.map(|r| r.status().as_u16()),
            "list" => client
                .tokens_list()
                .organization("o")
                .send()
                .await
                .map(|r| {
                    assert_eq!(r[0].name, "a");
                    r.status().as_u16()
                }),
            _ => client
                .tokens_revoke()
                .organization("o")
                .token_id(5)
                .send()
                .await
                .map(|r| {
                    assert_eq!(r.message, "Token revoked successfully.");
                    r.status().as_u16()
                }),
        };
        match result {
            Ok(code) => assert!(
                status < 300 && code == status,
                "{operation} {status}: Ok({code})"
            ),
            Err(err) => {
                assert!(status >= 400, "{operation} {status}: {err}");
                // The two questions every caller asks, one line each:
                assert_eq!(err.status_code(), Some(status));
                assert_eq!(
                    err.api_message(),
                    Some(format!("failed with {status}").as_str())
                );
                assert_eq!(err.is_validation_error(), status == 422);
                assert_eq!(err.is_forbidden(), status == 403);
                assert_eq!(err.is_not_found(), status == 404);
                assert!(matches!(err, Error::ErrorResponse(_)));
                assert_no_token(&err);
            }
        }
        mock.assert_async().await;
    }
}

#[tokio::test]
async fn path_parameters_are_percent_encoded_and_cannot_leave_their_segment() {
    let server = RawServer::start(|_| {
        Reply::Bytes(response(
            201,
            Some("application/json"),
            created_json().to_string().as_bytes(),
        ))
    });
    let client = Client::with_token(&server.base_url(), TOKEN).unwrap();
    let encoded = [
        ("../admin", "..%2Fadmin"),
        ("a/b", "a%2Fb"),
        ("a b", "a%20b"),
        ("a?b#c", "a%3Fb%23c"),
        ("ü", "%C3%BC"),
        ("100%", "100%25"),
        ("...", "..."),
    ];
    for (organization, _) in encoded {
        create(&client, organization)
            .await
            .unwrap_or_else(|e| panic!("{organization:?}: {e}"));
    }
    // Values that URL normalisation would resolve into another path are
    // refused before anything is sent.
    for organization in ["..", ".", ""] {
        let err = create(&client, organization).await.unwrap_err();
        assert!(
            matches!(err, Error::InvalidRequest(_)),
            "{organization:?}: {err}"
        );
    }
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    let expected: Vec<String> = encoded
        .iter()
        .map(|(_, segment)| format!("/api/v2/organizations/{segment}/tokens"))
        .collect();
    assert_eq!(targets, expected);
}

/// Whether the error is the one a case expects.
type Expect = fn(&Error<ApiError>) -> bool;

/// (case, the bytes the server answers with, what the client must return)
#[tokio::test]
async fn misbehaving_servers_give_typed_errors() {
    let big_garbage = {
        let mut body = b"{\"token\": \"".to_vec();
        body.resize(10 * 1024 * 1024, b'a');
        body
    };
    let cases: Vec<(&str, Vec<u8>, Expect)> = vec![
        // A status the spec does not document, whose body is QuantCDN's
        // error object: read as the object, with its status and message.
        ("undocumented 500 with the error object", response(500, Some("application/json"), error_json("boom").to_string().as_bytes()), |e| {
            matches!(e, Error::ErrorResponse(d) if d.status() == 500 && !d.status_documented() && d.message() == Some("boom"))
        }),
        ("undocumented 500 with a page", response(500, Some("text/html"), b"<h1>500</h1>"), |e| {
            matches!(e, Error::UnexpectedResponse(r) if r.status() == 500)
        }),
        ("undocumented 401", response(401, Some("application/json"), b"{}"), |e| {
            matches!(e, Error::UnexpectedResponse(r) if r.status() == 401)
        }),
        ("malformed JSON", response(201, Some("application/json"), b"{\"token\": "), |e| {
            matches!(e, Error::InvalidResponsePayload(..))
        }),
        ("JSON of the wrong shape", response(201, Some("application/json"), b"[{\"id\": \"seven\"}]"), |e| {
            matches!(e, Error::InvalidResponsePayload(..))
        }),
        ("a required field missing", response(201, Some("application/json"), br#"{"id": 7, "name": "n"}"#), |e| {
            matches!(e, Error::InvalidResponsePayload(..))
        }),
        ("HTML instead of JSON", response(201, Some("text/html"), b"<html>Bad gateway</html>"), |e| {
            matches!(e, Error::InvalidResponsePayload(..))
        }),
        ("empty body", response(201, Some("application/json"), b""), |e| {
            matches!(e, Error::InvalidResponsePayload(..))
        }),
        ("documented error status, body not the error object", response(422, Some("application/json"), b"not json"), |e| {
            matches!(e, Error::InvalidResponsePayload(..))
        }),
        ("10 MB body that never closes its string", response(201, Some("application/json"), &big_garbage), |e| {
            matches!(e, Error::InvalidResponsePayload(..))
        }),
        (
            "connection closed mid-body",
            b"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"token\": \"pla".to_vec(),
            |e| matches!(e, Error::ResponseBodyError(_)),
        ),
        ("not HTTP at all", b"SSH-2.0-OpenSSH_9.6\r\n".to_vec(), |e| matches!(e, Error::CommunicationError(_))),
    ];
    for (name, bytes, expected) in cases {
        let server = RawServer::start(move |_| Reply::Bytes(bytes.clone()));
        let client = Client::with_token(&server.base_url(), TOKEN).unwrap();
        let err = create(&client, "o").await.expect_err(name);
        assert!(expected(&err), "{name}: got {err:?}");
        assert_no_token(&err);
    }
}

/// The client reads JSON whatever the `Content-Type` says, so a right body
/// under a wrong or missing type still parses.
#[tokio::test]
async fn a_wrong_or_missing_content_type_does_not_hide_a_good_body() {
    for content_type in [None, Some("text/plain"), Some("application/octet-stream")] {
        let body = created_json().to_string().into_bytes();
        let server = RawServer::start(move |_| Reply::Bytes(response(201, content_type, &body)));
        let client = Client::with_token(&server.base_url(), TOKEN).unwrap();
        let created = create(&client, "o")
            .await
            .unwrap_or_else(|e| panic!("{content_type:?}: {e}"));
        assert_eq!(created.token.expose_secret(), "plain");
    }
}

#[tokio::test]
async fn a_10_mb_valid_body_parses() {
    let token = "t".repeat(10 * 1024 * 1024);
    let mut body = created_json();
    body["token"] = json!(token);
    let bytes = body.to_string().into_bytes();
    let server =
        RawServer::start(move |_| Reply::Bytes(response(201, Some("application/json"), &bytes)));
    let client = Client::with_token(&server.base_url(), TOKEN).unwrap();
    let created = create(&client, "o").await.unwrap();
    assert_eq!(created.token.expose_secret().len(), 10 * 1024 * 1024);
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_after_the_configured_timeout() {
    let server = RawServer::start(|_| Reply::Silence);
    let client = ClientBuilder::new(TOKEN)
        .base_url(server.base_url())
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let err = create(&client, "o").await.unwrap_err();
    let Error::CommunicationError(inner) = &err else {
        panic!("{err:?}")
    };
    assert!(inner.is_timeout(), "{err:?}");
    assert!(err.is_retryable());
    assert_no_token(&err);
}

#[tokio::test]
async fn connection_refused_is_a_communication_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    // The listener is dropped: nothing listens on the port now. Nothing was
    // sent, so even a create is tried again: quickly, here.
    let client = ClientBuilder::new(TOKEN)
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry_policy(RetryPolicy::default().base_delay(Duration::from_millis(5)))
        .build()
        .unwrap();
    let err = create(&client, "o").await.unwrap_err();
    let Error::CommunicationError(inner) = &err else {
        panic!("{err:?}")
    };
    assert!(inner.is_connect(), "{err:?}");
    assert_no_token(&err);
}

/// A program that asks for redirects, sent by the server round and round
/// to paths holding the bearer: reqwest's error names the last address,
/// so the error keeps no URL rather than one holding the token.
#[tokio::test]
async fn a_followed_redirect_to_an_address_holding_the_token_is_not_printed() {
    let server = RawServer::start(move |request| {
        let location = format!("/steal/{TOKEN}{}", request.target.len());
        Reply::Bytes(
            format!("HTTP/1.1 302 X\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .into_bytes(),
        )
    });
    let client = ClientBuilder::new(TOKEN)
        .base_url(server.base_url())
        .redirect_policy(reqwest::redirect::Policy::limited(3))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = client
        .tokens_list()
        .organization("o")
        .send()
        .await
        .unwrap_err();
    let Error::CommunicationError(inner) = &err else {
        panic!("{err:?}")
    };
    assert!(inner.is_redirect(), "{err:?}");
    assert!(inner.url().is_none(), "{err:?}");
    assert!(server.requests().len() > 1, "the redirects were followed");
    assert_no_token(&err);
}
