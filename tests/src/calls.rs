//! The calls the HTTP tests make again and again, in one place.

use quantcdn_tokens::types::{ApiError, CreateTokenRequest, CreatedToken, TokenSummary};
use quantcdn_tokens::{Client, Error, ResponseValue};

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
