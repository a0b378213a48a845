//! [`Client::create_token_once`]: a create that settles an unknown outcome,
//! so that no token is left live that nobody holds.
//!
//! The answer to a create is the only copy of the plain token, and the API
//! has no idempotency key. When an attempt may have reached the server but
//! gave no usable answer, the token it may have made can never be handed
//! over (the list never shows plain tokens). So this call finds it, revokes
//! it, and only then tries again, under the client's [`RetryPolicy`]. It
//! ends with exactly one live token whose plain value the caller holds, or
//! with none and an error saying what was made and revoked; when the
//! settling itself fails, the error names the ids that may be live.
//!
//! The method's documentation says how the call tells its tokens from
//! others and which answers count as unknown; the crate README, the limits.

use std::collections::BTreeSet;
use std::fmt;
use std::time::{Duration, Instant, SystemTime};

use crate::types::{ApiError, CreateTokenRequest, CreatedToken};
use crate::{ApiErrorExt, Client, ClientInfo, Error, RecoveredToken, RetryPolicy, Secret};

/// The token [`Client::create_token_once`] made: the one live token of the
/// call, whose plain value only you now hold.
#[derive(Debug)]
#[non_exhaustive]
pub struct Created {
    /// The plain token, shown once: store it now.
    pub token: Secret,
    /// Its id; `None` only when the server's answer was off-spec and held
    /// no id that reads as an integer.
    pub id: Option<i64>,
    /// The answer, typed, when it matched the spec.
    pub answer: Option<CreatedToken>,
    /// Why the answer did not match the spec, when it did not (the token
    /// is good either way: see [`ApiErrorExt::created_token`]).
    pub drift: Option<Error<ApiError>>,
    /// The tokens that attempts whose answers were lost had made, now
    /// revoked.
    pub revoked: Vec<i64>,
    /// The attempts made, this one included.
    pub attempts: u32,
}

impl Created {
    /// `token 17, made by an attempt whose answer was lost, was revoked`,
    /// when one was: a line for a program's log.
    pub fn revoked_note(&self) -> Option<String> {
        (!self.revoked.is_empty()).then(|| revoked(&self.revoked))
    }
}

/// Why [`Client::create_token_once`] ended without a token, and what its
/// attempts left on the server. Its `Display` says both in one line.
pub struct CreateTokenError {
    organization: String,
    name: String,
    /// What the last attempt met, or the list before the first one.
    error: Error<ApiError>,
    attempts: u32,
    revoked: Vec<i64>,
    left: Left,
}

/// What the call may have left live.
#[derive(Debug)]
enum Left {
    /// Nothing: every token its attempts made is revoked, and the others
    /// made none (as far as the lists showed within the settle window).
    Nothing,
    /// The list before the first attempt failed: nothing was sent.
    NothingSent,
    /// These tokens may be live and nobody holds them: revoking failed.
    Unrevoked {
        ids: Vec<i64>,
        error: Box<Error<ApiError>>,
    },
    /// More new tokens of the name appeared than the call's lost attempts
    /// could have made: another program creates them too.
    Ambiguous { ids: Vec<i64> },
    /// A token may be live whose id is unknown: the list failed, or a 2xx
    /// without a readable token was answered and no new token is listed.
    Unknown {
        since: SystemTime,
        error: Option<Box<Error<ApiError>>>,
    },
}

impl Client {
    /// Creates a token in `organization`, settling any attempt whose answer
    /// is lost, so the call ends with exactly one live token whose plain
    /// value you hold, or with none and an error saying what was made and
    /// revoked; when the settling itself fails, the error names the ids
    /// that may be live. The crate README says what it cannot settle.
    ///
    /// **Which of the call's tokens is which.** Before the first attempt the
    /// call lists the organization's tokens. A token a lost attempt made is one
    /// that is listed afterwards, was not listed before, and has the name the
    /// call asked for. Each attempt makes at most one token, so when more such
    /// tokens appear than the call has lost attempts, another program is
    /// creating tokens of that name at the same moment: the call cannot tell
    /// its own from the other program's, revokes none of them, and names them
    /// all in its error. `created_at` is not used: the server's clock is not
    /// this machine's, and the lists before and after are exact.
    ///
    /// **Which answers are unknown**, and how long the call looks (the
    /// settle window is [`ClientBuilder::settle_window`](crate::ClientBuilder::settle_window), 10 s by default):
    ///
    /// | the attempt met | made? | the call |
    /// |---|---|---|
    /// | 201 with the documented body | yes, held | returns it |
    /// | 201 off-spec, the token readable (also an undocumented 2xx) | yes, held | returns it, with the drift |
    /// | 201 whose body holds no readable token or is larger than the client reads, another 2xx without one | yes | looks during the settle window, revokes it, tries again |
    /// | connection closed before the answer, timeout, 504 | perhaps, perhaps later | looks during the settle window, revokes what it finds, tries again |
    /// | 408, 429, 502, 503, an answer cut off | perhaps | lists once, revokes what it finds, tries again |
    /// | 500 and other 5xx, 3xx | perhaps | lists once, revokes what it finds, gives up |
    /// | 400, 403, 422, other 4xx, connection refused, an invalid request | no | gives up |
    ///
    /// It lists the organization's tokens first (one request more than
    /// `tokens_create().send()`, and the token used needs the right to
    /// list and to revoke). `body` is a [`CreateTokenRequest`] or its
    /// builder.
    ///
    /// ```no_run
    /// # async fn run(client: quantcdn_tokens::Client) -> Result<(), quantcdn_tokens::CreateTokenError> {
    /// use quantcdn_tokens::types::{CreateTokenRequest, ExpiresIn};
    ///
    /// let request = CreateTokenRequest::builder().name("My CI token").expires_in(ExpiresIn::Days30);
    /// let created = client.create_token_once("test-org", request).await?;
    /// println!("token {:?}: {}", created.id, created.token.expose_secret());
    /// # Ok(()) }
    /// ```
    pub async fn create_token_once<B>(
        &self,
        organization: &str,
        body: B,
    ) -> Result<Created, CreateTokenError>
    where
        B: TryInto<CreateTokenRequest>,
        B::Error: fmt::Display,
    {
        let body: CreateTokenRequest = match body.try_into() {
            Ok(body) => body,
            Err(e) => {
                return Err(CreateTokenError {
                    organization: organization.to_owned(),
                    name: String::new(),
                    error: Error::InvalidRequest(format!(
                        "conversion to `CreateTokenRequest` for body failed: {e}"
                    )),
                    attempts: 0,
                    revoked: Vec::new(),
                    left: Left::NothingSent,
                });
            }
        };
        let mut call = Settling {
            client: self,
            policy: self.inner().retry_policy(),
            window: self
                .inner()
                .setting::<SettleWindow>()
                .copied()
                .unwrap_or_default()
                .0,
            organization,
            name: &body.name,
            known: BTreeSet::new(),
            revoked: Vec::new(),
            lost: 0,
            found: 0,
            since: SystemTime::now(),
        };
        match call.list().await {
            Ok(ids) => call.known = ids.into_iter().map(|(id, _)| id).collect(),
            Err(error) => return Err(call.failed(error, 0, Left::NothingSent)),
        }
        let started = Instant::now();
        let mut delays = self.inner().retry_policy().delays();
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            let result = self
                .tokens_create()
                .organization(organization)
                .body(body.clone())
                .send()
                .await;
            let (error, made, retry) = match judge(result).await {
                Judged::Created(answer) => {
                    let answer = answer.into_inner();
                    return Ok(Created {
                        token: answer.token.clone(),
                        id: Some(answer.id),
                        answer: Some(answer),
                        drift: None,
                        revoked: call.revoked,
                        attempts: attempt,
                    });
                }
                Judged::Recovered(token, drift) => {
                    return Ok(Created {
                        token: token.token,
                        id: token.id,
                        answer: None,
                        drift: Some(drift),
                        revoked: call.revoked,
                        attempts: attempt,
                    });
                }
                Judged::Refused(error) => return Err(call.failed(error, attempt, Left::Nothing)),
                Judged::Lost { error, made, retry } => (error, made, retry),
            };
            tracing::debug!(
                attempt,
                made = made.as_str(),
                "tokens_create: the answer is lost; looking for the token the attempt may have made"
            );
            call.lost += 1;
            if let Err(left) = call.settle(made).await {
                return Err(call.failed(error, attempt, left));
            }
            let wait = retry
                .then(|| {
                    self.inner().retry_policy().wait(
                        delays.next(),
                        error.retry_after(),
                        started.elapsed(),
                    )
                })
                .flatten();
            match wait {
                Some(wait) => {
                    tracing::debug!(
                        attempt,
                        wait_ms = wait.as_millis() as u64,
                        "tokens_create: settled; trying again"
                    );
                    tokio::time::sleep(wait).await;
                }
                None => return Err(call.failed(error, attempt, Left::Nothing)),
            }
        }
    }
}

/// What an attempt's result says about what it made.
enum Judged {
    Created(crate::ResponseValue<CreatedToken>),
    /// Made, off-spec, its plain token read: held.
    Recovered(RecoveredToken, Error<ApiError>),
    /// Refused, or never sent: nothing was made.
    Refused(Error<ApiError>),
    /// No usable answer.
    Lost {
        error: Error<ApiError>,
        made: Made,
        /// Whether trying again may succeed.
        retry: bool,
    },
}

/// What a lost attempt may have made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Made {
    /// Perhaps a token, and the server is done with the request: one list
    /// tells.
    Perhaps,
    /// Perhaps a token, perhaps later: the server may still be working on
    /// the request. Looked for during the settle window.
    PerhapsLater,
    /// Certainly a token (a 2xx), whose plain value could not be read.
    Certainly,
}

impl Made {
    fn as_str(self) -> &'static str {
        match self {
            Made::Perhaps => "perhaps",
            Made::PerhapsLater => "perhaps later",
            Made::Certainly => "certainly",
        }
    }
}

async fn judge(result: Result<crate::ResponseValue<CreatedToken>, Error<ApiError>>) -> Judged {
    let error = match result {
        Ok(answer) => return Judged::Created(answer),
        Err(error) => error,
    };
    if let Some(token) = error.created_token() {
        return Judged::Recovered(token, error);
    }
    let lost = |error, made, retry| Judged::Lost { error, made, retry };
    match &error {
        Error::InvalidRequest(_) => Judged::Refused(error),
        // A connection that could not be opened sent nothing (the client
        // tried again already, see the runtime's `retry.rs`).
        Error::CommunicationError(e) if e.is_connect() || e.is_builder() => Judged::Refused(error),
        Error::CommunicationError(_) => lost(error, Made::PerhapsLater, true),
        // An answer arrived, cut off: the server was done with it.
        Error::ResponseBodyError(_) => lost(error, Made::Perhaps, true),
        // A success too large to read, or off-spec without a readable
        // token, made a token whose plain value is out of reach.
        Error::ResponseTooLarge { status, .. } if status.is_success() => {
            lost(error, Made::Certainly, true)
        }
        Error::InvalidResponsePayload(payload)
            if payload.status().is_some_and(|s| s.is_success()) =>
        {
            lost(error, Made::Certainly, true)
        }
        Error::UnexpectedResponse(response) if response.status().is_success() => {
            undocumented_success(error).await
        }
        // Any other answer by its status, whatever its body: a documented
        // refusal, QuantCDN's error object with a status the spec does
        // not list (a 401, a 429, a 500), or another body.
        _ => match error.status().map(|s| s.as_u16()) {
            Some(504) => lost(error, Made::PerhapsLater, true),
            Some(408 | 429 | 502 | 503) => lost(error, Made::Perhaps, true),
            Some(300..=399 | 500..=599) => lost(error, Made::Perhaps, false),
            Some(_) => Judged::Refused(error),
            // An upgrade, a hook's error, or a variant the runtime adds
            // later: perhaps made, not tried again.
            None => lost(error, Made::Perhaps, false),
        },
    }
}

/// A 2xx the spec does not document (a 200 instead of the 201): its body is
/// read, and a token in it is handed over.
async fn undocumented_success(error: Error<ApiError>) -> Judged {
    let Error::UnexpectedResponse(response) = error else {
        unreachable!("called for an UnexpectedResponse")
    };
    let error = openapi_client_runtime::read_undocumented(response, &["token"]).await;
    match error.created_token() {
        Some(token) => Judged::Recovered(token, error),
        None => Judged::Lost {
            error,
            made: Made::Certainly,
            retry: true,
        },
    }
}

/// How long `create_token_once` looks for the token of a create whose
/// answer was lost while the server may still be working on it
/// ([`ClientBuilder::settle_window`](crate::ClientBuilder::settle_window)):
/// a setting of this crate's own, kept in the client's `CallPolicy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SettleWindow(pub(crate) Duration);

impl Default for SettleWindow {
    fn default() -> Self {
        SettleWindow(Duration::from_secs(10))
    }
}

/// The state of one call: what was there before, and what its lost
/// attempts made.
struct Settling<'a> {
    client: &'a Client,
    policy: &'a RetryPolicy,
    /// How long a lost attempt's token is looked for.
    window: Duration,
    organization: &'a str,
    name: &'a str,
    /// The ids listed before the first attempt.
    known: BTreeSet<i64>,
    /// Tokens of lost attempts, no longer live.
    revoked: Vec<i64>,
    /// Attempts whose answers were lost (each may have made one token).
    lost: u32,
    /// Tokens found of those attempts.
    found: u32,
    /// When the call began, by this machine's clock (for an error asking a
    /// person to look).
    since: SystemTime,
}

impl Settling<'_> {
    /// The organization's live tokens: ids and names.
    async fn list(&self) -> Result<Vec<(i64, String)>, Error<ApiError>> {
        let listed = self
            .client
            .tokens_list()
            .organization(self.organization)
            .send()
            .await?;
        Ok(listed
            .into_inner()
            .into_iter()
            .map(|t| (t.id, t.name))
            .collect())
    }

    /// Looks for the tokens the lost attempts made, and revokes them: at
    /// once, and while the server may still be making one, during the
    /// settle window. `Ok` once every lost attempt is accounted for, or the
    /// window is over; `Err` with what may be left live.
    async fn settle(&mut self, made: Made) -> Result<(), Left> {
        let window = match made {
            Made::Perhaps => Duration::ZERO,
            Made::PerhapsLater | Made::Certainly => self.window,
        };
        let deadline = Instant::now() + window;
        let found_before = self.found;
        let mut pause = self.policy.first_delay().max(Duration::from_millis(1));
        loop {
            let listed = match self.list().await {
                Ok(listed) => listed,
                Err(error) => {
                    return Err(Left::Unknown {
                        since: self.since,
                        error: Some(Box::new(error)),
                    });
                }
            };
            let new: Vec<i64> = listed
                .into_iter()
                .filter(|(id, name)| {
                    name == self.name && !self.known.contains(id) && !self.revoked.contains(id)
                })
                .map(|(id, _)| id)
                .collect();
            if new.len() > (self.lost - self.found) as usize {
                return Err(Left::Ambiguous { ids: new });
            }
            for (n, &id) in new.iter().enumerate() {
                match self.client.revoke_token(self.organization, id).await {
                    Ok(revoked) if revoked.already_gone => tracing::info!(
                        token_id = id,
                        "tokens_create: the token an attempt made whose answer was lost is revoked (by a revoke whose own answer was lost)"
                    ),
                    Ok(_) => tracing::info!(
                        token_id = id,
                        "tokens_create: revoked the token an attempt made whose answer was lost"
                    ),
                    // 404 at the first attempt: not live any more (revoked
                    // by someone else).
                    Err(e) if e.is_not_found() => tracing::info!(
                        token_id = id,
                        "tokens_create: the token an attempt made whose answer was lost is not live any more"
                    ),
                    Err(error) => {
                        return Err(Left::Unrevoked {
                            ids: new[n..].to_vec(),
                            error: Box::new(error),
                        });
                    }
                }
                self.revoked.push(id);
                self.found += 1;
            }
            if self.found == self.lost {
                return Ok(());
            }
            let now = Instant::now();
            if now >= deadline {
                return match made {
                    Made::Certainly if self.found == found_before => Err(Left::Unknown {
                        since: self.since,
                        error: None,
                    }),
                    _ => Ok(()),
                };
            }
            tokio::time::sleep(pause.min(deadline - now)).await;
            pause = pause.saturating_mul(2);
        }
    }

    fn failed(self, error: Error<ApiError>, attempts: u32, left: Left) -> CreateTokenError {
        CreateTokenError {
            organization: self.organization.to_owned(),
            name: self.name.to_owned(),
            error,
            attempts,
            revoked: self.revoked,
            left,
        }
    }
}

impl CreateTokenError {
    /// What the last attempt met (or, when nothing was sent, the list that
    /// comes first).
    pub fn error(&self) -> &Error<ApiError> {
        &self.error
    }

    /// The same, owned.
    pub fn into_error(self) -> Error<ApiError> {
        self.error
    }

    /// The create attempts made (0: nothing was sent).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Tokens that attempts whose answers were lost had made, now revoked.
    pub fn revoked(&self) -> &[i64] {
        &self.revoked
    }

    /// Tokens that may be live and that nobody holds: revoke them (the
    /// settling could not; `Display` says why).
    pub fn maybe_live(&self) -> &[i64] {
        match &self.left {
            Left::Unrevoked { ids, .. } | Left::Ambiguous { ids } => ids,
            _ => &[],
        }
    }

    /// Whether a token may be live whose id the call could not learn (the
    /// list failed, or a success was answered without a readable token and
    /// no new token is listed). Look for tokens of this name made since
    /// the call began, and revoke them.
    pub fn unaccounted(&self) -> bool {
        matches!(self.left, Left::Unknown { .. })
    }

    /// Whether nothing made by this call can be live: no id is named by
    /// [`maybe_live`](Self::maybe_live), none is [`unaccounted`](Self::unaccounted).
    pub fn nothing_live(&self) -> bool {
        matches!(self.left, Left::Nothing | Left::NothingSent)
    }
}

/// The questions are asked of the last attempt's error, but for
/// [`may_have_acted`](ApiErrorExt::may_have_acted), which is asked of the
/// whole call.
impl ApiErrorExt for CreateTokenError {
    fn call_error(&self) -> &Error<ApiError> {
        &self.error
    }

    /// Whether an attempt of the call may have made a token: the last one
    /// may have, or an earlier one did (its token revoked since, see
    /// [`CreateTokenError::revoked`]), or one may be live
    /// ([`CreateTokenError::nothing_live`] is false).
    fn may_have_acted(&self) -> bool {
        self.error.may_have_acted() || !self.revoked.is_empty() || !self.nothing_live()
    }
}

/// `17`, `17 and 18`, `17, 18 and 19`.
fn ids(ids: &[i64]) -> String {
    let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
    match ids.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// `token 17, made by an attempt whose answer was lost, was revoked` (or
/// the plural): what the call cleaned up, for texts.
pub(crate) fn revoked(revoked: &[i64]) -> String {
    if revoked.len() == 1 {
        format!(
            "token {}, made by an attempt whose answer was lost, was revoked",
            revoked[0]
        )
    } else {
        format!(
            "tokens {}, made by attempts whose answers were lost, were revoked",
            ids(revoked)
        )
    }
}

fn tokens(n: usize) -> &'static str {
    if n == 1 { "token" } else { "tokens" }
}

impl fmt::Display for CreateTokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot create the token {:?} in {}",
            self.name, self.organization
        )?;
        if let Left::NothingSent = self.left {
            return write!(
                f,
                ": nothing was sent, as listing its tokens first (to settle an answer that \
                 could be lost) failed: {}",
                self.error
            );
        }
        if self.attempts > 1 {
            write!(f, " ({} attempts)", self.attempts)?;
        }
        write!(f, ": {}", self.error)?;
        if !self.revoked.is_empty() {
            write!(f, "; {}", revoked(&self.revoked))?;
        }
        let name = &self.name;
        match &self.left {
            Left::Nothing | Left::NothingSent => Ok(()),
            Left::Unrevoked { ids: left, error } => write!(
                f,
                "; {} {} may be live and nobody holds {}: revoking failed ({error}), revoke {} by hand",
                tokens(left.len()),
                ids(left),
                if left.len() == 1 { "it" } else { "them" },
                if left.len() == 1 { "it" } else { "them" },
            ),
            Left::Ambiguous { ids: left } => write!(
                f,
                "; new tokens named {name:?} appeared ({}), more than this call's lost attempts \
                 could make, so another program creates them too: none was revoked; revoke \
                 those that nobody holds",
                ids(left)
            ),
            Left::Unknown { since, error } => {
                let since = chrono::DateTime::<chrono::Utc>::from(*since)
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
                match error {
                    Some(error) => write!(
                        f,
                        "; an attempt may have made a token that this call could not look for \
                         (listing failed: {error}): revoke any token named {name:?} made since {since}"
                    ),
                    None => write!(
                        f,
                        "; the server made a token but its answer held no readable token, and no \
                         new token named {name:?} is listed: revoke any made since {since}"
                    ),
                }
            }
        }
    }
}

impl fmt::Debug for CreateTokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreateTokenError")
            .field("organization", &self.organization)
            .field("name", &self.name)
            .field("error", &self.error)
            .field("attempts", &self.attempts)
            .field("revoked", &self.revoked)
            .field("left", &self.left)
            .finish()
    }
}

impl std::error::Error for CreateTokenError {
    /// The transport's error of the last attempt, when there is one (its
    /// own text is in this error's `Display` already).
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.error)
    }
}
