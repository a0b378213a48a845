//! The runtime of the API clients this workspace generates: what the
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
//!   [`DocumentedError::map`] does for a bodiless one or a byte stream
//!   (`read.rs`: every body is read as a stream against the client's
//!   limit, and the client's own secret is redacted from it);
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
//! One job a module: `error.rs` is [`Error`] and its texts;
//! `documented.rs` and `payload.rs` are what its answers hold
//! ([`DocumentedError`], and [`InvalidPayload`] with the secrets recovered
//! from it); `shown.rs` is how a server's text is printed (one line,
//! escaped, bounded); `read.rs` reads answers and `redact.rs` takes the
//! client's own secret out of them; `policy.rs` is the [`CallPolicy`],
//! `retry.rs` the hook's schedule and loop, `retryable.rs` what is worth
//! trying again; `secret.rs` is [`Secret`].

mod documented;
mod error;
mod into_option;
mod payload;
mod policy;
mod read;
mod redact;
mod retry;
mod retryable;
mod secret;
mod shown;

pub use documented::DocumentedError;
pub use error::Error;
pub use into_option::IntoOption;
pub use payload::InvalidPayload;
pub use policy::{CallPolicy, DEFAULT_MAX_RESPONSE_BYTES};
pub use read::{read_error, read_error_as, read_response, read_undocumented};
pub use retry::{Attempts, RetryPolicy, exec};
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
