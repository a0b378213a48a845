//! Values for the tests of programs that use this crate: a created token
//! or a listed one as the API would answer it, built in one call, so a
//! mock's answer needs no other crate (no `chrono` to write a date, no
//! builder to fill in).

use chrono::{DateTime, SubsecRound, Utc};

use crate::Secret;
use crate::types::{CreatedToken, TokenSummary};

/// Now, in whole seconds, as the documented examples show dates.
fn now() -> DateTime<Utc> {
    DateTime::<Utc>::from(std::time::SystemTime::now()).trunc_subsecs(0)
}

impl CreatedToken {
    /// A created token as the API answers a create: the `id`, `name` and
    /// plain `token` given, made now, with no preset, scopes, projects or
    /// expiry. For a mock's answer:
    ///
    /// ```
    /// use quantcdn_tokens::types::CreatedToken;
    ///
    /// let created = CreatedToken::example(17, "CI token", "qc_example_token");
    /// assert_eq!((created.id, created.name.as_str()), (17, "CI token"));
    /// assert_eq!(created.token.expose_secret(), "qc_example_token");
    /// ```
    pub fn example(id: i64, name: &str, token: &str) -> CreatedToken {
        CreatedToken {
            created_at: now(),
            expires_at: None,
            id,
            name: name.to_owned(),
            preset: None,
            projects: None,
            scopes: None,
            token: Secret::from(token),
        }
    }
}

impl TokenSummary {
    /// A token as the API lists it: the `id` and `name` given, made now,
    /// never used.
    ///
    /// ```
    /// use quantcdn_tokens::types::TokenSummary;
    ///
    /// let listed = TokenSummary::example(17, "CI token");
    /// assert_eq!(listed.last_used, None);
    /// ```
    pub fn example(id: i64, name: &str) -> TokenSummary {
        TokenSummary {
            created_at: now(),
            id,
            last_used: None,
            name: name.to_owned(),
        }
    }
}
