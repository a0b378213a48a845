//! [`Client::revoke_token`]: a revoke that knows its own lost attempt.
//!
//! Revoking is a `DELETE`, which the client retries after a timeout, a
//! reset or a gateway's 502 or 504. When the attempt whose answer was lost
//! had revoked the token, the retry finds it gone and the server answers
//! 404: the generated `tokens_revoke().send()` returns that 404 as it came,
//! and a program cannot tell "my own attempt revoked it" from "no such
//! token". The runtime records, on every answer, whether an attempt before
//! it may have been acted on ([`Attempts`](crate::Attempts)); this call
//! reads it, and reports such a 404 as the token gone.

use reqwest::StatusCode;

use crate::types::ApiError;
use crate::{Client, Error};

/// A token revoked by [`Client::revoke_token`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Revoked {
    /// The server's confirmation (`Token revoked successfully.`); `None`
    /// when [`already_gone`](Revoked::already_gone).
    pub message: Option<String>,
    /// The token was not live any more when the last attempt arrived
    /// (the server answered 404), and an earlier attempt of this call,
    /// whose answer was lost, may have revoked it. Either way it is not
    /// live.
    pub already_gone: bool,
}

impl Client {
    /// Revokes token `token_id` of `organization`, knowing its own lost
    /// attempt: when an attempt whose answer was lost may have revoked it
    /// and a retry answers 404, the token is reported gone
    /// ([`Revoked::already_gone`]), not as an error. A 404 that no earlier
    /// attempt can explain (the first attempt's, or after attempts the
    /// server did not act on: no connection, 429, 503) stays an error:
    /// `is_not_found()` ([`ApiErrorExt`](crate::ApiErrorExt)).
    ///
    /// ```no_run
    /// # async fn run(client: quantcdn_tokens::Client) -> quantcdn_tokens::Result<()> {
    /// let revoked = client.revoke_token("test-org", 42).await?;
    /// if revoked.already_gone {
    ///     println!("token 42 revoked (by an attempt whose answer was lost)");
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub async fn revoke_token(
        &self,
        organization: &str,
        token_id: i64,
    ) -> Result<Revoked, Error<ApiError>> {
        let answer = self
            .tokens_revoke()
            .organization(organization)
            .token_id(token_id)
            .send()
            .await;
        match answer {
            Ok(answer) => Ok(Revoked {
                message: Some(answer.into_inner().message),
                already_gone: false,
            }),
            Err(Error::ErrorResponse(e))
                if e.status() == StatusCode::NOT_FOUND && e.attempts().earlier_may_have_acted() =>
            {
                tracing::info!(
                    token_id,
                    attempts = e.attempts().count(),
                    "tokens_revoke: not live any more after an attempt whose answer was lost"
                );
                Ok(Revoked {
                    message: None,
                    already_gone: true,
                })
            }
            Err(e) => Err(e),
        }
    }
}
