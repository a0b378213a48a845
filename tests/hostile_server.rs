//! A hostile server or proxy: what it can and cannot do to a program.
//!
//! A loopback server (`tokens_tests::raw_http`) misbehaves in one way per
//! row of [`behaviours`]; a client configured as a program would make it
//! (its bearer token, a 1 s timeout, the default retries with a 100 ms base
//! delay, the default response limit) calls it. For every row:
//! - the call ends with the typed error, or the value, the row names;
//! - within the timeout plus the retry schedule;
//! - the heap's peak during the call stays under the response limit plus
//!   4 MiB (measured by a counting allocator, rows one after another);
//! - no text of an error the call returned (`{}`, `{:#}`, `{:?}`,
//!   `{:#?}`) holds the bearer token, and `Display` is one line without a
//!   control, bidirectional or separator character; a value the call
//!   returned is what the server sent, whatever it holds (its `Debug` is
//!   still held to escaping raw characters).
//!
//! The rows run one after another in one test, so that the peak is the
//! call's own. `cargo test --test hostile_server -- --nocapture` prints
//! the table (behaviour, what the call returned, time, peak heap).

use std::alloc::System;
use std::fmt::Write as _;
use std::io::Write;
use std::net::TcpStream;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use peakmem_alloc::{INSTRUMENTED_SYSTEM, PeakMemAlloc, PeakMemAllocTrait};
use quantcdn_tokens::types::{ApiError, CreateTokenRequest};
use quantcdn_tokens::{ClientBuilder, DEFAULT_MAX_RESPONSE_BYTES, Error, RetryPolicy};
use tokens_tests::raw_http::{RawRequest, RawServer, Reply, response};

#[global_allocator]
static HEAP: &PeakMemAlloc<System> = &INSTRUMENTED_SYSTEM;

const BEARER: &str = "bearer-hostile-7e41";
const TIMEOUT: Duration = Duration::from_secs(1);
const BASE_DELAY: Duration = Duration::from_millis(100);
/// The memory a call may take beyond the response limit.
const HEAP_SLACK: usize = 4 * 1024 * 1024;
/// Time beyond the timeouts and waits: scheduling on a loaded machine,
/// parsing in a debug build.
const TIME_SLACK: Duration = Duration::from_millis(2500);
const JSON: Option<&str> = Some("application/json");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Call {
    List,
    Create,
    Revoke,
}

/// What the server is asked to be: the address of a second server (a
/// redirect's target) is known when the row's answer is made.
struct Ctx {
    elsewhere: String,
    elsewhere_port: u16,
}

type Serve = Box<dyn Fn(&RawRequest) -> Reply + Send>;

/// What a row saw: the call's result (an `Ok` value as its `Debug`), the
/// requests each server received, and how long the call took.
struct Seen {
    result: Result<String, Error<ApiError>>,
    requests: Vec<RawRequest>,
    elsewhere: Vec<RawRequest>,
}

struct Row {
    behaviour: &'static str,
    call: Call,
    serve: fn(&Ctx) -> Serve,
    /// Whether the call may be tried again (the time allowed is then the
    /// three attempts' and their waits').
    retried: bool,
    check: fn(&Seen) -> Result<(), String>,
}

fn behaviours() -> Vec<Row> {
    vec![
        Row {
            behaviour: "endless body (list, 200, chunked)",
            call: Call::List,
            serve: |_| {
                Box::new(|_| {
                    endless_chunks(
                        200,
                        b"[",
                        br#"{"id": 1, "name": "n", "created_at": "2026-01-01T00:00:00Z"},"#,
                    )
                })
            },
            retried: false,
            check: too_large,
        },
        Row {
            behaviour: "endless body (list, 403 error object)",
            call: Call::List,
            serve: |_| {
                Box::new(|_| endless_chunks(403, br#"{"error": true, "message": ""#, b"no "))
            },
            retried: false,
            check: too_large,
        },
        Row {
            behaviour: "endless body (create, 201)",
            call: Call::Create,
            serve: |_| Box::new(|_| endless_chunks(201, br#"{"id": 1, "name": ""#, b"n")),
            retried: false,
            check: too_large,
        },
        Row {
            behaviour: "valid 20 MiB list with its Content-Length",
            call: Call::List,
            serve: |_| Box::new(|_| large_list(20 << 20, true)),
            retried: false,
            check: too_large,
        },
        Row {
            behaviour: "valid 20 MiB list without a length (until close)",
            call: Call::List,
            serve: |_| Box::new(|_| large_list(20 << 20, false)),
            retried: false,
            check: too_large,
        },
        Row {
            behaviour: "valid 1 MiB list (within the limit)",
            call: Call::List,
            serve: |_| Box::new(|_| large_list(1 << 20, true)),
            retried: false,
            check: |seen| match &seen.result {
                Ok(_) => Ok(()),
                Err(e) => Err(format!("expected the list, got {e:?}")),
            },
        },
        Row {
            behaviour: "slow body: a byte every 100 ms",
            call: Call::List,
            serve: |_| Box::new(|_| drip(Duration::from_millis(100))),
            retried: false,
            check: |seen| match &seen.result {
                Err(Error::ResponseBodyError(e)) if e.is_timeout() => Ok(()),
                other => Err(format!("expected a body timeout, got {}", shown(other))),
            },
        },
        Row {
            behaviour: "no answer at all",
            call: Call::List,
            serve: |_| Box::new(|_| Reply::Silence),
            retried: true,
            check: |seen| match &seen.result {
                Err(Error::CommunicationError(e)) if e.is_timeout() => requests(seen, 3),
                other => Err(format!("expected a timeout, got {}", shown(other))),
            },
        },
        Row {
            behaviour: "deep JSON: 100,000 nested arrays",
            call: Call::List,
            serve: |_| Box::new(|_| Reply::Bytes(response(200, JSON, &[b'['; 100_000]))),
            retried: false,
            check: invalid_payload,
        },
        Row {
            behaviour: "a 1 MiB header",
            call: Call::List,
            serve: |_| {
                Box::new(|_| {
                    let mut head = b"HTTP/1.1 200 OK\r\nX-Huge: ".to_vec();
                    head.extend(std::iter::repeat_n(b'a', 1 << 20));
                    head.extend_from_slice(b"\r\nContent-Length: 2\r\n\r\n[]");
                    Reply::Bytes(head)
                })
            },
            retried: true,
            check: communication_error,
        },
        Row {
            behaviour: "10,000 headers",
            call: Call::List,
            serve: |_| {
                Box::new(|_| {
                    let mut head = "HTTP/1.1 200 OK\r\n".to_owned();
                    for n in 0..10_000 {
                        let _ = write!(head, "X-{n}: v\r\n");
                    }
                    head.push_str("Content-Length: 2\r\n\r\n[]");
                    Reply::Bytes(head.into_bytes())
                })
            },
            retried: true,
            check: communication_error,
        },
        Row {
            behaviour: "an endless head (no blank line)",
            call: Call::List,
            serve: |_| {
                Box::new(|_| {
                    endless(
                        b"HTTP/1.1 200 OK\r\n".to_vec(),
                        b"X-More: more\r\n".to_vec(),
                    )
                })
            },
            retried: true,
            check: communication_error,
        },
        Row {
            behaviour: "control characters in a message (ESC, newline, NEL, DEL)",
            call: Call::List,
            serve: |_| Box::new(|_| error_message(403, "red \u{1b}[31m\nforged: line\u{85}\u{7f}")),
            retried: false,
            check: |seen| documented(seen, r"red \u{1b}[31m\nforged: line\u{85}\u{7f}"),
        },
        Row {
            behaviour: "bidi controls and line separators in a message",
            call: Call::List,
            serve: |_| {
                Box::new(|_| {
                    error_message(403, "a\u{202e}b\u{61c}c\u{2066}d\u{2028}e\u{2029}f\u{200f}")
                })
            },
            retried: false,
            check: |seen| {
                documented(
                    seen,
                    r"a\u{202e}b\u{61c}c\u{2066}d\u{2028}e\u{2029}f\u{200f}",
                )
            },
        },
        Row {
            behaviour: "invalid UTF-8 in a message",
            call: Call::List,
            serve: |_| {
                Box::new(|_| {
                    let body = b"{\"error\": true, \"message\": \"bad \xff\xfe bytes\"}";
                    Reply::Bytes(response(403, JSON, body))
                })
            },
            retried: false,
            check: invalid_payload,
        },
        Row {
            behaviour: "the bearer echoed in a 403 message",
            call: Call::Create,
            serve: |_| Box::new(|_| error_message(403, &format!("Invalid token: Bearer {BEARER}"))),
            retried: false,
            check: |seen| documented(seen, "Invalid token: Bearer [REDACTED]"),
        },
        Row {
            behaviour: "the bearer echoed behind JSON escapes",
            call: Call::Revoke,
            serve: |_| {
                Box::new(|_| {
                    // `\u0062` is `b`.
                    let escaped = BEARER.replacen('b', "\\u0062", 1);
                    let body =
                        format!(r#"{{"error": true, "message": "token {escaped} unknown"}}"#);
                    Reply::Bytes(response(404, JSON, body.as_bytes()))
                })
            },
            retried: false,
            check: |seen| documented(seen, "token [REDACTED] unknown"),
        },
        Row {
            behaviour: "the bearer echoed in the reason phrase",
            call: Call::List,
            serve: |_| {
                Box::new(|_| {
                    let body = br#"{"error": true, "message": "no"}"#;
                    let head = format!(
                        "HTTP/1.1 403 Bearer {BEARER}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    Reply::Bytes([head.as_bytes(), body].concat())
                })
            },
            retried: false,
            check: |seen| documented(seen, "403 Forbidden: no"),
        },
        Row {
            behaviour: "the bearer echoed in a list's names",
            call: Call::List,
            serve: |_| {
                Box::new(|_| {
                    let body = format!(
                        r#"[{{"id": 1, "name": "Bearer {BEARER}", "created_at": "2026-01-01T00:00:00Z"}}]"#
                    );
                    Reply::Bytes(response(200, JSON, body.as_bytes()))
                })
            },
            retried: false,
            // A success is the caller's data: the name as the server
            // sent it.
            check: |seen| match &seen.result {
                Ok(list) if list.contains(&format!("name: \"Bearer {BEARER}\"")) => Ok(()),
                other => Err(format!("expected the list as sent, got {}", shown(other))),
            },
        },
        Row {
            behaviour: "a redirect to a path and query holding the bearer",
            call: Call::List,
            serve: |ctx| {
                let target = format!("{}/steal/{BEARER}?token={BEARER}", ctx.elsewhere);
                Box::new(move |_| redirect(302, &target))
            },
            retried: false,
            check: |seen| not_followed(seen, 302),
        },
        Row {
            behaviour: "list redirected (302) to another port",
            call: Call::List,
            serve: |ctx| {
                let target = format!("{}/api/v2/organizations/o/tokens", ctx.elsewhere);
                Box::new(move |_| redirect(302, &target))
            },
            retried: false,
            check: |seen| not_followed(seen, 302),
        },
        Row {
            behaviour: "create redirected (307) to another port",
            call: Call::Create,
            serve: |ctx| {
                let target = format!("{}/api/v2/organizations/o/tokens", ctx.elsewhere);
                Box::new(move |_| redirect(307, &target))
            },
            retried: false,
            check: |seen| not_followed(seen, 307),
        },
        Row {
            behaviour: "revoke redirected (308) to another port",
            call: Call::Revoke,
            serve: |ctx| {
                let target = format!("{}/api/v2/organizations/o/tokens/5", ctx.elsewhere);
                Box::new(move |_| redirect(308, &target))
            },
            retried: false,
            check: |seen| not_followed(seen, 308),
        },
        Row {
            behaviour: "create redirected (307) to another host (localhost)",
            call: Call::Create,
            serve: |ctx| {
                let target = format!(
                    "http://localhost:{}/api/v2/organizations/o/tokens",
                    ctx.elsewhere_port
                );
                Box::new(move |_| redirect(307, &target))
            },
            retried: false,
            check: |seen| not_followed(seen, 307),
        },
        Row {
            behaviour: "a body shorter than its Content-Length",
            call: Call::List,
            serve: |_| {
                Box::new(|_| {
                    Reply::Bytes(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n[{\"id\"".to_vec())
                })
            },
            retried: false,
            check: |seen| match &seen.result {
                Err(Error::ResponseBodyError(_)) => Ok(()),
                other => Err(format!("expected a body error, got {}", shown(other))),
            },
        },
        Row {
            behaviour: "an unasked Content-Encoding: gzip",
            call: Call::List,
            serve: |_| {
                Box::new(|_| {
                    // `[]`, gzipped.
                    let gzip = [
                        31, 139, 8, 0, 0, 0, 0, 0, 2, 255, 139, 142, 5, 0, 41, 187, 76, 13, 2, 0,
                        0, 0,
                    ];
                    let head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        gzip.len()
                    );
                    Reply::Bytes([head.as_bytes(), &gzip].concat())
                })
            },
            retried: false,
            check: invalid_payload,
        },
        Row {
            behaviour: "garbage instead of HTTP",
            call: Call::Revoke,
            serve: |_| Box::new(|_| Reply::Bytes(b"\x00\xffSSH-2.0-not-http\r\n\r\n".to_vec())),
            retried: true,
            check: communication_error,
        },
        Row {
            behaviour: "Retry-After: 999999 on a 503",
            call: Call::List,
            serve: |_| Box::new(|_| unavailable("999999")),
            retried: false,
            check: |seen| match &seen.result {
                Err(e @ Error::UnexpectedResponse(_))
                    if e.status().map(|s| s.as_u16()) == Some(503) =>
                {
                    requests(seen, 1)
                }
                other => Err(format!("expected the 503 at once, got {}", shown(other))),
            },
        },
        Row {
            behaviour: "Retry-After in the past on a 503",
            call: Call::List,
            serve: |_| {
                Box::new(|_| {
                    let past = chrono::DateTime::<chrono::Utc>::from(
                        std::time::SystemTime::now() - Duration::from_secs(3600),
                    );
                    unavailable(&past.format("%a, %d %b %Y %H:%M:%S GMT").to_string())
                })
            },
            retried: true,
            check: |seen| {
                requests(seen, 3)?;
                waited_at_least(seen, BASE_DELAY)
            },
        },
        Row {
            behaviour: "Retry-After: soon (unreadable) on a 503",
            call: Call::List,
            serve: |_| Box::new(|_| unavailable("soon")),
            retried: true,
            check: |seen| {
                requests(seen, 3)?;
                waited_at_least(seen, BASE_DELAY)
            },
        },
    ]
}

#[test]
fn a_hostile_server_gets_typed_errors_bounded_memory_and_no_secret() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let rows = behaviours();
    assert!(rows.len() >= 20, "the suite covers at least 20 behaviours");
    let mut table =
        String::from("| behaviour | call | returned | time | peak heap |\n|---|---|---|---|---|\n");
    let mut failures = Vec::new();
    for row in rows {
        let elsewhere = RawServer::start(|_| Reply::Bytes(response(200, JSON, b"[]")));
        let ctx = Ctx {
            elsewhere: elsewhere.base_url(),
            elsewhere_port: elsewhere
                .base_url()
                .rsplit(':')
                .next()
                .unwrap()
                .parse()
                .unwrap(),
        };
        let server = RawServer::start((row.serve)(&ctx));
        let client = ClientBuilder::new(BEARER)
            .base_url(server.base_url())
            .timeout(TIMEOUT)
            .retry_policy(RetryPolicy::default().base_delay(BASE_DELAY))
            .build()
            .unwrap();
        HEAP.reset_peak_memory();
        let started = Instant::now();
        let result = runtime.block_on(call(&client, row.call));
        let elapsed = started.elapsed();
        let peak = HEAP.get_peak_memory();
        let seen = Seen {
            result,
            requests: server.requests(),
            elsewhere: elsewhere.requests(),
        };
        drop((server, elsewhere));
        let _ = writeln!(
            table,
            "| {} | {:?} | {} | {:.2} s | {:.1} MiB |",
            row.behaviour,
            row.call,
            summary(&seen.result),
            elapsed.as_secs_f64(),
            peak as f64 / (1024.0 * 1024.0)
        );
        let bound = if row.retried {
            // Three attempts, two waits of at most twice their base.
            TIMEOUT * 3 + BASE_DELAY * 6 + TIME_SLACK
        } else {
            TIMEOUT + TIME_SLACK
        };
        let mut problems = Vec::new();
        if let Err(problem) = (row.check)(&seen) {
            problems.push(problem);
        }
        if elapsed > bound {
            problems.push(format!("took {elapsed:?}, more than {bound:?}"));
        }
        if peak > DEFAULT_MAX_RESPONSE_BYTES + HEAP_SLACK {
            problems.push(format!("the heap grew by {peak} bytes"));
        }
        problems.extend(secret_or_raw_text(&seen.result));
        if !problems.is_empty() {
            failures.push(format!("{}: {}", row.behaviour, problems.join("; ")));
        }
    }
    println!("{table}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

async fn call(client: &quantcdn_tokens::Client, call: Call) -> Result<String, Error<ApiError>> {
    let org = "o";
    match call {
        Call::List => client
            .tokens_list()
            .organization(org)
            .send()
            .await
            .map(|v| format!("{:?}", v.into_inner())),
        Call::Create => client
            .tokens_create()
            .organization(org)
            .body(CreateTokenRequest::builder().name("n"))
            .send()
            .await
            .map(|v| format!("{:?}", v.into_inner())),
        Call::Revoke => client
            .tokens_revoke()
            .organization(org)
            .token_id(5)
            .send()
            .await
            .map(|v| format!("{:?}", v.into_inner())),
    }
}

/// The row's cell: the variant, and `Display` cut to 110 characters.
fn summary(result: &Result<String, Error<ApiError>>) -> String {
    let text = match result {
        Ok(value) => format!("Ok: {value}"),
        Err(e) => {
            let debug = format!("{e:?}");
            let variant = debug
                .split(['(', ' ', '{'])
                .next()
                .unwrap_or_default()
                .to_owned();
            format!("{variant}: {e}")
        }
    };
    let mut cell: String = text.chars().take(110).collect();
    if cell.len() < text.len() {
        cell.push('…');
    }
    cell.replace('|', "\\|")
}

fn shown(result: &Result<String, Error<ApiError>>) -> String {
    match result {
        Ok(value) => format!("Ok({} bytes of Debug)", value.len()),
        Err(e) => format!("{e:?} / {e}"),
    }
}

/// Every text of an error holding the bearer, and a `Display` or `Debug`
/// that is not clean. (A value is what the server sent: it may hold what
/// the server wrote.)
fn secret_or_raw_text(result: &Result<String, Error<ApiError>>) -> Vec<String> {
    let mut problems = Vec::new();
    let (displayed, debugged) = match result {
        Ok(value) => (String::new(), value.clone()),
        Err(e) => (format!("{e}\n{e:#}"), format!("{e:?}\n{e:#?}")),
    };
    if result.is_err() && (displayed.contains(BEARER) || debugged.contains(BEARER)) {
        problems.push("the bearer token is printed".to_owned());
    }
    for line in displayed.lines() {
        if let Some(c) = line.chars().find(|&c| raw(c)) {
            problems.push(format!("Display holds {:?} raw", c));
        }
    }
    if let Some(c) = debugged.chars().find(|&c| c != '\n' && raw(c)) {
        problems.push(format!("Debug holds {:?} raw", c));
    }
    problems
}

/// A character a log line must not hold as it is.
fn raw(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

fn too_large(seen: &Seen) -> Result<(), String> {
    match &seen.result {
        Err(e @ Error::ResponseTooLarge { limit, .. }) if *limit == DEFAULT_MAX_RESPONSE_BYTES => {
            let text = e.to_string();
            if text.contains("16 MiB") {
                requests(seen, 1)
            } else {
                Err(format!("the text does not name the limit: {text}"))
            }
        }
        other => Err(format!("expected ResponseTooLarge, got {}", shown(other))),
    }
}

fn invalid_payload(seen: &Seen) -> Result<(), String> {
    match &seen.result {
        Err(Error::InvalidResponsePayload(_)) => Ok(()),
        other => Err(format!(
            "expected InvalidResponsePayload, got {}",
            shown(other)
        )),
    }
}

fn communication_error(seen: &Seen) -> Result<(), String> {
    match &seen.result {
        Err(Error::CommunicationError(_)) => Ok(()),
        other => Err(format!("expected CommunicationError, got {}", shown(other))),
    }
}

/// A documented error whose `Display` ends with `message` as shown.
fn documented(seen: &Seen, message: &str) -> Result<(), String> {
    match &seen.result {
        Err(e @ Error::ErrorResponse(_)) if e.to_string().ends_with(message) => Ok(()),
        other => Err(format!(
            "expected a documented error ending {message:?}, got {}",
            shown(other)
        )),
    }
}

/// A redirect that came back as it was, naming the target's origin only,
/// with nothing sent there.
fn not_followed(seen: &Seen, status: u16) -> Result<(), String> {
    match &seen.result {
        Err(e @ Error::UnexpectedResponse(_)) if e.status().map(|s| s.as_u16()) == Some(status) => {
            let text = e.to_string();
            if !text.contains("redirects to http://")
                || text.contains("/steal")
                || text.contains("?")
            {
                return Err(format!("the text does not name the origin alone: {text}"));
            }
            if !seen.elsewhere.is_empty() {
                return Err(format!(
                    "{} requests reached the redirect's target",
                    seen.elsewhere.len()
                ));
            }
            requests(seen, 1)
        }
        other => Err(format!("expected the {status} back, got {}", shown(other))),
    }
}

fn requests(seen: &Seen, n: usize) -> Result<(), String> {
    if seen.requests.len() == n {
        Ok(())
    } else {
        Err(format!(
            "expected {n} requests, the server got {}",
            seen.requests.len()
        ))
    }
}

fn waited_at_least(seen: &Seen, wait: Duration) -> Result<(), String> {
    for pair in seen.requests.windows(2) {
        let gap = pair[1].at.duration_since(pair[0].at);
        if gap < wait {
            return Err(format!("an attempt came {gap:?} after the previous one"));
        }
    }
    Ok(())
}

// ---- What the server writes ------------------------------------------------

/// `bytes` to the client; false once it has gone.
fn send(stream: &mut TcpStream, bytes: &[u8]) -> bool {
    stream.write_all(bytes).is_ok()
}

/// `head`, then `item` again and again until the client goes away or the
/// server stops.
fn endless(head: Vec<u8>, item: Vec<u8>) -> Reply {
    Reply::write(move |stream, stop| {
        let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
        let batch = item.repeat((64 * 1024 / item.len()).max(1));
        if !send(stream, &head) {
            return;
        }
        while !stop.load(Ordering::SeqCst) && send(stream, &batch) {}
    })
}

/// A `status` answer whose chunked body is `prefix`, then `item` without end.
fn endless_chunks(status: u16, prefix: &[u8], item: &[u8]) -> Reply {
    let mut head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n",
        prefix.len()
    )
    .into_bytes();
    head.extend_from_slice(prefix);
    head.extend_from_slice(b"\r\n");
    let batch = item.repeat((64 * 1024 / item.len()).max(1));
    let mut chunk = format!("{:x}\r\n", batch.len()).into_bytes();
    chunk.extend_from_slice(&batch);
    chunk.extend_from_slice(b"\r\n");
    endless(head, chunk)
}

/// A valid list of about `size` bytes, with its `Content-Length` or
/// delimited by the end of the connection, written as it goes (the server
/// never holds it whole).
fn large_list(size: usize, with_length: bool) -> Reply {
    let item =
        br#"{"id": 1, "name": "a token of a large list", "created_at": "2026-01-01T00:00:00Z"},"#;
    let last = br#"{"id": 1, "name": "the last token", "created_at": "2026-01-01T00:00:00Z"}]"#;
    let items = size / item.len();
    let length = 1 + items * item.len() + last.len();
    Reply::write(move |stream, stop| {
        let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
        let mut head =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n".to_owned();
        if with_length {
            let _ = write!(head, "Content-Length: {length}\r\n");
        }
        head.push_str("\r\n[");
        if !send(stream, head.as_bytes()) {
            return;
        }
        let per_batch = 1000;
        let batch = item.repeat(per_batch);
        let mut left = items;
        while left > 0 && !stop.load(Ordering::SeqCst) {
            let n = left.min(per_batch);
            if !send(stream, &batch[..n * item.len()]) {
                return;
            }
            left -= n;
        }
        send(stream, last);
    })
}

/// A 200 whose body comes a byte every `every`, without end.
fn drip(every: Duration) -> Reply {
    Reply::write(move |stream, stop| {
        if !send(stream, b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n[") {
            return;
        }
        while !stop.load(Ordering::SeqCst) {
            std::thread::sleep(every);
            if !send(stream, b" ") {
                return;
            }
        }
    })
}

/// The documented error object with this message.
fn error_message(status: u16, message: &str) -> Reply {
    let body = serde_json::json!({"error": true, "message": message}).to_string();
    Reply::Bytes(response(status, JSON, body.as_bytes()))
}

fn redirect(status: u16, location: &str) -> Reply {
    Reply::Bytes(
        format!("HTTP/1.1 {status} X\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").into_bytes(),
    )
}

fn unavailable(retry_after: &str) -> Reply {
    Reply::Bytes(
        format!("HTTP/1.1 503 X\r\nRetry-After: {retry_after}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").into_bytes(),
    )
}
