//! Retries over real HTTP on 127.0.0.1: what is tried again, how long the
//! client waits, and what is never sent twice. (The trace of these calls:
//! `tracing.rs`.)

use std::time::{Duration, Instant};

use quantcdn_tokens::{ApiErrorExt, Client, ClientBuilder, Error, RetryPolicy};
use serde_json::json;
use tokens_tests::calls::{create, list};
use tokens_tests::raw_http::{RawServer, Reply};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "retry-bearer-secret-5c1a";

/// Waits short enough for tests, with the default number of attempts.
fn quick() -> RetryPolicy {
    RetryPolicy::default().base_delay(Duration::from_millis(10))
}

fn client(server: &MockServer, policy: RetryPolicy) -> Client {
    ClientBuilder::new(TOKEN)
        .base_url(server.uri())
        .retry_policy(policy)
        .build()
        .unwrap()
}

/// `status` for the first `times` requests of `verb`, then `then`.
async fn failing_then(verb: &str, status: u16, times: u64, then: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .respond_with(ResponseTemplate::new(status))
        .up_to_n_times(times)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method(verb))
        .respond_with(then)
        .with_priority(2)
        .mount(&server)
        .await;
    server
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

fn token_list() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!([
        {"id": 1, "name": "ci", "created_at": "2026-04-15T12:00:00Z"}
    ]))
}

#[tokio::test]
async fn a_list_that_meets_503_twice_succeeds_on_the_third_request() {
    let server = failing_then("GET", 503, 2, token_list()).await;
    let tokens = list(&client(&server, quick()), "o").await.unwrap();
    assert_eq!(tokens.len(), 1);
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test]
async fn a_revoke_is_retried_on_each_retried_status() {
    for status in [429, 502, 503, 504] {
        let revoked = ResponseTemplate::new(200)
            .set_body_json(json!({"message": "Token revoked successfully."}));
        let server = failing_then("DELETE", status, 1, revoked).await;
        let answer = client(&server, quick())
            .tokens_revoke()
            .organization("o")
            .token_id(3)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{status}: {e}"));
        assert_eq!(answer.message, "Token revoked successfully.");
        assert_eq!(requests(&server).await, 2, "{status}");
    }
}

#[tokio::test]
async fn other_failures_are_not_retried() {
    for status in [400, 403, 404, 500, 501] {
        let server = failing_then("GET", status, 1, token_list()).await;
        let err = list(&client(&server, quick()), "o").await.unwrap_err();
        assert_eq!(err.status_code(), Some(status));
        assert_eq!(requests(&server).await, 1, "{status}");
    }
}

#[tokio::test]
async fn a_429_with_retry_after_1_waits_about_a_second() {
    let limited = ResponseTemplate::new(429).insert_header("retry-after", "1");
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(limited)
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(token_list())
        .with_priority(2)
        .mount(&server)
        .await;
    let started = Instant::now();
    // The schedule alone would wait 10–20 ms: the second wait is the server's.
    list(&client(&server, quick()), "o").await.unwrap();
    let waited = started.elapsed();
    assert_eq!(requests(&server).await, 2);
    assert!(
        waited >= Duration::from_secs(1),
        "answered after {waited:?}"
    );
    assert!(waited < Duration::from_secs(5), "answered after {waited:?}");
}

#[tokio::test]
async fn a_retry_after_longer_than_the_cap_comes_back_to_the_caller_at_once() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "3600"))
        .mount(&server)
        .await;
    let started = Instant::now();
    let err = list(&client(&server, quick()), "o").await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(requests(&server).await, 1);
    assert!(err.is_rate_limited(), "{err:?}");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3600)));
}

#[tokio::test]
async fn a_create_meeting_503_or_429_is_sent_exactly_once() {
    for status in [503, 429] {
        let server = failing_then("POST", status, 1, ResponseTemplate::new(201)).await;
        let err = create(&client(&server, quick()), "o").await.unwrap_err();
        assert_eq!(err.status_code(), Some(status));
        assert!(err.is_retryable(), "{err:?}");
        assert_eq!(requests(&server).await, 1, "{status}");
    }
}

#[tokio::test]
async fn a_create_whose_connection_drops_after_sending_is_sent_exactly_once() {
    // The request arrives, then the connection closes without an answer:
    // the server may have created the token.
    let server = RawServer::start(|_| Reply::Bytes(Vec::new()));
    let client = ClientBuilder::new(TOKEN)
        .base_url(server.base_url())
        .retry_policy(quick())
        .build()
        .unwrap();
    let err = create(&client, "o").await.unwrap_err();
    assert!(matches!(err, Error::CommunicationError(_)), "{err:?}");
    assert_eq!(server.requests().len(), 1);
    // The same failure on a list is tried again.
    let err = list(&client, "o").await.unwrap_err();
    assert!(matches!(err, Error::CommunicationError(_)), "{err:?}");
    assert_eq!(server.requests().len(), 1 + 3);
}

#[tokio::test]
async fn a_server_that_always_answers_503_ends_within_the_bound() {
    // By attempts: the default three.
    let server = failing_then("GET", 503, u64::MAX, token_list()).await;
    let err = list(&client(&server, quick()), "o").await.unwrap_err();
    assert_eq!(err.status_code(), Some(503));
    assert_eq!(requests(&server).await, 3);

    // By time: many attempts allowed, but none may start after 400 ms.
    let server = failing_then("GET", 503, u64::MAX, token_list()).await;
    let patient = RetryPolicy::default()
        .max_attempts(1000)
        .base_delay(Duration::from_millis(20))
        .max_elapsed(Duration::from_millis(400));
    let started = Instant::now();
    let err = list(&client(&server, patient), "o").await.unwrap_err();
    let took = started.elapsed();
    assert_eq!(err.status_code(), Some(503));
    let sent = requests(&server).await;
    assert!((2..1000).contains(&sent), "{sent} requests");
    assert!(took < Duration::from_secs(3), "took {took:?}");

    // Off: one request.
    let server = failing_then("GET", 503, u64::MAX, token_list()).await;
    list(&client(&server, RetryPolicy::none()), "o")
        .await
        .unwrap_err();
    assert_eq!(requests(&server).await, 1);
}
