//! [`RetryPolicy`]: when and how often a call is tried again, as a value
//! with its rules as pure functions ([`RetryPolicy::delays`],
//! [`RetryPolicy::wait`]), so that the loop that applies them (`retry.rs`)
//! and a caller that retries by hand (the Tokens crate's
//! `create_token_once`) follow the same numbers.
//!
//! Each number has one job. `max_delay` caps the waits of the client's own
//! schedule; `max_retry_after` caps how long a server may ask the client to
//! wait (`Retry-After`). They are apart so that a test that shortens the
//! schedule (`max_delay` of 50 ms) still sees a `Retry-After: 1` honoured,
//! instead of the 429 coming back at once for a reason the test never set.

use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBuilder};

/// When and how often a call is tried again. Set it in a
/// [`CallPolicy`](crate::CallPolicy) (the Tokens crate's
/// `ClientBuilder::retry_policy` does).
///
/// The rules, with the defaults:
///
/// | setting | default | what it bounds |
/// |---|---|---|
/// | [`max_attempts`](Self::max_attempts) | 3 | attempts per call, the first included |
/// | [`base_delay`](Self::base_delay) | 500 ms | the first wait; the n-th is `base_delay × 2ⁿ⁻¹` plus up to as much again (jitter) |
/// | [`max_delay`](Self::max_delay) | 20 s | any wait of the schedule |
/// | [`max_retry_after`](Self::max_retry_after) | 20 s | the wait a server asks for with `Retry-After`: longer, and the answer comes back at once |
/// | [`max_elapsed`](Self::max_elapsed) | 30 s | no attempt starts later than this after the first began |
///
/// ```
/// use std::time::Duration;
/// use openapi_client_runtime::RetryPolicy;
///
/// // Up to five attempts, the first wait about a second.
/// let patient = RetryPolicy::default()
///     .max_attempts(5)
///     .base_delay(Duration::from_secs(1));
/// // Fast for tests: a short schedule, and a server's `Retry-After` of
/// // more than 2 s is not waited out.
/// let quick = RetryPolicy::default()
///     .base_delay(Duration::from_millis(10))
///     .max_delay(Duration::from_millis(50))
///     .max_retry_after(Duration::from_secs(2));
/// // One attempt: every failure comes straight back.
/// let none = RetryPolicy::none();
/// # let _ = (patient, quick, none);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    max_retry_after: Duration,
    max_elapsed: Duration,
}

impl Default for RetryPolicy {
    /// Three attempts; waits of 0.5–1 s, then 1–2 s; no wait of the
    /// schedule over 20 s; a `Retry-After` of up to 20 s waited out; no new
    /// attempt 30 s after the first began.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(20),
            max_retry_after: Duration::from_secs(20),
            max_elapsed: Duration::from_secs(30),
        }
    }
}

/// Why no attempt follows: what [`RetryPolicy::next`] says instead of a
/// wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    /// The schedule is spent: `max_attempts` were made.
    AttemptsSpent,
    /// The server asks for a longer wait than `max_retry_after`.
    RetryAfterTooLong,
    /// The wait would end past `max_elapsed`.
    OutOfTime,
}

impl Stop {
    /// The reason, as a tracing event records it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Stop::AttemptsSpent => "max_attempts",
            Stop::RetryAfterTooLong => "max_retry_after",
            Stop::OutOfTime => "max_elapsed",
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
    /// `base_delay × 2ⁿ⁻¹`, plus a random part of up to as much again, and
    /// at most [`max_delay`](Self::max_delay).
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest wait of the client's own schedule (default 20 s). It
    /// does not bound what a server asks for: that is
    /// [`max_retry_after`](Self::max_retry_after).
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The longest wait a server may ask for with `Retry-After` (default
    /// 20 s). A `Retry-After` up to it replaces a shorter wait of the
    /// schedule; one asking for more is not waited out: the answer comes
    /// back at once, and the error's `retry_after()` says what was asked.
    /// A `Retry-After` asking for less than the schedule (`0`, a date in
    /// the past) does not shorten its wait.
    pub fn max_retry_after(mut self, wait: Duration) -> Self {
        self.max_retry_after = wait;
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

    /// The longest wait a server may ask for (see
    /// [`RetryPolicy::max_retry_after`]).
    pub fn retry_after_limit(&self) -> Duration {
        self.max_retry_after
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

    /// How long to wait before the next attempt, or `None` to stop: the
    /// schedule is spent, the server asks for longer than
    /// `max_retry_after`, or the wait would end past `max_elapsed`. The
    /// wait is the schedule's (`scheduled`, at most `max_delay`) or the
    /// server's (`asked`), whichever is longer: a server that asks for none
    /// (`Retry-After: 0`, a date in the past) is not hammered.
    pub fn wait(
        &self,
        scheduled: Option<Duration>,
        asked: Option<Duration>,
        elapsed: Duration,
    ) -> Option<Duration> {
        self.next(scheduled, asked, elapsed).ok()
    }

    /// [`RetryPolicy::wait`], saying why there is none.
    pub(crate) fn next(
        &self,
        scheduled: Option<Duration>,
        asked: Option<Duration>,
        elapsed: Duration,
    ) -> Result<Duration, Stop> {
        // backon's jitter may go up to twice the capped delay.
        let scheduled = scheduled.ok_or(Stop::AttemptsSpent)?.min(self.max_delay);
        let wait = match asked {
            Some(asked) if asked > self.max_retry_after => return Err(Stop::RetryAfterTooLong),
            Some(asked) => asked.max(scheduled),
            None => scheduled,
        };
        if elapsed + wait <= self.max_elapsed {
            Ok(wait)
        } else {
            Err(Stop::OutOfTime)
        }
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
            .max_retry_after(Duration::from_secs(5))
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
        // ...unless it asks for more than its own cap.
        assert_eq!(
            policy.next(Some(second), Some(second * 6), Duration::ZERO),
            Err(Stop::RetryAfterTooLong)
        );
        // A spent schedule ends the call, whatever the server asks.
        assert_eq!(
            policy.next(None, Some(second), Duration::ZERO),
            Err(Stop::AttemptsSpent)
        );
        // No wait may end past max_elapsed.
        assert_eq!(
            policy.wait(Some(second * 2), None, second * 8),
            Some(second * 2)
        );
        assert_eq!(
            policy.next(Some(second * 2), None, second * 9),
            Err(Stop::OutOfTime)
        );
    }

    /// The schedule's cap and the server's are two settings: a test that
    /// shortens the schedule still has a `Retry-After: 1` waited out.
    #[test]
    fn a_short_schedule_still_honours_a_short_retry_after() {
        let quick = RetryPolicy::default()
            .base_delay(Duration::from_millis(10))
            .max_delay(Duration::from_millis(50));
        let second = Duration::from_secs(1);
        assert_eq!(
            quick.wait(
                Some(Duration::from_millis(10)),
                Some(second),
                Duration::ZERO
            ),
            Some(second)
        );
        assert_eq!(
            quick.wait(Some(Duration::from_millis(10)), None, Duration::ZERO),
            Some(Duration::from_millis(10))
        );
        // The server's cap is its own setting.
        let impatient = quick.max_retry_after(Duration::from_millis(500));
        assert_eq!(
            impatient.wait(
                Some(Duration::from_millis(10)),
                Some(second),
                Duration::ZERO
            ),
            None
        );
    }
}
