//! [`Secret`]: the type of every field the spec marks secret, such as the
//! plain token of a created token.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

/// A secret string the API sent or will be sent: the plain token of the
/// Tokens API's `CreatedToken`, or any field the spec marks
/// `x-sensitive: true` or `format: password`.
///
/// `Debug` and `Display` print `[REDACTED]`, so a secret never reaches a log
/// through `{:?}`, `dbg!`, `tracing`'s `?value` or an error message. Read it
/// with [`Secret::expose_secret`], an explicit call that is easy to find in
/// a review. The value lives in a [`secrecy::SecretString`], which zeroes
/// its memory when dropped.
///
/// Serializing *does* write the value: serializing is how a secret is sent
/// (in a request body) or handed on on purpose (the mocks of the `mock`
/// feature answer with it; the `quant-tokens` tool prints it on stdout).
///
/// ```
/// use openapi_client_runtime::Secret;
///
/// let token = Secret::from("qc_abc123");
/// assert_eq!(format!("{token}"), "[REDACTED]");
/// assert_eq!(format!("{token:?}"), "Secret([REDACTED])");
/// assert_eq!(token.expose_secret(), "qc_abc123");
/// ```
#[derive(Clone)]
pub struct Secret(SecretString);

impl Secret {
    /// The plain value. Every read of a secret goes through here.
    pub fn expose_secret(&self) -> &str {
        self.0.expose_secret()
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(SecretString::from(value))
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(SecretString::from(value))
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([REDACTED])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl serde::Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.expose_secret())
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret::from)
    }
}

/// For the generated command-line tools: a secret is a string in the JSON
/// schema (feature `schemars`, which a client's `cli` feature turns on).
#[cfg(feature = "schemars")]
impl schemars::JsonSchema for Secret {
    fn schema_name() -> String {
        "Secret".to_owned()
    }

    fn json_schema(generator: &mut schemars::r#gen::SchemaGenerator) -> schemars::schema::Schema {
        String::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_of_printing_it_is_redacted() {
        let secret = Secret::from("plain-secret-value".to_owned());
        for shown in [
            format!("{secret}"),
            format!("{secret:#}"),
            format!("{secret:?}"),
            format!("{secret:#?}"),
            format!("{:?}", Some(secret.clone())),
        ] {
            assert!(!shown.contains("plain-secret-value"), "{shown}");
            assert!(shown.contains("[REDACTED]"), "{shown}");
        }
    }

    #[test]
    fn it_serializes_to_and_from_the_plain_string() {
        let secret: Secret = serde_json::from_str("\"abc\"").unwrap();
        assert_eq!(secret.expose_secret(), "abc");
        assert_eq!(serde_json::to_string(&secret).unwrap(), "\"abc\"");
        assert!(serde_json::from_str::<Secret>("42").is_err());
    }
}
