//! The library contract: same spec, same bytes; a header that says how to
//! regenerate; the `x-enum-varnames` extension; errors that name the place.

use codegen::{CodegenError, Settings};

use crate::support::TOKENS_SPEC;

/// The client generated from `spec`, named `name`.
fn client(spec: &str, name: &str) -> Result<String, CodegenError> {
    crate::support::generate(spec, name, false).map(|generated| generated.client)
}

#[test]
fn the_same_spec_gives_byte_identical_output() {
    let first = client(TOKENS_SPEC, "openapi/tokens.yaml").unwrap();
    for _ in 0..3 {
        assert!(first == client(TOKENS_SPEC, "openapi/tokens.yaml").unwrap());
    }
}

#[test]
fn every_file_has_a_header_naming_the_spec_and_the_command() {
    let out = codegen::Generator::new(
        Settings::new("specs/x.yaml").command("cargo xtask codegen --spec specs/x.yaml"),
    )
    .generate(TOKENS_SPEC)
    .unwrap();
    for file in [&out.client, &out.httpmock] {
        let header: Vec<&str> = file.lines().take_while(|l| l.starts_with("//")).collect();
        assert!(
            header[0].starts_with("// @generated from specs/x.yaml"),
            "{header:?}"
        );
        assert!(
            header
                .join("\n")
                .contains("run `cargo xtask codegen --spec specs/x.yaml`"),
            "{header:?}"
        );
        assert!(header.join("\n").contains("rustfmt"), "{header:?}");
        syn::parse_file(file).expect("the output is Rust");
    }
    assert!(out.httpmock.contains("pub trait MockServerExt"));
    assert!(out.httpmock.contains("fn tokens_create<F>"));
}

#[test]
fn x_enum_varnames_renames_the_variants_and_keeps_the_wire_values() {
    let out = client(TOKENS_SPEC, "t.yaml").unwrap();
    assert!(out.contains("Days30,") && out.contains("Self::Days30 => f.write_str(\"30d\")"));
    assert!(out.contains("\"30d\" => Ok(Self::Days30)"));
    assert!(!out.contains("X30d"), "a typify name is left");

    // Without the extension typify's names come back: what the extension fixes.
    let without = TOKENS_SPEC
        .lines()
        .filter(|l| {
            !l.contains("x-enum-varnames")
                && !l.trim_start().starts_with("- Days")
                && l.trim() != "- Never"
        })
        .collect::<Vec<_>>()
        .join("\n");
    let plain = client(&without, "t.yaml").unwrap();
    assert!(plain.contains("X30d,") && plain.contains("Self::X30d => f.write_str(\"30d\")"));
}

#[test]
fn x_enum_varnames_must_name_every_value() {
    let short = TOKENS_SPEC.replace("        - Never\n", "");
    assert_ne!(short, TOKENS_SPEC);
    let err = client(&short, "t.yaml").unwrap_err();
    assert!(matches!(err, CodegenError::Extension { .. }), "{err}");
    assert_eq!(
        err.to_string(),
        "t.yaml: components.schemas.ExpiresIn.x-enum-varnames: lists 3 names for 4 enum values"
    );
    let twice = TOKENS_SPEC.replace("        - Days90\n", "        - Days30\n");
    let err = client(&twice, "t.yaml").unwrap_err();
    assert!(
        err.to_string().ends_with("`Days30` is listed twice"),
        "{err}"
    );
}

#[test]
fn a_structural_error_names_the_line_and_column() {
    let broken = TOKENS_SPEC.replace(
        "  title: QuantCDN Tokens API\n",
        "  title: [QuantCDN Tokens API]\n",
    );
    let err = client(&broken, "t.yaml").unwrap_err();
    assert!(matches!(err, CodegenError::Syntax { line: 3, .. }), "{err}");
}

#[test]
fn a_websocket_upgrade_returns_the_crates_own_error() {
    let spec = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /serial:
    get:
      operationId: serial
      responses:
        default: {description: upgraded}
      x-dropshot-websocket: {}
"#;
    let out = client(spec, "ws.yaml").unwrap();
    assert!(
        out.contains("101u16 => ResponseValue::upgrade(response).await.map_err(Error::from)"),
        "{out}"
    );
}

/// Five operations, of which progenitor cannot generate `b`, `d` and `e`.
fn three_failing_of_five() -> String {
    let ok = "responses: {'204': {description: done}}";
    format!(
        r#"
openapi: 3.0.3
info: {{title: t, version: '1'}}
paths:
  /a: {{get: {{operationId: a, {ok}}}}}
  /b:
    post:
      operationId: b
      requestBody: {{content: {{'*/*': {{schema: {{type: string}}}}}}}}
      {ok}
  /c: {{get: {{operationId: c, {ok}}}}}
  /d:
    post:
      operationId: d
      requestBody:
        content:
          application/json: {{schema: {{type: object}}}}
          text/plain: {{schema: {{type: string}}}}
      {ok}
  /e:
    post:
      operationId: e
      requestBody: {{content: {{'image/png': {{schema: {{type: string}}}}}}}}
      {ok}
"#
    )
}

#[test]
fn every_operation_that_fails_is_named_in_document_order() {
    let spec = three_failing_of_five();
    let err = client(&spec, "many.yaml").unwrap_err();
    let CodegenError::Generator { failures, .. } = &err else {
        panic!("{err}")
    };
    let named: Vec<_> = failures
        .iter()
        .map(|f| f.operation.as_deref().unwrap_or("the document"))
        .collect();
    assert_eq!(named, ["b", "d", "e"], "{err}");
    let text = err.to_string();
    for part in [
        "operation b: unexpected or unhandled format in the OpenAPI document unexpected content type: */*",
        "operation d: progenitor stopped: not yet implemented: more media types than expected",
        "operation e: unexpected or unhandled format in the OpenAPI document unexpected content type: image/png",
    ] {
        assert!(text.contains(part), "{part} not in {text}");
    }
}

/// `--skip-failing`: the operations progenitor cannot generate are left
/// out, each named with its reason in every file's header, and the rest is
/// generated as it would be alone.
#[test]
fn skip_failing_leaves_out_each_failing_operation_and_says_so() {
    let spec = three_failing_of_five();
    let out = codegen::Generator::new(Settings::new("many.yaml").skip_failing(true))
        .generate(&spec)
        .unwrap();
    let skipped: Vec<_> = out.skipped.iter().map(|f| f.operation.as_str()).collect();
    assert_eq!(skipped, ["b", "d", "e"]);
    for (_, text) in out.files() {
        syn::parse_file(text).unwrap();
        let header: Vec<&str> = text
            .lines()
            .take_while(|l| l.starts_with("//") || l.is_empty())
            .collect();
        let header = header.join("\n");
        assert!(
            header.contains("// Left out, because progenitor cannot generate them (3 operations):"),
            "{header}"
        );
        for line in [
            "// - operation b (POST /b): unexpected or unhandled format in the OpenAPI document unexpected content type: */*",
            "// - operation d (POST /d): progenitor stopped: not yet implemented: more media types than expected for d: 2",
            "// - operation e (POST /e): unexpected or unhandled format in the OpenAPI document unexpected content type: image/png",
        ] {
            assert!(header.lines().any(|l| l == line), "{line} not in\n{header}");
        }
    }
    for kept in ["pub fn a(&self)", "pub fn c(&self)"] {
        assert!(out.client.contains(kept), "{kept}");
    }
    for gone in ["pub fn b(&self)", "pub fn d(&self)", "pub fn e(&self)"] {
        assert!(!out.client.contains(gone), "{gone}");
    }
    // An operation refused before progenitor runs (answers of several
    // types beside a `default`) is left out the same way.
    let groups = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /ok: {get: {operationId: ok, responses: {'204': {description: done}}}}
  /two:
    get:
      operationId: two
      responses:
        '200': {description: a, content: {application/json: {schema: {type: string}}}}
        '201': {description: b, content: {application/json: {schema: {type: integer}}}}
        default: {description: other}
"#;
    assert!(client(groups, "groups.yaml").is_err());
    let out = codegen::Generator::new(Settings::new("groups.yaml").skip_failing(true))
        .generate(groups)
        .unwrap();
    assert_eq!(out.skipped.len(), 1);
    assert_eq!(out.skipped[0].operation, "two");
    assert_eq!(out.skipped[0].route, "GET /two");
    assert!(
        out.skipped[0]
            .reason
            .contains("a `default` answer beside them"),
        "{:?}",
        out.skipped
    );
    assert!(out.client.contains("pub fn ok(&self)"));

    // Without the flag nothing changes: the spec is refused, and a spec
    // that generates gets no note.
    assert!(client(&spec, "many.yaml").is_err());
    let tokens = codegen::Generator::new(Settings::new("t.yaml").skip_failing(true))
        .generate(TOKENS_SPEC)
        .unwrap();
    assert!(tokens.skipped.is_empty());
    assert_eq!(tokens.client, client(TOKENS_SPEC, "t.yaml").unwrap());
}

/// `cargo xtask diff` skips reading a checked-in client that is what the
/// generator makes: the client alone must come out as `generate` writes it.
#[test]
fn the_client_alone_is_written_as_generate_writes_it() {
    let name = "openapi/tokens.yaml";
    let written = client(TOKENS_SPEC, name).unwrap();
    let generator = codegen::Generator::new(Settings::new(name));
    let spec = generator.document(TOKENS_SPEC).unwrap().spec;
    let (file, alone) = generator
        .client_and_text(&spec, &generator.header())
        .unwrap();
    assert!(alone == written, "the texts differ");
    // The tree the review reads is the client alone, and what the written
    // text parses to.
    let unparse = prettyplease::unparse;
    let client_file = generator.client(&spec).unwrap().file;
    assert!(unparse(&file) == unparse(&client_file), "the trees differ");
    let parsed = syn::parse_file(&written).unwrap();
    assert!(
        unparse(&file) == unparse(&parsed),
        "the written text differs"
    );
}

/// codegen's `optional_setters`: the setter of an optional field takes the
/// runtime's `IntoOption<V>`; a required field's, and a non-nullable
/// array's (a `Vec`, empty when absent), keep typify's `TryInto`.
#[test]
fn optional_fields_setters_take_into_option_and_required_ones_try_into() {
    let spec = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /things:
    post:
      operationId: make_thing
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Thing'}
      responses:
        '204': {description: made}
components:
  schemas:
    Thing:
      type: object
      required: [name]
      properties:
        name: {type: string}
        label: {type: string}
        tags: {type: array, nullable: true, items: {type: string}}
        notes: {type: array, items: {type: string}}
        size: {type: string, enum: [small, large]}
"#;
    let out = client(spec, "thing.yaml").unwrap();
    let file = syn::parse_file(&out).unwrap();
    let mut setters = std::collections::BTreeMap::new();
    let types = codegen::syntax::module(&file.items, "types").unwrap();
    for item in codegen::syntax::module(types, "builder").unwrap() {
        let syn::Item::Impl(imp) = item else { continue };
        for member in &imp.items {
            if let syn::ImplItem::Fn(f) = member {
                let bound = f.sig.generics.where_clause.as_ref().map(|w| {
                    let first = &w.predicates[0];
                    quote::quote!(#first)
                        .to_string()
                        .replace(' ', "")
                        .replace(",>", ">")
                });
                setters.insert(f.sig.ident.to_string(), bound.unwrap_or_default());
            }
        }
    }
    assert_eq!(
        setters["label"],
        "T:::openapi_client_runtime::IntoOption<::std::string::String>"
    );
    assert_eq!(
        setters["tags"],
        "T:::openapi_client_runtime::IntoOption<::std::vec::Vec<::std::string::String>>"
    );
    assert_eq!(
        setters["size"],
        "T:::openapi_client_runtime::IntoOption<super::ThingSize>"
    );
    assert_eq!(
        setters["name"],
        "T:::std::convert::TryInto<::std::string::String>"
    );
    // An optional array that is not nullable is a `Vec` (empty when
    // absent), not an `Option`: typify's setter stays.
    assert_eq!(
        setters["notes"],
        "T:::std::convert::TryInto<::std::vec::Vec<::std::string::String>>"
    );
}

/// A description holding a bare carriage return (a spec written on an old
/// Mac) is a doc comment rustc refuses: its line breaks become `\n`.
#[test]
fn a_bare_carriage_return_in_a_description_becomes_a_line_break() {
    let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: get_a\n      description: \"first line\\rsecond line\\r\\nthird\"\n      responses:\n        '200':\n          description: \"ok\\r\"\n          content:\n            application/json:\n              schema:\n                type: object\n                description: \"a\\rb\"\n                properties:\n                  x: {type: string, description: \"c\\rd\", example: \"kept\\r\"}\n";
    let out = codegen::Generator::new(Settings::new("cr.yaml"))
        .generate(spec)
        .unwrap();
    for file in [&out.client, &out.httpmock, &out.cli] {
        assert!(!file.contains('\r'), "a carriage return is left");
    }
    assert!(out.client.contains("first line"), "the text is kept");
    assert!(out.client.contains("second line"));
}

/// `oneOf: []` (and `anyOf`, `allOf`) lists no schema: typify made an
/// empty enum whose CLI did not compile (the mutation campaign's compile
/// slice found it). Refused with its place.
#[test]
fn a_composition_of_no_schema_is_refused_with_its_place() {
    for key in ["oneOf", "anyOf", "allOf"] {
        let spec = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    IdOrIds: {{{key}: []}}\n"
        );
        let err = client(&spec, "c.yaml").unwrap_err().to_string();
        assert_eq!(
            err,
            format!(
                "c.yaml: #/components/schemas/IdOrIds/{key}: lists no schema (JSON Schema requires at least one)"
            )
        );
    }
}

/// A refusal after `--skip-failing` left operations out names them beside
/// why the rest was refused.
#[test]
fn a_refusal_after_skipping_names_what_was_left_out() {
    let corpus = workspace_files::broken_specs_dir().join("34-title-names-another-type.yaml");
    let titled = std::fs::read_to_string(corpus).unwrap();
    let spec = titled.replace(
        "paths:\n",
        "paths:\n  /upload:\n    post:\n      operationId: upload\n      requestBody: {content: {'image/png': {schema: {type: string}}}}\n      responses: {'204': {description: ok}}\n",
    );
    let err = codegen::Generator::new(Settings::new("t.yaml").skip_failing(true))
        .generate(&spec)
        .unwrap_err()
        .to_string();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[0], "t.yaml: progenitor cannot generate 1 operation, for these reasons:",
        "{err}"
    );
    assert!(
        lines[1].starts_with("  the document: typify names two types"),
        "{err}"
    );
    assert!(
        lines[2].starts_with("  operation upload: unexpected or unhandled format"),
        "{err}"
    );
}

/// A spec with the component schemas `schemas` (YAML, indented under
/// `components.schemas`) and one operation answering the first of them.
fn with_schemas(first: &str, schemas: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /a:\n    get:\n      operationId: get_a\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/{first}'}}\ncomponents:\n  schemas:\n{schemas}"
    )
}

/// An `allOf` whose members lead into a cycle through `oneOf` (a parent
/// listing its children, each child an `allOf` of the parent, as Brex's
/// specs do) made typify's merging recurse until the stack overflowed,
/// which aborts the process: refused with the place and the cycle, once
/// per cycle. A cycle through `oneOf` and `anyOf` alone generates (typify
/// names the types and does not merge them), and a cycle of aliases is
/// reported once, as such.
#[test]
fn an_allof_that_leads_into_a_cycle_is_refused_with_its_place() {
    let parent_and_children = with_schemas(
        "Owner",
        "    Owner:\n      type: object\n      oneOf:\n        - $ref: '#/components/schemas/UserOwner'\n        - $ref: '#/components/schemas/TeamOwner'\n    UserOwner:\n      allOf:\n        - $ref: '#/components/schemas/Owner'\n        - {type: object, properties: {user_id: {type: string}}}\n    TeamOwner:\n      allOf:\n        - $ref: '#/components/schemas/Owner'\n        - {type: object, properties: {team_id: {type: string}}}\n",
    );
    let err = client(&parent_and_children, "c.yaml")
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "c.yaml: #/components/schemas/TeamOwner/allOf: leads to Owner → TeamOwner → Owner, a cycle \
         through $ref, allOf, oneOf or anyOf that typify's merging of allOf never finishes \
         (and 1 more allOf); where a parent lists its children in oneOf and each child is an \
         allOf of the parent, drop one of the two"
    );
    // The cycle further on, through oneOf alone, reached from an allOf.
    let through_a_union = with_schemas(
        "X",
        "    X:\n      allOf:\n        - $ref: '#/components/schemas/A'\n        - {type: object, properties: {x: {type: string}}}\n    A:\n      oneOf: [{$ref: '#/components/schemas/B'}, {type: object, properties: {s: {type: string}}}]\n    B:\n      oneOf: [{$ref: '#/components/schemas/A'}, {type: object, properties: {i: {type: integer}}}]\n",
    );
    let err = client(&through_a_union, "c.yaml").unwrap_err().to_string();
    assert!(
        err.starts_with("c.yaml: #/components/schemas/X/allOf: leads to A → B → A, a cycle"),
        "{err}"
    );
    // No allOf on the way: typify generates it.
    let unions_only = with_schemas(
        "A",
        "    A:\n      oneOf: [{$ref: '#/components/schemas/B'}, {type: string}]\n    B:\n      anyOf: [{$ref: '#/components/schemas/A'}, {type: integer}]\n",
    );
    client(&unions_only, "c.yaml").expect("a cycle of unions generates");
    // Aliases in a cycle: one problem, the aliases'.
    let aliases = with_schemas(
        "Node",
        "    Node: {$ref: '#/components/schemas/Tree'}\n    Tree:\n      allOf:\n        - $ref: '#/components/schemas/Node'\n",
    );
    let err = client(&aliases, "c.yaml").unwrap_err().to_string();
    assert!(
        err.contains("are aliases of each other in a cycle") && !err.contains("never finishes"),
        "{err}"
    );
}
