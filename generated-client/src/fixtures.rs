//! Values for the tests of programs that use this crate: a created token
//! or a listed one as the API would answer it, built in one call, its dates
//! given as RFC 3339 text, so a mock's answer needs no other crate (no
//! `chrono` to write a date, no builder to fill in). The date type itself
//! is re-exported as `quantcdn_tokens::chrono`.

use chrono::{DateTime, SubsecRound, Utc};

use crate::Secret;
use crate::types::{CreatedToken, TokenSummary};

/// Now, in whole seconds, as the documented examples show dates.
fn now() -> DateTime<Utc> {
    DateTime::<Utc>::from(std::time::SystemTime::now()).trunc_subsecs(0)
}

/// A date written as the API writes it (`2026-04-15T12:00:00Z`).
fn date(rfc3339: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    DateTime::parse_from_rfc3339(rfc3339).map(|d| d.with_timezone(&Utc))
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

    /// The same token, made at `rfc3339` (`"2026-04-15T12:00:00Z"`), or
    /// why the text is not an RFC 3339 date.
    pub fn made_at(mut self, rfc3339: &str) -> Result<CreatedToken, chrono::ParseError> {
        self.created_at = date(rfc3339)?;
        Ok(self)
    }

    /// The same token, expiring at `rfc3339`.
    pub fn expiring_at(mut self, rfc3339: &str) -> Result<CreatedToken, chrono::ParseError> {
        self.expires_at = Some(date(rfc3339)?);
        Ok(self)
    }
}

impl TokenSummary {
    /// A token as the API lists it: the `id` and `name` given, made now,
    /// never used. Its dates are set from RFC 3339 text with
    /// [`made_at`](Self::made_at) and [`last_used_at`](Self::last_used_at).
    ///
    /// ```
    /// # fn main() -> Result<(), quantcdn_tokens::chrono::ParseError> {
    /// use quantcdn_tokens::types::TokenSummary;
    ///
    /// let listed = TokenSummary::example(17, "CI token");
    /// assert_eq!(listed.last_used, None);
    /// let old = TokenSummary::example(18, "old deploy token")
    ///     .made_at("2025-01-31T09:00:00Z")?
    ///     .last_used_at("2025-06-01T12:30:00Z")?;
    /// assert_eq!(old.created_at.to_rfc3339(), "2025-01-31T09:00:00+00:00");
    /// # Ok(()) }
    /// ```
    pub fn example(id: i64, name: &str) -> TokenSummary {
        TokenSummary {
            created_at: now(),
            id,
            last_used: None,
            name: name.to_owned(),
        }
    }

    /// The same token, made at `rfc3339` (`"2026-04-15T12:00:00Z"`), or
    /// why the text is not an RFC 3339 date.
    pub fn made_at(mut self, rfc3339: &str) -> Result<TokenSummary, chrono::ParseError> {
        self.created_at = date(rfc3339)?;
        Ok(self)
    }

    /// The same token, last used at `rfc3339`.
    pub fn last_used_at(mut self, rfc3339: &str) -> Result<TokenSummary, chrono::ParseError> {
        self.last_used = Some(date(rfc3339)?);
        Ok(self)
    }
}
