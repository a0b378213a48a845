//! Reading answers: every body the generated client reads comes through
//! here, read as a stream against the client's limit (see [`Reading`]),
//! and parsed as the server sent it. The client's own secret is replaced
//! only in the texts made for people from it (the server's message, what
//! does not match), never in a value.
//!
//! - [`read_response`] reads a success body, keeping the status and the
//!   raw body of an answer off the spec and recovering its secret fields;
//! - [`read_error`] reads a documented error body into a
//!   [`DocumentedError`], keeping the server's message for `Display`;
//!   [`read_error_as`] does the same for one of several error answers;
//! - [`read_unexpected`] and [`read_unexpected_as`] read the body of an
//!   error status the spec does not document (a 401, a 429, a 503): as the
//!   API's error object when it is one, else kept with its message.
//!
//! The body is never read past the limit: an announced length over it is
//! refused before reading, and a body that grows past it is dropped at the
//! chunk that crosses it, so memory stays near the limit whatever the
//! server sends. The time spent reading counts against the client's
//! timeout (reqwest's applies to the body too), and parsing a body within
//! the limit is bounded by the limit.

use std::fmt;

use bytes::Bytes;
use progenitor_client::ResponseValue;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use super::attempts::Attempts;
use super::documented::DocumentedError;
use super::error::{Error, ServerMessage};
use super::payload::InvalidPayload;
use super::policy::{Answered, Reading};
use super::redact;

/// An answer read in full, within the limit.
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    /// The body as it came: its one chunk as reqwest gave it (most answers
    /// are one), or the chunks joined.
    body: Bytes,
    reading: Reading,
    attempts: Attempts,
}

/// Reads the body of `response` as a stream, never past the limit the
/// client's hook attached to it ([`Reading`]).
async fn read_body<E>(mut response: reqwest::Response) -> Result<Answer, Error<E>> {
    let Answered { reading, attempts } = Answered::of(&response);
    let status = response.status();
    let too_large = |limit| Error::ResponseTooLarge { status, limit };
    if response
        .content_length()
        .is_some_and(|length| length > reading.limit as u64)
    {
        return Err(too_large(reading.limit));
    }
    // The answer's own: reading the body needs them no more.
    let headers = std::mem::take(response.headers_mut());
    let mut first: Option<Bytes> = None;
    let mut joined: Vec<u8> = Vec::new();
    let mut length = 0;
    while let Some(chunk) = response.chunk().await.map_err(Error::ResponseBodyError)? {
        length += chunk.len();
        if length > reading.limit {
            return Err(too_large(reading.limit));
        }
        if first.is_none() && joined.is_empty() {
            first = Some(chunk);
            continue;
        }
        if length > joined.capacity() {
            // Doubling, as `Vec` does, but never past the limit (an
            // announced length is not reserved: a server could announce
            // the limit and send a byte).
            let grown = (joined.capacity() * 2).max(length).min(reading.limit);
            joined.reserve_exact(grown - joined.len());
        }
        if let Some(first) = first.take() {
            joined.extend_from_slice(&first);
        }
        joined.extend_from_slice(&chunk);
    }
    Ok(Answer {
        status,
        headers,
        body: first.unwrap_or_else(|| Bytes::from(joined)),
        reading,
        attempts,
    })
}

impl Answer {
    /// The body as `T`, exactly as the server sent it, or
    /// [`read_response`]'s error for one that does not match (its
    /// description redacted). (The error is the crate's `Error`, as large
    /// as every call's.)
    #[allow(clippy::result_large_err)]
    fn parse<T: DeserializeOwned, E>(
        self,
        secret_keys: &[&str],
    ) -> Result<ResponseValue<T>, Error<E>> {
        match serde_json::from_slice(&self.body) {
            Ok(inner) => Ok(ResponseValue::new(inner, self.status, self.headers)),
            Err(error) => Err(self.invalid(&error, secret_keys)),
        }
    }

    /// The answer as a body that does not match the spec: what serde
    /// found, described without the client's own secret.
    fn invalid<E>(self, error: &serde_json::Error, secret_keys: &[&str]) -> Error<E> {
        Error::InvalidResponsePayload(InvalidPayload::new(
            Some(self.status),
            self.headers,
            self.body,
            error,
            secret_keys,
            self.reading.redacted.as_deref(),
        ))
    }

    /// The body as the error object `B`, in `variant` of the operation's
    /// error type, with the server's message and the attempts.
    #[allow(clippy::result_large_err)]
    fn error_object<B: DeserializeOwned, E: fmt::Debug>(
        self,
        secret_keys: &[&str],
        variant: impl FnOnce(B) -> E,
    ) -> Result<DocumentedError<E>, Error<E>> {
        match serde_json::from_slice::<B>(&self.body) {
            Ok(object) => Ok(self.documented(object, secret_keys, variant)),
            Err(error) => Err(self.invalid(&error, secret_keys)),
        }
    }

    /// The error object read from this answer, with the server's message
    /// and the attempts that led to it.
    fn documented<B, E: fmt::Debug>(
        self,
        object: B,
        secret_keys: &[&str],
        variant: impl FnOnce(B) -> E,
    ) -> DocumentedError<E> {
        let message = self.message(secret_keys);
        DocumentedError::read(
            ResponseValue::new(variant(object), self.status, self.headers),
            message,
            self.attempts,
            self.reading.redacted,
        )
    }

    /// The sentence the server wrote for people (the error object's
    /// message key, [`CallPolicy::message_key`](crate::CallPolicy::message_key),
    /// unless `secret_keys` holds it), redacted.
    fn message(&self, secret_keys: &[&str]) -> Option<String> {
        let key = self.reading.message_key?;
        if secret_keys.contains(&key) {
            return None;
        }
        let json: serde_json::Value = serde_json::from_slice(&self.body).ok()?;
        let message = json.get(key)?.as_str()?;
        Some(redact::text(self.reading.redacted.as_deref(), message).into_owned())
    }
}

/// Reads a body the spec documents (used by the generated client): the
/// typed value, exactly as the server sent it, or an
/// [`Error::InvalidResponsePayload`] keeping the status, the raw body and
/// the `secret_keys` fields found in it, or an
/// [`Error::ResponseTooLarge`].
#[doc(hidden)]
pub async fn read_response<T: DeserializeOwned, E>(
    response: reqwest::Response,
    secret_keys: &[&str],
) -> Result<ResponseValue<T>, Error<E>> {
    read_body(response).await?.parse(secret_keys)
}

/// Reads the body of a documented error status (used by the generated
/// client): the typed error object with the message the server wrote (its
/// `message` key, unless `secret_keys` holds it), or an
/// [`Error::InvalidResponsePayload`] when the body does not match the spec.
#[doc(hidden)]
pub async fn read_error<E: DeserializeOwned + fmt::Debug>(
    response: reqwest::Response,
    secret_keys: &[&str],
) -> Result<DocumentedError<E>, Error<E>> {
    read_error_as(response, secret_keys, |object: E| object).await
}

/// [`read_error`] for an operation whose error answers have several types
/// (used by the generated client): the body read as `B`, given to
/// `variant`, the answer's variant of the operation's error enum.
#[doc(hidden)]
pub async fn read_error_as<B: DeserializeOwned, E: fmt::Debug>(
    response: reqwest::Response,
    secret_keys: &[&str],
    variant: impl FnOnce(B) -> E,
) -> Result<DocumentedError<E>, Error<E>> {
    read_body(response)
        .await?
        .error_object(secret_keys, variant)
}

/// The answer to a call whose status the spec does not document for it
/// (used by the generated client, for an operation whose error answers
/// have no one type): [`read_unexpected_as`] without an error object.
#[doc(hidden)]
pub async fn read_unexpected<E>(response: reqwest::Response) -> Error<E> {
    match Undocumented::read(response).await {
        Ok(undocumented) => undocumented.kept(&[]),
        Err(error) => error,
    }
}

/// The answer to a call whose status the spec does not document for it
/// (used by the generated client): for an error status (4xx, 5xx) whose
/// body is the API's error object `B`, an [`Error::ErrorResponse`] with
/// the object in `variant` and the server's message, like a documented
/// one (`401 Unauthorized: <message>`); for any other body, an
/// [`Error::UnexpectedResponse`] holding the body read within the limit
/// and its message, if it has one. Any other status (1xx–3xx) is kept
/// unread.
#[doc(hidden)]
pub async fn read_unexpected_as<B: DeserializeOwned, E: fmt::Debug>(
    response: reqwest::Response,
    secret_keys: &[&str],
    variant: impl FnOnce(B) -> E,
) -> Error<E> {
    let undocumented = match Undocumented::read(response).await {
        Ok(undocumented) => undocumented,
        Err(error) => return error,
    };
    let object = match &undocumented {
        Undocumented::Read { answer, .. } => serde_json::from_slice::<B>(&answer.body).ok(),
        Undocumented::Unread(_) => None,
    };
    match (object, undocumented) {
        (Some(object), Undocumented::Read { answer, .. }) => Error::ErrorResponse(
            answer
                .documented(object, secret_keys, variant)
                .of_undocumented_status(),
        ),
        (_, undocumented) => undocumented.kept(secret_keys),
    }
}

/// An answer of a status the spec does not document for the call.
enum Undocumented {
    /// Not an error status: kept unread (a redirect's body says nothing,
    /// and a 2xx is for a hand-written layer to read, with
    /// [`read_undocumented`]).
    Unread(reqwest::Response),
    /// An error status, its body read within the limit, with what the
    /// response it came in held besides.
    Read {
        answer: Answer,
        url: reqwest::Url,
        version: reqwest::Version,
        extensions: http::Extensions,
    },
}

impl Undocumented {
    async fn read<E>(response: reqwest::Response) -> Result<Undocumented, Error<E>> {
        let status = response.status();
        if !(status.is_client_error() || status.is_server_error()) {
            return Ok(Undocumented::Unread(response));
        }
        let url = response.url().clone();
        let version = response.version();
        let extensions = response.extensions().clone();
        let answer = read_body(response).await?;
        Ok(Undocumented::Read {
            answer,
            url,
            version,
            extensions,
        })
    }

    /// An [`Error::UnexpectedResponse`] holding the answer: as it came, or
    /// made again around the body read (with its status, headers, URL and
    /// extensions), and the server's message found in it.
    fn kept<E>(self, secret_keys: &[&str]) -> Error<E> {
        use reqwest::ResponseBuilderExt as _;
        let (answer, url, version, mut extensions) = match self {
            Undocumented::Unread(response) => return Error::UnexpectedResponse(response),
            Undocumented::Read {
                answer,
                url,
                version,
                extensions,
            } => (answer, url, version, extensions),
        };
        if let Some(message) = answer.message(secret_keys) {
            extensions.insert(ServerMessage(message));
        }
        let mut builder = http::Response::builder()
            .status(answer.status)
            .version(version)
            .url(url);
        if let Some(headers) = builder.headers_mut() {
            *headers = answer.headers;
        }
        if let Some(kept) = builder.extensions_mut() {
            *kept = extensions;
        }
        match builder.body(answer.body) {
            Ok(response) => Error::UnexpectedResponse(reqwest::Response::from(response)),
            // The parts came from a response already: they cannot be
            // refused. Say so rather than panic.
            Err(error) => Error::Custom(format!(
                "the answer {} could not be kept: {error}",
                answer.status
            )),
        }
    }
}

/// An answer whose status the spec does not document for the call, read in
/// full within the limit, for a hand-written layer that recovers a secret
/// from an undocumented success (the Tokens crate's `create_token_once`):
/// an [`Error::InvalidResponsePayload`] holding the body and the
/// `secret_keys` fields found in it, or why it could not be read.
pub async fn read_undocumented<E>(response: reqwest::Response, secret_keys: &[&str]) -> Error<E> {
    match read_body(response).await {
        Ok(answer) => Error::InvalidResponsePayload(InvalidPayload::undocumented(
            answer.status,
            answer.headers,
            answer.body,
            secret_keys,
        )),
        Err(error) => error,
    }
}
