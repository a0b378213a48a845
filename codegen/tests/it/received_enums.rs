//! Enums a response carries get `Unknown` (codegen's `received_enums`);
//! enums only sent stay closed. On `workspace-files/companion-shapes.yaml`:
//! `Kind` is in a response (and sent too), `Shade` is only sent. That the
//! grown enum reads an unknown value is run in `codegen/openapi-client-gen/tests/it/client_crate.rs`.

use workspace_files::COMPANION_SHAPES_SPEC;

/// The item `pub enum NAME { .. }` and the `impl`s after it, up to the next
/// type, without whitespace.
fn enum_text(client: &str, name: &str) -> String {
    let start = client
        .find(&format!("pub enum {name} {{"))
        .unwrap_or_else(|| panic!("no enum {name}"));
    let derive = client[..start].rfind("#[derive(").unwrap();
    let rest = &client[start + 1..];
    let end = ["    pub struct ", "    pub enum ", "    #[derive("]
        .iter()
        .filter_map(|next| rest.find(next))
        .min()
        .map_or(client.len(), |i| start + 1 + i);
    client[derive..end].split_whitespace().collect()
}

fn client() -> String {
    crate::support::generate(COMPANION_SHAPES_SPEC, "companion-shapes.yaml", false)
        .expect("the spec generates")
        .client
}

#[test]
fn an_enum_a_response_carries_gets_unknown_and_is_no_longer_copy() {
    let kind = enum_text(&client(), "Kind");
    assert!(
        kind.contains("Large,///Avaluethiscratedoesnotknowyet")
            && kind.contains("#[serde(untagged)]Unknown(::std::string::String),}"),
        "{kind}"
    );
    assert!(
        kind.contains("Self::Unknown(refvalue)=>f.write_str(value),"),
        "{kind}"
    );
    assert!(!kind.contains("Copy,"), "{kind}");
    // `FromStr` is left strict.
    assert!(kind.contains("_=>Err(\"invalidvalue\".into()),"), "{kind}");
}

#[test]
fn an_enum_only_sent_stays_closed_and_copy() {
    let shade = enum_text(&client(), "Shade");
    assert!(!shade.contains("Unknown"), "{shade}");
    assert!(shade.contains("Copy,"), "{shade}");
}

#[test]
fn our_spec_has_no_enum_a_response_carries() {
    let client = crate::support::generate(crate::support::TOKENS_SPEC, "tokens.yaml", false)
        .unwrap()
        .client;
    assert!(!client.contains("#[serde(untagged)]"));
}
