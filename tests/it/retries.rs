//! Retries over real HTTP on 127.0.0.1: what is tried again, how long the
//! client waits, and what is never sent twice. Against httpmock, the fake
//! server (a failure, then the answer) and the raw server (a dropped
//! connection). (The trace of these calls: `tracing.rs`.)

use std::time::{Duration, Instant};

use httpmock::Method::{GET, POST};
use httpmock::{Mock, MockServer};
use quantcdn_tokens::fake::{FakeServer, Fault, Operation};
use quantcdn_tokens::{ApiErrorExt, Client, ClientBuilder, Error, RetryPolicy};
use tokens_tests::calls::{create, list};
use tokens_tests::raw_http::{RawServer, Reply};

const TOKEN: &str = "retry-bearer-secret-5c1a";

/// Waits short enough for tests, with the default number of attempts.
fn quick() -> RetryPolicy {
    RetryPolicy::default().base_delay(Duration::from_millis(10))
}

fn client(server: &MockServer, policy: RetryPolicy) -> Client {
    ClientBuilder::new(TOKEN)
        .base_url(server.base_url())
        .retry_policy(policy)
        .build()
        .unwrap()
}

/// A client of the fake server, with its bearer token. The tests whose
/// server fails first and then answers run against the fake: httpmock has
/// no "the first n requests only", and `fail_next` queues a failure for
/// the next request.
fn fake_client(fake: &FakeServer, policy: RetryPolicy) -> Client {
    fake.client_builder().retry_policy(policy).build().unwrap()
}

/// A mock answering every request of `method` with `status`: a request
/// tried again is one more call of it.
async fn always(server: &MockServer, method: httpmock::Method, status: u16) -> Mock<'_> {
    server
        .mock_async(|when, then| {
            when.method(method);
            then.status(status);
        })
        .await
}

#[tokio::test]
async fn a_list_that_meets_503_twice_succeeds_on_the_third_request() {
    let fake = FakeServer::start();
    let client = fake_client(&fake, quick());
    // One token to list.
    create(&client, "o").await.unwrap();
    fake.fail_next(Operation::List, Fault::StatusBeforeActing(503));
    fake.fail_next(Operation::List, Fault::StatusBeforeActing(503));
    let tokens = list(&client, "o").await.unwrap();
    assert_eq!(tokens.len(), 1);
    assert_eq!(fake.requests(Operation::List), 3);
}

#[tokio::test]
async fn a_revoke_is_retried_on_each_retried_status() {
    for status in [429, 502, 503, 504] {
        let fake = FakeServer::start();
        let client = fake_client(&fake, quick());
        let made = create(&client, "o").await.unwrap();
        fake.fail_next(Operation::Revoke, Fault::StatusBeforeActing(status));
        let answer = client
            .tokens_revoke()
            .organization("o")
            .token_id(made.id)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{status}: {e}"));
        assert_eq!(answer.message, "Token revoked successfully.");
        assert_eq!(fake.requests(Operation::Revoke), 2, "{status}");
    }
}

#[tokio::test]
async fn other_failures_are_not_retried() {
    for status in [400, 403, 404, 500, 501] {
        let server = MockServer::start_async().await;
        let mock = always(&server, GET, status).await;
        let err = list(&client(&server, quick()), "o").await.unwrap_err();
        assert_eq!(err.status_code(), Some(status));
        assert_eq!(mock.calls_async().await, 1, "{status}");
    }
}

#[tokio::test]
async fn a_429_with_retry_after_1_waits_about_a_second() {
    let fake = FakeServer::start();
    fake.fail_next(Operation::List, Fault::TooManyRequests { retry_after: 1 });
    let started = Instant::now();
    // The schedule alone would wait 10–20 ms: the second wait is the server's.
    list(&fake_client(&fake, quick()), "o").await.unwrap();
    let waited = started.elapsed();
    assert_eq!(fake.requests(Operation::List), 2);
    assert!(
        waited >= Duration::from_secs(1),
        "answered after {waited:?}"
    );
    assert!(waited < Duration::from_secs(5), "answered after {waited:?}");
}

/// The schedule's cap and the server's are two settings: a test that
/// shortens the schedule (`max_delay` of 50 ms) still has a `Retry-After:
/// 1` waited out, and only `max_retry_after` below it sends the 429 back.
#[tokio::test]
async fn a_short_schedule_still_waits_out_a_short_retry_after() {
    let fast = quick().max_delay(Duration::from_millis(50));
    let fake = FakeServer::start();
    fake.fail_next(Operation::List, Fault::TooManyRequests { retry_after: 1 });
    let started = Instant::now();
    list(&fake_client(&fake, fast.clone()), "o").await.unwrap();
    assert_eq!(fake.requests(Operation::List), 2);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );

    let impatient = fast.max_retry_after(Duration::from_millis(500));
    let fake = FakeServer::start();
    fake.fail_next(Operation::List, Fault::TooManyRequests { retry_after: 1 });
    let started = Instant::now();
    let err = list(&fake_client(&fake, impatient), "o").await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(fake.requests(Operation::List), 1);
    assert!(err.is_rate_limited(), "{err:?}");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(1)));
    // QuantCDN's error object came with the 429: its message is the reason.
    assert!(err.api_message().is_some(), "{err:?}");
}

#[tokio::test]
async fn a_retry_after_longer_than_the_cap_comes_back_to_the_caller_at_once() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET);
            then.status(429).header("retry-after", "3600");
        })
        .await;
    let started = Instant::now();
    let err = list(&client(&server, quick()), "o").await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(mock.calls_async().await, 1);
    assert!(err.is_rate_limited(), "{err:?}");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3600)));
}

#[tokio::test]
async fn a_create_meeting_503_or_429_is_sent_exactly_once() {
    for status in [503, 429] {
        let server = MockServer::start_async().await;
        let mock = always(&server, POST, status).await;
        let err = create(&client(&server, quick()), "o").await.unwrap_err();
        assert_eq!(err.status_code(), Some(status));
        assert!(err.is_retryable(), "{err:?}");
        assert_eq!(mock.calls_async().await, 1, "{status}");
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
    let server = MockServer::start_async().await;
    let mock = always(&server, GET, 503).await;
    let err = list(&client(&server, quick()), "o").await.unwrap_err();
    assert_eq!(err.status_code(), Some(503));
    assert_eq!(mock.calls_async().await, 3);

    // By time: many attempts allowed, but none may start after 400 ms.
    let server = MockServer::start_async().await;
    let mock = always(&server, GET, 503).await;
    let patient = RetryPolicy::default()
        .max_attempts(1000)
        .base_delay(Duration::from_millis(20))
        .max_elapsed(Duration::from_millis(400));
    let started = Instant::now();
    let err = list(&client(&server, patient), "o").await.unwrap_err();
    let took = started.elapsed();
    assert_eq!(err.status_code(), Some(503));
    let sent = mock.calls_async().await;
    assert!((2..1000).contains(&sent), "{sent} requests");
    assert!(took < Duration::from_secs(3), "took {took:?}");

    // Off: one request.
    let server = MockServer::start_async().await;
    let mock = always(&server, GET, 503).await;
    list(&client(&server, RetryPolicy::none()), "o")
        .await
        .unwrap_err();
    assert_eq!(mock.calls_async().await, 1);
}
