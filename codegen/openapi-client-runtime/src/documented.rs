//! [`DocumentedError`]: an error answer whose body is the API's documented
//! error object, what [`Error::ErrorResponse`](crate::Error::ErrorResponse)
//! holds: the typed error object with its status and headers, and the
//! message the server wrote for people, which the error's `Display` shows.
//!
//! Separate from `error.rs` because it is a value of its own: the
//! generated code builds it (`read.rs`'s `read_error`, [`DocumentedError::map`]
//! for an operation's error enum) and a program reads it, whatever error
//! it travels in. The object is what the server sent; its `Debug` is
//! bounded (`shown.rs`'s `Bounded`: a hostile server's message may be
//! megabytes) and has the client's own secret replaced (`redact.rs`).

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use progenitor_client::ResponseValue;

use super::attempts::Attempts;
use super::redact;
use super::secret::Secret;
use super::shown::Bounded;

/// An error answer whose body is the API's documented error object
/// ([`Error::ErrorResponse`]): the typed error object with its status and
/// headers (a progenitor `ResponseValue`, which it dereferences to, so
/// `e.status()` and `e.message` read as they do on progenitor's), and the
/// message the server wrote for people.
///
/// Its status is one the spec documents for the call (400, 403, 404, 422
/// for the Tokens API's create), or another whose body is the same object
/// (a 401, a 429, a 500 from the same server):
/// [`DocumentedError::status_documented`] tells which.
///
/// `Display` of the error shows the status and that message, bounded in
/// length and with control characters escaped; `Debug` shows the typed
/// object. Both have the client's own bearer token replaced. No other part
/// of the body is ever printed; the object itself is what the server sent.
///
/// [`Error::ErrorResponse`]: crate::Error::ErrorResponse
pub struct DocumentedError<E> {
    value: ResponseValue<E>,
    message: Option<String>,
    attempts: Attempts,
    /// Whether the spec documents the answer's status for the call.
    status_documented: bool,
    /// The client's own secret, kept out of `Debug`.
    redacted: Option<Arc<Secret>>,
    /// `Debug` of `E`, taken where `E` was read (the generated error types
    /// are `Debug`; a byte stream is not), so `Error<E>` is `Debug` for
    /// every `E`.
    debug: fn(&E, &mut fmt::Formatter<'_>) -> fmt::Result,
}

/// The longest `Debug` of an error object, in characters.
const DEBUG_CHARS: usize = 2000;

impl<E> DocumentedError<E> {
    /// The server's message (the error object's `message`), a text for
    /// people, with the client's own bearer token replaced: `None` when the
    /// body has none, or when the spec marks it secret. `Display` shows it
    /// bounded and escaped.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Whether the spec documents this status for the call. `false` for an
    /// answer of another status whose body is the API's error object (a
    /// 401 or a 429 the spec does not list).
    pub fn status_documented(&self) -> bool {
        self.status_documented
    }

    /// The attempts the call made to get this answer, and whether one
    /// before it may have been acted on although its answer was lost.
    pub fn attempts(&self) -> Attempts {
        self.attempts
    }

    /// The typed error object.
    pub fn into_inner(self) -> E {
        self.value.into_inner()
    }

    /// The typed error object with its status and headers.
    pub fn into_response_value(self) -> ResponseValue<E> {
        self.value
    }

    /// The same answer with its typed object converted (the status, the
    /// headers and the message are kept): how the generated client puts
    /// one of several error answers into its operation's enum.
    pub fn map<F: fmt::Debug>(self, f: impl FnOnce(E) -> F) -> DocumentedError<F> {
        let DocumentedError {
            value,
            message,
            attempts,
            status_documented,
            redacted,
            ..
        } = self;
        let (status, headers) = (value.status(), value.headers().clone());
        DocumentedError {
            value: ResponseValue::new(f(value.into_inner()), status, headers),
            message,
            attempts,
            status_documented,
            redacted,
            debug: <F as fmt::Debug>::fmt,
        }
    }

    /// An error object read from its body, with the message the server
    /// wrote (redacted already), the attempts that led to it, and the
    /// secret its `Debug` keeps out.
    pub(super) fn read(
        value: ResponseValue<E>,
        message: Option<String>,
        attempts: Attempts,
        redacted: Option<Arc<Secret>>,
    ) -> Self
    where
        E: fmt::Debug,
    {
        DocumentedError {
            value,
            message,
            attempts,
            status_documented: true,
            redacted,
            debug: <E as fmt::Debug>::fmt,
        }
    }

    /// The same, for a status the spec does not document for the call.
    pub(super) fn of_undocumented_status(mut self) -> Self {
        self.status_documented = false;
        self
    }

    /// The same answer without its typed object (the message is kept).
    pub(super) fn untyped(&self) -> DocumentedError<()> {
        DocumentedError {
            value: ResponseValue::new((), self.value.status(), self.value.headers().clone()),
            message: self.message.clone(),
            attempts: self.attempts,
            status_documented: self.status_documented,
            redacted: self.redacted.clone(),
            debug: |_, f| f.write_str("<not kept>"),
        }
    }
}

impl<E> Deref for DocumentedError<E> {
    type Target = ResponseValue<E>;

    fn deref(&self) -> &ResponseValue<E> {
        &self.value
    }
}

impl<E> AsRef<E> for DocumentedError<E> {
    fn as_ref(&self) -> &E {
        self.value.as_ref()
    }
}

/// An error answer read without a message: a body-less one
/// (`ResponseValue::empty`), a byte stream, or one from a progenitor hook.
impl<E> From<ResponseValue<E>> for DocumentedError<E> {
    fn from(value: ResponseValue<E>) -> Self {
        DocumentedError {
            value,
            message: None,
            attempts: Attempts::default(),
            status_documented: true,
            redacted: None,
            debug: |_, f| f.write_str("<not read>"),
        }
    }
}

impl<E> fmt::Debug for DocumentedError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        /// `E`'s own `Debug`, through the function taken where it was read.
        struct Object<'a, E>(&'a DocumentedError<E>);
        impl<E> fmt::Debug for Object<'_, E> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                (self.0.debug)(self.0.value.as_ref(), f)
            }
        }
        /// At most `DEBUG_CHARS` of it (a hostile server's message may be
        /// megabytes), the client's own secret replaced. The secret is
        /// replaced before the cut, so no part of it is left at the end.
        struct Shown<'a, E>(&'a DocumentedError<E>);
        impl<E> fmt::Debug for Shown<'_, E> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                use fmt::Write as _;
                let redacted = self.0.redacted.as_deref();
                // Room for the secret as `Debug` escapes it, past the cut.
                let room = redacted.map_or(0, |s| format!("{:?}", s.expose_secret()).len());
                let mut shown = Bounded::new(DEBUG_CHARS + room);
                let _ = if f.alternate() {
                    write!(shown, "{:#?}", Object(self.0))
                } else {
                    write!(shown, "{:?}", Object(self.0))
                };
                let text = redact::debug(redacted, &shown.text);
                let mut chars = text.chars();
                let kept: String = chars.by_ref().take(DEBUG_CHARS).collect();
                f.write_str(&kept)?;
                if shown.cut || chars.next().is_some() {
                    f.write_str("…")?;
                }
                Ok(())
            }
        }
        f.debug_struct("DocumentedError")
            .field("status", &self.value.status())
            .field("body", &Shown(self))
            .finish()
    }
}
