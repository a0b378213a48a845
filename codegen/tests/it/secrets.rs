//! Fields the spec marks secret become `::openapi_client_runtime::Secret` wherever typify puts
//! them, and the client reads answers through `::openapi_client_runtime::read_response`,
//! naming the secret keys of the type it expects.

use codegen::syntax::{module, serde_rules, short_type};

const SPEC: &str = r##"
openapi: 3.0.3
info: {title: Secrets, version: '1'}
paths:
  /keys:
    post:
      operationId: make_key
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/NewKey'}
      responses:
        '201':
          description: made
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Key'}
        '400':
          description: refused
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Problem'}
    get:
      operationId: list_keys
      responses:
        '200':
          description: the keys, without their secrets
          content:
            application/json:
              schema:
                type: array
                items: {$ref: '#/components/schemas/Problem'}
components:
  schemas:
    NewKey:
      type: object
      required: [password]
      properties:
        password: {type: string, format: password}
        label: {type: string, example: 'x-sensitive: true'}
    Key:
      type: object
      required: [key]
      properties:
        key: {type: string, x-sensitive: true}
        backup:
          type: string
          nullable: true
          x-sensitive: true
        recovery: {type: array, items: {type: string, x-sensitive: true}}
        owner:
          type: object
          properties:
            secret: {type: string, format: password}
            name: {type: string}
        note: {type: string, x-sensitive: false}
        x-api-key: {type: string, x-sensitive: true}
        default: {type: string, format: password}
    Problem:
      type: object
      properties:
        message: {type: string}
"##;

/// The fields of a struct of the `types` module: (wire name, type), by
/// wire name.
fn field_types(file: &syn::File, ty: &str) -> Vec<(String, String)> {
    let types = module(&file.items, codegen::TYPES_MODULE).expect("a types module");
    let Some(def) = types.iter().find_map(|item| match item {
        syn::Item::Struct(s) if s.ident == ty => Some(s),
        _ => None,
    }) else {
        panic!("{ty} is not a struct")
    };
    let mut fields: Vec<(String, String)> = def
        .fields
        .iter()
        .map(|f| {
            let wire = serde_rules(&f.attrs)
                .remove("rename")
                .unwrap_or_else(|| f.ident.as_ref().unwrap().to_string());
            (wire, short_type(&f.ty))
        })
        .collect();
    fields.sort();
    fields
}

#[test]
fn every_marked_schema_is_a_secret_wherever_it_sits() {
    let generator = codegen::Generator::new(codegen::Settings::new("secrets.yaml"));
    let spec = generator.document(SPEC).unwrap().spec;
    let surface = generator.client(&spec).unwrap().file;
    let pair = |wire: &str, ty: &str| (wire.to_owned(), ty.to_owned());
    assert_eq!(
        field_types(&surface, "NewKey"),
        [pair("label", "Option<String>"), pair("password", "Secret")]
    );
    assert_eq!(
        field_types(&surface, "Key"),
        [
            pair("backup", "Option<Secret>"),
            pair("default", "Option<Secret>"),
            pair("key", "Secret"),
            pair("note", "Option<String>"),
            pair("owner", "Option<KeyOwner>"),
            pair("recovery", "Vec<Secret>"),
            // Property names that look like data keywords are still names.
            pair("x-api-key", "Option<Secret>"),
        ]
    );
    assert_eq!(
        field_types(&surface, "KeyOwner"),
        [
            pair("name", "Option<String>"),
            pair("secret", "Option<Secret>")
        ]
    );
}

#[test]
fn the_client_uses_the_crates_error_and_names_the_secret_keys_it_expects() {
    let client = codegen::Generator::new(codegen::Settings::new("secrets.yaml"))
        .generate(SPEC)
        .map(|g| g.client)
        .unwrap();
    assert!(
        !client.contains("codegen_secret"),
        "a placeholder path is left"
    );
    assert!(client.contains("pub key: ::openapi_client_runtime::Secret,"));
    assert!(client.contains("use ::openapi_client_runtime::Error;"));
    assert!(!client.contains("ResponseValue::from_response"));
    // The success body of make_key holds `backup` and `key` (top level);
    // its error body, and list_keys' bodies, hold none.
    assert!(
        client.contains(r#"&["backup", "default", "key", "x-api-key"],"#),
        "{client}"
    );
    // Without whitespace: prettyplease wraps the longer runtime paths.
    let compact: String = client.split_whitespace().collect();
    assert!(
        compact.contains(
            "Err(Error::ErrorResponse(::openapi_client_runtime::read_error(response,&[]).await?"
        ),
        "{client}"
    );
    assert!(
        compact.contains("200u16=>::openapi_client_runtime::read_response(response,&[]).await"),
        "{client}"
    );
}

/// progenitor formats path and header values with `Display`, which a
/// `Secret` redacts: such a parameter is refused, naming it; a query
/// parameter (serialized) is fine.
#[test]
fn a_secret_path_or_header_parameter_is_refused_and_a_query_one_is_not() {
    let with = |place: &str| {
        let path = if place == "path" {
            "/keys/{k}"
        } else {
            "/keys"
        };
        format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  {path}:\n    get:\n      operationId: get_key\n      parameters:\n        - {{name: k, in: {place}, required: true, schema: {{type: string, format: password}}}}\n      responses:\n        '204': {{description: ok}}\n"
        )
    };
    for place in ["path", "header"] {
        let err = codegen::Generator::new(codegen::Settings::new("p.yaml"))
            .generate(&with(place))
            .map(|g| g.client)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(&format!("operation get_key: the {place}"))
                && err.contains("parameter k is marked secret"),
            "{err}"
        );
    }
    let client = codegen::Generator::new(codegen::Settings::new("p.yaml"))
        .generate(&with("query"))
        .map(|g| g.client)
        .unwrap();
    assert!(
        client.contains("::openapi_client_runtime::Secret"),
        "{client}"
    );
}

/// Only `Secret` itself is refused in a path: a type whose name merely
/// contains the word (`ClientSecret`, a plain string here) is sent as any
/// other.
#[test]
fn a_path_parameter_of_a_type_named_like_a_secret_is_not_refused() {
    let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /clients/{id}:\n    get:\n      operationId: get_client\n      parameters:\n        - {name: id, in: path, required: true, schema: {$ref: '#/components/schemas/ClientSecret'}}\n      responses:\n        '204': {description: ok}\ncomponents:\n  schemas:\n    ClientSecret: {type: string, enum: [a, b]}\n";
    let client = codegen::Generator::new(codegen::Settings::new("p.yaml"))
        .generate(spec)
        .map(|g| g.client)
        .unwrap();
    assert!(client.contains("types::ClientSecret"), "{client}");
    assert!(
        !client.contains("::openapi_client_runtime::Secret"),
        "{client}"
    );
}
