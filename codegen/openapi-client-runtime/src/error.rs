//! [`Error`]: what every call returns when it fails, and its texts. Its
//! `Display` says why in one line: for a documented error, the status and
//! the message the server wrote (`403 Forbidden: This token may not manage
//! tokens`). No text of it prints the rest of a response body; the body
//! stays reachable through methods, for a program that wants it.
//!
//! The generated client returns this type instead of progenitor's (the
//! same variants, and [`Error::ResponseTooLarge`]; see codegen's
//! `runtime_error` pass), and reads every body through `read.rs`.
//!
//! Every text here that comes from an answer (a message, a path, a
//! redirect's address) has had the client's own bearer token replaced
//! (`redact.rs`), and is shown on one line with control and bidirectional
//! characters escaped ([`one_line`], `shown.rs`).
//!
//! This module is the type and what it says; what its variants hold is
//! below it (`documented.rs`: an answer with the API's error object;
//! `payload.rs`: an answer off the spec and the secrets recovered from
//! it), and the questions a program asks of it (not found, rate limited,
//! may the server have acted) are above it, beside the rules of trying
//! again that they share with the retry loop (`questions.rs`,
//! `retryable.rs`).

use std::fmt;
use std::time::SystemTime;

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, LOCATION};

use super::attempts::Attempts;
use super::documented::DocumentedError;
use super::payload::InvalidPayload;
use super::policy::Answered;
use super::redact;
use super::retryable::retry_after;
use super::secret::Secret;
use super::shown::one_line;

/// Why a call failed. Every variant but `InvalidRequest` means the request
/// may have reached the server.
///
/// Printing an error never prints a response body beyond a documented
/// error's message (`Display`) and typed object (`Debug`): the object is
/// read with the API crate's questions (the Tokens crate's `ApiErrorExt`), a body that does not match
/// the spec with [`Error::response_body`].
#[non_exhaustive]
pub enum Error<E = ()> {
    /// The request could not be built (a parameter or a body field that was
    /// not set or does not convert): nothing was sent.
    InvalidRequest(String),
    /// No answer: connection refused or reset, timeout, TLS, DNS.
    CommunicationError(reqwest::Error),
    /// A connection upgrade failed.
    InvalidUpgrade(reqwest::Error),
    /// An error answer whose body is the API's documented error object,
    /// typed, with the message the server wrote (`Display` shows it): for a
    /// status the spec documents for the call, or for another error status
    /// (a 401, a 429, a 5xx) whose body is the same object
    /// ([`DocumentedError::status_documented`] tells which).
    ErrorResponse(DocumentedError<E>),
    /// The body of an answer could not be read to its end.
    ResponseBodyError(reqwest::Error),
    /// A documented status whose body does not match the spec.
    InvalidResponsePayload(InvalidPayload),
    /// A status the spec does not document, whose body is not the API's
    /// error object. For an error status (4xx, 5xx) the body has been read
    /// within the client's limit and the response holds it (read it with
    /// `bytes()` or `text()`); when it has a message for people,
    /// `Display` shows it ([`Error::server_message`]). For any other status
    /// the body is not read. A redirect is one: the client follows none
    /// (see the Tokens crate's `ClientBuilder::redirect_policy`), and
    /// `Display` names the origin it points to.
    UnexpectedResponse(reqwest::Response),
    /// An error from a client hook.
    Custom(String),
    /// A documented answer whose body is larger than the client reads
    /// ([`CallPolicy::max_response_bytes`](crate::CallPolicy::max_response_bytes),
    /// 16 MiB by default): it was not read past the limit, and nothing of
    /// it is kept.
    ResponseTooLarge {
        /// The answer's status.
        status: StatusCode,
        /// The client's limit, in bytes.
        limit: usize,
    },
}

impl<E> Error<E> {
    /// The status of the answer, when one arrived.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::InvalidRequest(_) | Error::Custom(_) => None,
            Error::CommunicationError(e)
            | Error::InvalidUpgrade(e)
            | Error::ResponseBodyError(e) => e.status(),
            Error::ErrorResponse(rv) => Some(rv.status()),
            Error::InvalidResponsePayload(p) => p.status(),
            Error::UnexpectedResponse(r) => Some(r.status()),
            Error::ResponseTooLarge { status, .. } => Some(*status),
        }
    }

    /// For an answer that came (an error object, or a status the spec
    /// does not document), the attempts the call made to get it, and
    /// whether one before it may have been acted on although its answer
    /// was lost ([`Attempts`]).
    pub fn attempts(&self) -> Option<Attempts> {
        match self {
            Error::ErrorResponse(documented) => Some(documented.attempts()),
            Error::UnexpectedResponse(response) => Some(Answered::of(response).attempts),
            _ => None,
        }
    }

    /// The headers of the answer, when one arrived and is kept.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Error::ErrorResponse(documented) => Some(documented.headers()),
            Error::InvalidResponsePayload(p) => Some(p.headers()),
            Error::UnexpectedResponse(r) => Some(r.headers()),
            _ => None,
        }
    }

    /// The sentence the server wrote for people (the error object's
    /// `message`, also in the body of a status the spec does not
    /// document), with the client's own bearer token replaced: what
    /// `Display` shows after the status.
    pub fn server_message(&self) -> Option<&str> {
        match self {
            Error::ErrorResponse(documented) => documented.message(),
            Error::UnexpectedResponse(r) => {
                r.extensions().get::<ServerMessage>().map(|m| m.0.as_str())
            }
            _ => None,
        }
    }

    /// The raw body of an answer that does not match the spec. It may hold
    /// secrets: this crate never prints it.
    pub fn response_body(&self) -> Option<&[u8]> {
        match self {
            Error::InvalidResponsePayload(p) => Some(p.body()),
            _ => None,
        }
    }

    /// A secret field of the expected answer, found in an answer that does
    /// not match the spec (`"token"` of a created token).
    pub fn recovered_secret(&self, key: &str) -> Option<&Secret> {
        match self {
            Error::InvalidResponsePayload(p) => p.secret(key),
            _ => None,
        }
    }

    /// The same error without its typed error body.
    pub fn into_untyped(self) -> Error {
        match self {
            Error::InvalidRequest(s) => Error::InvalidRequest(s),
            Error::CommunicationError(e) => Error::CommunicationError(e),
            Error::InvalidUpgrade(e) => Error::InvalidUpgrade(e),
            Error::ErrorResponse(documented) => Error::ErrorResponse(documented.untyped()),
            Error::ResponseBodyError(e) => Error::ResponseBodyError(e),
            Error::InvalidResponsePayload(p) => Error::InvalidResponsePayload(p),
            Error::UnexpectedResponse(r) => Error::UnexpectedResponse(r),
            Error::Custom(s) => Error::Custom(s),
            Error::ResponseTooLarge { status, limit } => Error::ResponseTooLarge { status, limit },
        }
    }
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest(s) => write!(f, "invalid request (nothing was sent): {s}")?,
            Error::CommunicationError(e) => {
                write!(f, "communication error: {e}{}", Cause(e, f.alternate()))?
            }
            Error::InvalidUpgrade(e) => write!(
                f,
                "invalid connection upgrade: {e}{}",
                Cause(e, f.alternate())
            )?,
            Error::ErrorResponse(documented) => match documented.message() {
                Some(message) if !message.trim().is_empty() => {
                    write!(f, "{}: {}", documented.status(), one_line(message))?
                }
                _ => write!(
                    f,
                    "{} (a documented error, without a message)",
                    documented.status()
                )?,
            },
            Error::ResponseBodyError(e) => write!(
                f,
                "cannot read the answer's body: {e}{}",
                Cause(e, f.alternate())
            )?,
            Error::InvalidResponsePayload(p) => {
                let status = p
                    .status()
                    .map_or_else(|| "a status".to_owned(), |s| s.to_string());
                let keys: Vec<String> = p.secret_keys().map(|k| format!("`{k}`")).collect();
                let succeeded = p.status().is_some_and(|s| s.is_success());
                match (succeeded, keys.is_empty()) {
                    (true, false) => write!(
                        f,
                        "the server answered {status}: the request succeeded, and the answer holds {} \
                         (read it with `recovered_secret(..)`), \
                         but the rest of the answer does not match the spec: {}",
                        keys.join(", "),
                        p.problem()
                    )?,
                    (true, true) => write!(
                        f,
                        "the server answered {status}: the request succeeded, but the answer does not match the spec: {}",
                        p.problem()
                    )?,
                    (false, _) => write!(
                        f,
                        "the server answered {status} with a body that does not match the spec: {}",
                        p.problem()
                    )?,
                }
            }
            Error::UnexpectedResponse(r) => {
                write!(
                    f,
                    "unexpected answer: {} from {} (a status the spec does not document)",
                    r.status(),
                    shown_path(r)
                )?;
                if let Some(message) = self.server_message()
                    && !message.trim().is_empty()
                {
                    write!(f, ": {}", one_line(message))?;
                }
                if let Some(origin) = redirect_origin(r) {
                    write!(
                        f,
                        "; it redirects to {origin}, which was not followed (the API documents no redirect)"
                    )?;
                }
            }
            Error::Custom(s) => write!(f, "{s}")?,
            Error::ResponseTooLarge { status, limit } => write!(
                f,
                "the server answered {status} with a body larger than the client reads ({}), \
                 so it was not read (the limit is `max_response_bytes`)",
                bytes(*limit)
            )?,
        }
        // How long the server asks to be left alone, when it says: with a
        // 429 or a 503 that is the rest of the reason.
        if let Some(wait) = self
            .headers()
            .filter(|_| {
                matches!(
                    self.status(),
                    Some(StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE)
                )
            })
            .and_then(|headers| retry_after(headers, SystemTime::now()))
        {
            write!(f, " (the server asks to wait {} s)", wait.as_secs())?;
        }
        if f.alternate() {
            let mut source = std::error::Error::source(self);
            while let Some(s) = source {
                write!(f, ": {s}")?;
                source = s.source();
            }
        }
        Ok(())
    }
}

/// `: <the root cause>` of a transport error, which is what says why
/// (reqwest's own text says only `error sending request for url (…)`; the
/// cause says `operation timed out`, `connection closed before message
/// completed`); nothing in alternate `Display`, which prints every cause.
struct Cause<'a>(&'a reqwest::Error, bool);

impl fmt::Display for Cause<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.1 {
            return Ok(());
        }
        let mut root: Option<&dyn std::error::Error> = None;
        let mut source = std::error::Error::source(self.0);
        while let Some(s) = source {
            root = Some(s);
            source = s.source();
        }
        match root {
            Some(root) => write!(f, ": {root}"),
            None => Ok(()),
        }
    }
}

impl<E> fmt::Debug for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest(s) => f.debug_tuple("InvalidRequest").field(s).finish(),
            Error::CommunicationError(e) => f.debug_tuple("CommunicationError").field(e).finish(),
            Error::InvalidUpgrade(e) => f.debug_tuple("InvalidUpgrade").field(e).finish(),
            Error::ErrorResponse(documented) => {
                f.debug_tuple("ErrorResponse").field(documented).finish()
            }
            Error::ResponseBodyError(e) => f.debug_tuple("ResponseBodyError").field(e).finish(),
            Error::InvalidResponsePayload(p) => {
                f.debug_tuple("InvalidResponsePayload").field(p).finish()
            }
            Error::UnexpectedResponse(r) => f
                .debug_struct("UnexpectedResponse")
                .field("status", &r.status())
                .field("path", &shown_path(r))
                .field("message", &self.server_message().map(one_line))
                .field("redirects_to", &redirect_origin(r))
                .finish(),
            Error::Custom(s) => f.debug_tuple("Custom").field(s).finish(),
            Error::ResponseTooLarge { status, limit } => f
                .debug_struct("ResponseTooLarge")
                .field("status", status)
                .field("limit", limit)
                .finish(),
        }
    }
}

/// The message found in the body of an answer whose status the spec does
/// not document (`read.rs` attaches it to the response it keeps), redacted.
#[derive(Clone)]
pub(crate) struct ServerMessage(pub(crate) String);

/// The path an unexpected answer came from, redacted and on one line (the
/// request's own, unless a redirect policy the program set followed one).
fn shown_path(response: &reqwest::Response) -> String {
    let reading = Answered::of(response).reading;
    one_line(&redact::text(
        reading.redacted.as_deref(),
        response.url().path(),
    ))
}

/// Where a redirect points: its origin only (scheme, host, port; never the
/// path or query, which may carry anything), redacted and on one line.
fn redirect_origin(response: &reqwest::Response) -> Option<String> {
    if !response.status().is_redirection() {
        return None;
    }
    let location = response.headers().get(LOCATION)?;
    let target = response
        .url()
        .join(&String::from_utf8_lossy(location.as_bytes()))
        .ok()?;
    let reading = Answered::of(response).reading;
    let origin = target.origin().ascii_serialization();
    Some(one_line(&redact::text(
        reading.redacted.as_deref(),
        &origin,
    )))
}

/// `16 MiB`, `1500 bytes`.
fn bytes(n: usize) -> String {
    const MIB: usize = 1024 * 1024;
    if n >= MIB && n.is_multiple_of(MIB) {
        format!("{} MiB", n / MIB)
    } else {
        format!("{n} bytes")
    }
}

impl<E> std::error::Error for Error<E> {
    /// The transport's error, when there is one. Never a JSON error: its
    /// message may quote the body.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::CommunicationError(e)
            | Error::InvalidUpgrade(e)
            | Error::ResponseBodyError(e) => Some(e),
            _ => None,
        }
    }
}

impl<E> From<reqwest::Error> for Error<E> {
    fn from(e: reqwest::Error) -> Self {
        Error::CommunicationError(e)
    }
}

impl<E> From<reqwest::header::InvalidHeaderValue> for Error<E> {
    fn from(e: reqwest::header::InvalidHeaderValue) -> Self {
        Error::InvalidRequest(e.to_string())
    }
}

impl<E> From<std::convert::Infallible> for Error<E> {
    fn from(x: std::convert::Infallible) -> Self {
        match x {}
    }
}

/// progenitor's hooks return its own error; its variants map one to one.
impl<E> From<progenitor_client::Error<E>> for Error<E> {
    fn from(e: progenitor_client::Error<E>) -> Self {
        use progenitor_client::Error as P;
        match e {
            P::InvalidRequest(s) => Error::InvalidRequest(s),
            P::CommunicationError(e) => Error::CommunicationError(e),
            P::InvalidUpgrade(e) => Error::InvalidUpgrade(e),
            P::ErrorResponse(rv) => Error::ErrorResponse(rv.into()),
            P::ResponseBodyError(e) => Error::ResponseBodyError(e),
            P::InvalidResponsePayload(body, error) => Error::InvalidResponsePayload(
                InvalidPayload::new(None, HeaderMap::new(), body, &error, &[], None),
            ),
            P::UnexpectedResponse(r) => Error::UnexpectedResponse(r),
            P::Custom(s) => Error::Custom(s),
        }
    }
}
