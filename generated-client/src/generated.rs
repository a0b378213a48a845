// @generated from openapi/tokens.yaml by `cargo xtask codegen`. Do not edit by hand:
// change the spec, then run `cargo xtask codegen`.
// Formatted by prettyplease, not rustfmt: `#[rustfmt::skip]` on the `mod`
// that includes it keeps `cargo fmt` away.

#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, ResponseValue};
/// The crate's own error type: the same variants as progenitor's,
/// with texts that never print a response body.
use ::openapi_client_runtime::Error;
#[allow(unused_imports)]
use progenitor_client::{encode_path, ClientHooks, OperationInfo, RequestBuilderExt};
/// Types used as operation parameters and responses.
#[allow(clippy::all)]
pub mod types {
    ///The error body of every Tokens API error response. Named `ApiError` so it does not collide with the client's `Error`.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[cfg_attr(feature = "cli", derive(::schemars::JsonSchema))]
    #[non_exhaustive]
    pub struct ApiError {
        ///Error flag
        pub error: bool,
        ///Error message
        pub message: ::std::string::String,
    }
    impl ApiError {
        pub fn builder() -> builder::ApiError {
            Default::default()
        }
    }
    ///The body of a create-token request.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[cfg_attr(feature = "cli", derive(::schemars::JsonSchema))]
    #[non_exhaustive]
    pub struct CreateTokenRequest {
        ///Token expiration period
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub expires_in: ::std::option::Option<ExpiresIn>,
        ///Name for the token
        pub name: ::std::string::String,
        ///Preset scope bundle
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub preset: ::std::option::Option<::std::string::String>,
        ///Project IDs to restrict this token to
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub projects: ::std::option::Option<::std::vec::Vec<i64>>,
        ///Individual scopes (mutually exclusive with preset)
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub scopes: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
    }
    impl CreateTokenRequest {
        pub fn builder() -> builder::CreateTokenRequest {
            Default::default()
        }
    }
    ///A newly created token. The plain token is returned once and cannot be retrieved again.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[cfg_attr(feature = "cli", derive(::schemars::JsonSchema))]
    #[non_exhaustive]
    pub struct CreatedToken {
        pub created_at: ::chrono::DateTime<::chrono::offset::Utc>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub expires_at: ::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>,
        ///Token ID
        pub id: i64,
        pub name: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub preset: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub projects: ::std::option::Option<::std::vec::Vec<i64>>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub scopes: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
        ///The plain text token (shown once)
        pub token: ::openapi_client_runtime::Secret,
    }
    impl CreatedToken {
        pub fn builder() -> builder::CreatedToken {
            Default::default()
        }
    }
    ///Token expiration period
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd
    )]
    #[cfg_attr(feature = "cli", derive(::schemars::JsonSchema))]
    #[non_exhaustive]
    pub enum ExpiresIn {
        #[serde(rename = "30d")]
        Days30,
        #[serde(rename = "90d")]
        Days90,
        #[serde(rename = "365d")]
        Days365,
        #[serde(rename = "never")]
        Never,
    }
    impl ::std::fmt::Display for ExpiresIn {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Days30 => f.write_str("30d"),
                Self::Days90 => f.write_str("90d"),
                Self::Days365 => f.write_str("365d"),
                Self::Never => f.write_str("never"),
            }
        }
    }
    impl ::std::str::FromStr for ExpiresIn {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "30d" => Ok(Self::Days30),
                "90d" => Ok(Self::Days90),
                "365d" => Ok(Self::Days365),
                "never" => Ok(Self::Never),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for ExpiresIn {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for ExpiresIn {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///The confirmation that a token was revoked.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[cfg_attr(feature = "cli", derive(::schemars::JsonSchema))]
    #[non_exhaustive]
    pub struct RevokedToken {
        pub message: ::std::string::String,
    }
    impl RevokedToken {
        pub fn builder() -> builder::RevokedToken {
            Default::default()
        }
    }
    ///One token of the organization, as listed (the plain token is never listed).
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[cfg_attr(feature = "cli", derive(::schemars::JsonSchema))]
    #[non_exhaustive]
    pub struct TokenSummary {
        pub created_at: ::chrono::DateTime<::chrono::offset::Utc>,
        pub id: i64,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub last_used: ::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>,
        pub name: ::std::string::String,
    }
    impl TokenSummary {
        pub fn builder() -> builder::TokenSummary {
            Default::default()
        }
    }
    /// Types for composing complex structures.
    pub mod builder {
        #[derive(Clone, Debug)]
        pub struct ApiError {
            error: ::std::result::Result<bool, ::std::string::String>,
            message: ::std::result::Result<::std::string::String, ::std::string::String>,
        }
        impl ::std::default::Default for ApiError {
            fn default() -> Self {
                Self {
                    error: Err("no value supplied for error".to_string()),
                    message: Err("no value supplied for message".to_string()),
                }
            }
        }
        impl ApiError {
            pub fn error<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<bool>,
                T::Error: ::std::fmt::Display,
            {
                self.error = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for error: {e}")
                    });
                self
            }
            pub fn message<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.message = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for message: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ApiError> for super::ApiError {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ApiError,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    error: value.error?,
                    message: value.message?,
                })
            }
        }
        impl ::std::convert::From<super::ApiError> for ApiError {
            fn from(value: super::ApiError) -> Self {
                Self {
                    error: Ok(value.error),
                    message: Ok(value.message),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct CreateTokenRequest {
            expires_in: ::std::result::Result<
                ::std::option::Option<super::ExpiresIn>,
                ::std::string::String,
            >,
            name: ::std::result::Result<::std::string::String, ::std::string::String>,
            preset: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            projects: ::std::result::Result<
                ::std::option::Option<::std::vec::Vec<i64>>,
                ::std::string::String,
            >,
            scopes: ::std::result::Result<
                ::std::option::Option<::std::vec::Vec<::std::string::String>>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for CreateTokenRequest {
            fn default() -> Self {
                Self {
                    expires_in: Ok(Default::default()),
                    name: Err("no value supplied for name".to_string()),
                    preset: Ok(Default::default()),
                    projects: Ok(Default::default()),
                    scopes: Ok(Default::default()),
                }
            }
        }
        impl CreateTokenRequest {
            pub fn expires_in<T>(mut self, value: T) -> Self
            where
                T: ::openapi_client_runtime::IntoOption<super::ExpiresIn>,
            {
                self.expires_in = Ok(
                    ::openapi_client_runtime::IntoOption::into_option(value),
                );
                self
            }
            pub fn name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for name: {e}")
                    });
                self
            }
            pub fn preset<T>(mut self, value: T) -> Self
            where
                T: ::openapi_client_runtime::IntoOption<::std::string::String>,
            {
                self.preset = Ok(
                    ::openapi_client_runtime::IntoOption::into_option(value),
                );
                self
            }
            pub fn projects<T>(mut self, value: T) -> Self
            where
                T: ::openapi_client_runtime::IntoOption<::std::vec::Vec<i64>>,
            {
                self.projects = Ok(
                    ::openapi_client_runtime::IntoOption::into_option(value),
                );
                self
            }
            pub fn scopes<T>(mut self, value: T) -> Self
            where
                T: ::openapi_client_runtime::IntoOption<
                    ::std::vec::Vec<::std::string::String>,
                >,
            {
                self.scopes = Ok(
                    ::openapi_client_runtime::IntoOption::into_option(value),
                );
                self
            }
        }
        impl ::std::convert::TryFrom<CreateTokenRequest> for super::CreateTokenRequest {
            type Error = super::error::ConversionError;
            fn try_from(
                value: CreateTokenRequest,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    expires_in: value.expires_in?,
                    name: value.name?,
                    preset: value.preset?,
                    projects: value.projects?,
                    scopes: value.scopes?,
                })
            }
        }
        impl ::std::convert::From<super::CreateTokenRequest> for CreateTokenRequest {
            fn from(value: super::CreateTokenRequest) -> Self {
                Self {
                    expires_in: Ok(value.expires_in),
                    name: Ok(value.name),
                    preset: Ok(value.preset),
                    projects: Ok(value.projects),
                    scopes: Ok(value.scopes),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct CreatedToken {
            created_at: ::std::result::Result<
                ::chrono::DateTime<::chrono::offset::Utc>,
                ::std::string::String,
            >,
            expires_at: ::std::result::Result<
                ::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>,
                ::std::string::String,
            >,
            id: ::std::result::Result<i64, ::std::string::String>,
            name: ::std::result::Result<::std::string::String, ::std::string::String>,
            preset: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            projects: ::std::result::Result<
                ::std::option::Option<::std::vec::Vec<i64>>,
                ::std::string::String,
            >,
            scopes: ::std::result::Result<
                ::std::option::Option<::std::vec::Vec<::std::string::String>>,
                ::std::string::String,
            >,
            token: ::std::result::Result<
                ::openapi_client_runtime::Secret,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for CreatedToken {
            fn default() -> Self {
                Self {
                    created_at: Err("no value supplied for created_at".to_string()),
                    expires_at: Ok(Default::default()),
                    id: Err("no value supplied for id".to_string()),
                    name: Err("no value supplied for name".to_string()),
                    preset: Ok(Default::default()),
                    projects: Ok(Default::default()),
                    scopes: Ok(Default::default()),
                    token: Err("no value supplied for token".to_string()),
                }
            }
        }
        impl CreatedToken {
            pub fn created_at<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::chrono::DateTime<::chrono::offset::Utc>>,
                T::Error: ::std::fmt::Display,
            {
                self.created_at = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for created_at: {e}")
                    });
                self
            }
            pub fn expires_at<T>(mut self, value: T) -> Self
            where
                T: ::openapi_client_runtime::IntoOption<
                    ::chrono::DateTime<::chrono::offset::Utc>,
                >,
            {
                self.expires_at = Ok(
                    ::openapi_client_runtime::IntoOption::into_option(value),
                );
                self
            }
            pub fn id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<i64>,
                T::Error: ::std::fmt::Display,
            {
                self.id = value
                    .try_into()
                    .map_err(|e| format!("error converting supplied value for id: {e}"));
                self
            }
            pub fn name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for name: {e}")
                    });
                self
            }
            pub fn preset<T>(mut self, value: T) -> Self
            where
                T: ::openapi_client_runtime::IntoOption<::std::string::String>,
            {
                self.preset = Ok(
                    ::openapi_client_runtime::IntoOption::into_option(value),
                );
                self
            }
            pub fn projects<T>(mut self, value: T) -> Self
            where
                T: ::openapi_client_runtime::IntoOption<::std::vec::Vec<i64>>,
            {
                self.projects = Ok(
                    ::openapi_client_runtime::IntoOption::into_option(value),
                );
                self
            }
            pub fn scopes<T>(mut self, value: T) -> Self
            where
                T: ::openapi_client_runtime::IntoOption<
                    ::std::vec::Vec<::std::string::String>,
                >,
            {
                self.scopes = Ok(
                    ::openapi_client_runtime::IntoOption::into_option(value),
                );
                self
            }
            pub fn token<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::openapi_client_runtime::Secret>,
                T::Error: ::std::fmt::Display,
            {
                self.token = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for token: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<CreatedToken> for super::CreatedToken {
            type Error = super::error::ConversionError;
            fn try_from(
                value: CreatedToken,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    created_at: value.created_at?,
                    expires_at: value.expires_at?,
                    id: value.id?,
                    name: value.name?,
                    preset: value.preset?,
                    projects: value.projects?,
                    scopes: value.scopes?,
                    token: value.token?,
                })
            }
        }
        impl ::std::convert::From<super::CreatedToken> for CreatedToken {
            fn from(value: super::CreatedToken) -> Self {
                Self {
                    created_at: Ok(value.created_at),
                    expires_at: Ok(value.expires_at),
                    id: Ok(value.id),
                    name: Ok(value.name),
                    preset: Ok(value.preset),
                    projects: Ok(value.projects),
                    scopes: Ok(value.scopes),
                    token: Ok(value.token),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct RevokedToken {
            message: ::std::result::Result<::std::string::String, ::std::string::String>,
        }
        impl ::std::default::Default for RevokedToken {
            fn default() -> Self {
                Self {
                    message: Err("no value supplied for message".to_string()),
                }
            }
        }
        impl RevokedToken {
            pub fn message<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.message = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for message: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<RevokedToken> for super::RevokedToken {
            type Error = super::error::ConversionError;
            fn try_from(
                value: RevokedToken,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self { message: value.message? })
            }
        }
        impl ::std::convert::From<super::RevokedToken> for RevokedToken {
            fn from(value: super::RevokedToken) -> Self {
                Self { message: Ok(value.message) }
            }
        }
        #[derive(Clone, Debug)]
        pub struct TokenSummary {
            created_at: ::std::result::Result<
                ::chrono::DateTime<::chrono::offset::Utc>,
                ::std::string::String,
            >,
            id: ::std::result::Result<i64, ::std::string::String>,
            last_used: ::std::result::Result<
                ::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>,
                ::std::string::String,
            >,
            name: ::std::result::Result<::std::string::String, ::std::string::String>,
        }
        impl ::std::default::Default for TokenSummary {
            fn default() -> Self {
                Self {
                    created_at: Err("no value supplied for created_at".to_string()),
                    id: Err("no value supplied for id".to_string()),
                    last_used: Ok(Default::default()),
                    name: Err("no value supplied for name".to_string()),
                }
            }
        }
        impl TokenSummary {
            pub fn created_at<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::chrono::DateTime<::chrono::offset::Utc>>,
                T::Error: ::std::fmt::Display,
            {
                self.created_at = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for created_at: {e}")
                    });
                self
            }
            pub fn id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<i64>,
                T::Error: ::std::fmt::Display,
            {
                self.id = value
                    .try_into()
                    .map_err(|e| format!("error converting supplied value for id: {e}"));
                self
            }
            pub fn last_used<T>(mut self, value: T) -> Self
            where
                T: ::openapi_client_runtime::IntoOption<
                    ::chrono::DateTime<::chrono::offset::Utc>,
                >,
            {
                self.last_used = Ok(
                    ::openapi_client_runtime::IntoOption::into_option(value),
                );
                self
            }
            pub fn name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for name: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<TokenSummary> for super::TokenSummary {
            type Error = super::error::ConversionError;
            fn try_from(
                value: TokenSummary,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    created_at: value.created_at?,
                    id: value.id?,
                    last_used: value.last_used?,
                    name: value.name?,
                })
            }
        }
        impl ::std::convert::From<super::TokenSummary> for TokenSummary {
            fn from(value: super::TokenSummary) -> Self {
                Self {
                    created_at: Ok(value.created_at),
                    id: Ok(value.id),
                    last_used: Ok(value.last_used),
                    name: Ok(value.name),
                }
            }
        }
    }
    /// Error types.
    pub mod error {
        /// Error from a `TryFrom` or `FromStr` implementation.
        pub struct ConversionError(::std::borrow::Cow<'static, str>);
        impl ::std::error::Error for ConversionError {}
        impl ::std::fmt::Display for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Display::fmt(&self.0, f)
            }
        }
        impl ::std::fmt::Debug for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Debug::fmt(&self.0, f)
            }
        }
        impl From<&'static str> for ConversionError {
            fn from(value: &'static str) -> Self {
                Self(value.into())
            }
        }
        impl From<String> for ConversionError {
            fn from(value: String) -> Self {
                Self(value.into())
            }
        }
    }
}
#[derive(Clone, Debug)]
/**Client for QuantCDN Tokens API

Create, list and revoke API tokens scoped to a QuantCDN organization.

This document is written by hand from QuantCDN's public documentation.
Where that documentation is silent, the decisions taken are marked
`# Decision:` in the YAML and listed in the repository's maintainer's
guide (docs/maintaining.md, "Decisions").


Version: 1.0.0*/
pub struct Client {
    pub(crate) baseurl: String,
    pub(crate) client: reqwest::Client,
    pub(crate) inner: ::openapi_client_runtime::CallPolicy,
}
impl Client {
    /// Create a new client.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub fn new(baseurl: &str, inner: ::openapi_client_runtime::CallPolicy) -> Self {
        #[cfg(not(target_arch = "wasm32"))]
        let client = {
            let dur = ::std::time::Duration::from_secs(15u64);
            reqwest::ClientBuilder::new().connect_timeout(dur).timeout(dur)
        };
        #[cfg(target_arch = "wasm32")]
        let client = reqwest::ClientBuilder::new();
        Self::new_with_client(baseurl, client.build().unwrap(), inner)
    }
    /// Construct a new client with an existing `reqwest::Client`,
    /// allowing more control over its configuration.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub fn new_with_client(
        baseurl: &str,
        client: reqwest::Client,
        inner: ::openapi_client_runtime::CallPolicy,
    ) -> Self {
        Self {
            baseurl: baseurl.to_string(),
            client,
            inner,
        }
    }
}
impl ClientInfo<::openapi_client_runtime::CallPolicy> for Client {
    fn api_version() -> &'static str {
        "1.0.0"
    }
    fn baseurl(&self) -> &str {
        self.baseurl.as_str()
    }
    fn client(&self) -> &reqwest::Client {
        &self.client
    }
    fn inner(&self) -> &::openapi_client_runtime::CallPolicy {
        &self.inner
    }
}
const _: () = {
    #[allow(dead_code)]
    fn assert_client_hooks()
    where
        Client: ClientHooks<::openapi_client_runtime::CallPolicy>,
    {}
};
impl Client {
    /**List API tokens scoped to this organization

Sends a `GET` request to `/api/v2/organizations/{organization}/tokens`

Arguments:
- `organization`: Organization identifier
```ignore
let response = client.tokens_list()
    .organization(organization)
    .send()
    .await;
```*/
    pub fn tokens_list(&self) -> builder::TokensList<'_> {
        builder::TokensList::new(self)
    }
    /**Create a new API token scoped to this organization

Sends a `POST` request to `/api/v2/organizations/{organization}/tokens`

Arguments:
- `organization`: Organization identifier
- `body`
```ignore
let response = client.tokens_create()
    .organization(organization)
    .body(body)
    .send()
    .await;
```*/
    pub fn tokens_create(&self) -> builder::TokensCreate<'_> {
        builder::TokensCreate::new(self)
    }
    /**Revoke an API token

Sends a `DELETE` request to `/api/v2/organizations/{organization}/tokens/{token_id}`

Arguments:
- `organization`: Organization identifier
- `token_id`: Token ID to revoke
```ignore
let response = client.tokens_revoke()
    .organization(organization)
    .token_id(token_id)
    .send()
    .await;
```*/
    pub fn tokens_revoke(&self) -> builder::TokensRevoke<'_> {
        builder::TokensRevoke::new(self)
    }
}
/// Types for composing operation parameters.
#[allow(clippy::all)]
pub mod builder {
    use super::types;
    #[allow(unused_imports)]
    use super::{
        encode_path, ByteStream, ClientInfo, ClientHooks, Error, OperationInfo,
        RequestBuilderExt, ResponseValue,
    };
    /**Builder for [`Client::tokens_list`]

[`Client::tokens_list`]: super::Client::tokens_list*/
    #[derive(Debug, Clone)]
    pub struct TokensList<'a> {
        client: &'a super::Client,
        organization: Result<::std::string::String, String>,
    }
    impl<'a> TokensList<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                organization: Err("organization was not initialized".to_string()),
            }
        }
        pub fn organization<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.organization = value
                .try_into()
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for organization failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/api/v2/organizations/{organization}/tokens`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<::std::vec::Vec<types::TokenSummary>>,
            Error<types::ApiError>,
        > {
            let Self { client, organization } = self;
            let organization = organization.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/api/v2/organizations/{}/tokens", client.baseurl,
                super::encode_path_segment(& organization.to_string()) ?,
            );
            #[allow(unused_mut)]
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "tokens_list",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ::openapi_client_runtime::read_response(response, &[]).await,
                403u16 => {
                    Err(
                        Error::ErrorResponse(
                            ::openapi_client_runtime::read_error(response, &[]).await?,
                        ),
                    )
                }
                _ => {
                    Err(
                        ::openapi_client_runtime::read_unexpected_as(
                                response,
                                &[],
                                ::std::convert::identity,
                            )
                            .await,
                    )
                }
            }
        }
    }
    /**Builder for [`Client::tokens_create`]

[`Client::tokens_create`]: super::Client::tokens_create*/
    #[derive(Debug, Clone)]
    pub struct TokensCreate<'a> {
        client: &'a super::Client,
        organization: Result<::std::string::String, String>,
        body: Result<types::builder::CreateTokenRequest, String>,
    }
    impl<'a> TokensCreate<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                organization: Err("organization was not initialized".to_string()),
                body: Ok(::std::default::Default::default()),
            }
        }
        pub fn organization<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.organization = value
                .try_into()
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for organization failed"
                        .to_string()
                });
            self
        }
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::CreateTokenRequest>,
            <V as std::convert::TryInto<
                types::CreateTokenRequest,
            >>::Error: std::fmt::Display,
        {
            self.body = value
                .try_into()
                .map(From::from)
                .map_err(|s| {
                    format!("conversion to `CreateTokenRequest` for body failed: {}", s)
                });
            self
        }
        pub fn body_map<F>(mut self, f: F) -> Self
        where
            F: std::ops::FnOnce(
                types::builder::CreateTokenRequest,
            ) -> types::builder::CreateTokenRequest,
        {
            self.body = self.body.map(f);
            self
        }
        ///Sends a `POST` request to `/api/v2/organizations/{organization}/tokens`
        pub async fn send(
            self,
        ) -> Result<ResponseValue<types::CreatedToken>, Error<types::ApiError>> {
            let Self { client, organization, body } = self;
            let organization = organization.map_err(Error::InvalidRequest)?;
            let body = body
                .and_then(|v| {
                    types::CreateTokenRequest::try_from(v).map_err(|e| e.to_string())
                })
                .map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/api/v2/organizations/{}/tokens", client.baseurl,
                super::encode_path_segment(& organization.to_string()) ?,
            );
            #[allow(unused_mut)]
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            #[allow(unused_mut)]
            let mut request = client
                .client
                .post(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .json(&body)
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "tokens_create",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                201u16 => {
                    ::openapi_client_runtime::read_response(response, &["token"]).await
                }
                400u16 => {
                    Err(
                        Error::ErrorResponse(
                            ::openapi_client_runtime::read_error(response, &[]).await?,
                        ),
                    )
                }
                403u16 => {
                    Err(
                        Error::ErrorResponse(
                            ::openapi_client_runtime::read_error(response, &[]).await?,
                        ),
                    )
                }
                422u16 => {
                    Err(
                        Error::ErrorResponse(
                            ::openapi_client_runtime::read_error(response, &[]).await?,
                        ),
                    )
                }
                _ => {
                    Err(
                        ::openapi_client_runtime::read_unexpected_as(
                                response,
                                &[],
                                ::std::convert::identity,
                            )
                            .await,
                    )
                }
            }
        }
    }
    /**Builder for [`Client::tokens_revoke`]

[`Client::tokens_revoke`]: super::Client::tokens_revoke*/
    #[derive(Debug, Clone)]
    pub struct TokensRevoke<'a> {
        client: &'a super::Client,
        organization: Result<::std::string::String, String>,
        token_id: Result<i64, String>,
    }
    impl<'a> TokensRevoke<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                organization: Err("organization was not initialized".to_string()),
                token_id: Err("token_id was not initialized".to_string()),
            }
        }
        pub fn organization<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.organization = value
                .try_into()
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for organization failed"
                        .to_string()
                });
            self
        }
        pub fn token_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<i64>,
        {
            self.token_id = value
                .try_into()
                .map_err(|_| "conversion to `i64` for token_id failed".to_string());
            self
        }
        ///Sends a `DELETE` request to `/api/v2/organizations/{organization}/tokens/{token_id}`
        pub async fn send(
            self,
        ) -> Result<ResponseValue<types::RevokedToken>, Error<types::ApiError>> {
            let Self { client, organization, token_id } = self;
            let organization = organization.map_err(Error::InvalidRequest)?;
            let token_id = token_id.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/api/v2/organizations/{}/tokens/{}", client.baseurl,
                super::encode_path_segment(& organization.to_string()) ?,
                super::encode_path_segment(& token_id.to_string()) ?,
            );
            #[allow(unused_mut)]
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            #[allow(unused_mut)]
            let mut request = client
                .client
                .delete(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "tokens_revoke",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ::openapi_client_runtime::read_response(response, &[]).await,
                403u16 => {
                    Err(
                        Error::ErrorResponse(
                            ::openapi_client_runtime::read_error(response, &[]).await?,
                        ),
                    )
                }
                404u16 => {
                    Err(
                        Error::ErrorResponse(
                            ::openapi_client_runtime::read_error(response, &[]).await?,
                        ),
                    )
                }
                _ => {
                    Err(
                        ::openapi_client_runtime::read_unexpected_as(
                                response,
                                &[],
                                ::std::convert::identity,
                            )
                            .await,
                    )
                }
            }
        }
    }
}
/// Items consumers will typically use such as the Client.
pub mod prelude {
    pub use self::super::Client;
}
/// Percent-encodes one path segment, refusing the values that URL
/// normalisation would turn into another path (`.`, `..`, empty).
/// Added by this workspace's codegen on top of progenitor's
/// `encode_path`.
fn encode_path_segment<E>(value: &str) -> Result<String, Error<E>> {
    match value {
        "" | "." | ".." => {
            Err(
                Error::InvalidRequest(
                    format!(
                        "the path parameter {value:?} would change the request's path"
                    ),
                ),
            )
        }
        segment => Ok(encode_path(segment)),
    }
}
/// The route template of an operation, by the `operation_id` of
/// its `OperationInfo`: what traces name instead of the URL. Added
/// by this workspace's codegen.
pub(crate) fn route_template(operation_id: &str) -> ::std::option::Option<&'static str> {
    match operation_id {
        "tokens_create" => {
            ::std::option::Option::Some("/api/v2/organizations/{organization}/tokens")
        }
        "tokens_list" => {
            ::std::option::Option::Some("/api/v2/organizations/{organization}/tokens")
        }
        "tokens_revoke" => {
            ::std::option::Option::Some(
                "/api/v2/organizations/{organization}/tokens/{token_id}",
            )
        }
        _ => ::std::option::Option::None,
    }
}
/// Every request goes through the runtime: retried when that is
/// safe, inside one span per call, read within the client's limit.
/// Added by this workspace's codegen.
impl ClientHooks<::openapi_client_runtime::CallPolicy> for Client {
    async fn exec(
        &self,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        let route = route_template(info.operation_id).unwrap_or("unknown");
        let span = ::openapi_client_runtime::call_span!(
            info.operation_id, request.method(), route
        );
        ::openapi_client_runtime::exec(self.client(), request, self.inner(), span).await
    }
}
