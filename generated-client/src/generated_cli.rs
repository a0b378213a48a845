// @generated from openapi/tokens.yaml by `cargo xtask codegen`. Do not edit by hand:
// change the spec, then run `cargo xtask codegen`.
// Formatted by prettyplease, not rustfmt: `#[rustfmt::skip]` on the `mod`
// that includes it keeps `cargo fmt` away.

use crate::*;
use anyhow::Context as _;
pub struct Cli<T: CliConfig> {
    client: Client,
    config: T,
}
impl<T: CliConfig> Cli<T> {
    pub fn new(client: Client, config: T) -> Self {
        Self { client, config }
    }
    pub fn get_command(cmd: CliCommand) -> ::clap::Command {
        match cmd {
            CliCommand::TokensList => Self::cli_tokens_list(),
            CliCommand::TokensCreate => Self::cli_tokens_create(),
            CliCommand::TokensRevoke => Self::cli_tokens_revoke(),
        }
    }
    pub fn cli_tokens_list() -> ::clap::Command {
        ::clap::Command::new("")
            .arg(
                ::clap::Arg::new("organization")
                    .long("organization")
                    .value_parser(::clap::value_parser!(::std::string::String))
                    .required(true)
                    .help("Organization identifier"),
            )
            .about("List API tokens scoped to this organization")
    }
    pub fn cli_tokens_create() -> ::clap::Command {
        ::clap::Command::new("")
            .arg(
                ::clap::Arg::new("expires-in")
                    .long("expires-in")
                    .value_parser(
                        ::clap::builder::TypedValueParser::map(
                            ::clap::builder::PossibleValuesParser::new([
                                types::ExpiresIn::Days30.to_string(),
                                types::ExpiresIn::Days90.to_string(),
                                types::ExpiresIn::Days365.to_string(),
                                types::ExpiresIn::Never.to_string(),
                            ]),
                            |s| types::ExpiresIn::try_from(s).unwrap(),
                        ),
                    )
                    .required(false)
                    .help("Token expiration period"),
            )
            .arg(
                ::clap::Arg::new("name")
                    .long("name")
                    .value_parser(::clap::value_parser!(::std::string::String))
                    .required_unless_present("json-body")
                    .help("Name for the token"),
            )
            .arg(
                ::clap::Arg::new("organization")
                    .long("organization")
                    .value_parser(::clap::value_parser!(::std::string::String))
                    .required(true)
                    .help("Organization identifier"),
            )
            .arg(
                ::clap::Arg::new("preset")
                    .long("preset")
                    .value_parser(::clap::value_parser!(::std::string::String))
                    .required(false)
                    .help("Preset scope bundle"),
            )
            .arg(
                ::clap::Arg::new("json-body")
                    .long("json-body")
                    .value_name("JSON-FILE")
                    .required(false)
                    .value_parser(::clap::value_parser!(std::path::PathBuf))
                    .help("Path to a file that contains the full json body."),
            )
            .arg(
                ::clap::Arg::new("json-body-template")
                    .long("json-body-template")
                    .action(::clap::ArgAction::SetTrue)
                    .help("XXX"),
            )
            .about("Create a new API token scoped to this organization")
    }
    pub fn cli_tokens_revoke() -> ::clap::Command {
        ::clap::Command::new("")
            .arg(
                ::clap::Arg::new("organization")
                    .long("organization")
                    .value_parser(::clap::value_parser!(::std::string::String))
                    .required(true)
                    .help("Organization identifier"),
            )
            .arg(
                ::clap::Arg::new("token-id")
                    .long("token-id")
                    .value_parser(::clap::value_parser!(i64))
                    .required(true)
                    .help("Token ID to revoke"),
            )
            .about("Revoke an API token")
    }
    pub async fn execute(
        &self,
        cmd: CliCommand,
        matches: &::clap::ArgMatches,
    ) -> anyhow::Result<()> {
        match cmd {
            CliCommand::TokensList => self.execute_tokens_list(matches).await,
            CliCommand::TokensCreate => self.execute_tokens_create(matches).await,
            CliCommand::TokensRevoke => self.execute_tokens_revoke(matches).await,
        }
    }
    pub async fn execute_tokens_list(
        &self,
        matches: &::clap::ArgMatches,
    ) -> anyhow::Result<()> {
        let mut request = self.client.tokens_list();
        if let Some(value) = matches.get_one::<::std::string::String>("organization") {
            request = request.organization(value.clone());
        }
        self.config.execute_tokens_list(matches, &mut request)?;
        let result = request.send().await;
        match result {
            Ok(r) => {
                self.config.success_item(&r);
                Ok(())
            }
            Err(r) => {
                self.config.error(&r);
                Err(anyhow::Error::new(r))
            }
        }
    }
    pub async fn execute_tokens_create(
        &self,
        matches: &::clap::ArgMatches,
    ) -> anyhow::Result<()> {
        let mut request = self.client.tokens_create();
        if let Some(value) = matches.get_one::<types::ExpiresIn>("expires-in") {
            request = request.body_map(|body| { body.expires_in(value.clone()) });
        }
        if let Some(value) = matches.get_one::<::std::string::String>("name") {
            request = request.body_map(|body| { body.name(value.clone()) });
        }
        if let Some(value) = matches.get_one::<::std::string::String>("organization") {
            request = request.organization(value.clone());
        }
        if let Some(value) = matches.get_one::<::std::string::String>("preset") {
            request = request.body_map(|body| { body.preset(value.clone()) });
        }
        if let Some(value) = matches.get_one::<std::path::PathBuf>("json-body") {
            let body_txt = std::fs::read_to_string(value)
                .with_context(|| format!("failed to read {}", value.display()))?;
            let body_value = serde_json::from_str::<types::CreateTokenRequest>(&body_txt)
                .with_context(|| format!("failed to parse {}", value.display()))?;
            request = request.body(body_value);
        }
        self.config.execute_tokens_create(matches, &mut request)?;
        let result = request.send().await;
        match result {
            Ok(r) => {
                self.config.success_item(&r);
                Ok(())
            }
            Err(r) => {
                self.config.error(&r);
                Err(anyhow::Error::new(r))
            }
        }
    }
    pub async fn execute_tokens_revoke(
        &self,
        matches: &::clap::ArgMatches,
    ) -> anyhow::Result<()> {
        let mut request = self.client.tokens_revoke();
        if let Some(value) = matches.get_one::<::std::string::String>("organization") {
            request = request.organization(value.clone());
        }
        if let Some(value) = matches.get_one::<i64>("token-id") {
            request = request.token_id(value.clone());
        }
        self.config.execute_tokens_revoke(matches, &mut request)?;
        let result = request.send().await;
        match result {
            Ok(r) => {
                self.config.success_item(&r);
                Ok(())
            }
            Err(r) => {
                self.config.error(&r);
                Err(anyhow::Error::new(r))
            }
        }
    }
}
pub trait CliConfig {
    fn success_item<T>(&self, value: &ResponseValue<T>)
    where
        T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug;
    fn success_no_item(&self, value: &ResponseValue<()>);
    fn error<T>(&self, value: &Error<T>)
    where
        T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug;
    fn list_start<T>(&self)
    where
        T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug;
    fn list_item<T>(&self, value: &T)
    where
        T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug;
    fn list_end_success<T>(&self)
    where
        T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug;
    fn list_end_error<T>(&self, value: &Error<T>)
    where
        T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug;
    fn execute_tokens_list(
        &self,
        matches: &::clap::ArgMatches,
        request: &mut builder::TokensList,
    ) -> anyhow::Result<()> {
        Ok(())
    }
    fn execute_tokens_create(
        &self,
        matches: &::clap::ArgMatches,
        request: &mut builder::TokensCreate,
    ) -> anyhow::Result<()> {
        Ok(())
    }
    fn execute_tokens_revoke(
        &self,
        matches: &::clap::ArgMatches,
        request: &mut builder::TokensRevoke,
    ) -> anyhow::Result<()> {
        Ok(())
    }
}
#[derive(Copy, Clone, Debug)]
pub enum CliCommand {
    TokensList,
    TokensCreate,
    TokensRevoke,
}
impl CliCommand {
    pub fn iter() -> impl Iterator<Item = CliCommand> {
        vec![CliCommand::TokensList, CliCommand::TokensCreate, CliCommand::TokensRevoke,]
            .into_iter()
    }
    pub fn operation_id(&self) -> &'static str {
        match self {
            CliCommand::TokensList => "tokens_list",
            CliCommand::TokensCreate => "tokens_create",
            CliCommand::TokensRevoke => "tokens_revoke",
        }
    }
}
