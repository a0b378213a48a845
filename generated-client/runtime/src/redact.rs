//! The client's own secret (its bearer token), replaced in every text taken
//! from an answer before anyone can print it: a server that writes it back
//! (`Invalid token: Bearer <token>` in an error's message, a redirect to a
//! path holding it) shows `[REDACTED]` instead.
//!
//! Bodies are redacted as JSON values, after their escapes are read, so a
//! server cannot hide the token from the check by writing `\u0071` for `q`.

use std::borrow::Cow;

use serde::de::DeserializeOwned;

use super::secret::Secret;

/// What a redacted secret reads as.
pub(crate) const REDACTED: &str = "[REDACTED]";

/// `text` with every occurrence of `secret` replaced.
pub(crate) fn text<'a>(secret: Option<&Secret>, text: &'a str) -> Cow<'a, str> {
    match secret.map(Secret::expose_secret) {
        Some(secret) if !secret.is_empty() && text.contains(secret) => {
            Cow::Owned(text.replace(secret, REDACTED))
        }
        _ => Cow::Borrowed(text),
    }
}

/// A JSON body parsed as `T`, every string and key holding `secret`
/// redacted, except the values of `secret_keys` (fields the spec marks
/// secret, which never print). The error is serde_json's own, with its
/// line and column.
pub(crate) fn parse<T: DeserializeOwned>(
    secret: Option<&Secret>,
    body: &[u8],
    secret_keys: &[&str],
) -> Result<T, serde_json::Error> {
    match secret.map(Secret::expose_secret) {
        Some(secret) if may_hold(body, secret) => {
            let mut json: serde_json::Value = serde_json::from_slice(body)?;
            value(secret, &mut json, secret_keys);
            // On failure, the error of the body as written, which says
            // where the problem is (a value's error has no line); never
            // the body as written itself.
            T::deserialize(json)
                .map_err(|error| serde_json::from_slice::<T>(body).err().unwrap_or(error))
        }
        _ => serde_json::from_slice(body),
    }
}

/// Whether a body may hold `secret` once read: it holds it as written, or
/// it has an escape, behind which any character may hide. A body with
/// neither reads as the bytes it is, so it cannot.
fn may_hold(body: &[u8], secret: &str) -> bool {
    !secret.is_empty()
        && (body.contains(&b'\\')
            || body
                .windows(secret.len())
                .any(|window| window == secret.as_bytes()))
}

/// `json` with `secret` redacted in every string and key, except under
/// `secret_keys`.
pub(crate) fn value(secret: &str, json: &mut serde_json::Value, secret_keys: &[&str]) {
    use serde_json::Value;
    match json {
        Value::String(s) if s.contains(secret) => *s = s.replace(secret, REDACTED),
        Value::Array(items) => {
            for item in items {
                value(secret, item, secret_keys);
            }
        }
        Value::Object(map) => {
            if map.keys().any(|k| k.contains(secret)) {
                *map = std::mem::take(map)
                    .into_iter()
                    .map(|(k, v)| (k.replace(secret, REDACTED), v))
                    .collect();
            }
            for (key, item) in map.iter_mut() {
                if !secret_keys.contains(&key.as_str()) {
                    value(secret, item, secret_keys);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "bearer-9c1f";

    #[test]
    fn texts_lose_the_secret_and_keep_the_rest() {
        let secret = Secret::from(SECRET);
        assert_eq!(
            text(Some(&secret), "Invalid token: Bearer bearer-9c1f!"),
            "Invalid token: Bearer [REDACTED]!"
        );
        assert_eq!(text(None, "bearer-9c1f"), "bearer-9c1f");
        assert!(matches!(text(Some(&secret), "clean"), Cow::Borrowed(_)));
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Answer {
        message: String,
        token: String,
        tags: Vec<String>,
    }

    #[test]
    fn bodies_lose_it_in_strings_keys_and_escapes_but_not_in_secret_fields() {
        let secret = Secret::from(SECRET);
        // `\u0062` is `b`: the secret written behind an escape.
        let body = br#"{"message": "\u0062earer-9c1f", "token": "bearer-9c1f",
                        "tags": ["x bearer-9c1f"], "bearer-9c1f": 1}"#;
        let answer: Answer = parse(Some(&secret), body, &["token"]).unwrap();
        assert_eq!(answer.message, "[REDACTED]");
        assert_eq!(answer.tags, ["x [REDACTED]"]);
        assert_eq!(answer.token, SECRET, "a secret field is the caller's own");
        let json: serde_json::Value = parse(Some(&secret), body, &["token"]).unwrap();
        assert!(json.get("[REDACTED]").is_some(), "{json}");
        // Without a secret, or with a body that cannot hold it, the body is
        // read as it is.
        let plain: Answer = parse(None, body, &[]).unwrap();
        assert_eq!(plain.message, SECRET);
        assert!(!may_hold(br#"{"message": "bearer-9c1"}"#, SECRET));
        assert!(may_hold(br#"{"message": "x\n"}"#, SECRET));
    }

    #[test]
    fn a_body_that_does_not_match_keeps_its_line_and_column() {
        let secret = Secret::from(SECRET);
        let error =
            parse::<Answer>(Some(&secret), br#"{"message": "bearer-9c1f"}"#, &[]).unwrap_err();
        assert_eq!(error.line(), 1, "{error}");
        assert!(error.column() > 0, "{error}");
    }
}
