//! The wire proof of `cargo xtask diff`: its run-time verdicts, observed.
//!
//! For each pair of the diff corpus (`xtask/tests/it/diff/pairs.rs`) whose old
//! side is our spec as it is, the old crate is this workspace's
//! `quantcdn-tokens` (generated from that spec). The report says whether
//! consumers still on that crate can fail once the server follows the new
//! spec (`Change::old_releases_fail`); this test runs, with the old crate,
//! the call such a consumer makes (the pair's *scenario*) against Prism
//! serving the pair's new spec, and checks that it fails exactly when the
//! report says so. Every scenario must also work against Prism serving the
//! old spec, or it would prove nothing.
//!
//! Prism refuses requests that break the spec (422, or its own 404/405 for
//! a route it does not have) and answers with the spec's examples, or, for
//! the scenarios that concern a response, with random answers that fit the
//! new spec (`Prefer: dynamic=true`, several per scenario).
//!
//! One Prism serves the old spec and every pair's new spec, each under a
//! path prefix of its own ([`one_document`]): a Prism takes about a second
//! of CPU to start, and one per pair was most of this test's time.
//!
//! `WIRE_PROOF_SHOW=1 cargo test -p tokens-npm-tests --test wire_proof --
//! --nocapture` prints the table of pairs, expected and observed outcomes.

use std::collections::BTreeSet;
use std::time::Instant;

use quantcdn_tokens::types::{ApiError, CreateTokenRequest, ExpiresIn, builder};
use quantcdn_tokens::{Client, ClientBuilder, Error, RetryPolicy};
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use serde_json::{Map, Value};
use tokens_npm_tests::prism::Prism;
use xtask::diff::{Class, Report};

use workspace_files::diff_pairs::{PAIRS, Pair};

use workspace_files::TOKENS_SPEC;
const TOKEN: &str = "wire-proof-token-7d2e";
const ORG: &str = "test-org";
/// Random answers asked of Prism in a scenario about a response: the first
/// one the old crate refuses ends it. Prism's answers make a nullable field
/// null about 40 % of the time, so 30 answers all non-null happen about
/// once in 10^7 runs.
const DYNAMIC_ANSWERS: usize = 30;

/// The control: the spec as it is on both sides (no report line).
const CONTROL: Pair = Pair {
    name: "control: the spec unedited",
    before: &[],
    after: &[],
    consumer: None,
};

/// The call a consumer of the old crate makes.
#[derive(Clone, Copy)]
enum Call {
    Create(fn() -> builder::CreateTokenRequest),
    List,
    Revoke(i64),
}

/// Which answers Prism gives.
#[derive(Clone, Copy, PartialEq)]
enum Answers {
    /// The spec's example (for a request: what matters is whether Prism
    /// accepts it).
    Example,
    /// [`DYNAMIC_ANSWERS`] random answers that fit the spec Prism serves.
    Dynamic,
}

struct Scenario {
    pair: &'static str,
    /// What the consumer does, for the table.
    does: &'static str,
    call: Call,
    answers: Answers,
}

const fn scenario(pair: &'static str, does: &'static str, call: Call) -> Scenario {
    Scenario {
        pair,
        does,
        call,
        answers: Answers::Example,
    }
}

const fn dynamic(pair: &'static str, does: &'static str, call: Call) -> Scenario {
    Scenario {
        pair,
        does,
        call,
        answers: Answers::Dynamic,
    }
}

/// The README's request: a name, a preset and `expires_in: 30d`.
fn readme_request() -> builder::CreateTokenRequest {
    CreateTokenRequest::builder()
        .name("My CI token")
        .preset("content_management".to_owned())
        .expires_in(ExpiresIn::Days30)
}

fn name_only() -> builder::CreateTokenRequest {
    CreateTokenRequest::builder().name("My CI token")
}

const README_CREATE: Call = Call::Create(readme_request);
const README_LIST: Call = Call::List;
const README_REVOKE: Call = Call::Revoke(42);

/// The pairs observed, each with its scenario, and the control.
const SCENARIOS: &[Scenario] = &[
    scenario(CONTROL.name, "create as the README does", README_CREATE),
    // --- Limits on what the old crate sends.
    scenario(
        "maxLength on the request's name",
        "create with a 300-character name",
        Call::Create(|| CreateTokenRequest::builder().name("n".repeat(300))),
    ),
    scenario(
        "maxItems on scopes: typify keeps Vec",
        "create with 21 scopes",
        Call::Create(|| {
            let scopes = (0..21).map(|i| format!("projects:read:{i}")).collect();
            CreateTokenRequest::builder()
                .name("CI")
                .scopes(Some(scopes))
        }),
    ),
    scenario(
        "minimum and maximum on an integer: typify keeps i64",
        "create with projects [2000000]",
        Call::Create(|| {
            CreateTokenRequest::builder()
                .name("CI")
                .projects(Some(vec![2_000_000]))
        }),
    ),
    scenario(
        "pattern on the request's preset",
        "create with preset \"Content Management\"",
        Call::Create(|| {
            CreateTokenRequest::builder()
                .name("CI")
                .preset(Some("Content Management".to_owned()))
        }),
    ),
    scenario(
        "format: ipv4 on the request's preset",
        "create as the README does (preset content_management)",
        README_CREATE,
    ),
    scenario(
        "minimum: 1 on the token_id path parameter",
        "revoke token 0",
        Call::Revoke(0),
    ),
    // --- Fields, parameters and values of requests.
    scenario(
        "a new required request field",
        "create as the README does (no owner)",
        README_CREATE,
    ),
    scenario(
        "a required query parameter added",
        "list as the README does (no page)",
        README_LIST,
    ),
    scenario(
        "an expires_in wire value changed, its Rust name kept",
        "create with ExpiresIn::Days30 (sends \"30d\")",
        README_CREATE,
    ),
    scenario(
        "an expires_in value removed",
        "create with ExpiresIn::Never",
        Call::Create(|| readme_request().expires_in(ExpiresIn::Never)),
    ),
    scenario(
        "a new optional request field",
        "create as the README does",
        README_CREATE,
    ),
    scenario(
        "an optional query parameter added",
        "list as the README does",
        README_LIST,
    ),
    scenario(
        "a default for the request's expires_in",
        "create without expires_in",
        Call::Create(|| name_only().preset("content_management".to_owned())),
    ),
    scenario(
        "additionalProperties: false on the request",
        "create as the README does",
        README_CREATE,
    ),
    scenario(
        "the request's name no longer required",
        "create as the README does",
        README_CREATE,
    ),
    scenario(
        "a request field removed",
        "create with projects [1]",
        Call::Create(|| name_only().projects(Some(vec![1]))),
    ),
    // --- Statuses and routes.
    scenario(
        "create answers 200 instead of 201",
        "create as the README does",
        README_CREATE,
    ),
    scenario(
        "create answers any 2XX instead of 201",
        "create as the README does",
        README_CREATE,
    ),
    scenario(
        "revoke answers 204 without a body instead of 200",
        "revoke as the README does",
        README_REVOKE,
    ),
    scenario(
        "the path of every operation moved to /api/v3",
        "revoke as the README does (DELETE /api/v2/...)",
        README_REVOKE,
    ),
    scenario(
        "an operation renamed",
        "revoke as the README does",
        README_REVOKE,
    ),
    // --- Responses: random answers that fit the new spec.
    dynamic(
        "the created token's name made nullable",
        "create, read random answers",
        README_CREATE,
    ),
    dynamic(
        "format: date instead of date-time on created_at",
        "create, read random answers",
        README_CREATE,
    ),
    dynamic(
        "format: email on a listed token's name: typify keeps String",
        "list, read random answers",
        README_LIST,
    ),
    dynamic(
        "a listed token's last_used made required (still nullable)",
        "list, read random answers",
        README_LIST,
    ),
    dynamic(
        "a new optional field in a listed token",
        "list, read random answers",
        README_LIST,
    ),
    dynamic(
        "an enum added to a response",
        "list, read random answers",
        README_LIST,
    ),
    dynamic(
        "maxLength on a listed token's name (a response field)",
        "list, read random answers",
        README_LIST,
    ),
    dynamic(
        "a new required field in the created token (issue example)",
        "create, read random answers",
        README_CREATE,
    ),
    dynamic(
        "additionalProperties: false on the created token (a response)",
        "create, read random answers",
        README_CREATE,
    ),
    dynamic(
        "the created token's preset made required and no longer nullable",
        "create, read random answers",
        README_CREATE,
    ),
    dynamic(
        "a response field removed",
        "create, read random answers",
        README_CREATE,
    ),
    // The old crate leaves an unset preset out of the JSON; the new spec
    // requires the key (Prism: "Request body must have required property
    // 'preset'").
    scenario(
        "the request's preset made required (still nullable)",
        "create with a name only (no preset key)",
        Call::Create(name_only),
    ),
    // A server that follows the new spec has no GET on the route (Prism:
    // 405).
    scenario(
        "an operation removed",
        "list as the README does",
        README_LIST,
    ),
    // The old crate's DELETE .../tokens/42 is the same URL under the
    // renamed template.
    scenario(
        "a path parameter renamed",
        "revoke as the README does",
        README_REVOKE,
    ),
    // The renamed schema has the same shape: the answer reads as before.
    scenario(
        "a schema renamed",
        "revoke as the README does",
        README_REVOKE,
    ),
];

/// A pair, its report, and what its scenario did on each server.
struct Run<'s> {
    scenario: &'s Scenario,
    report: Report,
    old: Outcome,
    new: Outcome,
}

/// A scenario's outcome: what worked, or the error (its `Display`, and what
/// Prism said about the request).
type Outcome = Result<String, String>;

impl Run<'_> {
    fn expected_fail(&self) -> bool {
        self.report.changes.iter().any(|c| c.old_releases_fail)
    }

    fn observed_fail(&self) -> bool {
        self.new.is_err()
    }

    fn expected(&self) -> String {
        let failing: BTreeSet<String> = self
            .report
            .changes
            .iter()
            .filter(|c| c.old_releases_fail)
            .map(|c| format!("{:?}", c.class))
            .collect();
        if failing.is_empty() {
            let classes: BTreeSet<String> = self
                .report
                .changes
                .iter()
                .map(|c| format!("{:?}", c.class))
                .collect();
            if classes.is_empty() {
                "works (no change)".to_owned()
            } else {
                format!("works ({})", Vec::from_iter(classes).join(", "))
            }
        } else {
            format!("fails ({})", Vec::from_iter(failing).join(", "))
        }
    }

    fn observed(&self) -> String {
        match &self.new {
            Ok(worked) => format!("works: {worked}"),
            Err(e) => format!("fails: {e}"),
        }
    }

    /// The report's changes, one a line.
    fn report_lines(&self) -> String {
        if self.report.changes.is_empty() {
            return "    (no change)".to_owned();
        }
        self.report
            .changes
            .iter()
            .map(|c| {
                format!(
                    "    {:?} {}: {} (old_releases_fail: {})",
                    c.class, c.subject, c.what, c.old_releases_fail
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn explain(&self) -> String {
        format!(
            "{:?} ({}): the report expects {}, observed {}\n  report:\n{}",
            self.scenario.pair,
            self.scenario.does,
            self.expected(),
            self.observed(),
            self.report_lines()
        )
    }
}

#[test]
fn the_old_crate_fails_against_the_new_spec_exactly_when_the_report_says() {
    let started = Instant::now();
    let root = workspace_files::root();
    let layer = xtask::diff::hand_written_layer(&root).expect("the hand-written layer reads");
    let side = |spec: &str, name: &str| {
        xtask::diff::revision(spec, name)
            .unwrap_or_else(|e| panic!("{name} generates: {e}"))
            .beside(&layer)
    };
    let dir = tempfile::tempdir().expect("a temp dir for the specs");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");

    // The old side of every pair: the spec as it is (parsed and serialized
    // again, as the new sides are).
    let old_spec = CONTROL.old_spec(TOKENS_SPEC);
    let old = side(&old_spec, "old.yaml");

    let scenarios: Vec<(&'static Scenario, &'static Pair)> =
        SCENARIOS.iter().map(|s| (s, pair_named(s.pair))).collect();
    // Each pair's review on one of two threads: generating a revision is
    // most of this test's CPU, and the pairs do not depend on each other.
    let review = |&(scenario, pair): &(&'static Scenario, &'static Pair)| {
        assert!(
            pair.before.is_empty(),
            "{:?}: the old crate is the workspace's only for pairs whose old side is the spec as it is",
            pair.name
        );
        let new = side(&pair.new_spec(TOKENS_SPEC), "new.yaml");
        Run {
            scenario,
            report: Report::new(&old, &new),
            old: Ok(String::new()),
            new: Ok(String::new()),
        }
    };
    let (first, second) = scenarios.split_at(scenarios.len() / 2);
    let mut runs: Vec<Run> = std::thread::scope(|scope| {
        let second = scope.spawn(|| second.iter().map(review).collect::<Vec<_>>());
        let mut runs: Vec<Run> = first.iter().map(review).collect();
        runs.extend(second.join().expect("a review panicked"));
        runs
    });

    // One Prism: the old spec first, then each run's new spec.
    let specs: Vec<String> = std::iter::once(old_spec.clone())
        .chain(
            runs.iter()
                .map(|run| pair_named(run.scenario.pair).new_spec(TOKENS_SPEC)),
        )
        .collect();
    let (document, prefixes) = one_document(&specs);
    let path = dir.path().join("all.json");
    std::fs::write(&path, document).unwrap();
    let prism = Prism::start_spec(&path);
    let base_url = |i: usize| format!("{}{}", prism.base_url(), prefixes[i]);

    // Every scenario works against the old spec.
    for run in &mut runs {
        run.old = runtime.block_on(play(run.scenario, &base_url(0)));
    }
    let broken: Vec<String> = runs
        .iter()
        .filter_map(|r| {
            r.old
                .as_ref()
                .err()
                .map(|e| format!("{:?}: {e}", r.scenario.pair))
        })
        .collect();
    assert!(
        broken.is_empty(),
        "scenarios that fail against the old spec prove nothing:\n{}\nPrism's log:\n{}",
        broken.join("\n"),
        prism.log()
    );

    // Then against each pair's new spec.
    for (i, run) in runs.iter_mut().enumerate() {
        run.new = runtime.block_on(play(run.scenario, &base_url(i + 1)));
    }

    let asserted = &runs[..];
    if std::env::var_os("WIRE_PROOF_SHOW").is_some() {
        println!("{}", table(asserted));
    }

    let mismatches: Vec<String> = asserted
        .iter()
        .filter(|r| r.expected_fail() != r.observed_fail())
        .map(Run::explain)
        .collect();
    assert!(
        mismatches.is_empty(),
        "{} pairs behave on the wire otherwise than the report says:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );

    let control = &asserted[0];
    assert_eq!(control.scenario.pair, CONTROL.name);
    assert!(
        control.report.changes.is_empty() && control.new.is_ok(),
        "the control: {}",
        control.explain()
    );
    let pairs = &asserted[1..];
    assert!(pairs.len() >= 12, "only {} pairs observed", pairs.len());
    assert!(
        pairs.iter().any(|r| r.observed_fail()
            && r.report
                .changes
                .iter()
                .any(|c| c.old_releases_fail && c.class == Class::BreakingAtRunTime)),
        "no pair where a BreakingAtRunTime change fails old releases"
    );
    assert!(
        pairs.iter().any(|r| !r.observed_fail()
            && !r.report.changes.is_empty()
            && r.report
                .changes
                .iter()
                .all(|c| c.class == Class::Compatible)),
        "no Compatible pair that works"
    );
    eprintln!(
        "wire proof: {} pairs and the control in {:.1?}",
        pairs.len(),
        started.elapsed()
    );
}

/// Several specs as one document that Prism serves, and the path prefix of
/// each: spec `i`'s paths under `/spec{i}`, its components renamed
/// `spec{i}_<name>` (its `$ref`s and security requirements with them), and
/// its global `security` copied into each operation that has none, so that
/// no spec sees another's schemas, parameters or security.
fn one_document(specs: &[String]) -> (String, Vec<String>) {
    const METHODS: [&str; 8] = [
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ];
    let mut paths = Map::new();
    let mut components = Map::new();
    let mut prefixes = Vec::new();
    let mut openapi = Value::Null;
    for (i, spec) in specs.iter().enumerate() {
        let prefix = format!("/spec{i}");
        let tag = format!("spec{i}_");
        let mut spec: Value = serde_yaml::from_str(spec).expect("a pair's spec parses");
        rename_refs(&mut spec, &tag);
        openapi = spec["openapi"].clone();
        let security = spec.get("security").cloned();
        let renamed_security = |requirements: &Value| -> Value {
            Value::Array(
                requirements
                    .as_array()
                    .expect("security is a list")
                    .iter()
                    .map(|requirement| {
                        let requirement = requirement.as_object().expect("a requirement");
                        Value::Object(
                            requirement
                                .iter()
                                .map(|(scheme, scopes)| (format!("{tag}{scheme}"), scopes.clone()))
                                .collect(),
                        )
                    })
                    .collect(),
            )
        };
        if let Some(Value::Object(spec_paths)) = spec.get_mut("paths") {
            for (path, item) in std::mem::take(spec_paths) {
                let mut item = item;
                for method in METHODS {
                    let Some(Value::Object(operation)) = item.get_mut(method) else {
                        continue;
                    };
                    if let Some(id) = operation.get("operationId").and_then(Value::as_str) {
                        let id = format!("{tag}{id}");
                        operation.insert("operationId".into(), id.into());
                    }
                    let own = operation.get("security").or(security.as_ref());
                    if let Some(requirements) = own.map(renamed_security) {
                        operation.insert("security".into(), requirements);
                    }
                }
                paths.insert(format!("{prefix}{path}"), item);
            }
        }
        if let Some(Value::Object(sections)) = spec.get_mut("components") {
            for (section, entries) in std::mem::take(sections) {
                let Value::Object(entries) = entries else {
                    continue;
                };
                let into = components
                    .entry(section)
                    .or_insert_with(|| Value::Object(Map::new()))
                    .as_object_mut()
                    .unwrap();
                for (name, entry) in entries {
                    into.insert(format!("{tag}{name}"), entry);
                }
            }
        }
        prefixes.push(prefix);
    }
    let document = serde_json::json!({
        "openapi": openapi,
        "info": {"title": "the wire proof's specs", "version": "1"},
        "paths": paths,
        "components": components,
    });
    (document.to_string(), prefixes)
}

/// `#/components/<section>/<name>…` becomes `#/components/<section>/<tag><name>…`
/// in every `$ref` and discriminator mapping.
fn rename_refs(value: &mut Value, tag: &str) {
    let rename = |reference: &mut Value| {
        if let Some((section, name)) = reference
            .as_str()
            .and_then(|r| r.strip_prefix("#/components/"))
            .and_then(|rest| rest.split_once('/'))
        {
            *reference = format!("#/components/{section}/{tag}{name}").into();
        }
    };
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                match key.as_str() {
                    "$ref" => rename(child),
                    // A discriminator's mapping names schemas by `$ref`
                    // text; anything else called `mapping` (a property)
                    // is walked as usual.
                    "mapping" => {
                        for target in child
                            .as_object_mut()
                            .into_iter()
                            .flat_map(|m| m.values_mut())
                        {
                            if target.is_string() {
                                rename(target);
                            } else {
                                rename_refs(target, tag);
                            }
                        }
                    }
                    _ => rename_refs(child, tag),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| rename_refs(item, tag)),
        _ => {}
    }
}

fn pair_named(name: &str) -> &'static Pair {
    if name == CONTROL.name {
        return &CONTROL;
    }
    PAIRS
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("pairs.rs has no pair named {name:?}"))
}

/// The table for the maintainer's note (Markdown).
fn table(runs: &[Run]) -> String {
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut out = String::from("| pair | scenario | expected | observed |\n|---|---|---|---|\n");
    for run in runs {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            cell(run.scenario.pair),
            cell(run.scenario.does),
            cell(&run.expected()),
            cell(&run.observed())
        ));
    }
    out
}

/// Runs the scenario with the old crate against the server at `base_url`:
/// once, or for [`DYNAMIC_ANSWERS`] random answers, up to the first error.
async fn play(scenario: &Scenario, base_url: &str) -> Outcome {
    let mut http = reqwest::ClientBuilder::new();
    if scenario.answers == Answers::Dynamic {
        let mut prefer = HeaderMap::new();
        prefer.insert(
            HeaderName::from_static("prefer"),
            HeaderValue::from_static("dynamic=true"),
        );
        http = http.default_headers(prefer);
    }
    let client = ClientBuilder::new(TOKEN)
        .base_url(base_url)
        .http_client(http)
        // One request per call: what the server answers is the outcome.
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("a client for Prism");
    let times = match scenario.answers {
        Answers::Example => 1,
        Answers::Dynamic => DYNAMIC_ANSWERS,
    };
    let mut statuses = BTreeSet::new();
    for n in 1..=times {
        match call(&client, scenario.call).await {
            Ok(status) => statuses.insert(status),
            Err(e) if times == 1 => return Err(describe(e).await),
            Err(e) => return Err(format!("answer {n} of {times}: {}", describe(e).await)),
        };
    }
    let statuses = Vec::from_iter(statuses.iter().map(u16::to_string)).join(", ");
    Ok(match times {
        1 => statuses,
        _ => format!("{statuses} (×{times} random answers)"),
    })
}

/// The call, and the status of its answer.
async fn call(client: &Client, call: Call) -> Result<u16, Error<ApiError>> {
    Ok(match call {
        Call::Create(request) => client
            .tokens_create()
            .organization(ORG)
            .body(request())
            .send()
            .await?
            .status(),
        Call::List => client
            .tokens_list()
            .organization(ORG)
            .send()
            .await?
            .status(),
        Call::Revoke(id) => client
            .tokens_revoke()
            .organization(ORG)
            .token_id(id)
            .send()
            .await?
            .status(),
    }
    .as_u16())
}

/// The error's `Display`, and what Prism said: its violations header, or
/// the body of an answer of its own (`application/problem+json`, which
/// holds no secret).
async fn describe(error: Error<ApiError>) -> String {
    let shown = error.to_string();
    let violations = |headers: &HeaderMap| {
        headers
            .get("sl-violations")
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
    };
    let said = match error {
        Error::ErrorResponse(e) => violations(e.headers()),
        Error::InvalidResponsePayload(p) => violations(p.headers()).or_else(|| {
            p.headers()
                .get(CONTENT_TYPE)
                .is_some_and(|t| t.as_bytes().starts_with(b"application/problem+json"))
                .then(|| String::from_utf8_lossy(p.body()).into_owned())
        }),
        Error::UnexpectedResponse(response) => {
            let problem = response
                .headers()
                .get(CONTENT_TYPE)
                .is_some_and(|t| t.as_bytes().starts_with(b"application/problem+json"));
            match violations(response.headers()) {
                Some(v) => Some(v),
                None if problem => response.text().await.ok(),
                None => None,
            }
        }
        _ => None,
    };
    match said {
        Some(said) => format!("{shown} [Prism: {said}]"),
        None => shown,
    }
}
