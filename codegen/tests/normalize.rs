//! Normalisation: our spec needs none; the response shapes progenitor
//! 0.15.1 cannot generate become specs it can, and each change is reported.

use codegen::{generate_all, generate_all_normalized, normalization_changes};

const TOKENS_SPEC: &str = include_str!("../../openapi/tokens.yaml");

#[test]
fn our_spec_needs_no_normalisation() {
    assert_eq!(
        normalization_changes(TOKENS_SPEC, "tokens.yaml").unwrap(),
        Vec::<String>::new()
    );
    let (normalized, _) = generate_all_normalized(TOKENS_SPEC, "tokens.yaml", "c").unwrap();
    assert!(normalized == generate_all(TOKENS_SPEC, "tokens.yaml", "c").unwrap());
}

#[test]
fn mixed_response_bodies_are_reconciled_and_reported() {
    for (spec, expected) in [
        (
            include_str!("../../tests/broken-specs/15-error-body-beside-error-without-body.yaml"),
            "operation get_item: removed response 404 (no body) beside 400 (an inline JSON schema)",
        ),
        (
            include_str!(
                "../../tests/broken-specs/16-success-body-beside-success-without-body.yaml"
            ),
            "operation start_job: removed response 202 (no body) beside 200 (an inline JSON schema)",
        ),
        (
            include_str!(
                "../../tests/broken-specs/17-string-success-beside-default-error-object.yaml"
            ),
            "operation get_version: removed response default (an inline JSON schema) beside 200 (an inline JSON schema)",
        ),
    ] {
        assert!(
            generate_all(spec, "s.yaml", "c").is_err(),
            "{expected}: generates without normalising"
        );
        let (generated, changes) = generate_all_normalized(spec, "s.yaml", "c").unwrap();
        assert_eq!(changes, [expected]);
        syn::parse_file(&generated.client).unwrap();
    }
}
