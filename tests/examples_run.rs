//! The crate's examples, run as programs against a mock server on
//! 127.0.0.1, configured only through the environment as the README says.

use std::process::{Command, Output};

use serde_json::json;
use tokens_tests::binaries::example;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

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
    let server = MockServer::start().await;
    let auth = format!("Bearer {TOKEN}");
    Mock::given(method("POST"))
        .and(path("/api/v2/organizations/test-org/tokens"))
        .and(header("authorization", auth.as_str()))
        .and(body_json(
            json!({"name": "My CI token", "expires_in": "30d"}),
        ))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "token": "qct_plain_once", "id": 42, "name": "My CI token", "scopes": null,
            "projects": null, "preset": null, "expires_at": "2026-12-28T00:00:00Z",
            "created_at": "2026-11-28T00:00:00Z"
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(header("authorization", auth.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"id": 42, "name": "My CI token", "last_used": null, "created_at": "2026-11-28T00:00:00Z"}
        ])))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/api/v2/organizations/test-org/tokens/42"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"message": "Token revoked successfully."})),
        )
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/api/v2/organizations/test-org/tokens/7"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"message": "Token not found.", "error": true})),
        )
        .mount(&server)
        .await;
    let url = server.uri();

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
