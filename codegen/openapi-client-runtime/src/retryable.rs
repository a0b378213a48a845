//! The rules of trying again, on what an attempt meets: which methods are
//! idempotent, which statuses say "not now", which failures may or may
//! not have reached the server, which answers mean the server may have
//! acted, and the wait a `Retry-After` header asks for.
//!
//! Classification of answers and failures (`reqwest` values), below the
//! error type: the retry loop (`retry.rs`) applies these rules to each
//! attempt, and the questions asked of an [`Error`](crate::Error)
//! (`questions.rs`) ask them of the answer it holds. They differ in one
//! way: `Error::is_retryable` says whether trying again *may succeed*
//! (progenitor's statuses, 408 included, whatever the method), the loop's
//! rules whether *the loop* sends it again (never a `POST` that may have
//! reached the server).

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, StatusCode};

/// RFC 9110 §9.2.2: sending these twice has the effect of sending them once.
pub(super) fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::PUT | Method::DELETE | Method::TRACE
    )
}

/// The answers that say "not now": too many requests, and a gateway or
/// server that is briefly unavailable.
pub(super) fn retried_status(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::TOO_MANY_REQUESTS
            | StatusCode::BAD_GATEWAY
            | StatusCode::SERVICE_UNAVAILABLE
            | StatusCode::GATEWAY_TIMEOUT
    )
}

/// Whether an attempt that is retried may have been acted on: an answer
/// from a gateway that lost the origin's (502, 504), or a failure after
/// the request left (a reset, a timeout). A connection never opened, a 429
/// or a 503 (the server says it did not take the request) was not.
pub(super) fn may_have_acted(result: &reqwest::Result<reqwest::Response>) -> bool {
    match result {
        Ok(response) => matches!(
            response.status(),
            StatusCode::BAD_GATEWAY | StatusCode::GATEWAY_TIMEOUT
        ),
        Err(error) => !error.is_connect(),
    }
}

/// Whether the server may have carried out a request it answered with
/// `status`: a success or a redirect did; a client error (4xx) was
/// refused; a server error (5xx) may have come after acting, except 503
/// (the server says it did not take the request) and 501 (it cannot).
pub(super) fn status_may_have_acted(status: StatusCode) -> bool {
    match status.as_u16() {
        400..=499 | 501 | 503 => false,
        _ => !status.is_informational(),
    }
}

/// A connection that could not be opened sent nothing, whatever the method;
/// anything later (a reset, a timeout) may have reached the server.
pub(super) fn retried_failure(error: &reqwest::Error, idempotent: bool) -> bool {
    error.is_connect() || (idempotent && (error.is_timeout() || error.is_request()))
}

/// The wait a `Retry-After` header asks for, in seconds or as an HTTP date
/// (RFC 9110 §10.2.3); a date in the past asks for none. `None` when the
/// header is missing or unreadable.
pub(super) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(retry_after: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_str(retry_after).unwrap());
        headers
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_784_000_000);
        assert_eq!(
            retry_after(&headers("7"), now),
            Some(Duration::from_secs(7))
        );
        assert_eq!(retry_after(&headers(" 0 "), now), Some(Duration::ZERO));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(90));
        assert_eq!(
            retry_after(&headers(&later), now),
            Some(Duration::from_secs(90))
        );
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(90));
        assert_eq!(retry_after(&headers(&earlier), now), Some(Duration::ZERO));
        for unreadable in ["soon", "-3", "1.5", ""] {
            assert_eq!(
                retry_after(&headers(unreadable), now),
                None,
                "{unreadable:?}"
            );
        }
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn only_idempotent_methods_are_idempotent() {
        for method in [
            Method::GET,
            Method::HEAD,
            Method::OPTIONS,
            Method::PUT,
            Method::DELETE,
            Method::TRACE,
        ] {
            assert!(is_idempotent(&method), "{method}");
        }
        for method in [Method::POST, Method::PATCH, Method::CONNECT] {
            assert!(!is_idempotent(&method), "{method}");
        }
    }
}
