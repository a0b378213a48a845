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
    /// The requests a mock of `tokens_list` matches: every request of its method and path; each method narrows them.
    pub struct TokensListWhen(::httpmock::When);
    impl TokensListWhen {
        /// Wraps httpmock's `When`, matching every request of `tokens_list`'s method and path.
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
        /// httpmock's `When` inside, to do what these methods do not offer.
        pub fn into_inner(self) -> ::httpmock::When {
            self.0
        }
        /// Matches only the requests whose path parameter `organization` is `value`.
        pub fn organization(self, value: &str) -> Self {
            let re = regex::Regex::new(
                    &format!("^/api/v2/organizations/{}/tokens$", value.to_string()),
                )
                .unwrap();
            Self(self.0.path_matches(re))
        }
    }
    /// The answer a mock of `tokens_list` gives: one of its methods sets it.
    pub struct TokensListThen(::httpmock::Then);
    impl TokensListThen {
        /// Wraps httpmock's `Then`.
        pub fn new(inner: ::httpmock::Then) -> Self {
            Self(inner)
        }
        /// httpmock's `Then` inside, to do what these methods do not offer.
        pub fn into_inner(self) -> ::httpmock::Then {
            self.0
        }
        /// Answers status 200, with `value` as its JSON body.
        pub fn ok(self, value: &::std::vec::Vec<types::TokenSummary>) -> Self {
            Self(
                self
                    .0
                    .status(200u16)
                    .header("content-type", "application/json")
                    .json_body_obj(value),
            )
        }
        /// Answers status 403, with `value` as its JSON body.
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
    /// The requests a mock of `tokens_create` matches: every request of its method and path; each method narrows them.
    pub struct TokensCreateWhen(::httpmock::When);
    impl TokensCreateWhen {
        /// Wraps httpmock's `When`, matching every request of `tokens_create`'s method and path.
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
        /// httpmock's `When` inside, to do what these methods do not offer.
        pub fn into_inner(self) -> ::httpmock::When {
            self.0
        }
        /// Matches only the requests whose path parameter `organization` is `value`.
        pub fn organization(self, value: &str) -> Self {
            let re = regex::Regex::new(
                    &format!("^/api/v2/organizations/{}/tokens$", value.to_string()),
                )
                .unwrap();
            Self(self.0.path_matches(re))
        }
        /// Matches only the requests whose JSON body is `value`.
        pub fn body(self, value: &types::CreateTokenRequest) -> Self {
            Self(self.0.json_body_obj(value))
        }
    }
    /// The answer a mock of `tokens_create` gives: one of its methods sets it.
    pub struct TokensCreateThen(::httpmock::Then);
    impl TokensCreateThen {
        /// Wraps httpmock's `Then`.
        pub fn new(inner: ::httpmock::Then) -> Self {
            Self(inner)
        }
        /// httpmock's `Then` inside, to do what these methods do not offer.
        pub fn into_inner(self) -> ::httpmock::Then {
            self.0
        }
        /// Answers status 201, with `value` as its JSON body.
        pub fn created(self, value: &types::CreatedToken) -> Self {
            Self(
                self
                    .0
                    .status(201u16)
                    .header("content-type", "application/json")
                    .json_body_obj(value),
            )
        }
        /// Answers status 400, with `value` as its JSON body.
        pub fn bad_request(self, value: &types::ApiError) -> Self {
            Self(
                self
                    .0
                    .status(400u16)
                    .header("content-type", "application/json")
                    .json_body_obj(value),
            )
        }
        /// Answers status 403, with `value` as its JSON body.
        pub fn forbidden(self, value: &types::ApiError) -> Self {
            Self(
                self
                    .0
                    .status(403u16)
                    .header("content-type", "application/json")
                    .json_body_obj(value),
            )
        }
        /// Answers status 422, with `value` as its JSON body.
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
    /// The requests a mock of `tokens_revoke` matches: every request of its method and path; each method narrows them.
    pub struct TokensRevokeWhen(::httpmock::When);
    impl TokensRevokeWhen {
        /// Wraps httpmock's `When`, matching every request of `tokens_revoke`'s method and path.
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
        /// httpmock's `When` inside, to do what these methods do not offer.
        pub fn into_inner(self) -> ::httpmock::When {
            self.0
        }
        /// Matches only the requests whose path parameter `organization` is `value`.
        pub fn organization(self, value: &str) -> Self {
            let re = regex::Regex::new(
                    &format!("^/api/v2/organizations/{}/tokens/.*$", value.to_string()),
                )
                .unwrap();
            Self(self.0.path_matches(re))
        }
        /// Matches only the requests whose path parameter `token_id` is `value`.
        pub fn token_id(self, value: i64) -> Self {
            let re = regex::Regex::new(
                    &format!("^/api/v2/organizations/.*/tokens/{}$", value.to_string()),
                )
                .unwrap();
            Self(self.0.path_matches(re))
        }
    }
    /// The answer a mock of `tokens_revoke` gives: one of its methods sets it.
    pub struct TokensRevokeThen(::httpmock::Then);
    impl TokensRevokeThen {
        /// Wraps httpmock's `Then`.
        pub fn new(inner: ::httpmock::Then) -> Self {
            Self(inner)
        }
        /// httpmock's `Then` inside, to do what these methods do not offer.
        pub fn into_inner(self) -> ::httpmock::Then {
            self.0
        }
        /// Answers status 200, with `value` as its JSON body.
        pub fn ok(self, value: &types::RevokedToken) -> Self {
            Self(
                self
                    .0
                    .status(200u16)
                    .header("content-type", "application/json")
                    .json_body_obj(value),
            )
        }
        /// Answers status 403, with `value` as its JSON body.
        pub fn forbidden(self, value: &types::ApiError) -> Self {
            Self(
                self
                    .0
                    .status(403u16)
                    .header("content-type", "application/json")
                    .json_body_obj(value),
            )
        }
        /// Answers status 404, with `value` as its JSON body.
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
    /// A mock of `tokens_list`: `config_fn` narrows the requests it matches (`operations::TokensListWhen`) and sets its answer (`operations::TokensListThen`).
    fn tokens_list<F>(&self, config_fn: F) -> ::httpmock::Mock<'_>
    where
        F: FnOnce(operations::TokensListWhen, operations::TokensListThen);
    /// A mock of `tokens_create`: `config_fn` narrows the requests it matches (`operations::TokensCreateWhen`) and sets its answer (`operations::TokensCreateThen`).
    fn tokens_create<F>(&self, config_fn: F) -> ::httpmock::Mock<'_>
    where
        F: FnOnce(operations::TokensCreateWhen, operations::TokensCreateThen);
    /// A mock of `tokens_revoke`: `config_fn` narrows the requests it matches (`operations::TokensRevokeWhen`) and sets its answer (`operations::TokensRevokeThen`).
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
