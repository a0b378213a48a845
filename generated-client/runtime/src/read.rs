//! Reading answers: every body the generated client reads comes through
//! here, read as a stream against the client's limit and redacted of the
//! client's own secret before it is parsed (see [`Reading`]).
//!
//! - [`read_response`] reads a success body, keeping the status and the
//!   raw body of an answer off the spec and recovering its secret fields;
//! - [`read_error`] reads a documented error body into a
//!   [`DocumentedError`], keeping the server's message for `Display`;
//!   [`read_error_as`] does the same for one of several error answers.
//!
//! The body is never read past the limit: an announced length over it is
//! refused before reading, and a body that grows past it is dropped at the
//! chunk that crosses it, so memory stays near the limit whatever the
//! server sends. The time spent reading counts against the client's
//! timeout (reqwest's applies to the body too), and parsing a body within
//! the limit is bounded by the limit.

use std::fmt;

use progenitor_client::ResponseValue;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use super::documented::DocumentedError;
use super::error::Error;
use super::payload::InvalidPayload;
use super::policy::Reading;
use super::redact;
use super::retry::Attempts;

/// An answer read in full, within the limit.
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
    reading: Reading,
    attempts: Attempts,
}

/// The first bytes reserved for a body of unknown or announced length: a
/// server cannot make the client reserve its whole limit by announcing it.
const FIRST_RESERVE: usize = 64 * 1024;

/// Reads the body of `response` as a stream, never past the limit the
/// client's hook attached to it ([`Reading`]).
async fn read_body<E>(mut response: reqwest::Response) -> Result<Answer, Error<E>> {
    let reading = Reading::of(&response);
    let attempts = Attempts::of(&response);
    let status = response.status();
    let too_large = |limit| Error::ResponseTooLarge { status, limit };
    let announced = response.content_length();
    if announced.is_some_and(|length| length > reading.limit as u64) {
        return Err(too_large(reading.limit));
    }
    let headers = response.headers().clone();
    let first = announced.map_or(FIRST_RESERVE, |length| length as usize);
    let mut body = Vec::with_capacity(first.min(FIRST_RESERVE).min(reading.limit));
    while let Some(chunk) = response.chunk().await.map_err(Error::ResponseBodyError)? {
        let length = body.len() + chunk.len();
        if length > reading.limit {
            return Err(too_large(reading.limit));
        }
        if length > body.capacity() {
            // Doubling, as `Vec` does, but never past the limit.
            let grown = (body.capacity() * 2).max(length).min(reading.limit);
            body.reserve_exact(grown - body.len());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Answer {
        status,
        headers,
        body,
        reading,
        attempts,
    })
}

impl Answer {
    /// The body as `T`, redacted, or [`read_response`]'s error for one that
    /// does not match. (The error is the crate's `Error`, as large as every
    /// call's.)
    #[allow(clippy::result_large_err)]
    fn parse<T: DeserializeOwned, E>(
        &self,
        secret_keys: &[&str],
    ) -> Result<ResponseValue<T>, Error<E>> {
        let redacted = self.reading.redacted.as_deref();
        match redact::parse(redacted, &self.body, secret_keys) {
            Ok(inner) => Ok(ResponseValue::new(inner, self.status, self.headers.clone())),
            Err(error) => Err(Error::InvalidResponsePayload(InvalidPayload::new(
                Some(self.status),
                self.headers.clone(),
                self.body.clone(),
                &error,
                secret_keys,
                redacted,
            ))),
        }
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
/// typed value, or an [`Error::InvalidResponsePayload`] keeping the status,
/// the raw body and the `secret_keys` fields found in it, or an
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
    let answer = read_body(response).await?;
    let value: ResponseValue<B> = answer.parse(secret_keys)?;
    let (status, headers) = (value.status(), value.headers().clone());
    Ok(DocumentedError::read(
        ResponseValue::new(variant(value.into_inner()), status, headers),
        answer.message(secret_keys),
        answer.attempts,
    ))
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
