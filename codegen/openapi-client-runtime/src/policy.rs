//! [`CallPolicy`]: what the runtime does around every call, carried by the
//! generated `Client` as its inner value (progenitor's `inner_type`): when
//! to try again ([`RetryPolicy`]), how large an answer it reads, which
//! secret of the client's own it keeps out of every text, which key of an
//! error body holds its message, and the settings of an API crate's own
//! hand-written layer.
//!
//! The hook (`retry.rs`) hands the last two to each answer it returns, as
//! an extension of the response ([`Reading`], in [`Answered`] with the
//! attempts), so the functions that read bodies (`read.rs`) know them
//! without the generated code passing them.

use std::sync::Arc;

use super::attempts::Attempts;
use super::retry_policy::RetryPolicy;
use super::secret::Secret;

/// The largest answer body the client reads by default: 16 MiB.
///
/// The Tokens API's largest answer is the list of an organization's
/// tokens, about 300 bytes a token: 16 MiB holds some 50,000 of them,
/// hundreds of times more than an organization has. An answer past it is
/// not one of this API's, and reading on would only let a broken or
/// hostile server fill the program's memory. A crate for an API with
/// larger answers sets its own ([`CallPolicy::max_response_bytes`]).
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// What the client does around every call: retries, the largest answer it
/// reads, and the bearer token it keeps out of texts. The generated
/// `Client` carries one (`Client::new(base_url, CallPolicy::default())`);
/// the Tokens crate's `ClientBuilder` makes it from its settings.
///
/// ```
/// use openapi_client_runtime::{CallPolicy, RetryPolicy};
///
/// let policy = CallPolicy::default()
///     .retry(RetryPolicy::none())
///     .max_response_bytes(1024 * 1024)
///     .redact("my-api-token");
/// # let _ = policy;
/// ```
#[derive(Clone, Default)]
pub struct CallPolicy {
    pub(crate) retry: RetryPolicy,
    pub(crate) reading: Reading,
    settings: http::Extensions,
}

impl CallPolicy {
    /// When calls are tried again (default [`RetryPolicy::default`]).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// The largest answer body the client reads, in bytes (default
    /// [`DEFAULT_MAX_RESPONSE_BYTES`], 16 MiB). A larger one is not read
    /// past this: the call ends with
    /// [`Error::ResponseTooLarge`](crate::Error::ResponseTooLarge), and
    /// memory stays near the limit whatever the server sends.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.reading.limit = limit;
        self
    }

    /// A secret of the client's own (its bearer token) that no text of an
    /// answer may carry: wherever a server writes it back (an error's
    /// message, a field of a body, a redirect's address), the client reads
    /// `[REDACTED]` instead. The Tokens crate's `ClientBuilder` sets it to
    /// the token it sends.
    pub fn redact(mut self, secret: impl Into<Secret>) -> Self {
        let secret: Secret = secret.into();
        self.reading.redacted = (!secret.expose_secret().is_empty()).then(|| Arc::new(secret));
        self
    }

    /// The key of an error body that holds the sentence the server wrote
    /// for people, shown by an error's `Display` (default `message`, the
    /// key of QuantCDN's error object and of most JSON APIs'); `None` shows
    /// the status alone. A key the spec marks secret is never shown.
    pub fn message_key(mut self, key: Option<&'static str>) -> Self {
        self.reading.message_key = key;
        self
    }

    /// A setting of an API crate's own hand-written layer, kept with the
    /// client (the generated `Client` holds only its `CallPolicy`), one per
    /// type: the Tokens crate keeps how long `create_token_once` settles a
    /// lost attempt here. The runtime never reads it.
    pub fn with_setting<T: Clone + Send + Sync + 'static>(mut self, setting: T) -> Self {
        self.settings.insert(setting);
        self
    }

    /// The setting of type `T`, when one was set ([`CallPolicy::with_setting`]).
    pub fn setting<T: Clone + Send + Sync + 'static>(&self) -> Option<&T> {
        self.settings.get::<T>()
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// The largest answer body the client reads, in bytes.
    pub fn response_limit(&self) -> usize {
        self.reading.limit
    }
}

/// `CallPolicy { retry, max_response_bytes, redacted: <secret> or none, message_key }`.
impl std::fmt::Debug for CallPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallPolicy")
            .field("retry", &self.retry)
            .field("max_response_bytes", &self.reading.limit)
            .field(
                "redacted",
                &self.reading.redacted.as_ref().map(|_| "<a secret>"),
            )
            .field("message_key", &self.reading.message_key)
            .finish_non_exhaustive()
    }
}

/// A retry policy with the other settings at their defaults.
impl From<RetryPolicy> for CallPolicy {
    fn from(retry: RetryPolicy) -> Self {
        CallPolicy::default().retry(retry)
    }
}

/// How the answer to a call is read: what the hook attaches to each
/// response it returns (an `http` extension), and what the readers take
/// from it. A response without one (made outside the hook) is read with
/// the defaults.
#[derive(Clone)]
pub(crate) struct Reading {
    /// The largest body read, in bytes.
    pub(crate) limit: usize,
    /// The secret replaced in every text taken from the answer.
    pub(crate) redacted: Option<Arc<Secret>>,
    /// The key of an error body's message.
    pub(crate) message_key: Option<&'static str>,
}

impl Default for Reading {
    fn default() -> Self {
        Reading {
            limit: DEFAULT_MAX_RESPONSE_BYTES,
            redacted: None,
            message_key: Some("message"),
        }
    }
}

/// What the hook attaches to each answer it returns, as one extension of
/// the response (one insert, where two cost a map's growth on every call):
/// how the answer is read, and the attempts made for it. An answer made
/// outside the hook reads as the defaults and one attempt.
#[derive(Clone, Default)]
pub(crate) struct Answered {
    pub(crate) reading: Reading,
    pub(crate) attempts: Attempts,
}

impl Answered {
    /// What the hook attached to `response`, or the defaults.
    pub(crate) fn of(response: &reqwest::Response) -> Answered {
        response
            .extensions()
            .get::<Answered>()
            .cloned()
            .unwrap_or_default()
    }
}
