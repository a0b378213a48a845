//! A test written the way a consumer of `quantcdn-tokens` writes one: their
//! own code calls the client, and the generated httpmock helpers (feature
//! `mock`) stand in for QuantCDN, typed by the same spec.
//!
//! ```toml
//! [dev-dependencies]
//! quantcdn-tokens = { version = "0.1", features = ["mock"] }
//! httpmock = "0.8"
//! ```

use httpmock::MockServer;
use quantcdn_tokens::mock::MockServerExt;
use quantcdn_tokens::types::{ApiError, CreateTokenRequest, CreatedToken, ExpiresIn};
use quantcdn_tokens::{ApiErrorExt, Client};

/// The consumer's code under test: a CI pipeline asks for a 30-day token
/// and keeps only the plain token.
async fn issue_ci_token(client: &Client, organization: &str) -> Result<String, String> {
    let body = CreateTokenRequest::builder()
        .name("CI")
        .preset("content_management")
        .expires_in(ExpiresIn::Days30);
    match client
        .tokens_create()
        .organization(organization)
        .body(body)
        .send()
        .await
    {
        Ok(created) => Ok(created.into_inner().token.expose_secret().to_owned()),
        Err(e) => Err(e.api_message().unwrap_or("request failed").to_owned()),
    }
}

fn expected_request() -> CreateTokenRequest {
    CreateTokenRequest::builder()
        .name("CI")
        .preset("content_management")
        .expires_in(ExpiresIn::Days30)
        .try_into()
        .unwrap()
}

#[tokio::test]
async fn issue_ci_token_asks_for_30_days_and_returns_the_plain_token() {
    let server = MockServer::start_async().await;
    let created: CreatedToken = serde_json::from_value(serde_json::json!({
        "token": "plain-once", "id": 9, "name": "CI", "scopes": null, "projects": null,
        "preset": "content_management", "expires_at": "2026-12-28T00:00:00Z",
        "created_at": "2026-11-28T00:00:00Z"
    }))
    .unwrap();
    let mock = server.tokens_create(|when, then| {
        when.organization("test-org").body(&expected_request());
        then.created(&created);
    });

    let client = Client::with_token(&server.base_url(), "test-token").unwrap();
    assert_eq!(
        issue_ci_token(&client, "test-org").await,
        Ok("plain-once".to_owned())
    );
    mock.assert_async().await;
}

#[tokio::test]
async fn issue_ci_token_reports_the_apis_validation_message() {
    let server = MockServer::start_async().await;
    let mock = server.tokens_create(|when, then| {
        when.organization("test-org");
        // The generated types are #[non_exhaustive]: built through their
        // builders, they stay compatible when the API adds fields.
        let refusal: ApiError = ApiError::builder()
            .message("The preset is unknown.")
            .error(true)
            .try_into()
            .unwrap();
        then.unprocessable_entity(&refusal);
    });
    let client = Client::with_token(&server.base_url(), "test-token").unwrap();
    assert_eq!(
        issue_ci_token(&client, "test-org").await,
        Err("The preset is unknown.".to_owned())
    );
    mock.assert_async().await;
}
