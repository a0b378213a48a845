//! The surface read from generated code: each kind of fact, on a small spec
//! that has one of each (the corpus of `cargo xtask diff` covers how they
//! change).

use api_review::surface::{BuilderStart, Constraint, Outcome, Surface, TypeKind};
use codegen::{Generator, Settings};
use workspace_files::COMPANION_SHAPES_SPEC;

const SPEC: &str = r##"
openapi: 3.0.3
info: {title: Surface, version: '2.1'}
paths:
  /things/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
    get:
      operationId: get_thing
      summary: One thing
      parameters:
        - {name: page-size, in: query, required: true, schema: {type: integer, minimum: 1}}
        - {name: verbose, in: query, required: false, schema: {type: boolean}}
        - {name: X-Tenant, in: header, required: false, schema: {type: string}}
      responses:
        '2XX':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
        '404':
          description: missing
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Problem'}
    delete:
      operationId: delete_thing
      responses:
        '204': {description: gone}
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
      additionalProperties: false
      required: [name]
      properties:
        name: {type: string, maxLength: 20, minLength: 2, pattern: '^[a-z]+$'}
        camelCase: {type: string}
        level: {type: string, default: low}
        size: {$ref: '#/components/schemas/Size'}
    Thing:
      type: object
      required: [id, note]
      properties:
        id: {type: integer}
        note: {type: string, nullable: true}
        colour: {type: string, enum: [red, blue]}
    Size:
      type: string
      enum: [small, large]
    Problem:
      type: object
      required: [message]
      properties:
        message: {type: string}
"##;

fn surface() -> Surface {
    let generator = Generator::new(Settings::new("surface.yaml"));
    let spec = generator.document(SPEC).unwrap().spec;
    Surface::of(&generator.client(&spec).unwrap().file)
}

#[test]
fn structs_have_their_fields_wire_names_serde_rules_and_builder_starts() {
    let surface = surface();
    let new_thing = &surface.types["NewThing"];
    assert!(new_thing.non_exhaustive);
    assert_eq!(
        new_thing
            .serde
            .get("deny_unknown_fields")
            .map(String::as_str),
        Some("")
    );
    assert!(new_thing.direction.sent && !new_thing.direction.received);
    let TypeKind::Struct { fields } = &new_thing.kind else {
        panic!("{:?}", new_thing.kind)
    };
    let field = |name: &str| fields.iter().find(|f| f.name == name).unwrap();
    assert_eq!(field("camel_case").wire, "camelCase");
    assert_eq!(field("camel_case").ty, "Option<String>");
    assert_eq!(
        field("camel_case")
            .serde
            .get("skip_serializing_if")
            .map(String::as_str),
        Some("::std::option::Option::is_none")
    );
    assert_eq!(field("name").ty, "NewThingName");
    assert_eq!(field("name").builder, Some(BuilderStart::MustBeSet));
    assert_eq!(
        field("level").serde.get("default").map(String::as_str),
        Some("\"low\"")
    );
    assert_eq!(
        field("level").builder,
        Some(BuilderStart::Value("\"low\"".into()))
    );
    assert_eq!(
        field("size").builder,
        Some(BuilderStart::Value("None".into()))
    );

    let thing = &surface.types["Thing"];
    assert!(thing.direction.received && !thing.direction.sent);
    let TypeKind::Struct { fields } = &thing.kind else {
        panic!()
    };
    let note = fields.iter().find(|f| f.name == "note").unwrap();
    assert_eq!(
        note.serde.get("deserialize_with").map(String::as_str),
        Some("::std::option::Option::deserialize")
    );
}

#[test]
fn enums_and_newtypes() {
    let surface = surface();
    let TypeKind::Enum { variants } = &surface.types["Size"].kind else {
        panic!()
    };
    let named: Vec<(&str, &str)> = variants
        .iter()
        .map(|v| (v.name.as_str(), v.wire.as_str()))
        .collect();
    assert_eq!(named, [("Small", "small"), ("Large", "large")]);
    assert!(surface.types["Size"].traits.contains("TryFrom<&str>"));
    // An inline enum of a response is received with its parent.
    assert!(surface.types["ThingColour"].direction.received);

    let name = &surface.types["NewThingName"];
    let TypeKind::Newtype { inner, constraints } = &name.kind else {
        panic!("{:?}", name.kind)
    };
    assert_eq!(inner, "String");
    // The checks are read from the constructor's code, as numbers.
    assert_eq!(
        constraints.iter().cloned().collect::<Vec<_>>(),
        [
            Constraint::MaxLength(20),
            Constraint::MinLength(2),
            Constraint::Pattern("^[a-z]+$".to_owned())
        ],
    );
    assert!(
        name.traits.contains("String: From<NewThingName>"),
        "{:?}",
        name.traits
    );
    assert!(
        !name.non_exhaustive,
        "a tuple struct's field is private already"
    );
}

#[test]
fn methods_have_routes_parameters_bodies_results_and_statuses() {
    let surface = surface();
    let get = &surface.methods["get_thing"];
    assert_eq!(get.route(), "GET /things/{id}");
    assert_eq!(get.summary, "One thing");
    let params: Vec<(&str, &str, &str, bool)> = get
        .params
        .iter()
        .map(|p| (p.name.as_str(), p.place.as_str(), p.ty.as_str(), p.required))
        .collect();
    assert_eq!(
        params,
        [
            ("id", "path", "String", true),
            ("page_size", "query \"page-size\"", "NonZeroU64", true),
            ("verbose", "query \"verbose\"", "bool", false),
            ("x_tenant", "header \"X-Tenant\"", "String", false),
        ]
    );
    assert_eq!((get.ok.as_str(), get.error.as_str()), ("Thing", "Problem"));
    assert_eq!(Surface::outcome_of(get, "200..=299"), Outcome::Ok);
    assert_eq!(Surface::outcome_of(get, "404"), Outcome::ErrorResponse);
    // A status the spec does not document is read as `Problem` when its
    // body is one.
    assert_eq!(Surface::outcome_of(get, "500"), Outcome::UnexpectedOrError);
    // progenitor's own `api-version` header is not sent (`no_api_version`);
    // the documented header parameter is.
    assert_eq!(
        get.headers.keys().map(String::as_str).collect::<Vec<_>>(),
        ["accept"]
    );

    let create = &surface.methods["create_thing"];
    let body = create.body.as_ref().unwrap();
    assert_eq!(
        (body.ty.as_str(), body.encoding.as_str()),
        ("NewThing", "json")
    );

    let delete = &surface.methods["delete_thing"];
    assert_eq!((delete.ok.as_str(), delete.error.as_str()), ("()", "()"));
    assert_eq!(Surface::outcome_of(delete, "204"), Outcome::OkEmpty);
}

#[test]
fn the_rendering_names_every_fact_once() {
    let text = surface().render();
    for expected in [
        "struct NewThing  (sent; non_exhaustive; deny_unknown_fields)",
        "  camel_case: Option<String>  [wire \"camelCase\"; omitted when None; builder default None; setter takes IntoOption<String>]",
        "  level: String  [absent reads as \"low\"; builder default \"low\"]",
        "newtype NewThingName(String)  (sent; transparent)",
        "  refuses values: longer than 20 characters",
        "  Small = \"small\"",
        "get_thing  GET /things/{id}  (One thing)",
        "  .page_size(NonZeroU64)  [query \"page-size\"; must be set]",
        "    statuses: 200..=299 -> Ok; 404 -> Err(ErrorResponse); \
         other -> Err(ErrorResponse for a 4xx or 5xx whose body is the error type, else UnexpectedResponse)",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
}

/// The surface model reads each group: the enum with a variant per
/// status and the body's type, and the method answering with it, an
/// arm per status.
#[test]
fn the_surface_shows_each_group() {
    let generator = Generator::new(Settings::new("companion-shapes.yaml"));
    let spec = generator.document(COMPANION_SHAPES_SPEC).unwrap().spec;
    let surface = Surface::of(&generator.client(&spec).unwrap().file).render();
    for expected in [
        "enum StartJobResponse  (received; non_exhaustive; untagged)\n  \
         traits: Clone, Debug, Serialize; JsonSchema (feature cli)\n  \
         Ok(Thing)\n  Accepted(StartJob202Response)\n  NoContent\n",
        "enum StartJobError  (received; non_exhaustive; untagged)\n  \
         traits: Clone, Debug, Serialize; JsonSchema (feature cli)\n  \
         NotFound\n  Conflict(Problem)\n  ServerError\n",
        // A byte stream is neither `Clone` nor `Debug` by derive.
        "enum JobEventsResponse  (received; non_exhaustive; untagged)\n  \
         traits: Debug, Serialize; JsonSchema (feature cli)\n  \
         EventStream(ByteStream)\n  Accepted(Problem)\n",
        "-> Result<ResponseValue<StartJobResponse>, Error<StartJobError>>\n    \
         statuses: 200 -> Ok [Ok]; 202 -> Ok [Accepted]; 204 -> Ok (no body) [NoContent]; \
         404 -> Err(ErrorResponse) [NotFound]; 409 -> Err(ErrorResponse) [Conflict]; \
         500..=599 -> Err(ErrorResponse) [ServerError]; other -> Err(UnexpectedResponse)\n",
        "-> Result<ResponseValue<JobEventsResponse>, Error<()>>\n    \
         statuses: 200 -> Ok (bytes) [EventStream]; 202 -> Ok [Accepted]; \
         other -> Err(UnexpectedResponse)\n    \
         headers: accept: application/json, text/event-stream\n",
    ] {
        assert!(surface.contains(expected), "{expected}\nnot in\n{surface}");
    }
    // The component that named the bodies' types is gone.
    assert!(!surface.contains("CodegenResponseGroup"), "{surface}");
}

/// `cargo xtask diff` skips reading a checked-in client that is what the
/// generator makes: the surface of the tree codegen hands over is the
/// surface of the text it writes.
#[test]
fn the_surface_of_the_tree_is_the_surface_of_the_written_text() {
    let name = "openapi/tokens.yaml";
    let generator = Generator::new(Settings::new(name));
    let spec = generator
        .document(workspace_files::TOKENS_SPEC)
        .unwrap()
        .spec;
    let (file, text) = generator
        .client_and_text(&spec, &generator.header())
        .unwrap();
    assert_eq!(Surface::of(&file), Surface::of_text(&text).unwrap());
}
