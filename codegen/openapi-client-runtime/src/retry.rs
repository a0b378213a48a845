//! Retries that are safe, inside one tracing span per call: [`exec`], which
//! the generated `ClientHooks::exec` (progenitor's hook, called by every
//! generated `send()`) calls for every request.
//!
//! Why progenitor's hook and not `reqwest-middleware` + `reqwest-retry`: the
//! generated code holds a plain `reqwest::Client` and calls
//! `ClientHooks::exec` with the operation's id, so the hook is the one
//! place that sees every request *and* knows which operation it is (for the
//! span's route). A middleware client would need progenitor to generate
//! against another client type, which it does not. `backon` supplies the
//! backoff schedule (exponential, with jitter); the loop is written here
//! because it must own the request: each attempt sends a copy, and a body
//! that cannot be copied (a stream) is sent once.
//!
//! What is retried, following RFC 9110 and the AWS SDKs' standard mode:
//! - a request whose method is idempotent (`GET`, `HEAD`, `OPTIONS`, `PUT`,
//!   `DELETE`, `TRACE`: `tokens_list`, `tokens_revoke`), after a connection
//!   failure, a timeout, or an answer 429, 502, 503 or 504;
//! - any request, `POST` included, whose connection could not be opened:
//!   nothing of it left this machine.
//!
//! A `POST` (the Tokens API's `tokens_create`) is never sent twice by this
//! hook once it may have reached the server: a second token could be
//! created, and the first one's plain value would be lost. Its 429, 503 or
//! timeout comes back to the caller. An API crate that can settle such a
//! call does so by hand (the Tokens crate's `create_token_once` first finds
//! out what the lost attempt made, revokes it, and then tries again under
//! this same policy, with [`RetryPolicy::delays`] and [`RetryPolicy::wait`]).
//!
//! This module is the loop, on top: the numbers it follows are the
//! [`RetryPolicy`] value's (`retry_policy.rs`), and the rules each attempt
//! meets (the method, the status, the failure, `Retry-After`) are in
//! `retryable.rs`, below the error type, whose questions ask the same.

use std::time::{Instant, SystemTime};

use reqwest::{Request, Response};
use tracing::Instrument;

use super::attempts::Attempts;
use super::policy::{Answered, CallPolicy};
use super::retry_policy::RetryPolicy;
use super::retryable::{
    is_idempotent, may_have_acted, retried_failure, retried_status, retry_after,
};
use super::secret::Secret;

/// Sends `request` for the generated `ClientHooks::exec`, again while the
/// policy allows and it is safe, inside `span` (made by [`call_span!`](crate::call_span)),
/// where it records the outcome. The answer carries how it is to be read
/// (the policy's `Reading`), and an error no URL holding the client's own
/// secret.
pub async fn exec(
    http: &reqwest::Client,
    request: Request,
    policy: &CallPolicy,
    span: tracing::Span,
) -> reqwest::Result<Response> {
    send(http, request, policy).instrument(span).await
}

/// Sends `request`, again while the policy allows and it is safe, and
/// records the outcome on the current span. The answer carries how it is
/// to be read (the policy's `Reading`) and the attempts made for it, in
/// one extension ([`Answered`]).
async fn send(
    http: &reqwest::Client,
    request: Request,
    call: &CallPolicy,
) -> reqwest::Result<Response> {
    match attempts(http, request, &call.retry).await {
        Ok((mut response, attempts)) => {
            response.extensions_mut().insert(Answered {
                reading: call.reading.clone(),
                attempts,
            });
            Ok(response)
        }
        Err(error) => Err(without_secret_url(error, call)),
    }
}

/// A transport error without its URL when the URL holds the client's own
/// secret (only a redirect the program chose to follow can put it there).
fn without_secret_url(error: reqwest::Error, call: &CallPolicy) -> reqwest::Error {
    let secret = call.reading.redacted.as_deref().map(Secret::expose_secret);
    match (secret, error.url()) {
        (Some(secret), Some(url)) if url.as_str().contains(secret) => error.without_url(),
        _ => error,
    }
}

/// The attempts of one call: the last answer, and how many were made.
async fn attempts(
    http: &reqwest::Client,
    request: Request,
    policy: &RetryPolicy,
) -> reqwest::Result<(Response, Attempts)> {
    let started = Instant::now();
    let idempotent = is_idempotent(request.method());
    let mut delays = policy.delays();
    let mut next = request;
    let mut attempt: u32 = 1;
    let mut earlier_may_have_acted = false;
    loop {
        let spare = next.try_clone();
        let result = http.execute(next).await;
        let retry = match (&result, spare) {
            (Ok(response), Some(spare)) if idempotent && retried_status(response.status()) => {
                let asked = retry_after(response.headers(), SystemTime::now());
                Some((spare, response.status().as_str().to_owned(), asked))
            }
            (Err(error), Some(spare)) if retried_failure(error, idempotent) => {
                Some((spare, failure_kind(error).to_owned(), None))
            }
            _ => None,
        };
        let wait = retry
            .as_ref()
            .map(|(_, _, asked)| policy.next(delays.next(), *asked, started.elapsed()));
        match (retry, wait) {
            (Some((spare, reason, _)), Some(Ok(wait))) => {
                tracing::debug!(attempt, %reason, wait_ms = wait.as_millis() as u64, "retrying");
                earlier_may_have_acted |= may_have_acted(&result);
                tokio::time::sleep(wait).await;
                next = spare;
                attempt += 1;
            }
            (retry, wait) => {
                if let (Some((_, reason, asked)), Some(Err(stop))) = (retry, wait) {
                    // A rule ended the call although the answer is worth
                    // another attempt: say which, so that a test or a log
                    // shows why a 429 came back at once.
                    tracing::debug!(
                        attempt,
                        %reason,
                        stopped_by = stop.as_str(),
                        retry_after_s = asked.map(|a| a.as_secs()),
                        "not retrying"
                    );
                }
                record(&result, attempt, started);
                return result
                    .map(|response| (response, Attempts::new(attempt, earlier_may_have_acted)));
            }
        }
    }
}

fn record(result: &reqwest::Result<Response>, attempts: u32, started: Instant) {
    let span = tracing::Span::current();
    let latency_ms = started.elapsed().as_millis() as u64;
    span.record("attempts", attempts);
    span.record("latency_ms", latency_ms);
    match result {
        Ok(response) => {
            span.record("status", response.status().as_u16());
            tracing::debug!(
                status = response.status().as_u16(),
                attempts,
                latency_ms,
                "answered"
            );
        }
        Err(error) => {
            // The kind only: reqwest's message holds the URL.
            tracing::debug!(
                failure = failure_kind(error),
                attempts,
                latency_ms,
                "no answer"
            );
        }
    }
}

fn failure_kind(error: &reqwest::Error) -> &'static str {
    if error.is_connect() {
        "connect"
    } else if error.is_timeout() {
        "timeout"
    } else {
        "request"
    }
}
