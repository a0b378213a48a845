//! `cargo xtask diff`'s judgement on pairs of small specs: each pair's
//! expected changes and their classification, then the command itself on a
//! scratch git repository with two commits.

use std::path::Path;
use std::process::Command;

use tempfile::TempDir;
use xtask::diff::{self, Change, Class};

const BASE: &str = r##"
openapi: 3.0.3
info: {title: Pairs, version: '1'}
servers:
  - url: https://api.example.test
paths:
  /things/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
    get:
      operationId: get_thing
      parameters:
        - {name: verbose, in: query, required: false, schema: {type: boolean}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
        '404':
          description: missing
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Problem'}
  /things:
    post:
      operationId: create_thing
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/NewThing'}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  schemas:
    NewThing:
      type: object
      required: [name]
      properties:
        name: {type: string, description: The name}
        size: {$ref: '#/components/schemas/Size'}
    Thing:
      type: object
      required: [id, name, created_at]
      properties:
        id: {type: integer}
        name: {type: string}
        note: {type: string, nullable: true}
        colour: {$ref: '#/components/schemas/Colour'}
        contact: {type: string, format: email}
        created_at: {type: string, format: date-time}
    Size:
      type: string
      enum: [small, large]
    Colour:
      type: string
      enum: [red, blue]
    Problem:
      type: object
      required: [message]
      properties:
        message: {type: string}
"##;

fn changed(replacements: &[(&str, &str)]) -> String {
    let mut spec = BASE.to_owned();
    for (from, to) in replacements {
        assert!(spec.contains(from), "the base spec has no {from:?}");
        spec = spec.replacen(from, to, 1);
    }
    spec
}

fn report(new: &str) -> Vec<String> {
    let old = diff::api(BASE, "base.yaml").unwrap();
    let new = diff::api(new, "new.yaml").unwrap();
    diff::compare(&old, &new)
        .into_iter()
        .map(
            |Change {
                 class,
                 subject,
                 what,
                 ..
             }| format!("{class:?} {subject}: {what}"),
        )
        .collect()
}

/// (pair, replacements, expected changes)
#[allow(clippy::type_complexity)]
const PAIRS: &[(&str, &[(&str, &str)], &[&str])] = &[
    (
        "a description only",
        &[("description: The name", "description: What people call it")],
        &[],
    ),
    (
        "servers unchanged, title changed",
        &[("title: Pairs", "title: Pairs, renamed")],
        &[],
    ),
    (
        "a new optional request field",
        &[(
            "        size: {$ref: '#/components/schemas/Size'}\n",
            "        size: {$ref: '#/components/schemas/Size'}\n        label: {type: string}\n",
        )],
        &["Compatible schema NewThing: field label: Option<String> added"],
    ),
    (
        "a new required request field",
        &[
            (
                "      required: [name]\n",
                "      required: [name, owner]\n",
            ),
            (
                "        name: {type: string, description: The name}\n",
                "        name: {type: string, description: The name}\n        owner: {type: string}\n",
            ),
        ],
        &["Breaking schema NewThing: field owner: String added"],
    ),
    (
        "a request field removed",
        &[("        size: {$ref: '#/components/schemas/Size'}\n", "")],
        &["Breaking schema NewThing: field size removed"],
    ),
    (
        "a new response field",
        &[(
            "        note: {type: string, nullable: true}\n",
            "        note: {type: string, nullable: true}\n        tags: {type: array, items: {type: string}}\n",
        )],
        &["Compatible schema Thing: field tags: Option<Vec<String>> added"],
    ),
    (
        "a required response field becomes nullable",
        &[(
            "        name: {type: string}\n",
            "        name: {type: string, nullable: true}\n",
        )],
        &["Breaking schema Thing: field name made nullable: String → Option<String>"],
    ),
    (
        "an optional, nullable response field becomes required: still Option",
        &[(
            "      required: [id, name, created_at]",
            "      required: [id, name, note, created_at]",
        )],
        &["Compatible schema Thing: field note made required"],
    ),
    (
        "an optional, non-nullable response field becomes required",
        &[(
            "      required: [id, name, created_at]",
            "      required: [id, name, colour, created_at]",
        )],
        &["Breaking schema Thing: field colour made required: Option<Colour> → Colour"],
    ),
    (
        "a new value in a request enum",
        &[("enum: [small, large]", "enum: [small, medium, large]")],
        &["Breaking schema Size: enum value \"medium\" added"],
    ),
    (
        "a new value in a response enum",
        &[("enum: [red, blue]", "enum: [red, green, blue]")],
        &["Breaking schema Colour: enum value \"green\" added"],
    ),
    (
        "an enum value removed",
        &[("enum: [small, large]", "enum: [small]")],
        &["Breaking schema Size: enum value \"large\" removed"],
    ),
    (
        "a format that changes the Rust type",
        &[(
            "created_at: {type: string, format: date-time}",
            "created_at: {type: string, format: date}",
        )],
        &["Breaking schema Thing: field created_at type changed from DateTime<Utc> to NaiveDate"],
    ),
    (
        "a format that keeps the Rust type",
        &[(
            "contact: {type: string, format: email}",
            "contact: {type: string, format: uri}",
        )],
        &["Compatible schema Thing: field contact format changed from email to uri"],
    ),
    (
        "a new operation",
        &[(
            "components:\n",
            "  /health:\n    get:\n      operationId: health\n      responses:\n        '200': {description: ok}\ncomponents:\n",
        )],
        &["Compatible operation health: added (GET /health)"],
    ),
    (
        "an operation removed",
        &[(
            "    get:\n      operationId: get_thing\n",
            "    x-was-get:\n      operationId: get_thing\n",
        )],
        &["Breaking operation get_thing: removed (GET /things/{id})"],
    ),
    (
        "an operationId renamed",
        &[("operationId: create_thing", "operationId: make_thing")],
        &["Breaking operation create_thing: operationId renamed to make_thing"],
    ),
    (
        "a path changed",
        &[("  /things:\n", "  /items:\n")],
        &["Breaking operation create_thing: route changed from POST /things to POST /items"],
    ),
    (
        "an error status added",
        &[(
            "        '201':\n",
            "        '409':\n          description: conflict\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Problem'}\n        '201':\n",
        )],
        &["Compatible operation create_thing: response 409 (Problem) added"],
    ),
    (
        "an error status removed",
        &[(
            "        '404':\n          description: missing\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Problem'}\n",
            "",
        )],
        &["Compatible operation get_thing: response 404 removed"],
    ),
    (
        "a response schema changed",
        &[(
            "        '201':\n          description: created\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Thing'}",
            "        '201':\n          description: created\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Problem'}",
        )],
        &["Breaking operation create_thing: response 201 body changed from Thing to Problem"],
    ),
    (
        "a request body schema changed",
        &[(
            "            schema: {$ref: '#/components/schemas/NewThing'}",
            "            schema: {$ref: '#/components/schemas/Thing'}",
        )],
        &["Breaking operation create_thing: request body changed from NewThing to Thing"],
    ),
    (
        "a required and an optional parameter added",
        &[(
            "        - {name: verbose, in: query, required: false, schema: {type: boolean}}\n",
            "        - {name: verbose, in: query, required: false, schema: {type: boolean}}\n        - {name: tenant, in: header, required: true, schema: {type: string}}\n        - {name: fields, in: query, required: false, schema: {type: string}}\n",
        )],
        &[
            "Breaking operation get_thing: required header parameter tenant (String) added",
            "Compatible operation get_thing: optional query parameter fields (String) added",
        ],
    ),
    (
        "a parameter made required",
        &[(
            "{name: verbose, in: query, required: false",
            "{name: verbose, in: query, required: true",
        )],
        &["Breaking operation get_thing: parameter verbose made required"],
    ),
    (
        "a parameter removed",
        &[(
            "      parameters:\n        - {name: verbose, in: query, required: false, schema: {type: boolean}}\n",
            "",
        )],
        &["Breaking operation get_thing: query parameter verbose removed"],
    ),
    (
        "a server changed",
        &[("https://api.example.test", "https://api.example.test/v2")],
        &[
            "Compatible servers: server https://api.example.test removed",
            "Compatible servers: server https://api.example.test/v2 added",
        ],
    ),
    (
        "a security scheme added",
        &[(
            "components:\n",
            "components:\n  securitySchemes:\n    Bearer: {type: http, scheme: bearer}\n",
        )],
        &["Compatible security: security scheme Bearer added"],
    ),
    (
        "several changes at once",
        &[
            ("enum: [small, large]", "enum: [small]"),
            (
                "        size: {$ref: '#/components/schemas/Size'}\n",
                "        size: {$ref: '#/components/schemas/Size'}\n        label: {type: string}\n",
            ),
            (
                "components:\n",
                "  /health:\n    get:\n      operationId: health\n      responses:\n        '200': {description: ok}\ncomponents:\n",
            ),
            ("description: The name", "description: Another description"),
        ],
        &[
            "Breaking schema Size: enum value \"large\" removed",
            "Compatible operation health: added (GET /health)",
            "Compatible schema NewThing: field label: Option<String> added",
        ],
    ),
];

#[test]
fn each_pair_gives_its_expected_report() {
    assert!(PAIRS.len() >= 20);
    for (pair, replacements, expected) in PAIRS {
        let got = report(&changed(replacements));
        let expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        assert_eq!(got, expected, "pair: {pair}");
    }
}

#[test]
fn reordering_keys_is_no_api_change() {
    let doc: serde_yaml::Value = serde_yaml::from_str(BASE).unwrap();
    let reversed = |v: serde_yaml::Value| -> serde_yaml::Value {
        fn rev(v: serde_yaml::Value) -> serde_yaml::Value {
            match v {
                serde_yaml::Value::Mapping(m) => {
                    let mut e: Vec<_> = m.into_iter().collect();
                    e.reverse();
                    serde_yaml::Value::Mapping(e.into_iter().map(|(k, v)| (k, rev(v))).collect())
                }
                other => other,
            }
        }
        rev(v)
    };
    assert_eq!(
        report(&serde_yaml::to_string(&reversed(doc)).unwrap()),
        Vec::<String>::new()
    );
}

#[test]
fn every_reason_is_given_and_the_markdown_is_a_table() {
    let old = diff::api(BASE, "base.yaml").unwrap();
    let new = diff::api(
        &changed(&[("enum: [red, blue]", "enum: [red, green, blue]")]),
        "new.yaml",
    )
    .unwrap();
    let changes = diff::compare(&old, &new);
    assert_eq!(changes[0].class, Class::Breaking);
    assert!(
        changes[0].why.contains("older clients cannot parse"),
        "{}",
        changes[0].why
    );
    let markdown = diff::render::markdown(&changes, "spec.yaml");
    assert!(
        markdown.contains("**1 breaking change, 0 compatible changes**"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| schema Colour | enum value \"green\" added |"),
        "{markdown}"
    );
    assert!(diff::render::text(&[], "spec.yaml").contains("no API change"));
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=diff test",
            "-c",
            "user.email=diff@test.invalid",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

fn xtask_diff(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["diff", "--spec", "openapi/spec.yaml"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn the_command_on_a_scratch_repository_with_two_commits() {
    let repo = TempDir::new().unwrap();
    let dir = repo.path();
    std::fs::create_dir(dir.join("openapi")).unwrap();
    git(dir, &["init", "-q", "-b", "main"]);
    std::fs::write(dir.join("openapi/spec.yaml"), BASE).unwrap();
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "first"]);
    let second = changed(&[
        ("enum: [red, blue]", "enum: [red, green, blue]"),
        (
            "        size: {$ref: '#/components/schemas/Size'}\n",
            "        size: {$ref: '#/components/schemas/Size'}\n        label: {type: string}\n",
        ),
    ]);
    std::fs::write(dir.join("openapi/spec.yaml"), &second).unwrap();
    git(dir, &["commit", "-q", "-am", "second"]);

    // On main with a clean tree, the default base is HEAD: nothing changed.
    let (code, out, err) = xtask_diff(dir, &[]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    assert!(out.contains("no API change"), "{out}");

    let (code, out, _) = xtask_diff(dir, &["--base", "HEAD~1", "--format", "json"]);
    assert_eq!(code, 1, "breaking changes exit 1");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["breaking"], true);
    assert_eq!(json["changes"].as_array().unwrap().len(), 2);

    let (code, out, _) = xtask_diff(dir, &["--base", "HEAD~1", "--format", "markdown"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("#### Breaking") && out.contains("#### Compatible"),
        "{out}"
    );

    let (code, _, err) = xtask_diff(dir, &["--base", "no-such-rev"]);
    assert_eq!(code, 3);
    assert!(
        err.starts_with("error: cannot read openapi/spec.yaml at no-such-rev"),
        "{err}"
    );
}
