//! Making a [`Client`]: the server, the bearer token, and the HTTP settings.

use std::fmt;
use std::time::Duration;

use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue};

use crate::create_once::SettleWindow;
use crate::{CallPolicy, Client, ClientInfo, DEFAULT_MAX_RESPONSE_BYTES, RetryPolicy};

/// The environment variable holding the API token (required by
/// [`Client::from_env`]).
pub const TOKEN_VAR: &str = "QUANT_API_TOKEN";
/// The environment variable holding the base URL (optional; default
/// [`Server::PublicCloud`]).
pub const URL_VAR: &str = "QUANT_API_URL";
/// The environment variable holding the organization the program works in
/// (optional; [`Client::organization`]). The name QuantCDN's own tools
/// use: its Terraform provider and its Quant Cloud GitHub Actions read
/// `QUANT_ORGANIZATION`.
pub const ORGANIZATION_VAR: &str = "QUANT_ORGANIZATION";

/// progenitor's own default, kept for clients made here.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);

/// The key of QuantCDN's error object (`ApiError`, the spec's `V2Error`)
/// that holds the sentence written for people, shown by an error's
/// `Display`.
const MESSAGE_KEY: &str = "message";

/// The servers QuantCDN documents for this API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Server {
    /// QuantCDN Public Cloud, `https://dashboard.quantcdn.io`.
    #[default]
    PublicCloud,
    /// QuantGov Cloud, `https://dash.quantgov.cloud`.
    QuantGov,
}

impl Server {
    /// The server's base URL.
    pub const fn url(self) -> &'static str {
        match self {
            Server::PublicCloud => "https://dashboard.quantcdn.io",
            Server::QuantGov => "https://dash.quantgov.cloud",
        }
    }
}

/// Why a client could not be made. No message ever contains the token.
#[derive(Debug)]
pub enum InvalidClientConfig {
    /// The environment variable [`TOKEN_VAR`] is unset, empty or not UTF-8.
    MissingToken {
        /// The variable's name.
        variable: &'static str,
    },
    /// No organization was set: neither [`ClientBuilder::organization`]
    /// nor the environment variable [`ORGANIZATION_VAR`] (what
    /// [`Client::require_organization`] says).
    MissingOrganization {
        /// The variable's name.
        variable: &'static str,
    },
    /// The token is empty, or holds characters an HTTP header cannot carry
    /// (a newline, another control character).
    Token,
    /// The base URL is not an absolute `http` or `https` URL.
    BaseUrl {
        /// The URL as given.
        url: String,
    },
    /// The user agent cannot be sent in an HTTP header.
    UserAgent(String),
    /// reqwest could not build its client.
    Http(reqwest::Error),
}

// Written out rather than derived with thiserror: a proc-macro crate (and
// its build) in every consumer's build for six messages, against a
// consumer's build kept as light as reqwest, serde and tokio alone.
impl std::fmt::Display for InvalidClientConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InvalidClientConfig::MissingToken { variable } => write!(
                f,
                "the environment variable {variable} is not set (it must hold your QuantCDN API token)"
            ),
            InvalidClientConfig::MissingOrganization { variable } => write!(
                f,
                "no organization is set: set the environment variable {variable} to your \
                 QuantCDN organization's identifier (or call `ClientBuilder::organization`)"
            ),
            InvalidClientConfig::Token => f.write_str(
                "the API token is empty or holds characters that cannot be sent in an HTTP header",
            ),
            InvalidClientConfig::BaseUrl { url } => {
                write!(f, "the base URL {url:?} is not an absolute http(s) URL")
            }
            InvalidClientConfig::UserAgent(agent) => {
                write!(
                    f,
                    "the user agent {agent:?} cannot be sent in an HTTP header"
                )
            }
            InvalidClientConfig::Http(e) => write!(f, "cannot build the HTTP client: {e}"),
        }
    }
}

impl std::error::Error for InvalidClientConfig {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            InvalidClientConfig::Http(e) => Some(e),
            _ => None,
        }
    }
}

impl Client {
    /// A client for `base_url` (for example [`Server::PublicCloud`]`.url()`)
    /// that sends `Authorization: Bearer <token>` with every request and
    /// gives up on a request after 15 seconds.
    ///
    /// The header value is marked sensitive, so neither `Debug` of the client
    /// nor reqwest's logs show the token. [`ClientBuilder`] sets the rest.
    pub fn with_token(base_url: &str, token: &str) -> Result<Self, InvalidClientConfig> {
        ClientBuilder::new(token).base_url(base_url).build()
    }

    /// A client configured from the environment: the token from
    /// `QUANT_API_TOKEN` (required), the base URL from `QUANT_API_URL`
    /// (default: QuantCDN Public Cloud), the organization from
    /// `QUANT_ORGANIZATION` (optional, [`Client::organization`]).
    pub fn from_env() -> Result<Self, InvalidClientConfig> {
        ClientBuilder::from_env()?.build()
    }

    /// The organization the client was configured with
    /// ([`ClientBuilder::organization`], or `QUANT_ORGANIZATION` for a
    /// client made from the environment), for the calls that take one.
    /// Every call still names its organization: a program that works in
    /// several passes each its own.
    ///
    /// ```
    /// # fn main() -> Result<(), quantcdn_tokens::InvalidClientConfig> {
    /// let client = quantcdn_tokens::ClientBuilder::new("my-api-token")
    ///     .organization("test-org")
    ///     .build()?;
    /// assert_eq!(client.organization(), Some("test-org"));
    /// // client.tokens_list().organization(client.require_organization()?) ...
    /// # Ok(()) }
    /// ```
    pub fn organization(&self) -> Option<&str> {
        self.inner()
            .setting::<Organization>()
            .map(|organization| organization.0.as_str())
    }

    /// [`Client::organization`], or an error naming the variable to set.
    pub fn require_organization(&self) -> Result<&str, InvalidClientConfig> {
        self.organization()
            .ok_or(InvalidClientConfig::MissingOrganization {
                variable: ORGANIZATION_VAR,
            })
    }
}

/// The organization a client was configured with, kept in its
/// `CallPolicy` (the generated `Client` holds nothing else).
#[derive(Debug, Clone)]
struct Organization(String);

/// Configures a [`Client`]: server, token, timeout, user agent, retries,
/// the largest answer read, redirects.
///
/// ```
/// # fn main() -> Result<(), quantcdn_tokens::InvalidClientConfig> {
/// use std::time::Duration;
/// use quantcdn_tokens::{ClientBuilder, RetryPolicy, Server};
///
/// let client = ClientBuilder::new("my-api-token")
///     .server(Server::QuantGov)
///     .timeout(Duration::from_secs(5))
///     .retry_policy(RetryPolicy::default().max_attempts(5))
///     .build()?;
/// # Ok(()) }
/// ```
pub struct ClientBuilder {
    base_url: String,
    token: String,
    timeout: Duration,
    user_agent: String,
    retry: RetryPolicy,
    settle_window: SettleWindow,
    organization: Option<String>,
    max_response_bytes: usize,
    redirect: Option<reqwest::redirect::Policy>,
    http: Option<reqwest::ClientBuilder>,
}

impl ClientBuilder {
    /// A builder for QuantCDN Public Cloud with this token.
    pub fn new(token: impl Into<String>) -> Self {
        ClientBuilder {
            base_url: Server::default().url().to_owned(),
            token: token.into(),
            timeout: DEFAULT_TIMEOUT,
            user_agent: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")).to_owned(),
            retry: RetryPolicy::default(),
            settle_window: SettleWindow::default(),
            organization: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            redirect: None,
            http: None,
        }
    }

    /// A builder from `QUANT_API_TOKEN` (required), `QUANT_API_URL`
    /// (optional) and `QUANT_ORGANIZATION` (optional).
    pub fn from_env() -> Result<Self, InvalidClientConfig> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Self, InvalidClientConfig> {
        let token = var(TOKEN_VAR).filter(|t| !t.trim().is_empty()).ok_or(
            InvalidClientConfig::MissingToken {
                variable: TOKEN_VAR,
            },
        )?;
        let mut builder = ClientBuilder::new(token);
        if let Some(url) = var(URL_VAR).filter(|u| !u.trim().is_empty()) {
            builder = builder.base_url(url);
        }
        if let Some(organization) = var(ORGANIZATION_VAR).filter(|o| !o.trim().is_empty()) {
            builder = builder.organization(organization.trim());
        }
        Ok(builder)
    }

    /// The organization the program works in ([`Client::organization`];
    /// default `QUANT_ORGANIZATION` with [`ClientBuilder::from_env`], else
    /// none).
    pub fn organization(mut self, organization: impl Into<String>) -> Self {
        self.organization = Some(organization.into());
        self
    }

    /// One of the documented servers.
    pub fn server(self, server: Server) -> Self {
        self.base_url(server.url())
    }

    /// Any base URL, for example a proxy or a local mock server.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// The longest a request may take, from connecting to the end of the
    /// response body (default 15 s). Also the connect timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The `User-Agent` header (default `quantcdn-tokens/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// When calls are tried again (default [`RetryPolicy::default`]: up to
    /// three attempts of `tokens_list` and `tokens_revoke`; `tokens_create`
    /// only when its connection could not be opened).
    /// [`RetryPolicy::none`] turns retries off.
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// How long [`Client::create_token_once`] keeps looking for the token
    /// of a create whose answer was lost while the server may still be
    /// working on it (a timeout, a 504, a connection closed before the
    /// answer), before it takes the attempt to have made nothing (default
    /// 10 s). It lists the tokens at once, then after the retry policy's
    /// base delay, twice that, and so on, and at the end.
    pub fn settle_window(mut self, window: Duration) -> Self {
        self.settle_window = SettleWindow(window);
        self
    }

    /// The largest answer body the client reads, in bytes (default
    /// [`DEFAULT_MAX_RESPONSE_BYTES`], 16 MiB, hundreds of times the
    /// largest answer of this API). A larger answer is not read past it:
    /// the call ends with [`Error::ResponseTooLarge`](crate::Error::ResponseTooLarge),
    /// and memory stays near the limit whatever the server sends.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Which redirects the client follows (default
    /// [`reqwest::redirect::Policy::none`]: none, as the API documents
    /// none; a 3xx comes back as
    /// [`Error::UnexpectedResponse`](crate::Error::UnexpectedResponse),
    /// whose text names the origin it points to). Set
    /// `reqwest::redirect::Policy::limited(n)` to follow them: reqwest
    /// then drops `Authorization` when a redirect leaves the origin, and
    /// re-sends a create's body on a 307 or 308, wherever it points.
    pub fn redirect_policy(mut self, policy: reqwest::redirect::Policy) -> Self {
        self.redirect = Some(policy);
        self
    }

    /// Start from this reqwest builder (proxies, TLS roots, connection
    /// pools...). A builder rather than a built `reqwest::Client`, because
    /// the bearer token, timeout, user agent and redirect policy are added
    /// to it here: its own redirect policy is replaced by
    /// [`redirect_policy`](Self::redirect_policy)'s (none by default), so
    /// that setting a proxy does not turn redirects on.
    pub fn http_client(mut self, http: reqwest::ClientBuilder) -> Self {
        self.http = Some(http);
        self
    }

    /// The client, or why it cannot be made.
    pub fn build(self) -> Result<Client, InvalidClientConfig> {
        let base_url = checked_base_url(&self.base_url)?;
        let user_agent = HeaderValue::from_str(&self.user_agent)
            .map_err(|_| InvalidClientConfig::UserAgent(self.user_agent.clone()))?;
        let http = self
            .http
            .unwrap_or_default()
            .default_headers(bearer_headers(&self.token)?)
            .user_agent(user_agent)
            .connect_timeout(self.timeout)
            .timeout(self.timeout)
            .redirect(
                self.redirect
                    .unwrap_or_else(reqwest::redirect::Policy::none),
            )
            .build()
            .map_err(InvalidClientConfig::Http)?;
        let mut policy = CallPolicy::from(self.retry)
            .max_response_bytes(self.max_response_bytes)
            .redact(self.token)
            .message_key(Some(MESSAGE_KEY))
            .with_setting(self.settle_window);
        if let Some(organization) = self.organization {
            policy = policy.with_setting(Organization(organization));
        }
        Ok(Client::new_with_client(base_url, http, policy))
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("token", &"<redacted>")
            .field("timeout", &self.timeout)
            .field("user_agent", &self.user_agent)
            .field("retry", &self.retry)
            .field("settle_window", &self.settle_window.0)
            .field("organization", &self.organization)
            .field("max_response_bytes", &self.max_response_bytes)
            .field(
                "redirect",
                &self.redirect.as_ref().map_or("none", |_| "custom"),
            )
            .field("http", &self.http.as_ref().map(|_| "custom"))
            .finish()
    }
}

/// The `Authorization: Bearer <token>` header, marked sensitive, for a
/// `reqwest::Client` you build yourself.
pub fn bearer_headers(token: &str) -> Result<HeaderMap, InvalidClientConfig> {
    if token.trim().is_empty() {
        return Err(InvalidClientConfig::Token);
    }
    let mut value = HeaderValue::from_str(&format!("Bearer {token}"))
        .map_err(|_| InvalidClientConfig::Token)?;
    value.set_sensitive(true);
    let mut headers = HeaderMap::new();
    headers.insert(AUTHORIZATION, value);
    Ok(headers)
}

/// progenitor appends paths starting with `/` to the base URL as text, so a
/// trailing slash would double it.
fn checked_base_url(base_url: &str) -> Result<&str, InvalidClientConfig> {
    let invalid = || InvalidClientConfig::BaseUrl {
        url: base_url.to_owned(),
    };
    let url = reqwest::Url::parse(base_url).map_err(|_| invalid())?;
    if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
        return Err(invalid());
    }
    Ok(base_url.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "env-secret-token-31b";

    fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    #[test]
    fn the_token_variable_is_required_and_named_when_missing() {
        for env in [vec![], vec![(TOKEN_VAR, "")], vec![(TOKEN_VAR, "  ")]] {
            let err = ClientBuilder::from_vars(vars(&env)).unwrap_err();
            assert_eq!(
                err.to_string(),
                "the environment variable QUANT_API_TOKEN is not set (it must hold your QuantCDN API token)"
            );
        }
    }

    #[test]
    fn the_url_defaults_to_public_cloud_and_can_be_overridden() {
        let default = ClientBuilder::from_vars(vars(&[(TOKEN_VAR, SECRET)])).unwrap();
        assert_eq!(default.base_url, "https://dashboard.quantcdn.io");
        let gov = ClientBuilder::from_vars(vars(&[
            (TOKEN_VAR, SECRET),
            (URL_VAR, Server::QuantGov.url()),
        ]))
        .unwrap();
        assert_eq!(gov.base_url, "https://dash.quantgov.cloud");
        let local = ClientBuilder::from_vars(vars(&[
            (TOKEN_VAR, SECRET),
            (URL_VAR, "http://127.0.0.1:9"),
        ]))
        .unwrap();
        assert_eq!(local.base_url, "http://127.0.0.1:9");
    }

    #[test]
    fn the_organization_comes_from_its_variable_or_the_builder() {
        let none = ClientBuilder::from_vars(vars(&[(TOKEN_VAR, SECRET)]))
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(none.organization(), None);
        assert_eq!(
            none.require_organization().unwrap_err().to_string(),
            "no organization is set: set the environment variable QUANT_ORGANIZATION to your \
             QuantCDN organization's identifier (or call `ClientBuilder::organization`)"
        );
        let from_env = ClientBuilder::from_vars(vars(&[
            (TOKEN_VAR, SECRET),
            (ORGANIZATION_VAR, " test-org "),
        ]))
        .unwrap();
        assert_eq!(
            from_env.build().unwrap().require_organization().unwrap(),
            "test-org"
        );
        let set = ClientBuilder::from_vars(vars(&[(TOKEN_VAR, SECRET), (ORGANIZATION_VAR, "a")]))
            .unwrap()
            .organization("b")
            .build()
            .unwrap();
        assert_eq!(set.organization(), Some("b"));
    }

    #[test]
    fn a_token_that_cannot_be_a_header_is_an_error_without_the_token() {
        for bad in [
            "line\nbreak-env-secret",
            "bell\u{7}env-secret",
            "del\u{7f}env-secret",
        ] {
            let builder = ClientBuilder::from_vars(vars(&[(TOKEN_VAR, bad)])).unwrap();
            let err = builder.build().unwrap_err();
            assert!(matches!(err, InvalidClientConfig::Token), "{err:?}");
            assert!(!format!("{err} {err:?}").contains("env-secret"));
        }
    }

    #[test]
    fn debug_of_the_builder_and_the_client_hides_the_token() {
        let builder = ClientBuilder::new(SECRET).server(Server::QuantGov);
        let shown = format!("{builder:?} {builder:#?}");
        assert!(
            shown.contains("dash.quantgov.cloud") && shown.contains("<redacted>"),
            "{shown}"
        );
        assert!(!shown.contains(SECRET), "{shown}");
        let client = builder.build().unwrap();
        let shown = format!("{client:?} {client:#?}");
        assert!(
            shown.contains("Sensitive") && !shown.contains(SECRET),
            "{shown}"
        );
    }

    #[test]
    fn a_bad_user_agent_is_an_error() {
        let err = ClientBuilder::new(SECRET)
            .user_agent("a\nb")
            .build()
            .unwrap_err();
        assert!(matches!(err, InvalidClientConfig::UserAgent(_)), "{err:?}");
    }
}
