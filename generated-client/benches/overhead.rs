//! What the client costs on top of reqwest: one `tokens_list` through the
//! generated client (hooks, retry loop, tracing span, typed parse) against
//! the same request made with reqwest directly and parsed into the same
//! type, both against one httpmock server on 127.0.0.1 answering 200 with
//! ten tokens. The server's own time is in both, as it is for a caller.

use criterion::{Criterion, criterion_group, criterion_main};
use httpmock::Method::GET;
use httpmock::MockServer;
use quantcdn_tokens::types::TokenSummary;
use quantcdn_tokens::{ClientBuilder, bearer_headers};
use serde_json::json;

const TOKEN: &str = "bench-token";

fn overhead(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let server = runtime.block_on(async {
        let server = MockServer::start_async().await;
        let tokens: Vec<_> = (0..10)
            .map(|id| json!({"id": id, "name": format!("token {id}"), "created_at": "2026-04-15T12:00:00Z"}))
            .collect();
        server
            .mock_async(|when, then| {
                when.method(GET);
                then.status(200)
                    .header("content-type", "application/json")
                    .json_body(tokens);
            })
            .await;
        server
    });
    let client = ClientBuilder::new(TOKEN)
        .base_url(server.base_url())
        .build()
        .unwrap();
    let raw = reqwest::Client::builder()
        .default_headers(bearer_headers(TOKEN).unwrap())
        .build()
        .unwrap();
    let url = server.url("/api/v2/organizations/o/tokens");

    let mut group = c.benchmark_group("tokens_list over loopback");
    group.bench_function("quantcdn-tokens client", |b| {
        b.to_async(&runtime).iter(|| async {
            let tokens = client.tokens_list().organization("o").send().await.unwrap();
            assert_eq!(tokens.len(), 10);
        })
    });
    group.bench_function("reqwest directly", |b| {
        b.to_async(&runtime).iter(|| async {
            let response = raw
                .get(&url)
                .header(reqwest::header::ACCEPT, "application/json")
                .send()
                .await
                .unwrap();
            assert!(response.status().is_success());
            let bytes = response.bytes().await.unwrap();
            let tokens: Vec<TokenSummary> = serde_json::from_slice(&bytes).unwrap();
            assert_eq!(tokens.len(), 10);
        })
    });
    group.finish();
}

criterion_group!(benches, overhead);
criterion_main!(benches);
