//! The consumers' code some pairs carry: written against the old crate
//! (as `api`) the way the README teaches, compiled against the new one by
//! the compile proof.

/// The README's revoke call.
pub const README_REVOKE: &str = r#"
pub async fn revoke(client: &api::Client) -> Result<(), api::Error<api::types::ApiError>> {
    let revoked = client.tokens_revoke().organization("test-org").token_id(42).send().await?;
    println!("{}", revoked.message);
    Ok(())
}
"#;

/// Revoke, where its answers are one enum: matched with `_` for the
/// answers a later spec adds.
pub const REVOKE_ANSWERS: &str = r#"
pub async fn revoke(client: &api::Client) -> Result<String, api::Error<api::types::ApiError>> {
    let answer = client.tokens_revoke().organization("test-org").token_id(42).send().await?;
    Ok(match answer.into_inner() {
        api::types::TokensRevokeResponse::Ok(revoked) => revoked.message,
        api::types::TokensRevokeResponse::Accepted(queued) => queued.job,
        _ => "another answer".to_owned(),
    })
}
"#;

/// The README's list call.
pub const README_LIST: &str = r#"
pub async fn list(client: &api::Client) -> Result<(), api::Error<api::types::ApiError>> {
    for token in client.tokens_list().organization("test-org").send().await?.iter() {
        println!("{} {} last used {:?}", token.id, token.name, token.last_used);
    }
    Ok(())
}
"#;

/// Reads QuantCDN's message of a failed list.
pub const LIST_ERROR_MESSAGE: &str = r#"
pub async fn list(client: &api::Client) -> String {
    match client.tokens_list().organization("test-org").send().await {
        Ok(tokens) => format!("{} tokens", tokens.len()),
        Err(api::Error::ErrorResponse(e)) => e.message.clone(),
        Err(e) => e.to_string(),
    }
}
"#;

/// Revokes the token just created, as the crate's own example does.
pub const REVOKE_CREATED: &str = r#"
pub async fn revoke(client: &api::Client, created: &api::types::CreatedToken) -> Result<(), api::Error<api::types::ApiError>> {
    client.tokens_revoke().organization("test-org").token_id(created.id).send().await?;
    Ok(())
}
"#;

/// Revokes every listed token by its id.
pub const REVOKE_LISTED: &str = r#"
pub async fn revoke_all(client: &api::Client) -> Result<(), api::Error<api::types::ApiError>> {
    for token in client.tokens_list().organization("test-org").send().await?.iter() {
        client.tokens_revoke().organization("test-org").token_id(token.id).send().await?;
    }
    Ok(())
}
"#;

/// Keeps the id of a created token, as an i64 like every id of the crate.
pub const STORE_ID: &str = r#"
pub fn id(created: &api::types::CreatedToken) -> i64 {
    created.id
}
"#;

/// A revocation for an httpmock mock, built the documented way.
pub const MOCK_REVOKED: &str = r#"
pub fn revoked() -> Result<api::types::RevokedToken, api::types::error::ConversionError> {
    api::types::RevokedToken::builder().message("Token revoked successfully.").try_into()
}
"#;

/// Reads the created token's fields.
pub const READ_CREATED: &str = r#"
pub fn describe(created: &api::types::CreatedToken) -> String {
    format!("{} ({}), preset {}", created.name, created.id, created.preset.as_deref().unwrap_or("none"))
}
"#;

/// Reads the creation time as a date and time.
pub const READ_CREATED_AT: &str = r#"
pub fn age(created: &api::types::CreatedToken) -> i64 {
    created.created_at.timestamp()
}
"#;

/// A `match` with the `_` arm a non_exhaustive enum asks for.
pub const MATCH_EXPIRES_IN: &str = r#"
pub fn days(e: api::types::ExpiresIn) -> Option<u32> {
    match e {
        api::types::ExpiresIn::Days30 => Some(30),
        api::types::ExpiresIn::Never => None,
        _ => Some(90),
    }
}
"#;

/// A `match` on an enum of a response.
pub const MATCH_STATUS: &str = r#"
pub fn active(t: &api::types::TokenSummary) -> bool {
    match t.status {
        Some(api::types::TokenSummaryStatus::Active) => true,
        _ => false,
    }
}
"#;

/// Sets the request's projects.
pub const SET_PROJECTS: &str = r#"
pub fn request() -> api::types::builder::CreateTokenRequest {
    api::types::CreateTokenRequest::builder().name("CI").projects(vec![1])
}
"#;

/// A created token for an httpmock mock, built the documented way.
pub const MOCK_CREATED: &str = r#"
pub fn created() -> Result<api::types::CreatedToken, api::types::error::ConversionError> {
    api::types::CreatedToken::builder()
        .token("plain")
        .id(1)
        .name("CI")
        .scopes(None)
        .projects(None)
        .preset(None)
        .expires_at(None)
        .created_at(chrono::DateTime::from_timestamp(0, 0).unwrap())
        .try_into()
}
"#;

/// The README's create call, as a consumer writes it.
pub const README_CREATE: &str = r#"
pub async fn create(client: &api::Client) -> Result<(), api::Error<api::types::ApiError>> {
    let request = api::types::CreateTokenRequest::builder()
        .name("My CI token")
        .preset("content_management".to_owned())
        .expires_in(api::types::ExpiresIn::Days30);
    let created = client.tokens_create().organization("test-org").body(request).send().await?;
    println!("token {} (id {})", created.token, created.id);
    Ok(())
}
"#;
