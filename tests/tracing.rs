//! The client's trace, captured from every crate at every level, over real
//! HTTP on 127.0.0.1: one span per call with what it needs, and no token of
//! any kind. Alone in its test binary: `tracing`'s per-callsite interest is
//! global, so a test elsewhere in the same process reaching the client's
//! span while this one installs its subscriber could leave the span
//! disabled for it.

use std::io::Write;
use std::sync::{Arc, Mutex};

use httpmock::Method::{DELETE, POST};
use httpmock::MockServer;
use quantcdn_tokens::fake::{FakeServer, Fault, Operation};
use quantcdn_tokens::types::CreateTokenRequest;
use quantcdn_tokens::{ApiErrorExt, ClientBuilder, RetryPolicy};
use serde_json::json;
use std::time::Duration;
use tokens_tests::calls::{create, list, quick_settling_client};

const TOKEN: &str = "trace-bearer-secret-5c1a";
const CREATED: &str = "trace-created-secret-77b0";

/// A `tracing` writer into a shared buffer.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// Everything every crate traces, at every level, while the client creates
/// a token, lists (through a retry) and revokes; while a create's answer
/// drifts from the spec; and while creates whose answers are lost are
/// settled. Not one token may be in it.
#[tokio::test(flavor = "current_thread")]
async fn the_trace_names_each_call_and_holds_no_secret() {
    let server = MockServer::start_async().await;
    let created = json!({
        "token": CREATED, "id": 7, "name": "n", "created_at": "2026-04-15T12:00:00Z"
    });
    server
        .mock_async(|when, then| {
            when.method(POST).json_body(json!({"name": "n"}));
            then.status(201)
                .header("content-type", "application/json")
                .json_body(created);
        })
        .await;
    // The second create, of another name, drifts (no created_at): its
    // token is recovered.
    server
        .mock_async(|when, then| {
            when.method(POST).json_body(json!({"name": "drifting"}));
            then.status(201)
                .header("content-type", "application/json")
                .json_body(json!({"token": CREATED, "id": "8"}));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(DELETE);
            then.status(200)
                .header("content-type", "application/json")
                .json_body(json!({"message": "gone"}));
        })
        .await;
    // The list meets a 503 and then answers: the fake server's `fail_next`
    // (httpmock has no "the first n requests only").
    let fake = FakeServer::start();
    fake.fail_next(Operation::List, Fault::StatusBeforeActing(503));

    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::FULL)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let policy = RetryPolicy::default().base_delay(Duration::from_millis(10));
    let client = ClientBuilder::new(TOKEN)
        .base_url(server.base_url())
        .retry_policy(policy.clone())
        .build()
        .unwrap();
    let made = create(&client, "o").await.unwrap();
    assert_eq!(made.token.expose_secret(), CREATED);
    let listing = fake.client_builder().retry_policy(policy).build().unwrap();
    list(&listing, "o").await.unwrap();
    client
        .tokens_revoke()
        .organization("o")
        .token_id(7)
        .send()
        .await
        .unwrap();
    let drifted = client
        .tokens_create()
        .organization("o")
        .body(CreateTokenRequest::builder().name("drifting"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        drifted.created_token().unwrap().token.expose_secret(),
        CREATED
    );

    // Creates whose answers are lost, settled against the fake server:
    // the trace says what happened and holds none of the tokens made.
    let settling = quick_settling_client(&fake);
    for fault in [
        Fault::CloseAfterActing,
        Fault::StatusAfterActing(502),
        Fault::CutBodyAfterActing,
    ] {
        fake.fail_next(Operation::Create, fault.clone());
        let request = CreateTokenRequest::builder().name("traced");
        let made = settling.create_token_once("o", request).await.unwrap();
        assert_eq!(made.revoked.len(), 1, "{fault:?}");
    }
    let fake_secrets: Vec<String> = fake
        .tokens()
        .iter()
        .map(|t| t.token.expose_secret().to_owned())
        .chain([fake.api_token()])
        .collect();
    assert_eq!(fake_secrets.len(), 7, "six tokens made, and the bearer");

    let trace = captured.text();
    for secret in &fake_secrets {
        assert!(
            !trace.contains(secret.as_str()),
            "a fake server's token is in the trace:\n{trace}"
        );
    }
    assert_eq!(
        trace
            .matches("revoked the token an attempt made whose answer was lost")
            .count(),
        3,
        "{trace}"
    );
    if std::env::var_os("SHOW_TRACE").is_some() {
        eprintln!("{trace}");
    }
    assert!(
        !trace.contains(TOKEN),
        "the bearer token is in the trace:\n{trace}"
    );
    assert!(
        !trace.contains(CREATED),
        "a created token is in the trace:\n{trace}"
    );
    assert!(
        !trace.contains("Bearer"),
        "an Authorization header is in the trace:\n{trace}"
    );

    // One span per call, with what the issue asks for.
    for (operation, verb, route) in [
        (
            "tokens_create",
            "POST",
            "/api/v2/organizations/{organization}/tokens",
        ),
        (
            "tokens_list",
            "GET",
            "/api/v2/organizations/{organization}/tokens",
        ),
        (
            "tokens_revoke",
            "DELETE",
            "/api/v2/organizations/{organization}/tokens/{token_id}",
        ),
    ] {
        let opened = format!("operation_id=\"{operation}\" method={verb} route=\"{route}\"");
        assert!(trace.contains(&opened), "no span {opened}:\n{trace}");
    }
    assert!(
        trace.contains("retrying") && trace.contains("reason=503"),
        "{trace}"
    );
    assert!(
        trace.contains("attempts=2"),
        "the list's two attempts:\n{trace}"
    );
    assert!(trace.contains("latency_ms="), "{trace}");
    // Route templates only: the organization's value and the id are not
    // span names or fields.
    assert!(
        !trace.contains("/organizations/o/"),
        "a URL is in the trace:\n{trace}"
    );
}
