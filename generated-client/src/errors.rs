use crate::Error;
use crate::types::ApiError;

/// One-line answers to the questions asked of every failed call.
///
/// ```no_run
/// # async fn run(client: quantcdn_tokens::Client) {
/// use quantcdn_tokens::ApiErrorExt;
/// # let body = quantcdn_tokens::types::CreateTokenRequest::builder().name("x");
/// match client.tokens_create().organization("test-org").body(body).send().await {
///     Ok(created) => println!("{}", created.token),
///     Err(e) if e.is_validation_error() => eprintln!("rejected: {}", e.api_message().unwrap_or("")),
///     Err(e) if e.is_retryable() => eprintln!("try again later: {e}"),
///     Err(e) => eprintln!("failed ({:?}): {e}", e.status()),
/// }
/// # }
/// ```
///
/// `status()` and `is_retryable()` come with progenitor's [`Error`].
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
}
