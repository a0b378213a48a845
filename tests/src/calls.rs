//! The calls the HTTP tests make again and again, in one place.

use quantcdn_tokens::types::{ApiError, CreateTokenRequest, CreatedToken, TokenSummary};
use std::time::Duration;

use quantcdn_tokens::fake::FakeServer;
use quantcdn_tokens::{Client, Error, ResponseValue, RetryPolicy};

/// `tokens_create` in `organization` with the smallest valid body,
/// `{"name": "n"}`.
pub async fn create(
    client: &Client,
    organization: &str,
) -> Result<ResponseValue<CreatedToken>, Error<ApiError>> {
    client
        .tokens_create()
        .organization(organization)
        .body(CreateTokenRequest::builder().name("n"))
        .send()
        .await
}

/// `tokens_list` in `organization`.
pub async fn list(
    client: &Client,
    organization: &str,
) -> Result<ResponseValue<Vec<TokenSummary>>, Error<ApiError>> {
    client.tokens_list().organization(organization).send().await
}

/// A client of `fake` that gives up and settles quickly: a 400 ms timeout,
/// 5 ms between attempts, a 600 ms settle window.
pub fn quick_settling_client(fake: &FakeServer) -> Client {
    fake.client_builder()
        .timeout(Duration::from_millis(400))
        .retry_policy(RetryPolicy::default().base_delay(Duration::from_millis(5)))
        .settle_window(Duration::from_millis(600))
        .build()
        .expect("a client of the fake server")
}
