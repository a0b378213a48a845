//! The runtime of the API clients `openapi-client-gen` makes: what the
//! generated code calls, by this crate's path, so that the compiler checks
//! the contract between the two.
//!
//! In: what progenitor's generated `send()` hands over (a
//! `reqwest::Request` to execute, a `reqwest::Response` to read), and the
//! client's [`CallPolicy`]. Out: the answers as typed values or as an
//! [`Error`] whose texts never print a body or a secret.
//!
//! - [`Error`]: what every call returns when it fails, progenitor's
//!   variants with texts that never print a response body (codegen's
//!   `runtime_error` pass puts it in place of progenitor's);
//! - [`read_response`]: reads a success body, keeping the status and the
//!   raw body of an answer off the spec and recovering its secret fields;
//! - [`read_error`]: reads a documented error body into a
//!   [`DocumentedError`], keeping the server's message for `Display`;
//!   [`read_error_as`] does the same for one of several error answers,
//!   putting it in its variant of the operation's error enum, as
//!   [`DocumentedError::map`] does for a bodiless one or a byte stream;
//!   [`read_unexpected_as`] reads an error status the spec does not
//!   document (a 401, a 429) as the error object when it is one (`read.rs`:
//!   every body is read as a stream against the client's limit, and parsed
//!   as the server sent it; the client's own secret is replaced only in
//!   the texts made for people);
//! - [`Secret`]: the type of every field the spec marks secret (codegen's
//!   `secret_fields` pass);
//! - [`IntoOption`]: what the builder setter of an optional field takes (a
//!   value, `Some`/`None`, or borrowed text; codegen's `optional_setters`
//!   pass);
//! - [`CallPolicy`]: the client's inner type (its [`RetryPolicy`], the
//!   largest answer it reads, the secret it redacts); [`exec`] is what the
//!   generated `ClientHooks<CallPolicy>` impl calls for every request: it
//!   retries what is safe inside the call's span ([`call_span!`]) and
//!   attaches to each answer how it is read and the [`Attempts`] made for
//!   it (a documented error answer carries them).
//!
//! The runtime never names the generated code: the hooks' impl and the
//! route table that names each call's span are generated beside the client
//! (codegen's `client_hooks` pass). What is particular to one API (the
//! Tokens API's exactly-once create, its settings) lives in that API's
//! crate, which may keep its own settings in the [`CallPolicy`]
//! ([`CallPolicy::with_setting`]).
//!
//! One job a module, in layers that import only downwards (the
//! architecture test holds them to it):
//!
//! 1. values: `secret.rs` ([`Secret`]), `attempts.rs` ([`Attempts`]),
//!    `retry_policy.rs` ([`RetryPolicy`] and its rules as pure functions),
//!    `policy.rs` ([`CallPolicy`] and how an answer is read), `shown.rs`
//!    (how a server's text is printed: one line, escaped, bounded),
//!    `redact.rs` (the client's own secret taken out of texts for people),
//!    `into_option.rs` ([`IntoOption`]), and `retryable.rs` (what an
//!    attempt's status or failure means: worth trying again, may have been
//!    acted on, the wait `Retry-After` asks for);
//! 2. what a failed call holds: `documented.rs` ([`DocumentedError`]) and
//!    `payload.rs` ([`InvalidPayload`] with the secrets recovered from it);
//! 3. the error: `error.rs` ([`Error`] and its texts);
//! 4. the questions asked of it: `questions.rs` (not found, unauthorized,
//!    rate limited, may have acted...);
//! 5. on top, what the generated code calls: `retry.rs` (the hook's loop,
//!    [`exec`]) and `read.rs` (reading answers).

mod attempts;
mod documented;
mod error;
mod into_option;
mod payload;
mod policy;
mod questions;
mod read;
mod redact;
mod retry;
mod retry_policy;
mod retryable;
mod secret;
mod shown;

pub use attempts::Attempts;
pub use documented::DocumentedError;
pub use error::Error;
pub use into_option::IntoOption;
pub use payload::InvalidPayload;
pub use policy::{CallPolicy, DEFAULT_MAX_RESPONSE_BYTES};
pub use read::{
    read_error, read_error_as, read_response, read_undocumented, read_unexpected,
    read_unexpected_as,
};
pub use retry::exec;
pub use retry_policy::RetryPolicy;
pub use secret::Secret;

/// What the generated code reaches through this crate, so that a client
/// crate needs no dependency of its own for it (the span of [`call_span!`]).
#[doc(hidden)]
pub mod __private {
    pub use tracing;
}

/// The span of one call, named `<the client's crate>.call` (for the Tokens
/// client, `quantcdn_tokens.call`), with the operation, the method and the
/// route, never the URL (it holds values) and no header (the bearer token
/// is one). [`exec`] records the status, the attempts and the latency.
///
/// The generated `ClientHooks` impl makes it; a macro, because a span's
/// name is fixed where it is written, and this one names the crate that
/// expands it.
#[macro_export]
macro_rules! call_span {
    ($operation_id:expr, $method:expr, $route:expr $(,)?) => {
        $crate::__private::tracing::info_span!(
            concat!(env!("CARGO_CRATE_NAME"), ".call"),
            operation_id = $operation_id,
            method = %$method,
            route = $route,
            status = $crate::__private::tracing::field::Empty,
            attempts = $crate::__private::tracing::field::Empty,
            latency_ms = $crate::__private::tracing::field::Empty,
        )
    };
}
