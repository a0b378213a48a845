//! The crate's examples, run as programs against a mock server on
//! 127.0.0.1, configured only through the environment as the README says.

use std::process::{Command, Output};

use httpmock::Method::{DELETE, GET, POST};
use httpmock::MockServer;
use serde_json::json;
use tokens_tests::binaries::example;

const TOKEN: &str = "example-secret-token-77aa";

fn run(name: &str, args: &[&str], url: &str) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(example(name))
        .args(args)
        .env("QUANT_API_TOKEN", TOKEN)
        .env("QUANT_API_URL", url)
        .output()
        .expect("run the example");
    (
        status.code().unwrap_or(-1),
        String::from_utf8(stdout).unwrap(),
        String::from_utf8(stderr).unwrap(),
    )
}

#[tokio::test]
async fn create_list_and_revoke_examples_work_against_a_local_server() {
    let server = MockServer::start_async().await;
    let auth = format!("Bearer {TOKEN}");
    server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/v2/organizations/test-org/tokens")
                .header("authorization", &auth)
                .json_body(json!({"name": "My CI token", "expires_in": "30d"}));
            then.status(201)
                .header("content-type", "application/json")
                .json_body(json!({
                    "token": "qct_plain_once", "id": 42, "name": "My CI token", "scopes": null,
                    "projects": null, "preset": null, "expires_at": "2026-12-28T00:00:00Z",
                    "created_at": "2026-11-28T00:00:00Z"
                }));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).header("authorization", &auth);
            then.status(200)
                .header("content-type", "application/json")
                .json_body(json!([
                    {"id": 42, "name": "My CI token", "last_used": null, "created_at": "2026-11-28T00:00:00Z"}
                ]));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path("/api/v2/organizations/test-org/tokens/42");
            then.status(200)
                .header("content-type", "application/json")
                .json_body(json!({"message": "Token revoked successfully."}));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path("/api/v2/organizations/test-org/tokens/7");
            then.status(404)
                .header("content-type", "application/json")
                .json_body(json!({"message": "Token not found.", "error": true}));
        })
        .await;
    let url = server.base_url();

    let (code, out, err) = run("create", &["test-org", "My CI token", "30d"], &url);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        out,
        "created token 42 (My CI token); it is shown only once:\nqct_plain_once\n"
    );

    let (code, out, _) = run("list", &["test-org"], &url);
    assert_eq!(code, 0);
    assert_eq!(out, "42\tMy CI token\tlast used never\n");

    let (code, out, _) = run("revoke", &["test-org", "42"], &url);
    assert_eq!((code, out.as_str()), (0, "Token revoked successfully.\n"));

    let (code, _, err) = run("revoke", &["test-org", "7"], &url);
    assert_ne!(code, 0);
    assert!(err.contains("no token 7"), "{err}");
    assert!(!err.contains(TOKEN));
}

#[test]
fn without_the_token_variable_the_examples_say_which_variable_is_missing() {
    let output = Command::new(example("list"))
        .arg("test-org")
        .env_remove("QUANT_API_TOKEN")
        .env("QUANT_API_URL", "http://127.0.0.1:9")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(err.contains("QUANT_API_TOKEN is not set"), "{err}");
}

/// The rotation tool (`examples/rotate.rs`) against the fake Tokens API:
/// one new `ci-` token printed, the older `ci-` tokens revoked (one of them
/// through a revoke whose answer is lost), the others left alone.
#[test]
fn the_rotation_example_makes_one_token_and_revokes_the_older_ci_tokens() {
    use quantcdn_tokens::fake::{FakeServer, Fault, Operation};

    let fake = FakeServer::start();
    let older = [
        fake.insert_token("test-org", "ci-deploy"),
        fake.insert_token("test-org", "ci-nightly"),
    ];
    let kept = fake.insert_token("test-org", "release manager");
    fake.fail_next(Operation::Revoke, Fault::CloseAfterActing);
    let output = Command::new(example("rotate"))
        .arg("test-org")
        .env("QUANT_API_TOKEN", fake.api_token())
        .env("QUANT_API_URL", fake.base_url())
        .output()
        .unwrap();
    let (out, err) = (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    );
    assert!(output.status.success(), "{err}");
    let live = fake.live_tokens("test-org");
    let names: Vec<&str> = live.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["release manager", "ci-deploy"], "{err}");
    assert_eq!(live[0].id, kept.id);
    assert_eq!(out.trim(), live[1].token.expose_secret());
    assert!(
        err.contains(&format!(
            "revoked {} (by an attempt whose answer was lost)",
            older[0].id
        )),
        "{err}"
    );
    assert!(err.contains(&format!("revoked {}", older[1].id)), "{err}");
}

/// The README's way to try the tool without QuantCDN: the fake server
/// example prints the variables to export, and `quant-tokens` configured
/// only by them (its organization too) lists the fake's token.
#[test]
fn the_fake_server_example_serves_the_tool() {
    use std::io::BufRead;
    use std::process::Stdio;

    let mut fake = Command::new(example("fake_server"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the fake server example");
    let mut line = String::new();
    std::io::BufReader::new(fake.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let vars: Vec<(String, String)> = line
        .trim()
        .strip_prefix("export ")
        .unwrap_or_else(|| panic!("not an export line: {line:?}"))
        .split(' ')
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap();
            (name.to_owned(), value.to_owned())
        })
        .collect();
    let names: Vec<&str> = vars.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["QUANT_API_URL", "QUANT_API_TOKEN", "QUANT_ORGANIZATION"]
    );
    let listed = Command::new(tokens_tests::binaries::quant_tokens())
        .arg("tokens-list")
        .env_remove("QUANT_API_URL")
        .envs(vars)
        .output()
        .expect("run quant-tokens");
    let _ = fake.kill();
    let _ = fake.wait();
    let stdout = String::from_utf8_lossy(&listed.stdout);
    assert!(
        listed.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    let list: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(list[0]["name"], "example token", "{stdout}");
}
