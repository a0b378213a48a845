use std::fmt;
use std::time::Duration;

use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue};

use crate::Client;

/// progenitor's own default, kept for clients made here.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);

/// Why a client could not be made. The message never contains the token.
#[derive(Debug, thiserror::Error)]
pub enum InvalidClientConfig {
    /// The token is empty, or holds characters an HTTP header cannot carry
    /// (a newline, another control character).
    #[error("the API token is empty or holds characters that cannot be sent in an HTTP header")]
    Token,
    /// The base URL is not an absolute `http` or `https` URL.
    #[error("the base URL {url:?} is not an absolute http(s) URL")]
    BaseUrl { url: String },
    /// reqwest could not build its client (for example, no TLS backend).
    #[error("cannot build the HTTP client: {0}")]
    Http(#[source] reqwest::Error),
}

impl Client {
    /// A client for `base_url` (for example `https://dashboard.quantcdn.io`)
    /// that sends `Authorization: Bearer <token>` with every request and
    /// gives up on a request after 15 seconds.
    ///
    /// The header value is marked sensitive, so neither `Debug` of the client
    /// nor reqwest's logs show the token. Use [`ClientBuilder`] to change the
    /// timeout.
    pub fn with_token(base_url: &str, token: &str) -> Result<Self, InvalidClientConfig> {
        ClientBuilder::new(base_url, token).build()
    }
}

/// Configures a [`Client`] beyond [`Client::with_token`].
///
/// ```
/// # fn main() -> Result<(), quantcdn_tokens::InvalidClientConfig> {
/// use std::time::Duration;
/// let client = quantcdn_tokens::ClientBuilder::new("https://dashboard.quantcdn.io", "my-api-token")
///     .timeout(Duration::from_secs(5))
///     .build()?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct ClientBuilder {
    base_url: String,
    token: String,
    timeout: Duration,
}

impl ClientBuilder {
    pub fn new(base_url: impl Into<String>, token: impl Into<String>) -> Self {
        ClientBuilder {
            base_url: base_url.into(),
            token: token.into(),
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// The longest a request may take, from connecting to the end of the
    /// response body (default 15 s). Also the connect timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub fn build(self) -> Result<Client, InvalidClientConfig> {
        let base_url = checked_base_url(&self.base_url)?;
        let http = reqwest::Client::builder()
            .default_headers(bearer_headers(&self.token)?)
            .connect_timeout(self.timeout)
            .timeout(self.timeout)
            .build()
            .map_err(InvalidClientConfig::Http)?;
        Ok(Client::new_with_client(base_url, http))
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("token", &"<redacted>")
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// The `Authorization` header for `token`, marked sensitive.
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
