//! The client's own secret (its bearer token), replaced in every text made
//! for people from an answer: a server that writes it back (`Invalid
//! token: Bearer <token>` in an error's message, a redirect to a path
//! holding it) shows `[REDACTED]` instead in the error's `Display` and
//! `Debug`.
//!
//! Only texts: the values a call returns (a success's body, the typed
//! error object, the raw body of an answer off the spec) are what the
//! server sent, whatever they hold. A JSON body's message is redacted after
//! its escapes are read, so a server cannot hide the token from the check
//! by writing `\u0071` for `q`.

use std::borrow::Cow;

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

/// A `Debug` text with `secret` replaced as it is and as `Debug` writes it
/// inside a string (`\\` for `\`, `\"` for `"`).
pub(crate) fn debug<'a>(secret: Option<&Secret>, shown: &'a str) -> Cow<'a, str> {
    let Some(secret) = secret else {
        return Cow::Borrowed(shown);
    };
    // `Debug` of a `str`, without its quotes.
    let quoted = format!("{:?}", secret.expose_secret());
    let escaped = &quoted[1..quoted.len() - 1];
    match text(Some(secret), shown) {
        Cow::Borrowed(shown) if escaped == secret.expose_secret() => Cow::Borrowed(shown),
        once => Cow::Owned(text(Some(&Secret::from(escaped)), &once).into_owned()),
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
        assert!(matches!(
            text(Some(&Secret::from("")), "clean"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn debug_texts_lose_it_as_written_and_as_debug_escapes_it() {
        let quoted = Secret::from(r#"a"b\c'd"#);
        let shown = format!("{:?}", Some(quoted.expose_secret()));
        assert_eq!(debug(Some(&quoted), &shown), "Some(\"[REDACTED]\")");
        let plain = Secret::from(SECRET);
        assert_eq!(
            debug(Some(&plain), r#"E { message: "no bearer-9c1f" }"#),
            r#"E { message: "no [REDACTED]" }"#
        );
        assert!(matches!(debug(Some(&plain), "clean"), Cow::Borrowed(_)));
    }
}
