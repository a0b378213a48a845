// @generated from openapi/tokens.yaml by `cargo xtask codegen`. Do not edit by hand:
// change the spec, then run `cargo xtask codegen`.
// Formatted by prettyplease, not rustfmt: `#[rustfmt::skip]` on the `mod`
// that includes it keeps `cargo fmt` away.

pub mod operations {
    //! [`When`](::httpmock::When) and [`Then`](::httpmock::Then)
    //! wrappers for each operation. Each can be converted to
    //! its inner type with a call to `into_inner()`. This can
    //! be used to explicitly deviate from permitted values.
    use crate::*;
    pub struct TokensListWhen(::httpmock::When);
    impl TokensListWhen {
        pub fn new(inner: ::httpmock::When) -> Self {
            Self(
                inner
                    .method(::httpmock::Method::GET)
                    .path_matches(
                        regex::Regex::new("^/api/v2/organizations/[^/]*/tokens$")
                            .unwrap(),
                    ),
            )
        }
        pub fn into_inner(self) -> ::httpmock::When {
            self.0
        }
        pub fn organization(self, value: &str) -> Self {
            let re = regex::Regex::new(
                    &format!("^/api/v2/organizations/{}/tokens$", value.to_string()),
                )
                .unwrap();
            Self(self.0.path_matches(re))
        }
    }
    pub struct TokensListThen(::httpmock::Then);
    impl TokensListThen {
        pub fn new(inner: ::httpmock::Then) -> Self {
            Self(inner)
        }
        pub fn into_inner(self) -> ::httpmock::Then {
            self.0
        }
        pub fn ok(self, value: &::std::vec::Vec<types::TokenSummary>) -> Self {
            Self(
                self
                    .0
                    .status(200u16)
                    .header("content-type", "application/json")
                    .json_body_obj(value),
            )
        }
        pub fn forbidden(self, value: &types::ApiError) -> Self {
            Self(
                self
                    .0
                    .status(403u16)
                    .header("content-type", "application/json")
                    .json_body_obj(value),
            )
        }
    }
    pub struct TokensCreateWhen(::httpmock::When);
    impl TokensCreateWhen {
        pub fn new(inner: ::httpmock::When) -> Self {
            Self(
                inner
                    .method(::httpmock::Method::POST)
                    .path_matches(
                        regex::Regex::new("^/api/v2/organizations/[^/]*/tokens$")
                            .unwrap(),
                    ),
            )
        }
        pub fn into_inner(self) -> ::httpmock::When {
            self.0
        }
        pub fn organization(self, value: &str) -> Self {
            let re = regex::Regex::new(
                    &format!("^/api/v2/organizations/{}/tokens$", value.to_string()),
                )
                .unwrap();
            Self(self.0.path_matches(re))
        }
        pub fn body(self, value: &types::CreateTokenRequest) -> Self {
            Self(self.0.json_body_obj(value))
        }
    }
    pub struct TokensCreateThen(::httpmock::Then);
    impl TokensCreateThen {
        pub fn new(inner: ::httpmock::Then) -> Self {
            Self(inner)
        }
        pub fn into_inner(self) -> ::httpmock::Then {
            self.0
        }
        pub fn created(self, value: &types::CreatedToken) -> Self {
            Self(
                self
                    .0
                    .status(201u16)
                    .header("content-type", "application/json")
                    .json_body_obj(value),
            )
        }
        pub fn bad_request(self, value: &types::ApiError) -> Self {
            Self(
                self
                    .0
                    .status(400u16)
                    .header("content-type", "application/json")
                    .json_body_obj(value),
            )
        }
        pub fn forbidden(self, value: &types::ApiError) -> Self {
            Self(
                self
                    .0
                    .status(403u16)
                    .header("content-type", "application/json")
                    .json_body_obj(value),
            )
        }
        pub fn unprocessable_entity(self, value: &types::ApiError) -> Self {
            Self(
                self
                    .0
                    .status(422u16)
                    .header("content-type", "application/json")
                    .json_body_obj(value),
            )
        }
    }
    pub struct TokensRevokeWhen(::httpmock::When);
    impl TokensRevokeWhen {
        pub fn new(inner: ::httpmock::When) -> Self {
            Self(
                inner
                    .method(::httpmock::Method::DELETE)
                    .path_matches(
                        regex::Regex::new("^/api/v2/organizations/[^/]*/tokens/[^/]*$")
                            .unwrap(),
                    ),
            )
        }
        pub fn into_inner(self) -> ::httpmock::When {
            self.0
        }
        pub fn organization(self, value: &str) -> Self {
            let re = regex::Regex::new(
                    &format!("^/api/v2/organizations/{}/tokens/.*$", value.to_string()),
                )
                .unwrap();
            Self(self.0.path_matches(re))
        }
        pub fn token_id(self, value: i64) -> Self {
            let re = regex::Regex::new(
                    &format!("^/api/v2/organizations/.*/tokens/{}$", value.to_string()),
                )
                .unwrap();
            Self(self.0.path_matches(re))
        }
    }
    pub struct TokensRevokeThen(::httpmock::Then);
    impl TokensRevokeThen {
        pub fn new(inner: ::httpmock::Then) -> Self {
            Self(inner)
        }
        pub fn into_inner(self) -> ::httpmock::Then {
            self.0
        }
        pub fn ok(self, value: &types::RevokedToken) -> Self {
            Self(
                self
                    .0
                    .status(200u16)
                    .header("content-type", "application/json")
                    .json_body_obj(value),
            )
        }
        pub fn forbidden(self, value: &types::ApiError) -> Self {
            Self(
                self
                    .0
                    .status(403u16)
                    .header("content-type", "application/json")
                    .json_body_obj(value),
            )
        }
        pub fn not_found(self, value: &types::ApiError) -> Self {
            Self(
                self
                    .0
                    .status(404u16)
                    .header("content-type", "application/json")
                    .json_body_obj(value),
            )
        }
    }
}
/// An extension trait for [`MockServer`](::httpmock::MockServer) that
/// adds a method for each operation. These are the equivalent of
/// type-checked [`mock()`](::httpmock::MockServer::mock) calls.
pub trait MockServerExt {
    fn tokens_list<F>(&self, config_fn: F) -> ::httpmock::Mock<'_>
    where
        F: FnOnce(operations::TokensListWhen, operations::TokensListThen);
    fn tokens_create<F>(&self, config_fn: F) -> ::httpmock::Mock<'_>
    where
        F: FnOnce(operations::TokensCreateWhen, operations::TokensCreateThen);
    fn tokens_revoke<F>(&self, config_fn: F) -> ::httpmock::Mock<'_>
    where
        F: FnOnce(operations::TokensRevokeWhen, operations::TokensRevokeThen);
}
impl MockServerExt for ::httpmock::MockServer {
    fn tokens_list<F>(&self, config_fn: F) -> ::httpmock::Mock<'_>
    where
        F: FnOnce(operations::TokensListWhen, operations::TokensListThen),
    {
        self.mock(|when, then| {
            config_fn(
                operations::TokensListWhen::new(when),
                operations::TokensListThen::new(then),
            )
        })
    }
    fn tokens_create<F>(&self, config_fn: F) -> ::httpmock::Mock<'_>
    where
        F: FnOnce(operations::TokensCreateWhen, operations::TokensCreateThen),
    {
        self.mock(|when, then| {
            config_fn(
                operations::TokensCreateWhen::new(when),
                operations::TokensCreateThen::new(then),
            )
        })
    }
    fn tokens_revoke<F>(&self, config_fn: F) -> ::httpmock::Mock<'_>
    where
        F: FnOnce(operations::TokensRevokeWhen, operations::TokensRevokeThen),
    {
        self.mock(|when, then| {
            config_fn(
                operations::TokensRevokeWhen::new(when),
                operations::TokensRevokeThen::new(then),
            )
        })
    }
}
