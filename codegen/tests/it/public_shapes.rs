//! The shapes that stopped public specs, one small spec each: refused (or
//! failing in progenitor) as it is, generated with `--normalize`, each
//! change reported with its JSON pointer, and the output saying what the
//! rule promises.

use crate::support::generate;

/// Generates `spec` with normalisation, after seeing it fail without;
/// every file parses.
fn normalized(spec: &str) -> (codegen::Generated, Vec<String>) {
    let refused = generate(spec, "s.yaml", false);
    assert!(refused.is_err(), "generates without normalising");
    let generated = generate(spec, "s.yaml", true).unwrap_or_else(|e| panic!("{e}"));
    for file in [&generated.client, &generated.httpmock, &generated.cli] {
        syn::parse_file(file).unwrap();
    }
    let changes = generated.normalizations.clone();
    (generated, changes)
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

#[test]
fn a_ref_into_a_schema_points_to_a_component_made_of_it_and_other_refs_are_copied() {
    let spec = format!(
        "{HEAD}{}",
        r##"paths:
  /droplets:
    parameters:
      - $ref: '#/paths/~1sizes/get/parameters/0'
    get:
      operationId: list_droplets
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  networks: {$ref: '#/components/schemas/Droplet/properties/networks'}
                  again: {$ref: '#/components/schemas/Droplet/properties/networks'}
  /sizes:
    get:
      operationId: list_sizes
      parameters:
        - {name: per_page, in: query, schema: {type: integer}}
      responses:
        '200': {$ref: '#/paths/~1droplets/get/responses/200'}
  /copy:
    $ref: '#/components/pathItems/Copy'
components:
  pathItems:
    Copy:
      get:
        operationId: get_copy
        responses: {'204': {description: done}}
  schemas:
    Droplet:
      type: object
      properties:
        networks:
          type: object
          properties:
            v4: {type: array, items: {type: string}}
"##
    );
    let refused = generate(&spec, "s.yaml", false).unwrap_err().to_string();
    assert!(
        refused
            .contains("$ref #/components/schemas/Droplet/properties/networks is not a component"),
        "{refused}"
    );
    let (generated, changes) = normalized(&spec);
    assert_eq!(
        changes,
        [
            "#/components/schemas/Droplet/properties/networks: the schema moved to #/components/schemas/Droplet_networks, and a $ref to it left here: a $ref points here, and progenitor follows only `#/components/<kind>/<name>`",
            "#/paths/~1droplets/get/responses/200/content/application~1json/schema/properties/again: $ref #/components/schemas/Droplet/properties/networks points to #/components/schemas/Droplet_networks, where the schema was moved",
            "#/paths/~1droplets/get/responses/200/content/application~1json/schema/properties/networks: $ref #/components/schemas/Droplet/properties/networks points to #/components/schemas/Droplet_networks, where the schema was moved",
            "#/paths/~1copy: $ref #/components/pathItems/Copy replaced by a copy of what it points to: progenitor reads a path item only in place",
            "#/paths/~1droplets/parameters/0: $ref #/paths/~1sizes/get/parameters/0 replaced by a copy of what it points to: progenitor follows only `#/components/<kind>/<name>`",
            "#/paths/~1sizes/get/responses/200: $ref #/paths/~1droplets/get/responses/200 replaced by a copy of what it points to: progenitor follows only `#/components/<kind>/<name>`",
        ]
    );
    let client = &generated.client;
    // One type for both `$ref`s, named after where the schema was.
    assert!(client.contains("pub struct DropletNetworks"), "{client}");
    assert!(client.contains("pub networks: ::std::option::Option<DropletNetworks>"));
    assert!(client.contains("pub again: ::std::option::Option<DropletNetworks>"));
    // The shared parameter reaches the path's operation, the copied path
    // item is an operation.
    assert!(client.contains("pub fn get_copy(&self)"), "{client}");
    assert!(client.contains("\"per_page\""));
}

#[test]
fn a_format_typify_cannot_read_is_removed_or_gives_the_type_it_names() {
    let spec = format!(
        "{HEAD}{}",
        r##"paths:
  /a:
    post:
      operationId: post_a
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Thing'}
      responses: {'204': {description: done}}
components:
  schemas:
    Thing:
      type: object
      format: uri-map
      properties:
        when: {format: date-time}
        urls: {type: array, format: list of urls, items: {type: string}}
        other: {format: whatever}
        kind: {$ref: '#/components/schemas/Kind', format: enum}
    Kind: {type: string, enum: [a, b]}
"##
    );
    let (generated, changes) = normalized(&spec);
    assert_eq!(
        changes,
        [
            "#/components/schemas/Thing/format: \"uri-map\" removed: OpenAPI gives an object no format, and typify stops on one",
            "#/components/schemas/Thing/properties/kind/format: \"enum\" removed: beside `$ref`, which says what the value is, typify stops on a format",
            "#/components/schemas/Thing/properties/other/format: \"whatever\" removed: a format no type is given for, and none OpenAPI registers; the schema takes any value",
            "#/components/schemas/Thing/properties/urls/format: \"list of urls\" removed: OpenAPI gives an array no format, and typify stops on one",
            "#/components/schemas/Thing/properties/when: type string added, the type format \"date-time\" names (the schema had none)",
        ]
    );
    let client = &generated.client;
    assert!(
        client
            .contains("pub when: ::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>"),
        "{client}"
    );
    assert!(client.contains("pub other: ::std::option::Option<::serde_json::Value>"));
    assert!(client.contains("pub kind: ::std::option::Option<Kind>"));
}

#[test]
fn a_body_without_a_schema_is_what_its_media_type_may_hold() {
    let spec = format!(
        "{HEAD}{}",
        r##"paths:
  /a:
    post:
      operationId: post_a
      requestBody:
        content:
          application/json:
            encoding:
              name: {contentType: text/plain}
      responses:
        '200':
          description: ok
          content:
            application/json:
              examples:
                one: {value: {a: 1}}
"##
    );
    let (generated, changes) = normalized(&spec);
    assert_eq!(
        changes,
        [
            "#/paths/~1a/post/requestBody/content/application~1json: schema {} added: a body without a schema is any JSON value",
            "#/paths/~1a/post/requestBody/content/application~1json/encoding: removed: progenitor cannot follow it; the fields are sent as serde writes them",
            "#/paths/~1a/post/responses/200/content/application~1json: schema {} added: a body without a schema is any JSON value",
        ]
    );
    let client = &generated.client;
    assert!(
        client.contains("ResponseValue<::serde_json::Value>"),
        "the answer is any JSON value: {client}"
    );
}

#[test]
fn values_of_another_type_are_made_to_fit_or_removed() {
    let spec = format!(
        "{HEAD}{}",
        r##"paths:
  /a:
    get:
      operationId: get_a
      parameters:
        - {name: limit, in: query, schema: {type: integer, default: '20'}}
        - {name: page, in: query, schema: {type: integer, default: current}}
        - {name: flag, in: query, schema: {type: boolean, default: 'true'}}
        - {name: size, in: query, schema: {type: integer, minimum: 1, default: 0}}
        - {name: kind, in: query, schema: {type: string, enum: [a, b], default: c}}
        - name: level
          in: query
          schema: {type: string, enum: [1, 2, low, low, {}], x-enum-varnames: [One, Two, Low, Low2, Nothing]}
      responses: {'204': {description: done}}
"##
    );
    let refused = generate(&spec, "s.yaml", false).unwrap_err().to_string();
    assert!(
        refused.contains("is not of the schema's type string"),
        "{refused}"
    );
    let (generated, changes) = normalized(&spec);
    let p = "#/paths/~1a/get/parameters";
    assert_eq!(
        changes,
        [
            format!("{p}/5/schema/enum/0: 1 written \"1\", as the schema's type string says it"),
            format!("{p}/5/schema/enum/1: 2 written \"2\", as the schema's type string says it"),
            format!("{p}/5/schema/enum/3: \"low\" removed: listed before"),
            format!("{p}/5/schema/enum/4: {{}} removed: not of the schema's type string"),
            format!(
                "{p}/0/schema/default: \"20\" written 20, as the schema's type integer says it"
            ),
            format!("{p}/1/schema/default: \"current\" removed: not of the schema's type integer"),
            format!(
                "{p}/2/schema/default: \"true\" written true, as the schema's type boolean says it"
            ),
            format!("{p}/3/schema/default: 0 removed: below the schema's minimum 1"),
            format!("{p}/4/schema/default: \"c\" removed: not one of the schema's `enum`"),
        ]
    );
    let client = &generated.client;
    let level = client
        .split("pub enum GetALevel {")
        .nth(1)
        .and_then(|rest| rest.split('}').next())
        .unwrap_or_else(|| panic!("{client}"));
    let renames: Vec<&str> = level
        .split("rename = \"")
        .skip(1)
        .filter_map(|r| r.split('"').next())
        .collect();
    assert_eq!(renames, ["1", "2", "low"], "{level}");
}

#[test]
fn an_optional_parameter_progenitor_cannot_send_is_removed_and_a_required_one_named() {
    let spec = format!(
        "{HEAD}{}",
        r##"paths:
  /a:
    get:
      operationId: get_a
      parameters:
        - {name: filter, in: query, style: deepObject, schema: {type: object, additionalProperties: {type: string}}}
        - {name: ids, in: query, style: pipeDelimited, schema: {type: array, items: {type: string}}}
        - {name: Launch, in: query, schema: {$ref: '#/components/schemas/Launch'}}
        - {name: limit, in: query, schema: {type: integer}}
      responses: {'204': {description: done}}
  /b:
    get:
      operationId: get_b
      parameters:
        - {name: Launch, in: query, required: true, schema: {$ref: '#/components/schemas/Launch'}}
      responses: {'204': {description: done}}
components:
  schemas:
    Launch:
      type: object
      properties:
        image: {type: string}
"##
    );
    let refused = generate(&spec, "s.yaml", true).unwrap_err().to_string();
    assert!(refused.contains("operation get_b"), "{refused}");
    let skipping = codegen::Generator::new(
        codegen::Settings::new("s.yaml")
            .normalize(true)
            .skip_failing(true),
    )
    .generate(&spec)
    .unwrap();
    let p = "#/paths/~1a/get/parameters";
    assert_eq!(
        skipping.normalizations,
        [
            format!(
                "{p}/0: optional parameter filter removed: progenitor sends query parameters in the form style, not deepObject; the operation is called without it"
            ),
            format!(
                "{p}/1: optional parameter ids removed: progenitor sends query parameters in the form style, not pipeDelimited; the operation is called without it"
            ),
            format!(
                "{p}/2: optional parameter Launch removed: an object with named properties, which progenitor takes only as a request body; the operation is called without it"
            ),
        ]
    );
    assert_eq!(skipping.skipped.len(), 1, "{:?}", skipping.skipped);
    assert_eq!(skipping.skipped[0].operation, "get_b");
    let client = &skipping.client;
    assert!(client.contains("pub fn get_a(&self)") && client.contains("\"limit\""));
    assert!(!client.contains("\"filter\"") && !client.contains("\"ids\""));
}

#[test]
fn parameters_named_alike_in_rust_are_renamed_and_still_sent_under_their_names() {
    let spec = format!(
        "{HEAD}{}",
        r##"paths:
  /nodes:
    get:
      operationId: list_nodes
      parameters:
        - {name: maxResults, in: query, schema: {type: integer}}
        - {name: MaxResults, in: query, schema: {type: string}}
        - {name: x-trace, in: header, schema: {type: string}}
        - {name: X_Trace, in: header, schema: {type: string}}
      responses: {'204': {description: done}}
"##
    );
    let (generated, changes) = normalized(&spec);
    let p = "#/paths/~1nodes/get/parameters";
    assert_eq!(
        changes,
        [
            format!(
                "{p}/1: parameter MaxResults is called MaxResults_2 in Rust and in the CLI (another parameter of the operation would be named alike); it is still sent as MaxResults"
            ),
            format!(
                "{p}/3: parameter X_Trace is called X_Trace_2 in Rust and in the CLI (another parameter of the operation would be named alike); it is still sent as X_Trace"
            ),
        ]
    );
    let client = &generated.client;
    for sent in [
        "\"maxResults\"",
        "\"MaxResults\"",
        "\"x-trace\"",
        "\"X_Trace\"",
    ] {
        assert!(client.contains(sent), "{sent}: {client}");
    }
    assert!(client.contains("pub fn max_results_2<V>"), "{client}");
    assert!(!client.contains("\"MaxResults_2\"") && !client.contains("\"X_Trace_2\""));
    let mock = &generated.httpmock;
    assert!(
        mock.contains("query_param(\"MaxResults\"") || mock.contains("\"MaxResults\""),
        "{mock}"
    );
    assert!(!mock.contains("\"MaxResults_2\""), "{mock}");
    assert!(
        generated.cli.contains("\"max-results-2\""),
        "{}",
        generated.cli
    );
}

#[test]
fn schemas_typify_would_name_alike_are_renamed_or_lose_their_titles() {
    let spec = format!(
        "{HEAD}{}",
        r##"paths:
  /a:
    get:
      operationId: get_a
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/holder'}
components:
  schemas:
    Integer: {type: object, properties: {value: {type: integer}}}
    integer: {type: object, properties: {text: {type: string}}}
    holder:
      type: object
      discriminator: {propertyName: kind, mapping: {small: '#/components/schemas/integer'}}
      properties:
        big: {$ref: '#/components/schemas/Integer'}
        small: {$ref: '#/components/schemas/integer'}
        account: {title: Integer, type: object, properties: {id: {type: string}}}
"##
    );
    let refused = generate(&spec, "s.yaml", false).unwrap_err().to_string();
    assert!(refused.contains("typify names two types"), "{refused}");
    let (generated, changes) = normalized(&spec);
    assert_eq!(
        changes,
        [
            "#/components/schemas/integer: renamed integer_2: typify would name it as Integer",
            "#/components/schemas/holder/properties/account/title: \"Integer\" removed: typify would name the schema as the component Integer",
        ]
    );
    let client = &generated.client;
    assert!(client.contains("pub struct Integer2"), "{client}");
    assert!(
        client.contains("pub small: ::std::option::Option<Integer2>"),
        "{client}"
    );
    assert!(
        client.contains("pub big: ::std::option::Option<Integer>"),
        "{client}"
    );
}

#[test]
fn an_inline_schema_typify_would_name_as_a_component_is_given_a_title_of_its_own() {
    let spec = format!(
        "{HEAD}{}",
        r##"paths:
  /a:
    get:
      operationId: get_a
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/ProjectFeature'}
components:
  schemas:
    ProjectFeature:
      type: object
      properties:
        state: {type: string, enum: [ENABLED, DISABLED]}
        other: {$ref: '#/components/schemas/ProjectFeatureState'}
        shelves:
          type: array
          items:
            type: object
            properties:
              books: {type: object, properties: {count: {type: integer}}}
    ProjectFeatureState:
      type: object
      properties:
        state: {type: string}
    ProjectFeature_shelvesItem_books_2: {type: string}
    ProjectFeatureShelvesItemBooks: {type: boolean}
"##
    );
    let refused = generate(&spec, "s.yaml", false).unwrap_err().to_string();
    assert!(refused.contains("typify names two types"), "{refused}");
    let (generated, changes) = normalized(&spec);
    assert_eq!(
        changes,
        [
            "#/components/schemas/ProjectFeature/properties/shelves/items/properties/books: title \"ProjectFeature_shelvesItem_books_3\" given: typify would name the schema ProjectFeature_shelvesItem_books, as it names the component ProjectFeatureShelvesItemBooks",
            "#/components/schemas/ProjectFeature/properties/state: title \"ProjectFeature_state_2\" given: typify would name the schema ProjectFeature_state, as it names the component ProjectFeatureState",
        ]
    );
    let client = &generated.client;
    // The component keeps its name; the inline enum takes the title.
    assert!(
        client.contains("pub struct ProjectFeatureState {"),
        "{client}"
    );
    assert!(
        client.contains("pub enum ProjectFeatureState2 {"),
        "{client}"
    );
    assert!(client.contains("pub state: ::std::option::Option<ProjectFeatureState2>"));
    assert!(client.contains("pub other: ::std::option::Option<ProjectFeatureState>"));
    // Nested: the items' property, past the name another component has.
    assert!(
        client.contains("pub struct ProjectFeatureShelvesItemBooks3 {"),
        "{client}"
    );
}

#[test]
fn copies_that_would_grow_the_document_without_bound_stop_and_the_refs_left_are_named() {
    // Each path's operation has two callbacks that are copies of the next
    // path: every round of copies doubles what the next round copies (a
    // vendor's 1.9 MB spec grew past 24 GB so). The copies stop at four
    // times the document; the checks name the `$ref`s left.
    let mut spec = String::from(HEAD);
    spec.push_str("paths:\n");
    for i in 0..12 {
        spec.push_str(&format!(
            "  /p{i}:\n    get:\n      operationId: get_p{i}\n"
        ));
        if i < 11 {
            spec.push_str("      callbacks:\n");
            for name in ["one", "two"] {
                let next = i + 1;
                spec.push_str(&format!(
                    "        {name}:\n          '{{$url}}': {{$ref: '#/paths/~1p{next}'}}\n"
                ));
            }
        }
        spec.push_str("      responses: {'204': {description: done}}\n");
    }
    let refused = generate(&spec, "s.yaml", true).unwrap_err().to_string();
    assert!(
        refused.contains(
            "#/paths/~1p0/get/callbacks/one/{$url}/get/callbacks/one/{$url}: $ref #/paths/~1p2 is not a component"
        ),
        "{refused}"
    );
}

#[test]
fn an_array_path_parameter_is_refused_and_normalised_into_one_string() {
    let spec = format!(
        "{HEAD}{}",
        r##"paths:
  /things/{ids}:
    get:
      operationId: get_things
      parameters:
        - {name: ids, in: path, required: true, schema: {type: array, items: {type: integer}}}
      responses: {'204': {description: done}}
"##
    );
    let refused = generate(&spec, "s.yaml", false).unwrap_err().to_string();
    assert!(
        refused.contains("operation get_things: path parameter ids is an array"),
        "{refused}"
    );
    let (generated, changes) = normalized(&spec);
    assert_eq!(
        changes,
        [
            "#/paths/~1things~1{ids}/get/parameters/0/schema: path parameter ids is an array: made one string, to be given as the values joined by commas (as the `simple` style sends them)"
        ]
    );
    assert!(
        generated
            .client
            .contains("ids: Result<::std::string::String, String>"),
        "{}",
        generated.client
    );
}

#[test]
fn a_path_item_copied_from_another_path_has_its_operations_named_anew() {
    let spec = format!(
        "{HEAD}{}",
        r##"paths:
  /ip-address:
    get:
      operationId: get_ip_address
      responses: {'204': {description: done}}
  /support/ip-address:
    $ref: '#/paths/~1ip-address'
"##
    );
    let (generated, changes) = normalized(&spec);
    assert_eq!(
        changes,
        [
            "#/paths/~1support~1ip-address: $ref #/paths/~1ip-address replaced by a copy of what it points to: progenitor reads a path item only in place",
            "#/paths/~1support~1ip-address/get: no operationId: named get_support_ip_address from its method and path",
        ]
    );
    assert!(generated.client.contains("pub fn get_ip_address(&self)"));
    assert!(
        generated
            .client
            .contains("pub fn get_support_ip_address(&self)")
    );
}

/// `--skip-failing` that leaves out every operation makes no client: a
/// refusal that says why each was left out, not a crate of nothing.
#[test]
fn leaving_out_every_operation_is_a_refusal() {
    let spec = format!(
        "{HEAD}{}",
        r##"paths:
  /b:
    get:
      operationId: get_b
      parameters:
        - {name: Launch, in: query, required: true, schema: {$ref: '#/components/schemas/Launch'}}
      responses: {'204': {description: done}}
components:
  schemas:
    Launch: {type: object, properties: {image: {type: string}}}
"##
    );
    let refused = codegen::Generator::new(
        codegen::Settings::new("s.yaml")
            .normalize(true)
            .skip_failing(true),
    )
    .generate(&spec)
    .unwrap_err()
    .to_string();
    assert!(refused.contains("operation get_b"), "{refused}");
    assert!(
        refused.contains("--skip-failing left out every operation: there is no client to make"),
        "{refused}"
    );
}

/// A schema moved out of a component that points into itself (a tree's
/// children) ends as one component pointing to itself; a `$ref` to the
/// document is left to the checks, which name it.
#[test]
fn a_schema_pointing_into_itself_is_moved_once_and_a_ref_to_the_document_is_refused() {
    let spec = format!(
        "{HEAD}{}",
        r##"paths:
  /a:
    get:
      operationId: get_a
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Tree/properties/node'}
components:
  schemas:
    Tree:
      type: object
      properties:
        node:
          type: object
          properties:
            children: {type: array, items: {$ref: '#/components/schemas/Tree/properties/node'}}
"##
    );
    let (generated, changes) = normalized(&spec);
    assert_eq!(
        changes,
        [
            "#/components/schemas/Tree/properties/node: the schema moved to #/components/schemas/Tree_node, and a $ref to it left here: a $ref points here, and progenitor follows only `#/components/<kind>/<name>`",
            "#/paths/~1a/get/responses/200/content/application~1json/schema: $ref #/components/schemas/Tree/properties/node points to #/components/schemas/Tree_node, where the schema was moved",
            "#/components/schemas/Tree_node/properties/children/items: $ref #/components/schemas/Tree/properties/node points to #/components/schemas/Tree_node, the component it leads to",
        ]
    );
    assert!(
        generated
            .client
            .contains("pub children: ::std::vec::Vec<TreeNode>"),
        "{}",
        generated.client
    );
    let to_the_document = spec.replace("'#/components/schemas/Tree/properties/node'}}", "'#'}}");
    let refused = generate(&to_the_document, "s.yaml", true)
        .unwrap_err()
        .to_string();
    assert!(refused.contains("$ref # is not a component"), "{refused}");
}
