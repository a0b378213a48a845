//! `openapi-client-gen client-crate` as someone with their own spec runs it: the
//! crate it makes compiles with both companions, and a second run
//! refreshes the generated files while keeping the owner's manifest and
//! `lib.rs`, saying which dependency the owner's manifest lacks.
//!
//! Our spec stands in for theirs (secret fields, error bodies, mocks and
//! CLI included), beside `workspace-files/companion-shapes.yaml` (array and
//! untagged query parameters, bodies by value: the companions compile only
//! with codegen's `mock_bodies`, `mock_query_values` and `cli_arguments`).
//! `cargo check` runs offline against the workspace's `Cargo.lock`, so the
//! crates may only need crates the workspace has.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{self, assert_no_panic_trace, generator, run};

/// The target directory of the cargo running this test.
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target directory")
        .to_path_buf()
}

fn client_crate(spec: &Path, out: &Path) -> support::Run {
    client_crate_with(spec, out, &[])
}

fn client_crate_with(spec: &Path, out: &Path, flags: &[&str]) -> support::Run {
    run(generator(["client-crate"])
        .args(flags)
        .arg("--spec")
        .arg(spec)
        .arg("--out")
        .arg(out))
}

/// A spec progenitor can generate but for one operation (an image upload:
/// progenitor takes no `image/png` body).
const ONE_OPERATION_FAILS: &str = r#"
openapi: 3.0.3
info: {title: photos, version: '1'}
paths:
  /photos:
    get:
      operationId: list_photos
      responses:
        '200':
          description: the photos
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Photo'}}
    post:
      operationId: upload_photo
      requestBody: {content: {'image/png': {schema: {type: string, format: binary}}}}
      responses:
        '201':
          description: uploaded
          content: {application/json: {schema: {$ref: '#/components/schemas/Photo'}}}
  /photos/{id}:
    delete:
      operationId: delete_photo
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses: {'204': {description: deleted}}
components:
  schemas:
    Photo:
      type: object
      required: [id]
      properties: {id: {type: integer}, caption: {type: string}}
"#;

#[test]
fn a_new_crate_compiles_with_its_companions_and_keeps_its_owners_files() {
    let workspace = target_dir().join("client-crate-test");
    let dir = workspace.join("tokens-client");
    let _ = fs::remove_dir_all(&dir);
    let spec = workspace_files::root().join(workspace_files::TOKENS_SPEC_PATH);

    let first = client_crate(&spec, &dir);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_no_panic_trace(&first.stderr);
    assert!(
        first
            .stdout
            .starts_with("created the crate tokens-client in "),
        "{}",
        first.stdout
    );
    for file in [
        "Cargo.toml",
        "src/lib.rs",
        "src/generated.rs",
        "src/generated_httpmock.rs",
        "src/generated_cli.rs",
    ] {
        assert!(dir.join(file).is_file(), "{file} missing");
    }
    // The runtime is a dependency, not a copy.
    assert!(!dir.join("src/runtime").exists(), "the runtime was copied");
    let manifest: toml::Table = fs::read_to_string(dir.join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    // Made inside this workspace, the crate finds the runtime by a path
    // relative to itself (never an absolute one), beside the version.
    let runtime = &manifest["dependencies"]["openapi-client-runtime"];
    let path = Path::new(runtime["path"].as_str().unwrap());
    assert!(path.is_relative(), "{runtime}");
    assert_eq!(
        dir.join(path).canonicalize().unwrap(),
        workspace_files::root()
            .join("codegen/openapi-client-runtime")
            .canonicalize()
            .unwrap(),
        "{runtime}"
    );
    assert_eq!(runtime["version"].as_str(), Some("=0.1.0"), "{runtime}");
    let generated = fs::read_to_string(dir.join("src/generated.rs")).unwrap();
    assert!(
        generated.contains("by `openapi-client-gen client-crate --spec "),
        "the header names the command that regenerates it"
    );

    // Beside it, the crate of the spec with the shapes whose mocks and CLI
    // progenitor alone does not compile (codegen's companion passes).
    let shapes = workspace.join("shapes-client");
    let _ = fs::remove_dir_all(&shapes);
    let shapes_spec = workspace_files::root().join(workspace_files::COMPANION_SHAPES_SPEC_PATH);
    let made = client_crate(&shapes_spec, &shapes);
    assert_eq!(made.code, 0, "{}", made.stderr);

    // And the crate of what can be generated from a spec progenitor
    // refuses one operation of (`--skip-failing`), which it names.
    let skipped = workspace.join("skipped-client");
    let _ = fs::remove_dir_all(&skipped);
    fs::create_dir_all(&workspace).unwrap();
    let skipped_spec = workspace.join("one-operation-fails.yaml");
    fs::write(&skipped_spec, ONE_OPERATION_FAILS).unwrap();
    assert_ne!(client_crate(&skipped_spec, &skipped).code, 0);
    let made = client_crate_with(&skipped_spec, &skipped, &["--skip-failing"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    assert!(
        made.stderr
            .starts_with("skipped: operation upload_photo (POST /photos): "),
        "{}",
        made.stderr
    );
    // A spec without operations (its CLI's empty `CliCommand`: codegen's
    // `cli_without_operations`).
    let empty = workspace.join("no-operations-client");
    let _ = fs::remove_dir_all(&empty);
    let empty_spec = workspace.join("no-operations.yaml");
    fs::write(
        &empty_spec,
        "openapi: 3.0.3\ninfo: {title: nothing, version: '1'}\npaths: {}\n",
    )
    .unwrap();
    let made = client_crate(&empty_spec, &empty);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let photos = fs::read_to_string(skipped.join("src/generated.rs")).unwrap();
    assert!(photos.contains("// - operation upload_photo (POST /photos): "));

    // The crates on their own, in a workspace of their own, offline.
    fs::write(
        workspace.join("Cargo.toml"),
        "[workspace]\nresolver = \"3\"\nmembers = [\"tokens-client\", \"shapes-client\", \"skipped-client\", \"no-operations-client\"]\n",
    )
    .unwrap();
    fs::copy(
        workspace_files::root().join("Cargo.lock"),
        workspace.join("Cargo.lock"),
    )
    .unwrap();
    // Checked: the diff's compile proof and the mutation campaign's check
    // the same dependencies with the same features, and reuse this.
    let check = Command::new(env!("CARGO"))
        .args([
            "check",
            "--workspace",
            "--offline",
            "--quiet",
            "--features",
            "mock,cli",
        ])
        .current_dir(&workspace)
        .env("CARGO_TARGET_DIR", target_dir())
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo check");
    assert!(
        check.status.success(),
        "a new crate does not compile:\n{}",
        String::from_utf8_lossy(&check.stderr)
    );

    // A value the crate does not know, in an enum a response carries,
    // reaches the program (codegen's `received_enums`), run as a test of
    // the new crate.
    fs::create_dir_all(shapes.join("tests")).unwrap();
    fs::write(shapes.join("tests/received_enums.rs"), RECEIVED_ENUMS_TEST).unwrap();
    // Each answer of an operation whose answers have several types arrives
    // as its variant, from a real server on loopback set up with the
    // generated mocks (codegen's `response_groups`).
    fs::write(
        shapes.join("tests/response_groups.rs"),
        RESPONSE_GROUPS_TEST,
    )
    .unwrap();
    let mut manifest = fs::read_to_string(shapes.join("Cargo.toml")).unwrap();
    // Dev-dependencies that add no feature to what the crate's mocks use
    // already (futures-core's `Stream`; tokio's macros and runtime, which
    // httpmock asks for too): this build's dependencies then have exactly
    // the features of the README's consumer crate (`tokens-tests`'
    // readme_snippets, run before), whose build cargo reuses instead of
    // compiling tokio, hyper, reqwest and httpmock again.
    manifest.push_str(
        "\n[dev-dependencies]\nfutures-core = { version = \"0.3\", default-features = false }\n\
         tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }\n",
    );
    fs::write(shapes.join("Cargo.toml"), manifest).unwrap();
    let test = Command::new(env!("CARGO"))
        .args([
            "test",
            "--offline",
            "--quiet",
            "--package",
            "shapes-client",
            "--features",
            "mock",
            "--test",
            "received_enums",
            "--test",
            "response_groups",
        ])
        .current_dir(&workspace)
        .env("CARGO_TARGET_DIR", target_dir())
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo test");
    assert!(
        test.status.success(),
        "received enums, response groups:\n{}{}",
        String::from_utf8_lossy(&test.stdout),
        String::from_utf8_lossy(&test.stderr)
    );

    // The owner edits their files; a second run keeps them.
    let manifest = fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    let without_serde_json: String = manifest
        .lines()
        .filter(|l| !l.starts_with("serde_json ="))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(
        without_serde_json, manifest,
        "the manifest names serde_json"
    );
    fs::write(dir.join("Cargo.toml"), &without_serde_json).unwrap();
    let lib = fs::read_to_string(dir.join("src/lib.rs")).unwrap() + "// the owner's line\n";
    fs::write(dir.join("src/lib.rs"), &lib).unwrap();
    fs::write(dir.join("src/generated.rs"), "stale").unwrap();

    let second = client_crate(&spec, &dir);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(
        second
            .stdout
            .starts_with("refreshed the crate tokens-client"),
        "{}",
        second.stdout
    );
    assert!(
        second.stderr.contains("names `serde_json`, which")
            && second
                .stderr
                .contains("add `serde_json = \"1\"` under [dependencies]"),
        "{}",
        second.stderr
    );
    assert_eq!(
        fs::read_to_string(dir.join("Cargo.toml")).unwrap(),
        without_serde_json
    );
    assert_eq!(fs::read_to_string(dir.join("src/lib.rs")).unwrap(), lib);
    assert_eq!(
        fs::read_to_string(dir.join("src/generated.rs")).unwrap(),
        generated
    );
}

#[test]
fn a_spec_that_cannot_be_read_writes_no_crate() {
    let dir = tempfile::TempDir::new().unwrap();
    let out = dir.path().join("new-client");
    let run = client_crate(&dir.path().join("missing.yaml"), &out);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error: cannot read spec "),
        "{}",
        run.stderr
    );
    assert_no_panic_trace(&run.stderr);
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn a_directory_name_that_is_no_package_name_asks_for_one() {
    let dir = tempfile::TempDir::new().unwrap();
    let out = dir.path().join("9 clients");
    let spec = workspace_files::root().join(workspace_files::TOKENS_SPEC_PATH);
    let run = client_crate(&spec, &out);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("give --name"), "{}", run.stderr);
    assert!(!out.exists());
}

/// Run inside the companion-shapes crate: `Kind` is in a response,
/// `Shade` is only sent.
const RECEIVED_ENUMS_TEST: &str = r##"
use shapes_client::types::{Kind, Shade, Thing};

#[test]
fn a_value_the_crate_does_not_know_is_kept_and_given_back() {
    let thing: Thing = serde_json::from_str(r#"{"name": "a", "kind": "medium"}"#).unwrap();
    assert_eq!(thing.kind, Some(Kind::Unknown("medium".to_owned())));
    let kind = thing.kind.unwrap();
    assert_eq!(kind.to_string(), "medium");
    assert_eq!(serde_json::to_string(&kind).unwrap(), r#""medium""#);
}

#[test]
fn known_values_are_their_variants_and_from_str_stays_strict() {
    assert_eq!(serde_json::from_str::<Kind>(r#""small""#).unwrap(), Kind::Small);
    assert!("medium".parse::<Kind>().is_err());
}

#[test]
fn an_enum_only_sent_stays_closed() {
    assert!(serde_json::from_str::<Shade>(r#""dim""#).is_err());
    fn copy<T: Copy>(_: T) {}
    copy(Shade::Light);
}
"##;

const RESPONSE_GROUPS_TEST: &str = r##"
use futures_core::Stream;
use httpmock::MockServer;
use serde_json::json;
use shapes_client::mock::MockServerExt;
use shapes_client::types::{JobEventsResponse, Problem, StartJobError, StartJobResponse, Thing};
use shapes_client::{CallPolicy, Client, Error};

fn problem(message: &str) -> Problem {
    serde_json::from_value(json!({"message": message})).unwrap()
}

#[tokio::test]
async fn each_success_answer_is_its_variant() {
    let server = MockServer::start_async().await;
    let client = Client::new(&server.base_url(), CallPolicy::default());

    let thing: Thing = serde_json::from_value(json!({"name": "a"})).unwrap();
    let mut mock = server.start_job(|_, then| {
        then.ok(&thing);
    });
    let answer = client.start_job().send().await.unwrap();
    assert_eq!(answer.status(), 200);
    assert!(matches!(answer.into_inner(), StartJobResponse::Ok(t) if t.name == "a"));
    mock.delete();

    let accepted = serde_json::from_value(json!({"job": "j1"})).unwrap();
    let mut mock = server.start_job(|_, then| {
        then.accepted(&accepted);
    });
    let answer = client.start_job().send().await.unwrap();
    assert_eq!(answer.status(), 202);
    assert!(matches!(answer.into_inner(), StartJobResponse::Accepted(a) if a.job == "j1"));
    mock.delete();

    let mut mock = server.start_job(|_, then| {
        then.no_content();
    });
    let answer = client.start_job().send().await.unwrap();
    assert!(matches!(answer.into_inner(), StartJobResponse::NoContent));
    mock.delete();
}

#[tokio::test]
async fn each_error_answer_is_its_variant_and_says_why() {
    let server = MockServer::start_async().await;
    let client = Client::new(&server.base_url(), CallPolicy::default());

    let mut mock = server.start_job(|_, then| {
        then.not_found();
    });
    let Err(Error::ErrorResponse(error)) = client.start_job().send().await else {
        panic!("a 404 is a documented error");
    };
    assert_eq!(error.status(), 404);
    assert!(matches!(error.into_inner(), StartJobError::NotFound));
    mock.delete();

    let mut mock = server.start_job(|_, then| {
        then.conflict(&problem("a job runs already"));
    });
    let error = client.start_job().send().await.unwrap_err();
    assert!(error.to_string().contains("a job runs already"), "{error}");
    let Error::ErrorResponse(error) = error else {
        panic!("a 409 is a documented error");
    };
    assert!(
        matches!(error.into_inner(), StartJobError::Conflict(p) if p.message == "a job runs already")
    );
    mock.delete();

    let mut mock = server.start_job(|_, then| {
        then.server_error(503);
    });
    let Err(Error::ErrorResponse(error)) = client.start_job().send().await else {
        panic!("a 5XX is a documented error");
    };
    assert_eq!(error.status(), 503);
    assert!(matches!(error.into_inner(), StartJobError::ServerError));
    mock.delete();
}

#[tokio::test]
async fn a_stream_beside_json_is_a_byte_stream() {
    let server = MockServer::start_async().await;
    let client = Client::new(&server.base_url(), CallPolicy::default());

    let mut mock = server.job_events(|when, then| {
        when.into_inner()
            .header("accept", "application/json, text/event-stream");
        then.ok("data: one\n\n");
    });
    let answer = client.job_events().send().await.unwrap();
    let JobEventsResponse::EventStream(stream) = answer.into_inner() else {
        panic!("the 200 is the event stream");
    };
    let mut bytes = Vec::new();
    let mut stream = stream.into_inner();
    while let Some(chunk) = std::future::poll_fn(|cx| std::pin::Pin::new(&mut stream).poll_next(cx)).await {
        bytes.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(bytes, b"data: one\n\n");
    mock.delete();

    let mut mock = server.job_events(|_, then| {
        then.accepted(&problem("not yet"));
    });
    let answer = client.job_events().send().await.unwrap();
    assert!(matches!(answer.into_inner(), JobEventsResponse::Accepted(p) if p.message == "not yet"));
    mock.delete();
}
"##;
