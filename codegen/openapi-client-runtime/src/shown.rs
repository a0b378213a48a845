//! How a text that comes from an answer is shown: on one line, bounded, its
//! control and bidirectional characters escaped ([`one_line`], [`Bounded`]),
//! and serde's message about a body without the values it quotes from it
//! ([`problem`]).
//!
//! Separate because this is what keeps a hostile server's words from
//! forging log lines, hiding what they say, filling a terminal, or putting
//! a body's value (a token) into an error's text: every text of `error.rs`,
//! `documented.rs` and `payload.rs` that a server wrote goes through here,
//! and these functions are tested on their own. (The client's own secret is
//! replaced before, in `redact.rs`.)

use std::fmt;

/// The longest message `Display` shows, in characters; a longer one ends
/// with `…`.
const MESSAGE_CHARS: usize = 300;

/// A `fmt::Write` that keeps the first `limit` characters and then
/// refuses the rest (which stops the formatting).
pub(super) struct Bounded {
    pub(super) text: String,
    left: usize,
    pub(super) cut: bool,
}

impl Bounded {
    pub(super) fn new(limit: usize) -> Self {
        Bounded {
            text: String::new(),
            left: limit,
            cut: false,
        }
    }
}

impl fmt::Write for Bounded {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for c in s.chars() {
            if self.left == 0 {
                self.cut = true;
                return Err(fmt::Error);
            }
            self.text.push(c);
            self.left -= 1;
        }
        Ok(())
    }
}

/// A text from the server as one line of at most `MESSAGE_CHARS`
/// characters: control characters (a newline, an escape sequence), the
/// line and paragraph separators, and the bidirectional controls that
/// reorder text on a terminal are escaped, so a message can neither forge
/// log lines nor hide what it says.
pub(super) fn one_line(message: &str) -> String {
    let mut line = String::new();
    for (n, c) in message.trim().chars().enumerate() {
        if n == MESSAGE_CHARS {
            line.push('…');
            break;
        }
        if c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}') {
            line.extend(c.escape_default());
        } else {
            line.push(c);
        }
    }
    line
}

/// Unicode's `Bidi_Control` characters (PropList.txt): the marks, embeddings,
/// overrides and isolates that change the order text is shown in.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// serde_json's message without the values it quotes from the body
/// (`invalid type: string "qc_…", expected i64` names the value it found),
/// then where the problem is.
pub(super) fn problem(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m);
    let redacted = if let Some(rest) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
    {
        let kind = message.split(':').next().unwrap_or_default();
        // `string "qc_…"`, `floating point `1.5``: the kind, not the value.
        // The last `, expected`: serde appends it after the value, which
        // may hold the same words.
        let (found, expected) = match rest.rsplit_once(", expected ") {
            Some((found, expected)) => (found, Some(expected)),
            None => (rest, None),
        };
        let found = found.split(['`', '"']).next().unwrap_or_default().trim();
        match expected {
            Some(expected) => format!("{kind}: {found}, expected {expected}"),
            None => format!("{kind}: {found}"),
        }
    } else if let Some(rest) = message.strip_prefix("unknown variant ") {
        match rest.rsplit_once(", expected ") {
            Some((_, expected)) => format!("unknown variant, expected {expected}"),
            None => "unknown variant".to_owned(),
        }
    } else if !message.contains(['"', '`']) {
        // serde quotes every value it shows (`string "…"`, `` `5` ``);
        // a message without quotes (`missing field`, chrono's `input
        // contains invalid characters`) shows none.
        message.to_owned()
    } else if message.starts_with("missing field")
        || message.starts_with("unknown field")
        || message.starts_with("duplicate field")
    {
        // The quoted word is a field name from the schema or the body's
        // keys, not a value.
        message.to_owned()
    } else {
        // A message from a type's own parser that may quote the value:
        // keep only its category.
        format!("{:?} error", error.classify()).to_lowercase()
    };
    format!(
        "{redacted} at line {} column {}",
        error.line(),
        error.column()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::DeserializeOwned;

    fn problem_of<T: DeserializeOwned + fmt::Debug>(json: &str) -> String {
        problem(&serde_json::from_str::<T>(json).unwrap_err())
    }

    #[test]
    fn problems_name_what_is_wrong_but_not_the_values() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            id: i64,
            token: String,
        }
        let cases = [
            (
                problem_of::<T>(r#"{"id": "secret-1", "token": "x"}"#),
                "invalid type: string, expected i64 at line 1 column 17",
            ),
            (
                problem_of::<T>(r#"{"id": 1, "token": 12345678}"#),
                "invalid type: integer, expected a string at line 1 column 27",
            ),
            (
                problem_of::<T>(r#"{"id": 1}"#),
                "missing field `token` at line 1 column 9",
            ),
            (
                problem_of::<T>(r#"{"id": 1, "token": "secret-2""#),
                "EOF while parsing an object at line 1 column 29",
            ),
            (
                problem_of::<T>("<html>secret-3</html>"),
                "expected value at line 1 column 1",
            ),
        ];
        for (got, expected) in cases {
            assert_eq!(got, expected);
            assert!(
                !got.contains("secret") && !got.contains("12345678"),
                "{got}"
            );
        }
        let date = problem_of::<chrono::DateTime<chrono::Utc>>(r#""2026-04-15 secret-4""#);
        assert_eq!(
            date,
            "input contains invalid characters at line 1 column 21"
        );
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        enum E {
            A,
        }
        let variant = problem_of::<E>(r#""secret-5""#);
        assert_eq!(variant, "unknown variant, expected `A` at line 1 column 10");
    }
}
