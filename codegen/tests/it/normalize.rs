//! Normalisation: our spec needs none; the shapes progenitor 0.15.1 cannot
//! generate become specs it can, and each change is reported; answers of
//! several types need none.

use crate::support::{TOKENS_SPEC, generate};

#[test]
fn our_spec_needs_no_normalisation() {
    assert_eq!(
        generate(TOKENS_SPEC, "tokens.yaml", true)
            .unwrap()
            .normalizations,
        Vec::<String>::new()
    );
    let normalized = generate(TOKENS_SPEC, "tokens.yaml", true).unwrap();
    assert!(normalized == generate(TOKENS_SPEC, "tokens.yaml", false).unwrap());
}

/// Answers of several types under their own statuses are kept, without
/// normalising: one enum each (codegen's `response_groups`).
#[test]
fn answers_of_several_types_generate_without_normalising_and_nothing_is_removed() {
    for (spec, group) in [
        (
            include_str!(
                "../../../workspace-files/broken-specs/15-error-body-beside-error-without-body.yaml"
            ),
            "pub enum GetItemError",
        ),
        (
            include_str!(
                "../../../workspace-files/broken-specs/16-success-body-beside-success-without-body.yaml"
            ),
            "pub enum StartJobResponse",
        ),
    ] {
        let generated = generate(spec, "s.yaml", false).unwrap();
        assert!(generated.client.contains(group), "{group}");
        assert_eq!(
            generate(spec, "s.yaml", true).unwrap().normalizations,
            Vec::<String>::new()
        );
    }
}

/// `default` stands for every other status, success or error, so it cannot
/// be one variant beside answers of other types: normalising removes it.
#[test]
fn a_default_beside_answers_of_other_types_is_removed_and_reported() {
    for (spec, expected) in [
        (
            include_str!(
                "../../../workspace-files/broken-specs/17-string-success-beside-default-error-object.yaml"
            ),
            "operation get_version: removed response default (an inline JSON schema) beside 200 (an inline JSON schema)",
        ),
        (
            include_str!(
                "../../../workspace-files/broken-specs/41-default-beside-answers-of-several-types.yaml"
            ),
            "operation start_job: removed response default (an inline JSON schema) beside 200 (an inline JSON schema) and 202 (no body)",
        ),
    ] {
        assert!(
            generate(spec, "s.yaml", false).is_err(),
            "{expected}: generates without normalising"
        );
        let generated = generate(spec, "s.yaml", true).unwrap();
        assert_eq!(generated.normalizations, [expected]);
        syn::parse_file(&generated.client).unwrap();
    }
}

/// Generates `spec` with normalisation; asserts it does not generate
/// without, and that no placeholder is left in any file.
fn normalized(spec: &str) -> (codegen::Generated, Vec<String>) {
    assert!(
        generate(spec, "s.yaml", false).is_err(),
        "generates without normalising"
    );
    let generated = generate(spec, "s.yaml", true).unwrap();
    let changes = generated.normalizations.clone();
    for file in [&generated.client, &generated.httpmock, &generated.cli] {
        syn::parse_file(file).unwrap();
        assert!(
            !file.contains("codegen-normalized"),
            "a placeholder is left"
        );
    }
    (generated, changes)
}

#[test]
fn enum_values_with_one_rust_name_are_named_apart_and_sent_unchanged() {
    let (generated, changes) = normalized(include_str!(
        "../../../workspace-files/broken-specs/30-enum-values-with-one-rust-name.yaml"
    ));
    assert_eq!(
        changes,
        [
            "#/paths/~1groups~1{id}/patch/parameters/1/schema: typify would give two values of this enum one Rust name; \
             codegen names them: created → Created, reactions-+1 → ReactionsPlus1, reactions--1 → ReactionsMinus1 \
             (the values sent are unchanged)",
            "#/paths/~1groups~1{id}/patch/requestBody/content/application~1json/schema/properties/op: typify would \
             give two values of this enum one Rust name; codegen names them: add → Add, Add → Add2, remove → Remove, \
             Remove → Remove2 (the values sent are unchanged)",
        ]
    );
    let client = &generated.client;
    for (name, value) in [
        ("Add", "add"),
        ("Add2", "Add"),
        ("Remove", "remove"),
        ("Remove2", "Remove"),
        ("ReactionsPlus1", "reactions-+1"),
        ("ReactionsMinus1", "reactions--1"),
    ] {
        for text in [
            format!("#[serde(rename = \"{value}\")]\n        {name},"),
            format!("Self::{name} => f.write_str(\"{value}\")"),
            format!("\"{value}\" => Ok(Self::{name})"),
        ] {
            assert!(client.contains(&text), "{text} not in\n{client}");
        }
    }
    // The default is the value, by its new name.
    assert!(
        client.contains("PatchGroupSort::ReactionsPlus1\n"),
        "{client}"
    );
    // The CLI follows the names.
    assert!(generated.cli.contains("types::PatchGroupBodyOp::Add2"));
}

/// A large enum's names (a vendor's list of MIME types made a 48 KB line)
/// are listed as far as fits in a line, the rest counted.
#[test]
fn the_names_of_a_large_enum_are_counted_not_all_listed() {
    let values: Vec<String> = ["add".to_owned(), "Add".to_owned()]
        .into_iter()
        .chain((0..300).map(|i| format!("value{i}")))
        .map(|v| format!("\"{v}\""))
        .collect();
    let spec = format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /a:\n    get:\n      operationId: get_a\n      parameters:\n        - {{name: op, in: query, schema: {{type: string, enum: [{}]}}}}\n      responses: {{'204': {{description: done}}}}\n",
        values.join(", ")
    );
    let (_, changes) = normalized(&spec);
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert!(changes[0].chars().count() < 400, "{}", changes[0]);
    assert!(
        changes[0].contains("add → Add, Add → Add2, value0 → Value0")
            && changes[0].contains("more (the values sent are unchanged)"),
        "{}",
        changes[0]
    );
}

#[test]
fn a_body_with_two_media_types_keeps_the_json_one() {
    let (generated, changes) = normalized(include_str!(
        "../../../workspace-files/broken-specs/31-two-media-types-for-one-body.yaml"
    ));
    assert_eq!(
        changes,
        [
            "operation render_markdown: request body: kept application/json, removed text/plain \
          (progenitor sends one media type)"
        ]
    );
    assert!(generated.client.contains("pub struct RenderMarkdownBody"));
}

#[test]
fn a_body_of_any_media_type_is_sent_as_raw_bytes() {
    let (generated, changes) = normalized(include_str!(
        "../../../workspace-files/broken-specs/32-any-media-type-body.yaml"
    ));
    assert_eq!(
        changes,
        [
            "operation upload_asset: request body */* is sent as raw bytes, with Content-Type: \
          application/octet-stream"
        ]
    );
    assert!(
        generated
            .client
            .contains("B: std::convert::TryInto<reqwest::Body>"),
        "{}",
        generated.client
    );
}

#[test]
fn bodies_are_normalised_wherever_they_are_defined_and_only_when_progenitor_needs_it() {
    let spec = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    post:
      operationId: a
      requestBody: {$ref: '#/components/requestBodies/Image'}
      responses: {'204': {description: done}}
  /b:
    post:
      operationId: b
      requestBody:
        content:
          application/octet-stream: {schema: {type: string}}
      responses: {'204': {description: done}}
  /c:
    post:
      operationId: c
      requestBody:
        content:
          text/plain: {schema: {type: string}}
          text/x-markdown: {schema: {type: string}}
      responses: {'204': {description: done}}
  /d:
    post:
      operationId: d
      requestBody:
        content:
          text/plain; charset=utf-8: {schema: {type: string}}
      responses: {'204': {description: done}}
components:
  requestBodies:
    Image:
      content:
        image/png: {schema: {type: string, format: binary}}
"#;
    let (_, changes) = normalized(spec);
    assert_eq!(
        changes,
        [
            "operation b: request body application/octet-stream: its schema is now {type: string, format: binary} (raw bytes)",
            "operation c: request body: kept text/plain, removed text/x-markdown (progenitor sends one media type)",
            "#/components/requestBodies/Image: request body image/png is sent as raw bytes, with Content-Type: application/octet-stream",
        ]
    );
}

#[test]
fn a_nullable_schema_titled_like_another_type_loses_its_title() {
    let (generated, changes) = normalized(include_str!(
        "../../../workspace-files/broken-specs/34-title-names-another-type.yaml"
    ));
    assert_eq!(
        changes,
        [
            "#/components/schemas/NullableMember: title \"Member\" removed: typify would name the type inside \
             this nullable schema after it, as it names the component schema Member",
            "#/components/schemas/Owner: title \"Owner\" removed: typify would name the type inside this \
             nullable schema after it, as it names the component schema Owner",
        ]
    );
    // Each its own type: NullableMember's `name` is not lost in Member.
    let client = &generated.client;
    assert!(
        client
            .contains("pub struct NullableMember(pub ::std::option::Option<NullableMemberInner>);")
    );
    assert!(client.contains("pub struct Owner(pub ::std::option::Option<OwnerInner>);"));
}

#[test]
fn x_enum_varnames_still_name_an_enum_normalised_for_its_names() {
    let spec = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      operationId: get_a
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Op'}
components:
  schemas:
    Op:
      type: string
      enum: [add, Add]
      x-enum-varnames: [AddLower, AddUpper]
"#;
    let (generated, changes) = normalized(spec);
    assert_eq!(changes.len(), 1, "{changes:?}");
    let client = &generated.client;
    assert!(
        client.contains("Self::AddLower => f.write_str(\"add\")"),
        "{client}"
    );
    assert!(client.contains("\"Add\" => Ok(Self::AddUpper)"), "{client}");
}

/// Operations without an `operationId`: refused as before without
/// normalising; with it, named from their method and path (a name another
/// operation has gets a number), reported, the same on every run, and the
/// method's docs say where its name came from.
#[test]
fn nameless_operations_are_named_from_their_method_and_path() {
    let spec = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /users/{userId}/repos:
    parameters:
      - {name: userId, in: path, required: true, schema: {type: string}}
    get:
      summary: The user's repositories
      responses:
        '204': {description: none}
  /users:
    get:
      responses:
        '204': {description: none}
    post:
      operationId: getUsers
      responses:
        '204': {description: none}
"#;
    let refused = generate(spec, "s.yaml", false).unwrap_err().to_string();
    assert!(refused.contains("has no operationId"), "{refused}");

    let generated = generate(spec, "s.yaml", true).unwrap();
    assert_eq!(
        generated.normalizations,
        [
            "#/paths/~1users/get: no operationId: named get_users_2 from its method and path",
            "#/paths/~1users~1{userId}~1repos/get: no operationId: named get_users_by_user_id_repos from its method and path",
        ]
    );
    for method in [
        "pub fn get_users_by_user_id_repos(",
        "pub fn get_users_2(",
        "pub fn get_users(",
    ] {
        assert!(generated.client.contains(method), "{method}");
    }
    assert!(
        generated
            .client
            .contains("codegen named it from its method and path"),
        "the method's docs say where its name came from"
    );
    assert!(generate(spec, "s.yaml", true).unwrap() == generated);
}

/// `enum: []` is refused with its place (typify's code for it does not
/// compile); normalising removes it and says so, and the client then has
/// a plain string where the enum was.
#[test]
fn an_empty_enum_is_refused_with_its_place_and_removed_by_normalising() {
    let spec = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      operationId: get_a
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  schemas:
    Thing:
      type: object
      properties:
        kind: {type: string, enum: []}
"#;
    let refused = generate(spec, "s.yaml", false).unwrap_err().to_string();
    assert!(
        refused.contains("#/components/schemas/Thing/properties/kind/enum: lists no value"),
        "{refused}"
    );
    let generated = generate(spec, "s.yaml", true).unwrap();
    assert_eq!(
        generated.normalizations,
        [
            "#/components/schemas/Thing/properties/kind/enum: [] removed: no value would be valid; the schema takes any value of its type"
        ]
    );
    assert!(
        generated
            .client
            .contains("pub kind: ::std::option::Option<::std::string::String>"),
        "the field takes any string"
    );
}

/// Path parameters that do not match their path (19 of 313 vendors' specs
/// were refused for nothing else): the one parameter for the one
/// undeclared `{name}` is renamed, keeping its type; another undeclared
/// `{name}` is added as a string; a parameter the path lacks is removed,
/// from the operation or from the path item.
#[test]
fn path_parameters_are_made_those_of_the_path() {
    let spec = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /users/{userId}:
    get:
      operationId: get_user
      parameters:
        - {name: user_id, in: path, required: true, schema: {type: integer, format: int64}}
      responses: {'204': {description: done}}
  /teams/{team}/members/{member}:
    get:
      operationId: get_member
      parameters:
        - {name: team, in: path, required: true, schema: {type: string}}
      responses: {'204': {description: done}}
  /things:
    parameters:
      - {name: subdomain, in: path, required: true, schema: {type: string}}
    get:
      operationId: list_things
      parameters:
        - $ref: '#/components/parameters/Id'
        - {name: limit, in: query, schema: {type: integer}}
      responses: {'204': {description: done}}
components:
  parameters:
    Id: {name: id, in: path, required: true, schema: {type: string}}
"#;
    let refused = generate(spec, "s.yaml", false).unwrap_err().to_string();
    assert!(
        refused
            .contains("operation get_member: the path has {member} but no path parameter member"),
        "{refused}"
    );
    let (generated, changes) = normalized(spec);
    assert_eq!(
        changes,
        [
            "#/paths/~1teams~1{team}~1members~1{member}/get/parameters: path parameter member added (a string): the path has {member} and nothing declared it",
            "#/paths/~1things/parameters/0: path parameter subdomain removed: the path has no {subdomain}",
            "#/paths/~1things/get/parameters/0: path parameter id removed: the path has no {id}",
            "#/paths/~1users~1{userId}/get/parameters/0: path parameter user_id renamed userId, the name in the path (the only one unmatched on each side)",
        ]
    );
    let client = &generated.client;
    // The renamed parameter keeps its type, and the URL carries it.
    assert!(client.contains("user_id: Result<i64, String>"), "{client}");
    assert!(client.contains("member: Result<::std::string::String, String>"));
    assert!(client.contains("limit: Result<Option<i64>, String>"));
}
