//! The corpus of broken (and a few valid) specs in `workspace-files/broken-specs/`,
//! each run through the real `xtask codegen --spec … --out …`: the exit code,
//! a message that names the file and the place, no panic or backtrace, and
//! the output files untouched — byte-identical when they existed, absent
//! when they did not. Three more cases are made here, too large to check in:
//! 10,000 levels of nesting in YAML and in JSON, and a 20 MB spec.

use std::fs;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::support::{assert_no_panic_trace, assert_one_clean_error, codegen, outputs};

fn corpus() -> PathBuf {
    workspace_files::broken_specs_dir()
}

/// (file, exit code, what the message must contain besides the file name)
const CASES: &[(&str, i32, &[&str])] = &[
    ("01-empty.yaml", 3, &["the file is empty"]),
    (
        "02-binary-garbage.yaml",
        3,
        &["02-binary-garbage.yaml:3:10: not UTF-8 text"],
    ),
    (
        "03-yaml-syntax-error.yaml",
        3,
        &["03-yaml-syntax-error.yaml:9:1: did not find expected ',' or ']'"],
    ),
    (
        "04-json-syntax-error.json",
        3,
        &["04-json-syntax-error.json:5:43: expected `,` or `}`"],
    ),
    ("05-valid.json", 0, &[]),
    (
        "06-swagger-2.0.yaml",
        3,
        &["unsupported OpenAPI version swagger 2.0"],
    ),
    (
        "07-openapi-3.1.yaml",
        0,
        &[
            "normalized: #/openapi: 3.1.0 read as 3.0.3, the constructs below rewritten\n",
            "normalized: #/components/schemas/Pet/properties/kind/const: as `enum: [\"dog\"]`\n",
            "normalized: #/components/schemas/Pet/properties/name/type: [\"string\",\"null\"] as \"string\", nullable\n",
            "normalized: #/components/schemas/Pet/properties/name/examples: the first as `example`\n",
            "normalized: #/components/schemas/Pet/properties/owner/oneOf: its `{type: null}` member removed, the schema nullable\n",
            "normalized: #/paths/~1pets~1{id}/get/parameters/0/schema/exclusiveMinimum: 0 as `minimum: 0, exclusiveMinimum: true`\n",
        ],
    ),
    (
        "08-missing-paths.yaml",
        3,
        &["08-missing-paths.yaml:1:1: missing field `paths`"],
    ),
    (
        "09-missing-operation-id.yaml",
        3,
        &["GET /a: has no operationId"],
    ),
    (
        "10-duplicate-operation-id.yaml",
        3,
        &["GET /b: operationId fetch is also used by GET /a"],
    ),
    (
        "11-ref-to-missing-schema.yaml",
        3,
        &[
            "#/paths/~1a/get/responses/200/content/application~1json/schema: $ref #/components/schemas/Missing points to nothing",
        ],
    ),
    (
        "12-reference-cycle-of-aliases.yaml",
        3,
        &[
            "#/components/schemas/Node: the schemas Node → Tree → Node are aliases of each other in a cycle",
        ],
    ),
    ("13-reference-cycle-through-properties.yaml", 0, &[]),
    (
        "14-multipart-request-body.yaml",
        4,
        &[
            "operation upload_file",
            "unexpected content type: multipart/form-data",
        ],
    ),
    // Answers of several types are one enum (codegen's `response_groups`):
    // these generate.
    ("15-error-body-beside-error-without-body.yaml", 0, &[]),
    ("16-success-body-beside-success-without-body.yaml", 0, &[]),
    (
        "17-string-success-beside-default-error-object.yaml",
        4,
        &["operation get_version", "response_types.len() <= 1"],
    ),
    (
        "18-path-parameter-missing-from-path.yaml",
        3,
        &["operation list_items: path parameter id does not appear in /items"],
    ),
    (
        "19-path-placeholder-without-parameter.yaml",
        3,
        &["operation get_item: the path has {id} but no path parameter id"],
    ),
    (
        "20-external-ref.yaml",
        3,
        &["$ref common.yaml#/components/schemas/Thing points outside the document"],
    ),
    (
        "21-version-as-a-number.yaml",
        3,
        &["unsupported OpenAPI version 3.0 (a number: quote it"],
    ),
    (
        "22-x-enum-varnames-too-short.yaml",
        3,
        &["components.schemas.Size.x-enum-varnames: lists 1 names for 2 enum values"],
    ),
    (
        "23-info-is-a-string.yaml",
        3,
        &["23-info-is-a-string.yaml:2:7: info: invalid type: string"],
    ),
    (
        "24-tab-indentation.yaml",
        3,
        &["24-tab-indentation.yaml:3:1: found character that cannot start any token"],
    ),
    (
        "25-duplicate-path-key.yaml",
        3,
        &["25-duplicate-path-key.yaml:4:3: paths: duplicate entry with key \"/a\""],
    ),
    (
        "26-swagger-2-body-parameter.yaml",
        3,
        &["26-swagger-2-body-parameter.yaml:4:3: paths: unknown variant `body`"],
    ),
    (
        "27-a-list-not-a-document.yaml",
        3,
        &["27-a-list-not-a-document.yaml:1:1: the document is not a mapping"],
    ),
    (
        "28-unknown-schema-type.yaml",
        3,
        &["#/components/schemas/B: unknown schema type \"objekt\""],
    ),
    ("29-ref-inside-an-example.yaml", 0, &[]),
    (
        "30-enum-values-with-one-rust-name.yaml",
        4,
        &[
            "operation patch_group",
            "Failed to make unique variant names for [reactions-+1,reactions--1]",
        ],
    ),
    (
        "31-two-media-types-for-one-body.yaml",
        4,
        &[
            "operation render_markdown",
            "more media types than expected",
        ],
    ),
    (
        "32-any-media-type-body.yaml",
        4,
        &["operation upload_asset", "unexpected content type: */*"],
    ),
    ("33-json-that-yaml-refuses.json", 0, &[]),
    (
        "34-title-names-another-type.yaml",
        4,
        &["the document: typify names two types Owner, which does not compile"],
    ),
    (
        "35-enum-value-listed-twice.yaml",
        3,
        &["#/components/schemas/Shade/enum/2: \"light\" is listed twice"],
    ),
    (
        "36-number-where-a-string-belongs.yaml",
        3,
        &["#/servers/0/url: invalid type: integer `8080`, expected a string"],
    ),
    (
        "37-enum-value-of-another-type.yaml",
        3,
        &["#/components/schemas/Shade/enum/1: {\"dark\":true} is not of the schema's type string"],
    ),
    (
        "38-ref-to-the-whole-document.yaml",
        3,
        &[
            "#/paths/~1a/get/responses/200/content/application~1json/schema: $ref # is not a component",
        ],
    ),
    (
        "39-format-without-a-type.yaml",
        3,
        &["#/components/schemas/Event/properties/time: format \"date-time\" without a type"],
    ),
    (
        "40-two-json-bodies-under-one-status.yaml",
        4,
        &[
            "operation get_report: response 200: two JSON bodies of different schemas",
            "one status can have one type",
        ],
    ),
    (
        "41-default-beside-answers-of-several-types.yaml",
        4,
        &[
            "operation start_job: its success answers have several types, and a `default`",
            "--normalize removes the `default`",
        ],
    ),
    (
        "42-openapi-3.1-without-3.0-equivalent.yaml",
        3,
        &[
            "#/components/schemas/Point/prefixItems: OpenAPI 3.1 (JSON Schema) has it, 3.0 has no equivalent",
        ],
    ),
    // FastAPI's optional fields and parameters: `anyOf` with `{type: null}`.
    (
        "43-openapi-3.1-as-fastapi-writes-it.json",
        0,
        &[
            "normalized: #/openapi: 3.1.0 read as 3.0.3",
            "normalized: #/components/schemas/Item/properties/owner/anyOf: its `{type: null}` member removed, the schema nullable\n",
            "normalized: #/components/schemas/Item/properties/tax/anyOf: its `{type: null}` member removed, the schema nullable\n",
            "normalized: #/paths/~1items~1{item_id}/get/parameters/1/schema/anyOf: its `{type: null}` member removed, the schema nullable\n",
        ],
    ),
    (
        "44-allof-of-a-parent-that-lists-its-children.yaml",
        3,
        &[
            "#/components/schemas/UserOwner/allOf: leads to CardOwner → UserOwner → CardOwner, a cycle through $ref, allOf, oneOf or anyOf that typify's merging of allOf never finishes",
        ],
    ),
];

/// The cases `--normalize` turns into clients: (file, the start of each
/// change printed on stderr).
const NORMALIZED: &[(&str, &[&str])] = &[
    (
        "14-multipart-request-body.yaml",
        &["operation upload_file: request body multipart/form-data is sent as raw bytes"],
    ),
    (
        "17-string-success-beside-default-error-object.yaml",
        &["operation get_version: removed response default"],
    ),
    (
        "41-default-beside-answers-of-several-types.yaml",
        &["operation start_job: removed response default"],
    ),
    (
        "30-enum-values-with-one-rust-name.yaml",
        &[
            "#/paths/~1groups~1{id}/patch/parameters/1/schema: typify would give two values",
            "#/paths/~1groups~1{id}/patch/requestBody/content/application~1json/schema/properties/op: typify",
        ],
    ),
    (
        "31-two-media-types-for-one-body.yaml",
        &["operation render_markdown: request body: kept application/json, removed text/plain"],
    ),
    (
        "32-any-media-type-body.yaml",
        &["operation upload_asset: request body */* is sent as raw bytes"],
    ),
    (
        "34-title-names-another-type.yaml",
        &[
            "#/components/schemas/NullableMember: title \"Member\" removed",
            "#/components/schemas/Owner: title \"Owner\" removed",
        ],
    ),
];

/// Runs one spec twice (no output files; then existing ones) and checks
/// everything the corpus promises. Returns the error line.
fn check_case(spec: &Path, expected_code: i32, expected: &[&str]) -> String {
    let name = spec.file_name().unwrap().to_string_lossy().into_owned();
    let dir = TempDir::new().unwrap();
    let out = outputs(dir.path());

    let run = codegen(&[], spec, &out[0], None);
    assert_eq!(
        run.code, expected_code,
        "{name}: exit code; stderr:\n{}",
        run.stderr
    );
    assert_no_panic_trace(&run.stderr);
    if expected_code == 0 {
        // What it printed (an OpenAPI 3.1 document's rewrites), in order.
        let mut printed = run.stderr.as_str();
        for part in expected {
            let at = printed
                .find(part)
                .unwrap_or_else(|| panic!("{name}: expected {part:?} in\n{}", run.stderr));
            printed = &printed[at + part.len()..];
        }
        for file in &out {
            let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("{name}: {e}"));
            syn::parse_file(&text)
                .unwrap_or_else(|e| panic!("{name}: {} is not Rust: {e}", file.display()));
        }
        return run.stdout;
    }
    let line = assert_one_clean_error(&run.stderr);
    assert!(
        line.contains(&name),
        "{name}: the message does not name the file: {line}"
    );
    for part in expected {
        assert!(line.contains(part), "{name}: expected {part:?} in\n{line}");
    }
    assert!(
        out.iter().all(|f| !f.exists()),
        "{name}: an output file was written"
    );

    for (i, file) in out.iter().enumerate() {
        fs::write(file, format!("// checked-in file {i}\n")).unwrap();
    }
    let again = codegen(&[], spec, &out[0], None);
    assert_eq!(again.code, expected_code, "{name}: second run");
    for (i, file) in out.iter().enumerate() {
        assert_eq!(
            fs::read_to_string(file).unwrap(),
            format!("// checked-in file {i}\n"),
            "{name}: clobbered"
        );
    }
    let left: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        left.len(),
        3,
        "{name}: temporary files left behind: {left:?}"
    );
    line.to_owned()
}

#[test]
fn every_corpus_file_gives_its_expected_outcome() {
    let mut on_disk: Vec<String> = fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let listed: Vec<String> = CASES.iter().map(|(f, _, _)| f.to_string()).collect();
    assert_eq!(on_disk, listed, "every corpus file has exactly one case");
    assert!(CASES.len() >= 25);
    for (file, code, expected) in CASES {
        check_case(&corpus().join(file), *code, expected);
    }
}

#[test]
fn normalising_makes_clients_of_the_cases_progenitor_refuses_and_prints_each_change() {
    for (file, expected) in NORMALIZED {
        let dir = TempDir::new().unwrap();
        let out = outputs(dir.path());
        let run = codegen(&["--normalize"], corpus().join(file), &out[0], None);
        assert_eq!(run.code, 0, "{file}: exit code; stderr:\n{}", run.stderr);
        let changes: Vec<&str> = run.stderr.lines().collect();
        assert_eq!(changes.len(), expected.len(), "{file}:\n{}", run.stderr);
        for (line, start) in changes.iter().zip(*expected) {
            assert!(
                line.starts_with(&format!("normalized: {start}")),
                "{file}: expected {start:?} in\n{line}"
            );
        }
        for file in &out {
            syn::parse_file(&fs::read_to_string(file).unwrap()).unwrap();
        }
    }
}

#[test]
fn ten_thousand_levels_of_nesting_are_an_error_not_a_stack_overflow() {
    let dir = TempDir::new().unwrap();
    let yaml = dir.path().join("deep.yaml");
    fs::write(
        &yaml,
        format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\nx-deep: {}{}\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        ),
    )
    .unwrap();
    let line = check_case(
        &yaml,
        3,
        &[
            "deep.yaml:4:",
            "nests deeper than the parser's limit of 128 levels",
        ],
    );
    assert!(line.len() < 300, "{line}");

    let json = dir.path().join("deep.json");
    fs::write(
        &json,
        format!(
            "{{\"openapi\": \"3.0.3\", \"info\": {{\"title\": \"t\", \"version\": \"1\"}}, \"paths\": {{}}, \"x-deep\": {}1{}}}",
            "{\"a\":".repeat(10_000),
            "}".repeat(10_000)
        ),
    )
    .unwrap();
    check_case(&json, 3, &["deep.json:1:", "recursion limit exceeded"]);
}

#[test]
fn a_20_mb_spec_generates() {
    let dir = TempDir::new().unwrap();
    let spec = dir.path().join("big.yaml");
    let mut text = String::from("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n");
    let mut i = 0;
    while text.len() < 20 * 1024 * 1024 {
        // Many operations with long descriptions: size without thousands of types.
        text.push_str(&format!(
            "  /items{i}:\n    get:\n      operationId: get_item{i}\n      description: {}\n      responses:\n        '200': {{description: ok}}\n",
            "d".repeat(100_000)
        ));
        i += 1;
    }
    fs::write(&spec, &text).unwrap();
    check_case(&spec, 0, &[]);
}
