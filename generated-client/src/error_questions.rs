use reqwest::StatusCode;

use crate::types::ApiError;
use crate::{Error, Secret};

/// One-line answers to the questions asked of every failed call.
///
/// ```no_run
/// # async fn run(client: quantcdn_tokens::Client) {
/// use quantcdn_tokens::ApiErrorExt;
/// # let body = quantcdn_tokens::types::CreateTokenRequest::builder().name("x");
/// match client.tokens_create().organization("test-org").body(body).send().await {
///     Ok(created) => println!("{}", created.token.expose_secret()),
///     Err(e) if e.is_validation_error() => eprintln!("rejected: {}", e.api_message().unwrap_or("")),
///     Err(e) if e.is_retryable() => eprintln!("try again later: {e}"),
///     Err(e) => eprintln!("failed ({:?}): {e}", e.status()),
/// }
/// # }
/// ```
///
/// `status()` and `is_retryable()` come with [`Error`].
pub trait ApiErrorExt {
    /// The API's error object, when the server answered a documented error
    /// status (400, 403, 404, 422) with it.
    fn api_error(&self) -> Option<&ApiError>;

    /// The API's error `message`, when there is one.
    fn api_message(&self) -> Option<&str> {
        self.api_error().map(|e| e.message.as_str())
    }

    /// The HTTP status code, when a response arrived.
    fn status_code(&self) -> Option<u16>;

    /// 422: the request was understood but its content was refused.
    fn is_validation_error(&self) -> bool {
        self.status_code() == Some(422)
    }

    /// 403: the token may not do this.
    fn is_forbidden(&self) -> bool {
        self.status_code() == Some(403)
    }

    /// 404: no such token (revoke).
    fn is_not_found(&self) -> bool {
        self.status_code() == Some(404)
    }

    /// A token the server created although its answer does not match the
    /// spec (a field missing, a date in another format, a number sent as
    /// a string): the plain token and, when the answer holds it, the id.
    /// `None` for every other error. The token exists on the server either
    /// way: store it, and do not create another.
    fn created_token(&self) -> Option<RecoveredToken>;
}

/// The parts of a created token recovered from an answer that does not
/// match the spec (see [`ApiErrorExt::created_token`]).
#[derive(Debug, Clone)]
pub struct RecoveredToken {
    /// The plain token, shown once.
    pub token: Secret,
    /// The token's id, when the answer holds one that reads as an integer.
    pub id: Option<i64>,
    /// The status the server answered with (a success).
    pub status: StatusCode,
}

impl ApiErrorExt for Error<ApiError> {
    fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::ErrorResponse(body) => Some(body.as_ref()),
            _ => None,
        }
    }

    fn status_code(&self) -> Option<u16> {
        self.status().map(|s| s.as_u16())
    }

    fn created_token(&self) -> Option<RecoveredToken> {
        let Error::InvalidResponsePayload(payload) = self else {
            return None;
        };
        let status = payload.status().filter(|s| s.is_success())?;
        let token = payload.secret("token")?.clone();
        let id = payload
            .holder("token")
            .and_then(|holder| holder.get("id").cloned())
            .and_then(|id| id.as_i64().or_else(|| id.as_str()?.trim().parse().ok()));
        Some(RecoveredToken { token, id, status })
    }
}
