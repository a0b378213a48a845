//! [`Error`]: what every call returns when it fails. Its `Display` says why
//! in one line: for a documented error, the status and the message the
//! server wrote (`403 Forbidden: This token may not manage tokens`). No
//! text of it prints the rest of a response body; the body stays reachable
//! through methods, for a program that wants it.
//!
//! The generated client returns this type instead of progenitor's (the
//! same variants, and [`Error::ResponseTooLarge`]; see codegen's
//! `runtime_error` pass), and reads every body through `read.rs`.
//!
//! Every text here that comes from an answer (a message, a path, a
//! redirect's address) has had the client's own bearer token replaced
//! (`redact.rs`), and is shown on one line with control and bidirectional
//! characters escaped ([`one_line`]).

use std::fmt;
use std::ops::Deref;

use progenitor_client::ResponseValue;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, LOCATION};

use super::policy::Reading;
use super::redact;
use super::secret::Secret;

/// Why a call failed. Every variant but `InvalidRequest` means the request
/// may have reached the server.
///
/// Printing an error never prints a response body beyond a documented
/// error's message (`Display`) and typed object (`Debug`): the object is
/// read with the API crate's questions (the Tokens crate's `ApiErrorExt`), a body that does not match
/// the spec with [`Error::response_body`].
#[non_exhaustive]
pub enum Error<E = ()> {
    /// The request could not be built (a parameter or a body field that was
    /// not set or does not convert): nothing was sent.
    InvalidRequest(String),
    /// No answer: connection refused or reset, timeout, TLS, DNS.
    CommunicationError(reqwest::Error),
    /// A connection upgrade failed.
    InvalidUpgrade(reqwest::Error),
    /// A documented error status, with its typed body and the message the
    /// server wrote (`Display` shows it).
    ErrorResponse(DocumentedError<E>),
    /// The body of an answer could not be read to its end.
    ResponseBodyError(reqwest::Error),
    /// A documented status whose body does not match the spec.
    InvalidResponsePayload(InvalidPayload),
    /// A status the spec does not document; its body is not read (read
    /// it yourself, it is not held to the response limit). A redirect is
    /// one: the client follows none (see the Tokens crate's
    /// `ClientBuilder::redirect_policy`), and `Display` names the origin it
    /// points to.
    UnexpectedResponse(reqwest::Response),
    /// An error from a client hook.
    Custom(String),
    /// A documented answer whose body is larger than the client reads
    /// ([`CallPolicy::max_response_bytes`](crate::CallPolicy::max_response_bytes),
    /// 16 MiB by default): it was not read past the limit, and nothing of
    /// it is kept.
    ResponseTooLarge {
        /// The answer's status.
        status: StatusCode,
        /// The client's limit, in bytes.
        limit: usize,
    },
}

/// A documented error answer ([`Error::ErrorResponse`]): the typed error
/// object with its status and headers (a progenitor `ResponseValue`, which
/// it dereferences to, so `e.status()` and `e.message` read as they do on
/// progenitor's), and the message the server wrote for people.
///
/// `Display` of the error shows the status and that message, bounded in
/// length and with control characters escaped; `Debug` shows the typed
/// object. No other part of the body is ever printed.
pub struct DocumentedError<E> {
    value: ResponseValue<E>,
    message: Option<String>,
    /// `Debug` of `E`, taken where `E` was read (the generated error types
    /// are `Debug`; a byte stream is not), so `Error<E>` is `Debug` for
    /// every `E`.
    debug: fn(&E, &mut fmt::Formatter<'_>) -> fmt::Result,
}

/// The longest message `Display` shows, in characters; a longer one ends
/// with `…`.
const MESSAGE_CHARS: usize = 300;

/// The longest `Debug` of an error object, in characters.
const DEBUG_CHARS: usize = 2000;

impl<E> DocumentedError<E> {
    /// The server's message (the error object's `message`), as it sent it:
    /// `None` when the body has none, or when the spec marks it secret.
    /// `Display` shows it bounded and escaped.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
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
        let DocumentedError { value, message, .. } = self;
        let (status, headers) = (value.status(), value.headers().clone());
        DocumentedError {
            value: ResponseValue::new(f(value.into_inner()), status, headers),
            message,
            debug: <F as fmt::Debug>::fmt,
        }
    }

    /// A documented error read from its body, with the message the server
    /// wrote (redacted already).
    pub(super) fn read(value: ResponseValue<E>, message: Option<String>) -> Self
    where
        E: fmt::Debug,
    {
        DocumentedError {
            value,
            message,
            debug: <E as fmt::Debug>::fmt,
        }
    }

    /// The same answer without its typed object (the message is kept).
    fn untyped(&self) -> DocumentedError<()> {
        DocumentedError {
            value: ResponseValue::new((), self.value.status(), self.value.headers().clone()),
            message: self.message.clone(),
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
        /// At most `DEBUG_CHARS` of it: a hostile server's message may be
        /// megabytes.
        struct Shown<'a, E>(&'a DocumentedError<E>);
        impl<E> fmt::Debug for Shown<'_, E> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                use fmt::Write as _;
                let mut shown = Bounded::new(DEBUG_CHARS);
                let _ = if f.alternate() {
                    write!(shown, "{:#?}", Object(self.0))
                } else {
                    write!(shown, "{:?}", Object(self.0))
                };
                f.write_str(&shown.text)?;
                if shown.cut {
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

/// A `fmt::Write` that keeps the first `limit` characters and then
/// refuses the rest (which stops the formatting).
struct Bounded {
    text: String,
    left: usize,
    cut: bool,
}

impl Bounded {
    fn new(limit: usize) -> Self {
        Bounded {
            text: String::new(),
            left: limit,
            cut: false,
        }
    }
}

impl fmt::Write for Bounded {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for c in s.chars() {
            if self.left == 0 {
                self.cut = true;
                return Err(fmt::Error);
            }
            self.text.push(c);
            self.left -= 1;
        }
        Ok(())
    }
}

/// A text from the server as one line of at most `MESSAGE_CHARS`
/// characters: control characters (a newline, an escape sequence), the
/// line and paragraph separators, and the bidirectional controls that
/// reorder text on a terminal are escaped, so a message can neither forge
/// log lines nor hide what it says.
pub(super) fn one_line(message: &str) -> String {
    let mut line = String::new();
    for (n, c) in message.trim().chars().enumerate() {
        if n == MESSAGE_CHARS {
            line.push('…');
            break;
        }
        if c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}') {
            line.extend(c.escape_default());
        } else {
            line.push(c);
        }
    }
    line
}

/// Unicode's `Bidi_Control` characters (PropList.txt): the marks, embeddings,
/// overrides and isolates that change the order text is shown in.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// A documented answer whose body does not match the spec: its status, its
/// headers, its raw body (never printed by this crate) and the values of
/// the secret fields it holds.
pub struct InvalidPayload {
    status: Option<StatusCode>,
    headers: HeaderMap,
    body: Vec<u8>,
    problem: String,
    secrets: Vec<(String, Secret)>,
}

impl InvalidPayload {
    /// A body that does not match: what serde found wrong, without the
    /// values it quotes and without the `redacted` secret.
    pub(super) fn new(
        status: Option<StatusCode>,
        headers: HeaderMap,
        body: Vec<u8>,
        error: &serde_json::Error,
        secret_keys: &[&str],
        redacted: Option<&Secret>,
    ) -> Self {
        let problem = redact::text(redacted, &problem(error)).into_owned();
        Self::with_problem(status, headers, body, problem, secret_keys)
    }

    /// An answer whose status the spec does not document for the call,
    /// read in full: for `create_token_once`, which recovers a token from
    /// an undocumented success.
    pub(super) fn undocumented(
        status: StatusCode,
        headers: HeaderMap,
        body: Vec<u8>,
        secret_keys: &[&str],
    ) -> Self {
        let problem = format!("the spec does not document the status {status} for this call");
        Self::with_problem(Some(status), headers, body, problem, secret_keys)
    }

    fn with_problem(
        status: Option<StatusCode>,
        headers: HeaderMap,
        body: Vec<u8>,
        problem: String,
        secret_keys: &[&str],
    ) -> Self {
        let secrets = match serde_json::from_slice::<serde_json::Value>(&body) {
            Ok(json) => secret_keys
                .iter()
                .filter_map(|key| {
                    let secret = match holder(&json, key)?.get(*key)? {
                        serde_json::Value::String(s) => Secret::from(s.as_str()),
                        n @ serde_json::Value::Number(_) => Secret::from(n.to_string()),
                        _ => return None,
                    };
                    Some(((*key).to_owned(), secret))
                })
                .collect(),
            Err(_) => Vec::new(),
        };
        InvalidPayload {
            status,
            headers,
            body,
            problem,
            secrets,
        }
    }

    /// The status the server answered with.
    pub fn status(&self) -> Option<StatusCode> {
        self.status
    }

    /// The headers of the answer.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The raw body. It may hold secrets: this crate never prints it.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The body as JSON, when it is JSON at all.
    pub fn body_json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// What does not match, without the values (`invalid type: string,
    /// expected i64 at line 1 column 57`).
    pub fn problem(&self) -> &str {
        &self.problem
    }

    /// The object of the body that holds `key`, at the top or inside an
    /// envelope (`{"data": {..}}`), when the body is JSON: where the other
    /// fields of a recovered secret are (`holder("token")` has the `id`).
    pub fn holder(&self, key: &str) -> Option<serde_json::Map<String, serde_json::Value>> {
        holder(&self.body_json()?, key).cloned()
    }

    /// A secret field of the expected type, found in the body.
    pub fn secret(&self, key: &str) -> Option<&Secret> {
        self.secrets.iter().find(|(k, _)| k == key).map(|(_, s)| s)
    }

    /// The names of the secret fields found in the body.
    pub fn secret_keys(&self) -> impl Iterator<Item = &str> {
        self.secrets.iter().map(|(k, _)| k.as_str())
    }
}

/// The first object holding `key` in the JSON, breadth first and at most
/// four levels down (so a token in a `{"data": {..}}` envelope is found).
fn holder<'a>(
    json: &'a serde_json::Value,
    key: &str,
) -> Option<&'a serde_json::Map<String, serde_json::Value>> {
    let mut level = vec![json];
    for _ in 0..4 {
        let mut next = Vec::new();
        for value in level {
            match value {
                serde_json::Value::Object(map) => {
                    if map.contains_key(key) {
                        return Some(map);
                    }
                    next.extend(map.values());
                }
                serde_json::Value::Array(items) => next.extend(items),
                _ => {}
            }
        }
        level = next;
    }
    None
}

/// serde_json's message without the values it quotes from the body
/// (`invalid type: string "qc_…", expected i64` names the value it found),
/// then where the problem is.
fn problem(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m);
    let redacted = if let Some(rest) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
    {
        let kind = message.split(':').next().unwrap_or_default();
        // `string "qc_…"`, `floating point `1.5``: the kind, not the value.
        // The last `, expected`: serde appends it after the value, which
        // may hold the same words.
        let (found, expected) = match rest.rsplit_once(", expected ") {
            Some((found, expected)) => (found, Some(expected)),
            None => (rest, None),
        };
        let found = found.split(['`', '"']).next().unwrap_or_default().trim();
        match expected {
            Some(expected) => format!("{kind}: {found}, expected {expected}"),
            None => format!("{kind}: {found}"),
        }
    } else if let Some(rest) = message.strip_prefix("unknown variant ") {
        match rest.rsplit_once(", expected ") {
            Some((_, expected)) => format!("unknown variant, expected {expected}"),
            None => "unknown variant".to_owned(),
        }
    } else if !message.contains(['"', '`']) {
        // serde quotes every value it shows (`string "…"`, `` `5` ``);
        // a message without quotes (`missing field`, chrono's `input
        // contains invalid characters`) shows none.
        message.to_owned()
    } else if message.starts_with("missing field")
        || message.starts_with("unknown field")
        || message.starts_with("duplicate field")
    {
        // The quoted word is a field name from the schema or the body's
        // keys, not a value.
        message.to_owned()
    } else {
        // A message from a type's own parser that may quote the value:
        // keep only its category.
        format!("{:?} error", error.classify()).to_lowercase()
    };
    format!(
        "{redacted} at line {} column {}",
        error.line(),
        error.column()
    )
}

impl<E> Error<E> {
    /// The status of the answer, when one arrived.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::InvalidRequest(_) | Error::Custom(_) => None,
            Error::CommunicationError(e)
            | Error::InvalidUpgrade(e)
            | Error::ResponseBodyError(e) => e.status(),
            Error::ErrorResponse(rv) => Some(rv.status()),
            Error::InvalidResponsePayload(p) => p.status(),
            Error::UnexpectedResponse(r) => Some(r.status()),
            Error::ResponseTooLarge { status, .. } => Some(*status),
        }
    }

    /// Whether trying again may succeed: no answer at all, or an answer
    /// with 408, 429, 502, 503 or 504 (progenitor's statuses; unlike
    /// progenitor, also when such an answer's body does not match the
    /// spec). Whether it is *safe* to try again is another question: a
    /// created token may exist already (see [`Error::recovered_secret`]).
    pub fn is_retryable(&self) -> bool {
        let retryable = |s: StatusCode| {
            matches!(
                s,
                StatusCode::REQUEST_TIMEOUT
                    | StatusCode::TOO_MANY_REQUESTS
                    | StatusCode::BAD_GATEWAY
                    | StatusCode::SERVICE_UNAVAILABLE
                    | StatusCode::GATEWAY_TIMEOUT
            )
        };
        match self {
            Error::CommunicationError(_) => true,
            _ => self.status().is_some_and(retryable),
        }
    }

    /// 429: the server asks for fewer requests. [`Error::retry_after`] says
    /// when it will take more. `tokens_list` and `tokens_revoke` have been
    /// tried again already when this comes back (see [`RetryPolicy`]);
    /// `tokens_create` never is.
    ///
    /// [`RetryPolicy`]: crate::RetryPolicy
    pub fn is_rate_limited(&self) -> bool {
        self.status() == Some(StatusCode::TOO_MANY_REQUESTS)
    }

    /// The wait the answer's `Retry-After` header asks for (given in
    /// seconds or as an HTTP date), when it has one.
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        let headers = match self {
            Error::ErrorResponse(rv) => rv.headers(),
            Error::InvalidResponsePayload(p) => p.headers(),
            Error::UnexpectedResponse(r) => r.headers(),
            _ => return None,
        };
        super::retry::retry_after(headers, std::time::SystemTime::now())
    }

    /// The raw body of an answer that does not match the spec. It may hold
    /// secrets: this crate never prints it.
    pub fn response_body(&self) -> Option<&[u8]> {
        match self {
            Error::InvalidResponsePayload(p) => Some(p.body()),
            _ => None,
        }
    }

    /// A secret field of the expected answer, found in an answer that does
    /// not match the spec (`"token"` of a created token).
    pub fn recovered_secret(&self, key: &str) -> Option<&Secret> {
        match self {
            Error::InvalidResponsePayload(p) => p.secret(key),
            _ => None,
        }
    }

    /// The same error without its typed error body.
    pub fn into_untyped(self) -> Error {
        match self {
            Error::InvalidRequest(s) => Error::InvalidRequest(s),
            Error::CommunicationError(e) => Error::CommunicationError(e),
            Error::InvalidUpgrade(e) => Error::InvalidUpgrade(e),
            Error::ErrorResponse(documented) => Error::ErrorResponse(documented.untyped()),
            Error::ResponseBodyError(e) => Error::ResponseBodyError(e),
            Error::InvalidResponsePayload(p) => Error::InvalidResponsePayload(p),
            Error::UnexpectedResponse(r) => Error::UnexpectedResponse(r),
            Error::Custom(s) => Error::Custom(s),
            Error::ResponseTooLarge { status, limit } => Error::ResponseTooLarge { status, limit },
        }
    }
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest(s) => write!(f, "invalid request (nothing was sent): {s}")?,
            Error::CommunicationError(e) => {
                write!(f, "communication error: {e}{}", Cause(e, f.alternate()))?
            }
            Error::InvalidUpgrade(e) => write!(
                f,
                "invalid connection upgrade: {e}{}",
                Cause(e, f.alternate())
            )?,
            Error::ErrorResponse(documented) => match documented.message() {
                Some(message) if !message.trim().is_empty() => {
                    write!(f, "{}: {}", documented.status(), one_line(message))?
                }
                _ => write!(
                    f,
                    "{} (a documented error, without a message)",
                    documented.status()
                )?,
            },
            Error::ResponseBodyError(e) => write!(
                f,
                "cannot read the answer's body: {e}{}",
                Cause(e, f.alternate())
            )?,
            Error::InvalidResponsePayload(p) => {
                let status = p
                    .status()
                    .map_or_else(|| "a status".to_owned(), |s| s.to_string());
                let keys: Vec<String> = p.secret_keys().map(|k| format!("`{k}`")).collect();
                let succeeded = p.status().is_some_and(|s| s.is_success());
                match (succeeded, keys.is_empty()) {
                    (true, false) => write!(
                        f,
                        "the server answered {status}: the request succeeded, and the answer holds {} \
                         (read it with `recovered_secret(..)`, or `created_token()` for a created token), \
                         but the rest of the answer does not match the spec: {}",
                        keys.join(", "),
                        p.problem()
                    )?,
                    (true, true) => write!(
                        f,
                        "the server answered {status}: the request succeeded, but the answer does not match the spec: {}",
                        p.problem()
                    )?,
                    (false, _) => write!(
                        f,
                        "the server answered {status} with a body that does not match the spec: {}",
                        p.problem()
                    )?,
                }
            }
            Error::UnexpectedResponse(r) => {
                write!(
                    f,
                    "unexpected answer: {} from {} (a status the spec does not document)",
                    r.status(),
                    shown_path(r)
                )?;
                if let Some(origin) = redirect_origin(r) {
                    write!(
                        f,
                        "; it redirects to {origin}, which was not followed (the API documents no redirect)"
                    )?;
                }
            }
            Error::Custom(s) => write!(f, "{s}")?,
            Error::ResponseTooLarge { status, limit } => write!(
                f,
                "the server answered {status} with a body larger than the client reads ({}), \
                 so it was not read (the limit is `max_response_bytes`)",
                bytes(*limit)
            )?,
        }
        if f.alternate() {
            let mut source = std::error::Error::source(self);
            while let Some(s) = source {
                write!(f, ": {s}")?;
                source = s.source();
            }
        }
        Ok(())
    }
}

/// `: <the root cause>` of a transport error, which is what says why
/// (reqwest's own text says only `error sending request for url (…)`; the
/// cause says `operation timed out`, `connection closed before message
/// completed`); nothing in alternate `Display`, which prints every cause.
struct Cause<'a>(&'a reqwest::Error, bool);

impl fmt::Display for Cause<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.1 {
            return Ok(());
        }
        let mut root: Option<&dyn std::error::Error> = None;
        let mut source = std::error::Error::source(self.0);
        while let Some(s) = source {
            root = Some(s);
            source = s.source();
        }
        match root {
            Some(root) => write!(f, ": {root}"),
            None => Ok(()),
        }
    }
}

impl<E> fmt::Debug for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest(s) => f.debug_tuple("InvalidRequest").field(s).finish(),
            Error::CommunicationError(e) => f.debug_tuple("CommunicationError").field(e).finish(),
            Error::InvalidUpgrade(e) => f.debug_tuple("InvalidUpgrade").field(e).finish(),
            Error::ErrorResponse(documented) => {
                f.debug_tuple("ErrorResponse").field(documented).finish()
            }
            Error::ResponseBodyError(e) => f.debug_tuple("ResponseBodyError").field(e).finish(),
            Error::InvalidResponsePayload(p) => {
                f.debug_tuple("InvalidResponsePayload").field(p).finish()
            }
            Error::UnexpectedResponse(r) => f
                .debug_struct("UnexpectedResponse")
                .field("status", &r.status())
                .field("path", &shown_path(r))
                .field("redirects_to", &redirect_origin(r))
                .finish(),
            Error::Custom(s) => f.debug_tuple("Custom").field(s).finish(),
            Error::ResponseTooLarge { status, limit } => f
                .debug_struct("ResponseTooLarge")
                .field("status", status)
                .field("limit", limit)
                .finish(),
        }
    }
}

/// The path an unexpected answer came from, redacted and on one line (the
/// request's own, unless a redirect policy the program set followed one).
fn shown_path(response: &reqwest::Response) -> String {
    let reading = Reading::of(response);
    one_line(&redact::text(
        reading.redacted.as_deref(),
        response.url().path(),
    ))
}

/// Where a redirect points: its origin only (scheme, host, port; never the
/// path or query, which may carry anything), redacted and on one line.
fn redirect_origin(response: &reqwest::Response) -> Option<String> {
    if !response.status().is_redirection() {
        return None;
    }
    let location = response.headers().get(LOCATION)?;
    let target = response
        .url()
        .join(&String::from_utf8_lossy(location.as_bytes()))
        .ok()?;
    let reading = Reading::of(response);
    let origin = target.origin().ascii_serialization();
    Some(one_line(&redact::text(
        reading.redacted.as_deref(),
        &origin,
    )))
}

/// `16 MiB`, `1500 bytes`.
fn bytes(n: usize) -> String {
    const MIB: usize = 1024 * 1024;
    if n >= MIB && n.is_multiple_of(MIB) {
        format!("{} MiB", n / MIB)
    } else {
        format!("{n} bytes")
    }
}

impl fmt::Debug for InvalidPayload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let keys: Vec<&str> = self.secret_keys().collect();
        f.debug_struct("InvalidPayload")
            .field("status", &self.status)
            .field(
                "body",
                &format_args!("<{} bytes, not shown>", self.body.len()),
            )
            .field("problem", &self.problem)
            .field("secrets_found", &keys)
            .finish()
    }
}

impl<E> std::error::Error for Error<E> {
    /// The transport's error, when there is one. Never a JSON error: its
    /// message may quote the body.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::CommunicationError(e)
            | Error::InvalidUpgrade(e)
            | Error::ResponseBodyError(e) => Some(e),
            _ => None,
        }
    }
}

impl<E> From<reqwest::Error> for Error<E> {
    fn from(e: reqwest::Error) -> Self {
        Error::CommunicationError(e)
    }
}

impl<E> From<reqwest::header::InvalidHeaderValue> for Error<E> {
    fn from(e: reqwest::header::InvalidHeaderValue) -> Self {
        Error::InvalidRequest(e.to_string())
    }
}

impl<E> From<std::convert::Infallible> for Error<E> {
    fn from(x: std::convert::Infallible) -> Self {
        match x {}
    }
}

/// progenitor's hooks return its own error; its variants map one to one.
impl<E> From<progenitor_client::Error<E>> for Error<E> {
    fn from(e: progenitor_client::Error<E>) -> Self {
        use progenitor_client::Error as P;
        match e {
            P::InvalidRequest(s) => Error::InvalidRequest(s),
            P::CommunicationError(e) => Error::CommunicationError(e),
            P::InvalidUpgrade(e) => Error::InvalidUpgrade(e),
            P::ErrorResponse(rv) => Error::ErrorResponse(rv.into()),
            P::ResponseBodyError(e) => Error::ResponseBodyError(e),
            P::InvalidResponsePayload(body, error) => Error::InvalidResponsePayload(
                InvalidPayload::new(None, HeaderMap::new(), body.to_vec(), &error, &[], None),
            ),
            P::UnexpectedResponse(r) => Error::UnexpectedResponse(r),
            P::Custom(s) => Error::Custom(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::DeserializeOwned;

    fn problem_of<T: DeserializeOwned + fmt::Debug>(json: &str) -> String {
        problem(&serde_json::from_str::<T>(json).unwrap_err())
    }

    #[test]
    fn problems_name_what_is_wrong_but_not_the_values() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            id: i64,
            token: String,
        }
        let cases = [
            (
                problem_of::<T>(r#"{"id": "secret-1", "token": "x"}"#),
                "invalid type: string, expected i64 at line 1 column 17",
            ),
            (
                problem_of::<T>(r#"{"id": 1, "token": 12345678}"#),
                "invalid type: integer, expected a string at line 1 column 27",
            ),
            (
                problem_of::<T>(r#"{"id": 1}"#),
                "missing field `token` at line 1 column 9",
            ),
            (
                problem_of::<T>(r#"{"id": 1, "token": "secret-2""#),
                "EOF while parsing an object at line 1 column 29",
            ),
            (
                problem_of::<T>("<html>secret-3</html>"),
                "expected value at line 1 column 1",
            ),
        ];
        for (got, expected) in cases {
            assert_eq!(got, expected);
            assert!(
                !got.contains("secret") && !got.contains("12345678"),
                "{got}"
            );
        }
        let date = problem_of::<chrono::DateTime<chrono::Utc>>(r#""2026-04-15 secret-4""#);
        assert_eq!(
            date,
            "input contains invalid characters at line 1 column 21"
        );
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        enum E {
            A,
        }
        let variant = problem_of::<E>(r#""secret-5""#);
        assert_eq!(variant, "unknown variant, expected `A` at line 1 column 10");
    }

    #[test]
    fn secrets_are_found_in_the_body_or_one_envelope_down() {
        let json: serde_json::Value =
            serde_json::from_str(r#"{"data": {"token": "t-1", "id": 7}, "n": {"token": 5}}"#)
                .unwrap();
        let data = holder(&json, "token").unwrap();
        assert_eq!(
            (&data["token"], &data["id"]),
            (&serde_json::json!("t-1"), &serde_json::json!(7))
        );
        assert!(holder(&json, "other").is_none());
        let payload = |body: &str| {
            let error = serde_json::from_str::<u8>(body).unwrap_err();
            InvalidPayload::new(
                None,
                HeaderMap::new(),
                body.as_bytes().to_vec(),
                &error,
                &["token"],
                None,
            )
        };
        let numeric = payload(r#"{"token": 12345}"#);
        assert_eq!(numeric.secret("token").unwrap().expose_secret(), "12345");
        assert!(
            payload(r#"{"token": {"nested": 1}}"#)
                .secret("token")
                .is_none()
        );
    }
}
