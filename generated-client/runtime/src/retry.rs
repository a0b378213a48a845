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
//! This module is the schedule and the loop; the rules each attempt meets
//! (the method, the status, the failure, `Retry-After`) are in
//! `retryable.rs`, beside the same questions asked of an `Error`.

use std::time::{Duration, Instant, SystemTime};

use backon::{BackoffBuilder, ExponentialBuilder};
use reqwest::{Request, Response};
use tracing::Instrument;

use super::policy::CallPolicy;
use super::retryable::{
    is_idempotent, may_have_acted, retried_failure, retried_status, retry_after,
};

/// When and how often a call is tried again. Set it in a [`CallPolicy`]
/// (the Tokens crate's `ClientBuilder::retry_policy` does).
///
/// ```
/// use std::time::Duration;
/// use quantcdn_client_runtime::RetryPolicy;
///
/// // Up to five attempts, the first wait about a second.
/// let patient = RetryPolicy::default()
///     .max_attempts(5)
///     .base_delay(Duration::from_secs(1));
/// // One attempt: every failure comes straight back.
/// let none = RetryPolicy::none();
/// # let _ = (patient, none);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    max_elapsed: Duration,
}

impl Default for RetryPolicy {
    /// Three attempts; waits of 0.5–1 s, then 1–2 s; no single wait over
    /// 20 s; no new attempt 30 s after the first began.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(20),
            max_elapsed: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// No retries: one attempt per call.
    pub fn none() -> Self {
        RetryPolicy::default().max_attempts(1)
    }

    /// Attempts per call, the first included (default 3; at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The first wait before jitter (default 500 ms). The n-th wait is
    /// `base_delay × 2ⁿ⁻¹`, plus a random part of up to as much again; a
    /// `Retry-After` asking for less (or a date in the past) does not
    /// shorten it.
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest single wait (default 20 s). A `Retry-After` asking for
    /// more is not waited out: the answer goes back to the caller.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// No attempt starts once this long has passed since the first began
    /// (default 30 s). A call takes at most this plus one request timeout.
    pub fn max_elapsed(mut self, elapsed: Duration) -> Self {
        self.max_elapsed = elapsed;
        self
    }

    /// The first wait before jitter (see [`RetryPolicy::base_delay`]).
    pub fn first_delay(&self) -> Duration {
        self.base_delay
    }

    /// The backoff schedule: one wait per retry, for a caller that retries
    /// by hand (with [`RetryPolicy::wait`]).
    pub fn delays(&self) -> impl Iterator<Item = Duration> + use<> {
        ExponentialBuilder::default()
            .with_min_delay(self.base_delay)
            .with_max_delay(self.max_delay)
            .with_factor(2.0)
            .with_jitter()
            .with_max_times(self.max_attempts.saturating_sub(1) as usize)
            .build()
    }

    /// How long to wait before the next attempt, or `None` to stop:
    /// the schedule is spent, the server asks for longer than
    /// `max_delay`, or the wait would end past `max_elapsed`. The wait is
    /// the schedule's or the server's, whichever is longer: a server that
    /// asks for none (`Retry-After: 0`, a date in the past) is not
    /// hammered.
    pub fn wait(
        &self,
        scheduled: Option<Duration>,
        asked: Option<Duration>,
        elapsed: Duration,
    ) -> Option<Duration> {
        // backon's jitter may go up to twice the capped delay.
        let scheduled = scheduled?.min(self.max_delay);
        let wait = match asked {
            Some(asked) if asked > self.max_delay => return None,
            Some(asked) => asked.max(scheduled),
            None => scheduled,
        };
        (elapsed + wait <= self.max_elapsed).then_some(wait)
    }
}

/// How many attempts a call made, and whether one before the last may have
/// been acted on by the server although its answer was lost (a timeout, a
/// reset, a 502 or 504 from a gateway). A documented error answer carries
/// it ([`DocumentedError::attempts`](crate::DocumentedError::attempts)):
/// a 404 to a retried `DELETE` whose earlier attempt may have acted means
/// that attempt may have deleted it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempts {
    count: u32,
    earlier_may_have_acted: bool,
}

impl Default for Attempts {
    /// One attempt.
    fn default() -> Self {
        Attempts {
            count: 1,
            earlier_may_have_acted: false,
        }
    }
}

impl Attempts {
    /// The attempts made, the last one included (at least 1).
    pub fn count(&self) -> u32 {
        self.count
    }

    /// An attempt before the last may have been acted on by the server,
    /// and its answer was lost.
    pub fn earlier_may_have_acted(&self) -> bool {
        self.earlier_may_have_acted
    }

    /// The attempts attached to an answer by the hook (one, for an answer
    /// made outside it).
    pub(crate) fn of(response: &Response) -> Attempts {
        response
            .extensions()
            .get::<Attempts>()
            .copied()
            .unwrap_or_default()
    }
}

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
/// to be read (the policy's `Reading`).
async fn send(
    http: &reqwest::Client,
    request: Request,
    call: &CallPolicy,
) -> reqwest::Result<Response> {
    let result = attempts(http, request, &call.retry).await;
    match result {
        Ok(mut response) => {
            response.extensions_mut().insert(call.reading.clone());
            Ok(response)
        }
        Err(error) => Err(without_secret_url(error, call)),
    }
}

/// A transport error without its URL when the URL holds the client's own
/// secret (only a redirect the program chose to follow can put it there).
fn without_secret_url(error: reqwest::Error, call: &CallPolicy) -> reqwest::Error {
    let secret = call
        .reading
        .redacted
        .as_deref()
        .map(super::Secret::expose_secret);
    match (secret, error.url()) {
        (Some(secret), Some(url)) if url.as_str().contains(secret) => error.without_url(),
        _ => error,
    }
}

/// The attempts of one call.
async fn attempts(
    http: &reqwest::Client,
    request: Request,
    policy: &RetryPolicy,
) -> reqwest::Result<Response> {
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
            .and_then(|(_, _, asked)| policy.wait(delays.next(), *asked, started.elapsed()));
        match (retry, wait) {
            (Some((spare, reason, _)), Some(wait)) => {
                tracing::debug!(attempt, %reason, wait_ms = wait.as_millis() as u64, "retrying");
                earlier_may_have_acted |= may_have_acted(&result);
                tokio::time::sleep(wait).await;
                next = spare;
                attempt += 1;
            }
            _ => {
                record(&result, attempt, started);
                return result.map(|mut response| {
                    response.extensions_mut().insert(Attempts {
                        count: attempt,
                        earlier_may_have_acted,
                    });
                    response
                });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schedule_doubles_with_jitter_and_stops_after_the_attempts() {
        let policy = RetryPolicy::default()
            .max_attempts(4)
            .base_delay(Duration::from_millis(100));
        let delays: Vec<Duration> = policy.delays().collect();
        assert_eq!(delays.len(), 3, "{delays:?}");
        for (i, delay) in delays.iter().enumerate() {
            let floor = Duration::from_millis(100) * 2u32.pow(i as u32);
            assert!(
                *delay >= floor && *delay <= floor * 2,
                "wait {i}: {delay:?}"
            );
        }
        assert_eq!(RetryPolicy::none().delays().count(), 0);
    }

    #[test]
    fn a_wait_is_capped_and_bounded_by_the_elapsed_time() {
        let policy = RetryPolicy::default()
            .max_delay(Duration::from_secs(5))
            .max_elapsed(Duration::from_secs(10));
        let second = Duration::from_secs(1);
        // The schedule's wait, capped.
        assert_eq!(
            policy.wait(Some(second * 8), None, Duration::ZERO),
            Some(second * 5)
        );
        // The server's wait replaces a shorter one of the schedule...
        assert_eq!(
            policy.wait(Some(second), Some(second * 3), Duration::ZERO),
            Some(second * 3)
        );
        // ...but not a longer one: `Retry-After: 0` or a date in the past
        // waits the schedule's, at least the base delay.
        assert_eq!(
            policy.wait(Some(second * 2), Some(Duration::ZERO), Duration::ZERO),
            Some(second * 2)
        );
        // ...unless it asks for more than the cap.
        assert_eq!(
            policy.wait(Some(second), Some(second * 6), Duration::ZERO),
            None
        );
        // A spent schedule ends the call, whatever the server asks.
        assert_eq!(policy.wait(None, Some(second), Duration::ZERO), None);
        // No wait may end past max_elapsed.
        assert_eq!(
            policy.wait(Some(second * 2), None, second * 8),
            Some(second * 2)
        );
        assert_eq!(policy.wait(Some(second * 2), None, second * 9), None);
    }
}
