//! [`InvalidPayload`]: a documented answer whose body does not match the
//! spec (or, for `read_undocumented`, an answer the spec does not document),
//! what [`Error::InvalidResponsePayload`](crate::Error::InvalidResponsePayload)
//! holds: its status, its headers, its raw body (never printed by this
//! crate), what does not match, and the values of the secret fields found
//! in it.
//!
//! Separate from `error.rs` because it is the one place that takes secret
//! values out of a body the client could not read as the spec says, so
//! that a created token whose answer does not match is not lost
//! (`Error::recovered_secret`, the Tokens crate's `created_token()`), while
//! nothing of the body reaches a text (its `Debug` shows the body's length
//! and the names of the secrets found).

use std::fmt;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use super::redact;
use super::secret::Secret;
use super::shown::problem;

/// A documented answer whose body does not match the spec: its status, its
/// headers, its raw body (never printed by this crate) and the values of
/// the secret fields it holds.
pub struct InvalidPayload {
    status: Option<StatusCode>,
    headers: HeaderMap,
    body: Bytes,
    problem: String,
    secrets: Vec<(String, Secret)>,
}

impl InvalidPayload {
    /// A body that does not match: what serde found wrong, without the
    /// values it quotes and without the `redacted` secret.
    pub(super) fn new(
        status: Option<StatusCode>,
        headers: HeaderMap,
        body: Bytes,
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
        body: Bytes,
        secret_keys: &[&str],
    ) -> Self {
        let problem = format!("the spec does not document the status {status} for this call");
        Self::with_problem(Some(status), headers, body, problem, secret_keys)
    }

    fn with_problem(
        status: Option<StatusCode>,
        headers: HeaderMap,
        body: Bytes,
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

#[cfg(test)]
mod tests {
    use super::*;

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
                Bytes::copy_from_slice(body.as_bytes()),
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
