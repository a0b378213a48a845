//! The questions a program asks of any call's [`Error`], one line each:
//! which status it was (not found, forbidden, unauthorized, rate limited
//! and for how long, a server error), whether trying again may succeed,
//! and whether the server may have acted on the request.
//!
//! Every question reads the status or the failure, never the variant
//! alone: a 401 or a 429 the spec does not document answers the same as a
//! documented one, whether its body was QuantCDN's error object
//! ([`Error::ErrorResponse`]) or not ([`Error::UnexpectedResponse`]).
//! Above the error type and the rules of `retryable.rs`, which they ask.

use std::time::{Duration, SystemTime};

use reqwest::StatusCode;

use super::error::Error;
use super::retryable::{retry_after, status_may_have_acted};

impl<E> Error<E> {
    /// 404: no such thing (for the Tokens API, no such token).
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(StatusCode::NOT_FOUND)
    }

    /// 403: the credentials are valid, but may not do this.
    pub fn is_forbidden(&self) -> bool {
        self.status() == Some(StatusCode::FORBIDDEN)
    }

    /// 401: the server does not accept the credentials (a wrong, expired
    /// or revoked bearer token, or none).
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(StatusCode::UNAUTHORIZED)
    }

    /// 429: the server asks for fewer requests. [`Error::retry_after`] says
    /// when it will take more. An idempotent call (`GET`, `DELETE`) has
    /// been tried again already when this comes back, if the wait asked
    /// for was within the client's [`RetryPolicy`](crate::RetryPolicy); a
    /// `POST` never is.
    pub fn is_rate_limited(&self) -> bool {
        self.status() == Some(StatusCode::TOO_MANY_REQUESTS)
    }

    /// 5xx: the server, or a gateway before it, failed. Whether it acted
    /// first is [`Error::may_have_acted`].
    pub fn is_server_error(&self) -> bool {
        self.status().is_some_and(|s| s.is_server_error())
    }

    /// Whether trying again may succeed: no answer at all, or an answer
    /// with 408, 429, 502, 503 or 504 (progenitor's statuses; unlike
    /// progenitor, also when such an answer's body does not match the
    /// spec). Whether it is *safe* to try again is another question: see
    /// [`Error::may_have_acted`].
    pub fn is_retryable(&self) -> bool {
        let retryable = |s: StatusCode| {
            matches!(
                s,
                StatusCode::REQUEST_TIMEOUT
                    | StatusCode::TOO_MANY_REQUESTS
                    | StatusCode::BAD_GATEWAY
                    | StatusCode::SERVICE_UNAVAILABLE
                    | StatusCode::GATEWAY_TIMEOUT
            )
        };
        match self {
            Error::CommunicationError(_) => true,
            _ => self.status().is_some_and(retryable),
        }
    }

    /// The wait the answer's `Retry-After` header asks for (given in
    /// seconds or as an HTTP date), when it has one.
    pub fn retry_after(&self) -> Option<Duration> {
        retry_after(self.headers()?, SystemTime::now())
    }

    /// Whether the server may have carried out the request, by this call's
    /// last attempt or by an earlier one whose answer was lost: before
    /// sending a `POST` again, this is what says whether it could be done
    /// twice.
    ///
    /// No: nothing was sent ([`Error::InvalidRequest`], a connection that
    /// could not be opened), or the last answer was a refusal (4xx) or a
    /// 501 or 503, and no earlier attempt may have acted. Yes: an answer
    /// was lost after the request left (a timeout, a reset, a body cut
    /// off), a success or a redirect came, or a server error after which
    /// the server may have acted (500, 502, 504).
    pub fn may_have_acted(&self) -> bool {
        let earlier = self.attempts().is_some_and(|a| a.earlier_may_have_acted());
        let last = match self {
            Error::InvalidRequest(_) => false,
            Error::CommunicationError(e) => !(e.is_connect() || e.is_builder()),
            Error::ResponseBodyError(_) | Error::InvalidUpgrade(_) | Error::Custom(_) => true,
            _ => self.status().is_none_or(status_may_have_acted),
        };
        earlier || last
    }
}
