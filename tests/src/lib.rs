//! Helpers for the tests beside this crate: read the checked-in generated
//! code and the spec, and render them as small texts to assert on or snapshot.

pub mod binaries;
pub mod calls;
pub mod raw_http;

/// The generated code consumers compile, as checked in. (A separate test
/// proves it equals what the spec generates today.)
pub fn generated_file() -> syn::File {
    let path = workspace_files::root().join("generated-client/src/generated.rs");
    let text = std::fs::read_to_string(&path).expect("read the generated client");
    syn::parse_file(&text).expect("the generated client parses as Rust")
}

/// What consumers of the checked-in client see: codegen's model of it, the
/// one `cargo xtask diff` compares.
pub fn surface() -> api_review::Surface {
    api_review::Surface::of(&generated_file())
}

fn spec_text() -> String {
    std::fs::read_to_string(workspace_files::root().join(workspace_files::TOKENS_SPEC_PATH))
        .expect("read openapi/tokens.yaml")
}

/// The spec, read as codegen reads it (duplicate keys refused, checked).
pub fn spec() -> openapiv3::OpenAPI {
    tokens_generator()
        .document(&spec_text())
        .unwrap_or_else(|e| panic!("{e}"))
        .spec
}

/// The spec as plain JSON values, for reading examples and extensions,
/// read as codegen reads it.
pub fn spec_json() -> serde_json::Value {
    tokens_generator()
        .json(&spec_text())
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The items of the generated `types` module.
fn type_items(file: &syn::File) -> &[syn::Item] {
    file.items
        .iter()
        .find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == codegen::TYPES_MODULE => {
                m.content.as_ref().map(|(_, items)| &items[..])
            }
            _ => None,
        })
        .expect("the generated code has a `types` module")
}

/// The definition of one generated type (struct or enum), formatted, without
/// its impls: what a snapshot of "the Rust type of schema X" should show.
pub fn type_definition(file: &syn::File, name: &str) -> String {
    let item = type_items(file)
        .iter()
        .find(|item| match item {
            syn::Item::Struct(s) => s.ident == name,
            syn::Item::Enum(e) => e.ident == name,
            _ => false,
        })
        .unwrap_or_else(|| panic!("no generated type named {name}"))
        .clone();
    prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: vec![item],
    })
}

/// The generator of our spec, as `cargo xtask codegen` runs it.
fn tokens_generator() -> codegen::Generator<'static> {
    codegen::Generator::new(codegen::Settings::new(workspace_files::TOKENS_SPEC_PATH))
}
