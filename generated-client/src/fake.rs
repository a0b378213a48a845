//! A fake Tokens API on 127.0.0.1 for tests (feature `fake`), as moto is for
//! boto users: it keeps the tokens it makes, lists and revokes them, refuses
//! what the spec refuses with the documented errors, and loses answers on
//! demand.
//!
//! It is a real HTTP/1.1 server (hyper) on a port of its own, running on a
//! thread of its own, so it serves any test: `#[tokio::test]` of either
//! flavour, or a plain `#[test]` running a program. It answers with this
//! crate's generated types, so it speaks the spec's JSON.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use quantcdn_tokens::fake::{Fault, FakeServer, Operation};
//! use quantcdn_tokens::types::CreateTokenRequest;
//!
//! let fake = FakeServer::start();
//! let client = fake.client_builder().build()?;
//! // The next create makes its token, then closes the connection unanswered.
//! fake.fail_next(Operation::Create, Fault::CloseAfterActing);
//! let created = client
//!     .create_token_once("test-org", CreateTokenRequest::builder().name("CI"))
//!     .await?;
//! // The lost attempt's token was found and revoked; the second one is ours.
//! let live = fake.live_tokens("test-org");
//! assert_eq!(live.len(), 1);
//! assert_eq!(live[0].token.expose_secret(), created.token.expose_secret());
//! assert_eq!(created.revoked.len(), 1);
//! # Ok(()) }
//! ```
//!
//! What it answers, per operation (with [`FakeServer::api_token`] as the
//! bearer token; [`FakeServer::read_only_token`] may list, and gets 403 on
//! the others; any other bearer gets 401):
//! - create: 201 with the token (plain value `qc_fake_…`, ids from 1001); 400
//!   for a body that is not JSON; 422 for one that does not match the
//!   request's schema (no `name`, an `expires_in` not in the enum, a wrong
//!   type);
//! - list: 200 with the organization's live tokens, oldest first;
//! - revoke: 200 for a live token of the organization, else 404.
//!
//! Unknown paths get 404 and other methods 405, all with the documented
//! error object `{"message": ..., "error": true}`.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::convert::Infallible;
use std::net::{Ipv4Addr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};
use hyper::body::{Body as _, Bytes, Frame, Incoming, SizeHint};
use hyper::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue, RETRY_AFTER};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::sync::{Notify, oneshot};

use crate::types::{
    ApiError, CreateTokenRequest, CreatedToken, ExpiresIn, RevokedToken, TokenSummary,
};
use crate::{ClientBuilder, Secret};

/// The three operations of the Tokens API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Operation {
    /// `GET /api/v2/organizations/{organization}/tokens`
    List,
    /// `POST /api/v2/organizations/{organization}/tokens`
    Create,
    /// `DELETE /api/v2/organizations/{organization}/tokens/{token_id}`
    Revoke,
}

/// A way to lose an answer. "Acting" is what the request asks for (making
/// a token, revoking one, reading the list); a fault "after acting" has
/// done it when the answer is lost, one "before acting" has not.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// Close the connection without acting or answering.
    CloseBeforeActing,
    /// Act, then close the connection without answering (a server that
    /// crashed after committing).
    CloseAfterActing,
    /// Answer this status with an HTML page, without acting (a gateway or
    /// an overloaded server: 502, 503, 504, 500).
    StatusBeforeActing(u16),
    /// Act, then answer this status with an HTML page instead of the
    /// answer (a proxy that lost the upstream's answer: 502, 504).
    StatusAfterActing(u16),
    /// Answer 429 with `Retry-After: <seconds>` and the documented error
    /// object, without acting.
    TooManyRequests {
        /// The seconds `Retry-After` asks for.
        retry_after: u64,
    },
    /// Wait this long, then act and answer (if the client is still there;
    /// the acting happens either way, as on a server that does not notice
    /// the client has gone).
    StallBeforeActing(Duration),
    /// Act, then wait this long before answering.
    StallAfterActing(Duration),
    /// Act, then send the answer's status and headers and close the
    /// connection halfway through its body.
    CutBodyAfterActing,
    /// Act, then answer the same status with an HTML page instead of JSON.
    NotJsonAfterActing,
    /// Act, then send the answer followed by whitespace without end and
    /// no length: a body larger than any client reads (see
    /// [`ClientBuilder::max_response_bytes`]).
    EndlessBodyAfterActing,
}

/// A token the fake made, as the server keeps it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct FakeToken {
    /// Its id.
    pub id: i64,
    /// The name it was given.
    pub name: String,
    /// The organization it was made in.
    pub organization: String,
    /// The plain token (the create's answer carries it; the list never does).
    pub token: Secret,
    /// False once revoked.
    pub live: bool,
    /// When the fake made it.
    pub created_at: DateTime<Utc>,
    /// When it expires (`None` for `never`, or when no `expires_in` was sent).
    pub expires_at: Option<DateTime<Utc>>,
    /// The request that made it (its name, preset, scopes, projects).
    pub request: CreateTokenRequest,
}

/// The fake Tokens API, serving until it is dropped (see the [module's
/// documentation](self)).
pub struct FakeServer {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

/// What a request meets, in order: a step per request, then the standing
/// fault (if any).
#[derive(Default)]
struct Script {
    steps: VecDeque<Option<Fault>>,
    always: Option<Fault>,
}

#[derive(Default)]
struct State {
    api_token: String,
    read_only_token: String,
    tokens: BTreeMap<i64, FakeToken>,
    next_id: i64,
    scripts: HashMap<Operation, Script>,
    requests: HashMap<Operation, usize>,
}

impl FakeServer {
    /// Starts a fake on a free port of 127.0.0.1.
    ///
    /// # Panics
    ///
    /// When no loopback port can be bound or no thread started: a test
    /// cannot go on then.
    pub fn start() -> FakeServer {
        let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .expect("the fake Tokens API binds a port of 127.0.0.1");
        listener
            .set_nonblocking(true)
            .expect("a non-blocking listener");
        let addr = listener.local_addr().expect("its address");
        let state = Arc::new(Mutex::new(State {
            api_token: format!("fake-api-token-{}", random_hex()),
            read_only_token: format!("fake-read-only-token-{}", random_hex()),
            next_id: 1001,
            ..State::default()
        }));
        let (stop, stopped) = oneshot::channel();
        let thread = {
            let state = state.clone();
            std::thread::Builder::new()
                .name(format!("fake-tokens-api-{}", addr.port()))
                .spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .expect("a runtime for the fake Tokens API");
                    runtime.block_on(serve(listener, state, stopped));
                })
                .expect("a thread for the fake Tokens API")
        };
        FakeServer {
            addr,
            state,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:<port>`: the base URL to give the client.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The bearer token that may do everything.
    pub fn api_token(&self) -> String {
        self.state().api_token.clone()
    }

    /// A bearer token that may list, and gets 403 `This token may not
    /// manage tokens.` on create and revoke.
    pub fn read_only_token(&self) -> String {
        self.state().read_only_token.clone()
    }

    /// A client builder for this fake: its base URL and [`api_token`].
    /// Set the timeout and retry policy the test needs, then `build()`.
    ///
    /// [`api_token`]: FakeServer::api_token
    pub fn client_builder(&self) -> ClientBuilder {
        ClientBuilder::new(self.api_token()).base_url(self.base_url())
    }

    /// The next request of `operation` that has no step yet meets `fault`.
    /// Calls queue up: the first call is for the next request, the second
    /// for the one after it.
    pub fn fail_next(&self, operation: Operation, fault: Fault) {
        self.script(operation, |script| script.steps.push_back(Some(fault)));
    }

    /// The next request of `operation` that has no step yet is answered
    /// normally (so that a later [`fail_next`](FakeServer::fail_next) or
    /// [`fail_every`](FakeServer::fail_every) applies after it).
    pub fn pass_next(&self, operation: Operation) {
        self.script(operation, |script| script.steps.push_back(None));
    }

    /// Every request of `operation` meets `fault` once the queued steps
    /// are spent, until [`heal`](FakeServer::heal).
    pub fn fail_every(&self, operation: Operation, fault: Fault) {
        self.script(operation, |script| script.always = Some(fault));
    }

    /// `operation` is answered normally again: its queued steps and standing
    /// fault are dropped.
    pub fn heal(&self, operation: Operation) {
        self.state().scripts.remove(&operation);
    }

    /// Every token the fake made, live or revoked, oldest first.
    pub fn tokens(&self) -> Vec<FakeToken> {
        self.state().tokens.values().cloned().collect()
    }

    /// Makes a live token named `name` in `organization`, as a create
    /// without preset, scopes, projects or expiry would, without a request:
    /// a token for a test to list or revoke. The token as the fake keeps it
    /// (its plain value too).
    pub fn insert_token(&self, organization: &str, name: &str) -> FakeToken {
        let route = Route {
            operation: Operation::Create,
            organization: organization.to_owned(),
            token_id: None,
        };
        let request = CreateTokenRequest {
            name: name.to_owned(),
            preset: None,
            scopes: None,
            projects: None,
            expires_in: None,
        };
        let mut state = self.state();
        let id = make(&mut state, &route, request).id;
        state.tokens[&id].clone()
    }

    /// The live tokens of `organization`, oldest first.
    pub fn live_tokens(&self, organization: &str) -> Vec<FakeToken> {
        self.state()
            .tokens
            .values()
            .filter(|t| t.live && t.organization == organization)
            .cloned()
            .collect()
    }

    /// How many requests of `operation` arrived (whatever they met).
    pub fn requests(&self, operation: Operation) -> usize {
        self.state().requests.get(&operation).copied().unwrap_or(0)
    }

    fn script(&self, operation: Operation, change: impl FnOnce(&mut Script)) {
        change(self.state().scripts.entry(operation).or_default());
    }

    fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }
}

impl std::fmt::Debug for FakeServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeServer")
            .field("base_url", &self.base_url())
            .field("tokens", &self.state().tokens.len())
            .finish_non_exhaustive()
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A panic in one request (a bug of the fake) must not poison the others.
fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

async fn serve(
    listener: std::net::TcpListener,
    state: Arc<Mutex<State>>,
    mut stopped: oneshot::Receiver<()>,
) {
    let listener =
        tokio::net::TcpListener::from_std(listener).expect("a listener in the fake's runtime");
    loop {
        tokio::select! {
            _ = &mut stopped => return,
            accepted = listener.accept() => {
                if let Ok((stream, _)) = accepted {
                    tokio::spawn(connection(stream, state.clone()));
                }
            }
        }
    }
}

/// Serves one connection until it ends, or until a handler hangs up on it
/// (a `Close…` fault): dropping the connection closes the socket unanswered.
async fn connection(stream: tokio::net::TcpStream, state: Arc<Mutex<State>>) {
    let hang_up = Arc::new(Notify::new());
    let service = {
        let hang_up = hang_up.clone();
        hyper::service::service_fn(move |request| {
            let (state, hang_up) = (state.clone(), hang_up.clone());
            async move { Ok::<_, Infallible>(answer(state, hang_up, request).await) }
        })
    };
    let connection =
        hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        _ = connection => {}
        _ = hang_up.notified() => {}
    }
}

/// A request, routed: its operation, organization and token id.
struct Route {
    operation: Operation,
    organization: String,
    token_id: Option<String>,
}

/// An answer before it is sent: its status, its JSON and extra headers.
struct Answer {
    status: StatusCode,
    json: Vec<u8>,
    retry_after: Option<u64>,
}

impl Answer {
    fn json<T: serde::Serialize>(status: StatusCode, value: &T) -> Answer {
        Answer {
            status,
            json: serde_json::to_vec(value).expect("the fake's answers serialize"),
            retry_after: None,
        }
    }

    fn error(status: StatusCode, message: &str) -> Answer {
        Answer::json(
            status,
            &ApiError {
                error: true,
                message: message.to_owned(),
            },
        )
    }

    fn into_response(self) -> Response<FakeBody> {
        let mut response = Response::new(FakeBody::whole(self.json));
        *response.status_mut() = self.status;
        response
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(RETRY_AFTER, seconds.into());
        }
        response
    }
}

/// An HTML page with this status: what a gateway or a crashed server sends.
fn page(status: StatusCode) -> Response<FakeBody> {
    let html = format!("<html><body><h1>{status}</h1></body></html>");
    let mut response = Response::new(FakeBody::whole(html.into_bytes()));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("text/html"));
    response
}

async fn answer(
    state: Arc<Mutex<State>>,
    hang_up: Arc<Notify>,
    request: Request<Incoming>,
) -> Response<FakeBody> {
    let route = match route(request.method(), request.uri().path()) {
        Ok(route) => route,
        Err(refusal) => return refusal.into_response(),
    };
    let bearer = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_owned);
    let fault = {
        let mut state = lock(&state);
        *state.requests.entry(route.operation).or_default() += 1;
        let script = state.scripts.entry(route.operation).or_default();
        match script.steps.pop_front() {
            Some(step) => step,
            None => script.always.clone(),
        }
    };
    let body = match read_body(request.into_body()).await {
        Some(body) => body,
        None => {
            return Answer::error(StatusCode::BAD_REQUEST, "The request body cannot be read.")
                .into_response();
        }
    };
    let act = {
        let state = state.clone();
        move || act(&mut lock(&state), &route, bearer.as_deref(), &body)
    };
    let hang_up = || async move {
        hang_up.notify_one();
        std::future::pending::<Response<FakeBody>>().await
    };
    let status = |code: u16| StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_GATEWAY);
    match fault {
        None => act().into_response(),
        Some(Fault::CloseBeforeActing) => hang_up().await,
        Some(Fault::CloseAfterActing) => {
            act();
            hang_up().await
        }
        Some(Fault::StatusBeforeActing(code)) => page(status(code)),
        Some(Fault::StatusAfterActing(code)) => {
            act();
            page(status(code))
        }
        Some(Fault::TooManyRequests { retry_after }) => Answer {
            retry_after: Some(retry_after),
            ..Answer::error(StatusCode::TOO_MANY_REQUESTS, "Too Many Attempts.")
        }
        .into_response(),
        Some(Fault::StallBeforeActing(wait)) => {
            // On a task of its own: the acting happens even when the client
            // has gone and hyper drops this answer.
            let late = tokio::spawn(async move {
                tokio::time::sleep(wait).await;
                act()
            });
            match late.await {
                Ok(answer) => answer.into_response(),
                Err(_) => page(StatusCode::INTERNAL_SERVER_ERROR),
            }
        }
        Some(Fault::StallAfterActing(wait)) => {
            let answer = act();
            tokio::time::sleep(wait).await;
            answer.into_response()
        }
        Some(Fault::CutBodyAfterActing) => {
            let answer = act();
            let mut response = answer.into_response();
            let body = std::mem::replace(response.body_mut(), FakeBody::whole(Vec::new()));
            *response.body_mut() = body.cut();
            response
        }
        Some(Fault::NotJsonAfterActing) => page(act().status),
        Some(Fault::EndlessBodyAfterActing) => {
            let mut response = act().into_response();
            let body = std::mem::replace(response.body_mut(), FakeBody::whole(Vec::new()));
            *response.body_mut() = body.endless();
            response
        }
    }
}

/// The operation a method and path ask for, or the documented 404 or 405.
fn route(method: &Method, path: &str) -> Result<Route, Answer> {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let (organization, token_id) = match segments[..] {
        ["api", "v2", "organizations", organization, "tokens"] => (organization, None),
        [
            "api",
            "v2",
            "organizations",
            organization,
            "tokens",
            token_id,
        ] => (organization, Some(token_id)),
        _ => return Err(Answer::error(StatusCode::NOT_FOUND, "Not found.")),
    };
    let operation = match (method, token_id) {
        (&Method::GET, None) => Operation::List,
        (&Method::POST, None) => Operation::Create,
        (&Method::DELETE, Some(_)) => Operation::Revoke,
        _ => {
            return Err(Answer::error(
                StatusCode::METHOD_NOT_ALLOWED,
                "Method not allowed.",
            ));
        }
    };
    let decode = |segment: &str| {
        percent_encoding::percent_decode_str(segment)
            .decode_utf8_lossy()
            .into_owned()
    };
    Ok(Route {
        operation,
        organization: decode(organization),
        token_id: token_id.map(decode),
    })
}

/// The request's body, at most 1 MiB; `None` when it cannot be read.
async fn read_body(mut body: Incoming) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        if let Ok(data) = frame.ok()?.into_data() {
            bytes.extend_from_slice(&data);
            if bytes.len() > 1 << 20 {
                return None;
            }
        }
    }
    Some(bytes)
}

/// What the request asks for, done on the state: the answer the spec
/// documents for it.
fn act(state: &mut State, route: &Route, bearer: Option<&str>, body: &[u8]) -> Answer {
    let may_manage = match bearer {
        Some(token) if token == state.api_token => true,
        Some(token) if token == state.read_only_token => false,
        _ => return Answer::error(StatusCode::UNAUTHORIZED, "Unauthenticated."),
    };
    let forbidden = || Answer::error(StatusCode::FORBIDDEN, "This token may not manage tokens.");
    match route.operation {
        Operation::List => {
            let listed: Vec<TokenSummary> = state
                .tokens
                .values()
                .filter(|t| t.live && t.organization == route.organization)
                .map(|t| TokenSummary {
                    created_at: t.created_at,
                    id: t.id,
                    last_used: None,
                    name: t.request.name.clone(),
                })
                .collect();
            Answer::json(StatusCode::OK, &listed)
        }
        Operation::Create if !may_manage => forbidden(),
        Operation::Create => match read_create_request(body) {
            Ok(request) => Answer::json(StatusCode::CREATED, &make(state, route, request)),
            Err(refusal) => refusal,
        },
        Operation::Revoke if !may_manage => forbidden(),
        Operation::Revoke => {
            let not_found = || Answer::error(StatusCode::NOT_FOUND, "Token not found.");
            let Some(id) = route
                .token_id
                .as_deref()
                .and_then(|id| id.parse::<i64>().ok())
            else {
                return not_found();
            };
            match state.tokens.get_mut(&id) {
                Some(token) if token.live && token.organization == route.organization => {
                    token.live = false;
                    Answer::json(
                        StatusCode::OK,
                        &RevokedToken {
                            message: "Token revoked successfully.".to_owned(),
                        },
                    )
                }
                _ => not_found(),
            }
        }
    }
}

/// The create request, or the documented refusal: 400 for a body that is
/// not JSON, 422 for JSON that does not match the schema.
fn read_create_request(body: &[u8]) -> Result<CreateTokenRequest, Answer> {
    let refuse = |message: &str| Err(Answer::error(StatusCode::UNPROCESSABLE_ENTITY, message));
    let Ok(json) = serde_json::from_slice::<serde_json::Value>(body) else {
        return Err(Answer::error(
            StatusCode::BAD_REQUEST,
            "The request body is not valid JSON.",
        ));
    };
    let Some(object) = json.as_object() else {
        return refuse("The request body must be a JSON object.");
    };
    match object.get("name") {
        None | Some(serde_json::Value::Null) => return refuse("The name field is required."),
        Some(serde_json::Value::String(_)) => {}
        Some(_) => return refuse("The name field must be a string."),
    }
    serde_json::from_value(json).or_else(|e| refuse(&format!("The given data was invalid: {e}.")))
}

fn make(state: &mut State, route: &Route, request: CreateTokenRequest) -> CreatedToken {
    let id = state.next_id;
    state.next_id += 1;
    // Whole seconds, as the documented examples show.
    let now = SystemTime::UNIX_EPOCH
        + Duration::from_secs(
            SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        );
    let created_at = DateTime::<Utc>::from(now);
    let days = match request.expires_in {
        Some(ExpiresIn::Days30) => Some(30),
        Some(ExpiresIn::Days90) => Some(90),
        Some(ExpiresIn::Days365) => Some(365),
        _ => None,
    };
    let expires_at = days.map(|d| created_at + chrono::TimeDelta::days(d));
    let token = FakeToken {
        id,
        name: request.name.clone(),
        organization: route.organization.clone(),
        token: Secret::from(format!("qc_fake_{id}_{}", random_hex())),
        live: true,
        created_at,
        expires_at,
        request,
    };
    let created = CreatedToken {
        created_at,
        expires_at,
        id,
        name: token.name.clone(),
        preset: token.request.preset.clone(),
        projects: token.request.projects.clone(),
        scopes: token.request.scopes.clone(),
        token: token.token.clone(),
    };
    state.tokens.insert(id, token);
    created
}

fn random_hex() -> String {
    format!("{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..))
}

/// A response body: all of it, or (a `CutBodyAfterActing` fault) its first
/// half and then an error, with the whole length announced, so hyper
/// closes the connection mid-body, or (`EndlessBodyAfterActing`) all of it
/// and then spaces without end.
struct FakeBody {
    chunk: Option<Bytes>,
    length: u64,
    then_fail: bool,
    then_spaces: Option<Bytes>,
}

impl FakeBody {
    fn whole(bytes: Vec<u8>) -> FakeBody {
        FakeBody {
            length: bytes.len() as u64,
            chunk: Some(Bytes::from(bytes)),
            then_fail: false,
            then_spaces: None,
        }
    }

    fn endless(self) -> FakeBody {
        FakeBody {
            then_spaces: Some(Bytes::from(vec![b' '; 64 * 1024])),
            ..self
        }
    }

    fn cut(self) -> FakeBody {
        let bytes = self.chunk.unwrap_or_default();
        FakeBody {
            length: self.length,
            chunk: Some(bytes.slice(..bytes.len() / 2)),
            then_fail: true,
            then_spaces: None,
        }
    }
}

impl hyper::body::Body for FakeBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        if let Some(chunk) = self.chunk.take() {
            return Poll::Ready(Some(Ok(Frame::data(chunk))));
        }
        if let Some(spaces) = &self.then_spaces {
            return Poll::Ready(Some(Ok(Frame::data(spaces.clone()))));
        }
        if std::mem::take(&mut self.then_fail) {
            return Poll::Ready(Some(Err(std::io::Error::other(
                "the fake cuts the body here",
            ))));
        }
        Poll::Ready(None)
    }

    fn is_end_stream(&self) -> bool {
        self.chunk.is_none() && !self.then_fail && self.then_spaces.is_none()
    }

    fn size_hint(&self) -> SizeHint {
        match self.then_spaces {
            Some(_) => SizeHint::default(),
            None => SizeHint::with_exact(self.length),
        }
    }
}
