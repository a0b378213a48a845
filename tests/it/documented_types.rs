//! Snapshots of the generated types of the create-token operation, one per
//! type, and of the whole API surface. Review changes with `cargo insta review`.

use tokens_tests::{generated_file, surface, type_definition};

#[test]
fn create_token_request_type() {
    insta::assert_snapshot!(type_definition(&generated_file(), "CreateTokenRequest"));
}

#[test]
fn created_token_response_type() {
    insta::assert_snapshot!(type_definition(&generated_file(), "CreatedToken"));
}

#[test]
fn expires_in_enum() {
    insta::assert_snapshot!(type_definition(&generated_file(), "ExpiresIn"));
}

#[test]
fn api_error_type() {
    insta::assert_snapshot!(type_definition(&generated_file(), "ApiError"));
}

#[test]
fn api_surface_of_the_generated_client() {
    insta::assert_snapshot!(surface().render());
}
