//! The `quant-tokens` binary, run as a user runs it: its help texts
//! (snapshots), a success and a 422 against a mock server (httpmock) on
//! 127.0.0.1, and against the fake Tokens API (feature `fake`) a list
//! through two 503s and `tokens-create` losing its answers in each way.

use std::process::{Command, Output};

use std::time::Duration;

use httpmock::Method::{GET, POST};
use httpmock::MockServer;
use quantcdn_tokens::fake::{FakeServer, Fault, Operation};
use serde_json::{Value, json};

const TOKEN: &str = "cli-secret-token-4e1f";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn quant_tokens(args: &[&str], url: &str) -> Run {
    run_tool(args, TOKEN, url, None)
}

/// `quant-tokens` with `args`, its token and server from the environment,
/// `RUST_LOG` set to `rust_log` or removed.
fn run_tool(args: &[&str], token: &str, url: &str, rust_log: Option<&str>) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_quant-tokens"));
    command
        .args(args)
        .env("QUANT_API_TOKEN", token)
        .env("QUANT_API_URL", url)
        .env("NO_COLOR", "1");
    match rust_log {
        Some(filter) => command.env("RUST_LOG", filter),
        None => command.env_remove("RUST_LOG"),
    };
    let Output {
        status,
        stdout,
        stderr,
    } = command.output().expect("run quant-tokens");
    Run {
        code: status.code().expect("exited"),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

fn help(args: &[&str]) -> String {
    let run = quant_tokens(args, "http://127.0.0.1:9");
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn help_of_the_tool() {
    insta::assert_snapshot!(help(&["--help"]));
}

#[test]
fn help_of_tokens_create() {
    insta::assert_snapshot!(help(&["tokens-create", "--help"]));
}

#[test]
fn help_of_tokens_list() {
    insta::assert_snapshot!(help(&["tokens-list", "--help"]));
}

#[test]
fn help_of_tokens_revoke() {
    insta::assert_snapshot!(help(&["tokens-revoke", "--help"]));
}

/// `quant-tokens` with `args` against a server answering the create with
/// `status` and `body`, and the list `tokens-create` sends first with
/// `[]`; the create must arrive exactly once, as the tool sends it.
async fn against_server_answering(status: u16, body: Value, args: &[&str]) -> Run {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/v2/organizations/test-org/tokens");
            then.status(200)
                .header("content-type", "application/json")
                .json_body(json!([]));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/v2/organizations/test-org/tokens")
                .header("authorization", format!("Bearer {TOKEN}"))
                .json_body(json!({"name": "My CI token", "expires_in": "30d"}));
            then.status(status)
                .header("content-type", "application/json")
                .json_body(body);
        })
        .await;
    let run = quant_tokens(args, &server.base_url());
    create.assert_async().await;
    run
}

const CREATE: &[&str] = &[
    "tokens-create",
    "--organization",
    "test-org",
    "--name",
    "My CI token",
    "--expires-in",
    "30d",
];

#[tokio::test]
async fn tokens_create_prints_the_created_token_as_json() {
    let created = json!({
        "token": "qct_plain_once", "id": 42, "name": "My CI token", "scopes": null,
        "projects": null, "preset": null, "expires_at": "2026-12-28T00:00:00Z",
        "created_at": "2026-11-28T00:00:00Z"
    });
    let run = against_server_answering(201, created.clone(), CREATE).await;
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let printed: Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    // Null fields are left out (they read back as None).
    let mut expected = created;
    for null in ["scopes", "projects", "preset"] {
        expected.as_object_mut().unwrap().remove(null);
    }
    assert_eq!(printed, expected);
}

/// A created token whose body drifts from the spec still reaches stdout,
/// with its id; stderr warns, never holding it; the exit code is 3.
#[tokio::test]
async fn a_created_token_whose_answer_drifts_is_put_on_stdout_and_never_on_stderr() {
    for drifted in [
        // A date without the `T`, and the name left out.
        json!({"token": "qct_drift_one", "id": 42, "created_at": "2026-11-28 00:00:00"}),
        // The id as a string, in an envelope.
        json!({"data": {"token": "qct_drift_two", "id": "42", "name": "My CI token",
                        "created_at": "2026-11-28T00:00:00Z"}}),
    ] {
        let run = against_server_answering(201, drifted.clone(), CREATE).await;
        assert_eq!(run.code, 3, "{}", run.stderr);
        let printed: Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
        let token = drifted
            .pointer("/token")
            .or(drifted.pointer("/data/token"))
            .unwrap();
        assert_eq!(&printed["token"], token, "{}", run.stdout);
        assert!(
            run.stderr
                .starts_with("warning: the server answered 201 Created: the request succeeded"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("do not run the command again"),
            "{}",
            run.stderr
        );
        assert!(
            !run.stderr.contains(token.as_str().unwrap()),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains(TOKEN), "{}", run.stderr);
    }
    // A body with no token in it at all, sent once (`--no-settle`): an
    // error, nothing on stdout. (Settled, the token is found and revoked:
    // see the tests against the fake below.)
    let once: Vec<&str> = CREATE.iter().copied().chain(["--no-settle"]).collect();
    let run = against_server_answering(201, json!("<html>qct_in_html</html>"), &once).await;
    assert_eq!((run.code, run.stdout.as_str()), (1, ""));
    assert!(!run.stderr.contains("qct_in_html"), "{}", run.stderr);
}

#[tokio::test]
async fn a_422_prints_the_apis_message_on_stderr_and_exits_1() {
    let taken = json!({"message": "The name has already been taken.", "error": true});
    let run = against_server_answering(422, taken.clone(), CREATE).await;
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: cannot create the token \"My CI token\" in test-org: 422 Unprocessable Entity: The name has already been taken.\n"
    );
    // Sent once, the same message, as the generated client gives it.
    let once: Vec<&str> = CREATE.iter().copied().chain(["--no-settle"]).collect();
    let run = against_server_answering(422, taken, &once).await;
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            1,
            "error: 422 Unprocessable Entity: The name has already been taken.\n"
        )
    );
}

#[test]
fn a_missing_token_is_a_configuration_error_naming_the_variable() {
    let output = Command::new(env!("CARGO_BIN_EXE_quant-tokens"))
        .args(["tokens-list", "--organization", "o"])
        .env_remove("QUANT_API_TOKEN")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("error: the environment variable QUANT_API_TOKEN is not set"),
        "{stderr}"
    );
}

#[test]
fn an_invalid_expires_in_is_refused_before_any_request() {
    let run = quant_tokens(
        &[
            "tokens-create",
            "--organization",
            "o",
            "--name",
            "n",
            "--expires-in",
            "7d",
        ],
        "http://127.0.0.1:9",
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("invalid value '7d' for '--expires-in"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("[possible values: 30d, 90d, 365d, never]"),
        "{}",
        run.stderr
    );
}

/// The deployment script: a list that meets 503 twice succeeds,
/// and `-v` shows the retries on stderr without the token. Against the
/// fake server, whose `fail_next` fails the next requests and then
/// answers (httpmock has no "the first n requests only").
#[test]
fn tokens_list_survives_two_503s_and_v_shows_the_retries() {
    let fake = FakeServer::start();
    fake.fail_next(Operation::List, Fault::StatusBeforeActing(503));
    fake.fail_next(Operation::List, Fault::StatusBeforeActing(503));
    let list = |args: &[&str]| run_tool(args, &fake.api_token(), &fake.base_url(), None);
    let run = list(&["-v", "tokens-list", "--organization", "test-org"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fake.requests(Operation::List), 3);
    assert_eq!(run.stderr.matches("retrying").count(), 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("operation_id=\"tokens_list\""),
        "{}",
        run.stderr
    );
    assert_no_token_of(&fake, "stderr", &run.stderr);

    // Without -v (and without RUST_LOG) stderr stays empty.
    let quiet = list(&["tokens-list", "--organization", "test-org"]);
    assert_eq!((quiet.code, quiet.stderr.as_str()), (0, ""));
}

/// `quant-tokens` against the fake, with its tokens; `-v` prints the trace.
fn against_fake(fake: &FakeServer, args: &[&str], verbose: &str) -> Run {
    run_tool(args, &fake.api_token(), &fake.base_url(), Some(verbose))
}

/// No plain token the fake made, and not its bearer token, in `text`.
fn assert_no_token_of(fake: &FakeServer, what: &str, text: &str) {
    for token in fake.tokens() {
        assert!(
            !text.contains(token.token.expose_secret()),
            "{what}: a plain token is printed:\n{text}"
        );
    }
    assert!(
        !text.contains(&fake.api_token()),
        "{what}: the bearer:\n{text}"
    );
}

const CREATE_ON_FAKE: &[&str] = &[
    "--timeout",
    "0.3",
    "tokens-create",
    "--organization",
    "test-org",
    "--name",
    "My CI token",
];

/// [`CREATE_ON_FAKE`] and then `extra`.
fn create_on_fake_with<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    CREATE_ON_FAKE.iter().chain(extra).copied().collect()
}

/// Each way of losing the answer, through the tool (its default retry
/// policy; a 0.3 s timeout): exit 0, the one live token on stdout, and no
/// plain token on stderr, even with every crate's trace at `TRACE`.
#[test]
fn tokens_create_settles_every_lost_answer_and_prints_the_one_live_token() {
    let stall = Duration::from_millis(600);
    let faults = [
        Fault::CloseBeforeActing,
        Fault::CloseAfterActing,
        Fault::StatusAfterActing(502),
        Fault::StatusAfterActing(504),
        Fault::StatusBeforeActing(503),
        Fault::TooManyRequests { retry_after: 1 },
        Fault::StallAfterActing(stall),
        Fault::StallBeforeActing(stall),
        Fault::CutBodyAfterActing,
        Fault::NotJsonAfterActing,
        Fault::EndlessBodyAfterActing,
    ];
    let runs: Vec<_> = faults
        .into_iter()
        .map(|fault| {
            std::thread::spawn(move || {
                let fake = FakeServer::start();
                fake.fail_next(Operation::Create, fault.clone());
                // A window past the stall (the default, 10 s, is what a
                // connection closed before the server acted waits).
                let args = create_on_fake_with(&["--settle-window", "2"]);
                let run = against_fake(&fake, &args, "trace");
                // A stalled server may act after the tool has returned.
                std::thread::sleep(stall);
                (fault, fake, run)
            })
        })
        .collect();
    let mut seen = Vec::new();
    for run in runs {
        let (fault, fake, run) = run.join().unwrap();
        assert_eq!(run.code, 0, "{fault:?}: {}", run.stderr);
        let printed: Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
        let live = fake.live_tokens("test-org");
        assert_eq!(live.len(), 1, "{fault:?}: one live token: {live:?}");
        assert_eq!(printed["token"], live[0].token.expose_secret(), "{fault:?}");
        assert_eq!(printed["id"], live[0].id, "{fault:?}");
        assert_no_token_of(&fake, &format!("{fault:?}: stderr"), &run.stderr);
        assert!(
            run.stderr.contains("quantcdn_tokens.call"),
            "traced: {}",
            run.stderr
        );
        let revoked = fake.tokens().len() - 1;
        seen.push(format!(
            "{fault:?}: exit {}, token {} on stdout, {revoked} revoked, {} creates",
            run.code,
            live[0].id,
            fake.requests(Operation::Create)
        ));
    }
    println!("{}", seen.join("\n"));
}

/// When the revoke is down, the tool cannot settle: exit 4, and stderr
/// names the token that may be live and the command that revokes it.
#[test]
fn tokens_create_names_the_token_it_could_not_revoke_and_exits_4() {
    let fake = FakeServer::start();
    fake.fail_next(Operation::Create, Fault::CloseAfterActing);
    fake.fail_every(Operation::Revoke, Fault::StatusBeforeActing(503));
    let run = against_fake(&fake, CREATE_ON_FAKE, "");
    let live = fake.live_tokens("test-org");
    assert_eq!(
        (run.code, run.stdout.as_str(), live.len()),
        (4, "", 1),
        "{}",
        run.stderr
    );
    let id = live[0].id;
    assert!(
        run.stderr.contains(&format!(
            "error: token {id} may be live and nobody holds it: quant-tokens tokens-revoke --organization test-org --token-id {id}"
        )),
        "{}",
        run.stderr
    );
    assert_no_token_of(&fake, "stderr", &run.stderr);
}

/// `--no-settle` sends one request: a lost answer leaves its token live,
/// and the tool says the call failed (exit 1).
#[test]
fn no_settle_sends_one_request_and_lists_nothing() {
    let fake = FakeServer::start();
    fake.fail_next(Operation::Create, Fault::CloseAfterActing);
    let args = create_on_fake_with(&["--no-settle"]);
    let run = against_fake(&fake, &args, "");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(fake.requests(Operation::List), 0);
    assert_eq!(fake.live_tokens("test-org").len(), 1);
}

/// `--settle-window` is how long a lost attempt's token is looked for: a
/// connection closed before the server acted leaves nothing to find, and
/// the tool tries again once the window is over, well before the default
/// 10 s. It takes a positive number of seconds, and not with `--no-settle`.
#[test]
fn the_settle_window_is_the_flags() {
    let fake = FakeServer::start();
    fake.fail_next(Operation::Create, Fault::CloseBeforeActing);
    let args = create_on_fake_with(&["--settle-window", "0.5"]);
    let started = std::time::Instant::now();
    let run = against_fake(&fake, &args, "");
    let took = started.elapsed();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fake.live_tokens("test-org").len(), 1);
    assert_eq!(fake.requests(Operation::Create), 2);
    assert!(took < Duration::from_secs(6), "took {took:?}");

    for (extra, why) in [
        (
            &["--settle-window", "0"][..],
            "is not a positive number of seconds",
        ),
        (
            &["--settle-window", "1", "--no-settle"][..],
            "cannot be used with",
        ),
    ] {
        let args = create_on_fake_with(extra);
        let run = against_fake(&fake, &args, "");
        assert_eq!(run.code, 2, "{extra:?}: {}", run.stderr);
        assert!(run.stderr.contains(why), "{extra:?}: {}", run.stderr);
    }
    assert_eq!(
        fake.requests(Operation::Create),
        2,
        "a refused flag sends nothing"
    );
}

/// A list answered with a body without end: the tool stops reading at the
/// client's limit and says so (exit 1), without the body.
#[test]
fn a_list_without_end_is_cut_at_the_limit_and_named() {
    let fake = FakeServer::start();
    fake.fail_next(Operation::List, Fault::EndlessBodyAfterActing);
    let run = against_fake(&fake, &["tokens-list", "--organization", "test-org"], "");
    assert_eq!((run.code, run.stdout.as_str()), (1, ""), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error: the server answered 200 OK with a body larger than the client reads (16 MiB)"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.lines().count() <= 2, "{}", run.stderr);
}

/// `tokens-revoke` whose answer is lost after the server acted: the retry
/// finds the token gone, and the tool says so and exits 0 instead of
/// printing a 404; a revoke of a token that never was stays a 404, exit 1.
#[test]
fn tokens_revoke_whose_answer_was_lost_reports_the_token_gone() {
    let fake = FakeServer::start();
    let created = against_fake(&fake, CREATE_ON_FAKE, "off");
    assert_eq!(created.code, 0, "{}", created.stderr);
    let id = serde_json::from_str::<Value>(&created.stdout).unwrap()["id"]
        .as_i64()
        .expect("the created token's id");
    let revoke = |id: i64| {
        let id = id.to_string();
        let args = [
            "tokens-revoke",
            "--organization",
            "test-org",
            "--token-id",
            &id,
        ];
        against_fake(&fake, &args, "off")
    };

    fake.fail_next(Operation::Revoke, Fault::CloseAfterActing);
    let run = revoke(id);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        serde_json::from_str::<Value>(&run.stdout).unwrap(),
        json!({"already_gone": true})
    );
    assert!(
        run.stderr.contains(&format!(
            "note: token {id} is not live: an attempt whose answer was lost revoked it"
        )),
        "{}",
        run.stderr
    );
    assert!(fake.live_tokens("test-org").is_empty());
    assert_eq!(fake.requests(Operation::Revoke), 2);

    let run = revoke(id + 1000);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stderr.starts_with("error: 404 Not Found"),
        "{}",
        run.stderr
    );

    // A plain revoke prints the server's confirmation, as before.
    let created = against_fake(&fake, CREATE_ON_FAKE, "off");
    let id = serde_json::from_str::<Value>(&created.stdout).unwrap()["id"]
        .as_i64()
        .unwrap();
    let run = revoke(id);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let printed: Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(
        printed["message"]
            .as_str()
            .is_some_and(|m| m.contains("revoked")),
        "{printed}"
    );
    assert_eq!(run.stderr, "");
}
