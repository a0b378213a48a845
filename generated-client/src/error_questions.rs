use reqwest::StatusCode;

use crate::types::ApiError;
use crate::{CallError, Error, Secret};

/// One-line answers to the questions asked of every failed call, the same
/// for [`CallError`] (what `send()` returns) and
/// [`CreateTokenError`](crate::CreateTokenError). The questions of any
/// API (not found, unauthorized, rate limited, a server error, may the
/// server have acted) are the runtime's [`Error`]'s, which answer them
/// without this trait too; this trait adds QuantCDN's (its error object,
/// a validation error, a created token held in an off-spec answer).
///
/// Every question reads the status, whatever the body: a 401 or a 429,
/// which the spec does not list, answers the same as a documented 403.
///
/// ```no_run
/// # async fn run(client: quantcdn_tokens::Client) {
/// use quantcdn_tokens::ApiErrorExt;
/// # let body = quantcdn_tokens::types::CreateTokenRequest::builder().name("x");
/// match client.tokens_create().organization("test-org").body(body).send().await {
///     Ok(created) => println!("{}", created.token.expose_secret()),
///     Err(e) if e.is_validation_error() => eprintln!("rejected: {}", e.api_message().unwrap_or("")),
///     Err(e) if e.is_unauthorized() => eprintln!("check QUANT_API_TOKEN: {e}"),
///     Err(e) if e.is_rate_limited() => eprintln!("slow down, for {:?}: {e}", e.retry_after()),
///     Err(e) if e.may_have_acted() => eprintln!("a token may exist; list before trying again: {e}"),
///     Err(e) => eprintln!("failed ({:?}): {e}", e.status_code()),
/// }
/// # }
/// ```
///
/// Each question, against the crate's fake server (feature `fake`):
///
/// ```
/// # #[cfg(feature = "fake")]
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use std::time::Duration;
/// use quantcdn_tokens::fake::{FakeServer, Fault, Operation};
/// use quantcdn_tokens::types::CreateTokenRequest;
/// use quantcdn_tokens::{ApiErrorExt, ClientBuilder, RetryPolicy};
///
/// let fake = FakeServer::start();
/// let client = fake.client_builder().retry_policy(RetryPolicy::none()).build()?;
/// let create = || client.tokens_create().organization("test-org")
///     .body(CreateTokenRequest::builder().name("CI"));
///
/// // 401: a bearer the server does not know. The spec lists no 401, and
/// // the body is QuantCDN's error object: its message is kept.
/// let stranger = ClientBuilder::new("not-a-token").base_url(fake.base_url()).build()?;
/// let e = stranger.tokens_list().organization("test-org").send().await.unwrap_err();
/// assert!(e.is_unauthorized());
/// assert_eq!(e.to_string(), "401 Unauthorized: Unauthenticated.");
/// assert_eq!(e.api_message(), Some("Unauthenticated."));
///
/// // 403: a token that may list but not create.
/// let reader = ClientBuilder::new(fake.read_only_token()).base_url(fake.base_url()).build()?;
/// let e = reader.tokens_create().organization("test-org")
///     .body(CreateTokenRequest::builder().name("CI")).send().await.unwrap_err();
/// assert!(e.is_forbidden() && !e.may_have_acted());
///
/// // 404: no such token.
/// let e = client.tokens_revoke().organization("test-org").token_id(9999).send().await.unwrap_err();
/// assert!(e.is_not_found());
///
/// // 429 with `Retry-After`: not acted on, and says when to come back.
/// fake.fail_next(Operation::Create, Fault::TooManyRequests { retry_after: 7 });
/// let e = create().send().await.unwrap_err();
/// assert!(e.is_rate_limited() && !e.may_have_acted());
/// assert_eq!(e.retry_after(), Some(Duration::from_secs(7)));
///
/// // 502 from a gateway after the server made the token: a server error
/// // that may have acted (a token may exist: do not create blind).
/// fake.fail_next(Operation::Create, Fault::StatusAfterActing(502));
/// let e = create().send().await.unwrap_err();
/// assert!(e.is_server_error() && e.may_have_acted());
/// assert_eq!(fake.live_tokens("test-org").len(), 1);
/// # Ok(()) }
/// # #[cfg(not(feature = "fake"))]
/// # fn main() {}
/// ```
pub trait ApiErrorExt {
    /// The call's error the questions are asked of (for a
    /// [`CreateTokenError`](crate::CreateTokenError), its last attempt's).
    fn call_error(&self) -> &CallError;

    /// QuantCDN's error object, as the server sent it, when the answer's
    /// body was one: for a documented error status (400, 403, 404, 422),
    /// or another (a 401, a 429, a 5xx) whose body is the same object.
    fn api_error(&self) -> Option<&ApiError> {
        match self.call_error() {
            Error::ErrorResponse(body) => Some(body.as_ref()),
            _ => None,
        }
    }

    /// The error `message` the server wrote for people, for any status
    /// whose body has one, with the client's own bearer token replaced
    /// ([`Error::server_message`]).
    fn api_message(&self) -> Option<&str> {
        self.call_error().server_message()
    }

    /// The HTTP status code, when a response arrived.
    fn status_code(&self) -> Option<u16> {
        self.call_error().status().map(|s| s.as_u16())
    }

    /// 422: the request was understood but its content was refused.
    fn is_validation_error(&self) -> bool {
        self.status_code() == Some(422)
    }

    /// 401: the server does not accept the bearer token (wrong, revoked,
    /// expired, or none). [`Error::is_unauthorized`].
    fn is_unauthorized(&self) -> bool {
        self.call_error().is_unauthorized()
    }

    /// 403: the token may not do this. [`Error::is_forbidden`].
    fn is_forbidden(&self) -> bool {
        self.call_error().is_forbidden()
    }

    /// 404: no such token (revoke). [`Error::is_not_found`].
    fn is_not_found(&self) -> bool {
        self.call_error().is_not_found()
    }

    /// 429: too many requests; [`ApiErrorExt::retry_after`] says for how
    /// long. [`Error::is_rate_limited`].
    fn is_rate_limited(&self) -> bool {
        self.call_error().is_rate_limited()
    }

    /// The wait the answer's `Retry-After` asks for, when it has one.
    /// [`Error::retry_after`].
    fn retry_after(&self) -> Option<std::time::Duration> {
        self.call_error().retry_after()
    }

    /// 5xx: the server, or a gateway before it, failed.
    /// [`Error::is_server_error`].
    fn is_server_error(&self) -> bool {
        self.call_error().is_server_error()
    }

    /// Whether the server may have carried out the request (for a create,
    /// made a token), by the last attempt or an earlier one whose answer
    /// was lost. [`Error::may_have_acted`].
    fn may_have_acted(&self) -> bool {
        self.call_error().may_have_acted()
    }

    /// A token the server created although its answer does not match the
    /// spec (a field missing, a date in another format, a number sent as
    /// a string): the plain token and, when the answer holds it, the id.
    /// `None` for every other error. The token exists on the server either
    /// way: store it, and do not create another.
    fn created_token(&self) -> Option<RecoveredToken> {
        let Error::InvalidResponsePayload(payload) = self.call_error() else {
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

impl ApiErrorExt for CallError {
    fn call_error(&self) -> &CallError {
        self
    }
}
