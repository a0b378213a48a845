//! `quant-tokens`: QuantCDN's Tokens API from the command line.
//!
//! The subcommands and their flags are generated from the spec (progenitor's
//! `Generator::cli`); this file adds the configuration (the same environment
//! variables as `Client::from_env`) and the output: the API's answer as JSON
//! on stdout, errors on stderr with a non-zero exit code.
//!
//! `tokens-create` is `Client::create_token_once`: when an attempt's answer
//! is lost, the token it made is found and revoked before the tool tries
//! again, so it ends with one live token, printed, or none: it looks for
//! such a token for 10 s (`--settle-window`). `--no-settle` sends one plain
//! request instead.
//!
//! `tokens-revoke` is `Client::revoke_token`: when a retry finds the token
//! gone after an attempt whose answer was lost, it prints
//! `{"already_gone": true}` and a note, and exits 0, instead of a 404.
//!
//! When the server did what was asked but its answer does not match the
//! spec (a created token whose body drifted), what it made is still put on
//! stdout: the secret fields it holds and its `id`, as JSON; a warning goes
//! to stderr (never holding a secret) and the exit code is 3.
//!
//! Exit codes: 0 done; 1 the API refused or failed, and nothing the tool
//! made is live; 2 configuration or usage; 3 made, but the answer is
//! off-spec (what was made is on stdout); 4 a token the tool made may be
//! live and nobody holds it: stderr names its id (or says how to find it).
//!
//! `-v` prints the client's trace (one line per call and per retry, never a
//! token) on stderr; `RUST_LOG` chooses any other filter.

use std::cell::{Cell, RefCell};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Arg, ArgAction, ArgMatches, Command};
use quantcdn_tokens::cli::{Cli, CliCommand, CliConfig};
use quantcdn_tokens::types::builder::CreateTokenRequest;
use quantcdn_tokens::{Client, ClientBuilder, Error, ORGANIZATION_VAR, ResponseValue};

/// What `--help` says about configuration.
const ENVIRONMENT: &str = "Environment:\n  \
    QUANT_API_TOKEN     the API token (required; made in the QuantCDN dashboard under Profile > API Tokens)\n  \
    QUANT_API_URL       the server (default https://dashboard.quantcdn.io; QuantGov Cloud: https://dash.quantgov.cloud)\n  \
    QUANT_ORGANIZATION  the organization, when --organization is not given";

fn command() -> Command {
    let mut command = Command::new("quant-tokens")
        .version(env!("CARGO_PKG_VERSION"))
        .about("Create, list and revoke QuantCDN API tokens")
        .after_help(ENVIRONMENT)
        .subcommand_required(true)
        .arg_required_else_help(true)
        .arg(
            Arg::new("verbose")
                .short('v')
                .long("verbose")
                .action(ArgAction::SetTrue)
                .global(true)
                .help("Print each call and retry on stderr (RUST_LOG overrides)"),
        )
        .arg(
            Arg::new("timeout")
                .long("timeout")
                .value_name("SECONDS")
                .value_parser(seconds)
                .global(true)
                .help("Give up on a request after this long (default 15)"),
        );
    for operation in CliCommand::iter() {
        let sub = Cli::<&Output>::get_command(operation)
            .name(subcommand_name(operation))
            .after_help(ENVIRONMENT);
        let sub = match operation {
            CliCommand::TokensCreate => sub
                .arg(
                    Arg::new("no-settle")
                        .long("no-settle")
                        .action(ArgAction::SetTrue)
                        .help(
                            "Send one plain request: if its answer is lost, a token it made \
                             stays live (by default the tool lists the tokens first, and revokes \
                             what a lost attempt made before trying again)",
                        ),
                )
                .arg(
                    Arg::new("settle-window")
                        .long("settle-window")
                        .value_name("SECONDS")
                        .value_parser(seconds)
                        .conflicts_with("no-settle")
                        .help(
                            "How long to look for the token of an attempt whose answer was \
                             lost while the server may still be making it, before taking it to \
                             have made none and trying again (default 10)",
                        ),
                ),
            _ => sub,
        };
        // `--organization` may come from the environment, as the token does.
        let sub = if sub.get_arguments().any(|a| a.get_id() == "organization") {
            sub.mut_arg("organization", |a| a.env(ORGANIZATION_VAR))
        } else {
            sub
        };
        // progenitor adds this flag with the help text "XXX" and no
        // behaviour; hide it rather than show it.
        let sub = if sub
            .get_arguments()
            .any(|a| a.get_id() == "json-body-template")
        {
            sub.mut_arg("json-body-template", |a| a.hide(true))
        } else {
            sub
        };
        command = command.subcommand(sub);
    }
    command
}

/// A positive number of seconds, as `--timeout` and `--settle-window` take it.
fn seconds(text: &str) -> Result<Duration, String> {
    match text.parse::<f64>() {
        Ok(s) if s > 0.0 && s.is_finite() => Ok(Duration::from_secs_f64(s)),
        _ => Err(format!("{text:?} is not a positive number of seconds")),
    }
}

/// `tokens_create` → `tokens-create`.
fn subcommand_name(operation: CliCommand) -> String {
    operation.operation_id().replace('_', "-")
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let matches = command().get_matches();
    trace_to_stderr(matches.get_flag("verbose"));
    let Some((name, sub_matches)) = matches.subcommand() else {
        unreachable!("clap requires a subcommand")
    };
    let operation = CliCommand::iter()
        .find(|op| subcommand_name(*op) == name)
        .expect("clap accepts only the subcommands it was given");
    match run(operation, sub_matches).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Config(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
        // The error was printed by `Output::error`, where it is typed.
        Err(Failure::Api) => ExitCode::from(1),
        Err(Failure::Recovered) => ExitCode::from(3),
        Err(Failure::MaybeLive) => ExitCode::from(4),
    }
}

/// `RUST_LOG` when set; otherwise, with `-v`, this crate's debug events
/// (the `quantcdn_tokens.call` span with its retries); otherwise nothing.
fn trace_to_stderr(verbose: bool) {
    use tracing_subscriber::EnvFilter;
    let filter = match std::env::var("RUST_LOG") {
        Ok(directives) if !directives.trim().is_empty() => EnvFilter::new(directives),
        _ if verbose => EnvFilter::new("quantcdn_tokens=debug,openapi_client_runtime=debug"),
        _ => return,
    };
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .init();
}

enum Failure {
    Config(String),
    Api,
    /// The server did it, but its answer is off-spec; what it made is on
    /// stdout.
    Recovered,
    /// A token the tool made may be live, and nobody holds it.
    MaybeLive,
}

async fn run(operation: CliCommand, matches: &ArgMatches) -> Result<(), Failure> {
    let mut builder = ClientBuilder::from_env().map_err(|e| Failure::Config(e.to_string()))?;
    if let Some(timeout) = matches.get_one::<Duration>("timeout") {
        builder = builder.timeout(*timeout);
    }
    // Only `tokens-create` has it.
    if let Ok(Some(window)) = matches.try_get_one::<Duration>("settle-window") {
        builder = builder.settle_window(*window);
    }
    let client = builder
        .build()
        .map_err(|e| Failure::Config(e.to_string()))?;
    let output = Output::default();
    let result = Cli::new(client.clone(), &output)
        .execute(operation, matches)
        .await;
    if let Some((organization, body)) = output.deferred.take() {
        return create_once(&client, &organization, body).await;
    }
    if let Some((organization, id)) = output.revoke.take() {
        return revoke(&client, &organization, id).await;
    }
    result.map_err(
        |e| match e.downcast_ref::<Error<quantcdn_tokens::types::ApiError>>() {
            Some(_) if output.recovered.get() => Failure::Recovered,
            Some(_) => Failure::Api,
            // A body file that cannot be read, and the like.
            None => Failure::Config(format!("{e:#}")),
        },
    )
}

/// `tokens-create` without `--no-settle`: the request the generated CLI
/// built from the flags, sent by `create_token_once`.
async fn create_once(
    client: &Client,
    organization: &str,
    body: CreateTokenRequest,
) -> Result<(), Failure> {
    match client.create_token_once(organization, body).await {
        Ok(created) => {
            if let Some(note) = created.revoked_note() {
                eprintln!("note: {note}");
            }
            match (&created.answer, &created.drift) {
                (Some(answer), _) => print_json(answer),
                (None, drift) => {
                    let mut recovered = serde_json::Map::new();
                    recovered.insert("token".to_owned(), created.token.expose_secret().into());
                    if let Some(id) = created.id {
                        recovered.insert("id".to_owned(), id.into());
                    }
                    print_json(&recovered);
                    if let Some(drift) = drift {
                        eprintln!("warning: {drift}");
                    }
                    eprintln!(
                        "warning: what the server made is on stdout; do not run the command again"
                    );
                    return Err(Failure::Recovered);
                }
            }
            Ok(())
        }
        Err(e) => {
            eprintln!("error: {e}");
            for id in e.maybe_live() {
                eprintln!(
                    "error: token {id} may be live and nobody holds it: \
                     quant-tokens tokens-revoke --organization {organization} --token-id {id}"
                );
            }
            if e.nothing_live() {
                Err(Failure::Api)
            } else {
                Err(Failure::MaybeLive)
            }
        }
    }
}

/// `tokens-revoke`: the request the generated CLI built from the flags,
/// sent by `revoke_token`.
async fn revoke(client: &Client, organization: &str, id: i64) -> Result<(), Failure> {
    match client.revoke_token(organization, id).await {
        Ok(revoked) => {
            match &revoked.message {
                Some(message) => print_json(&serde_json::json!({ "message": message })),
                None => print_json(&serde_json::json!({ "already_gone": true })),
            }
            if revoked.already_gone {
                eprintln!(
                    "note: token {id} is not live: an attempt whose answer was lost revoked it"
                );
            }
            Ok(())
        }
        Err(e) => {
            eprintln!("error: {e}");
            Err(Failure::Api)
        }
    }
}

fn print_json<T: serde::Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(json) => println!("{json}"),
        Err(e) => eprintln!("error: cannot print the response as JSON: {e}"),
    }
}

/// A `tokens-create` or `tokens-revoke` the generated CLI handed over
/// instead of sending it.
#[derive(Debug)]
struct Deferred;

impl std::fmt::Display for Deferred {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("handed over to create_token_once or revoke_token")
    }
}

impl std::error::Error for Deferred {}

/// Prints what the generated CLI hands over.
#[derive(Default)]
struct Output {
    /// Whether an error answer held something the server made.
    recovered: Cell<bool>,
    /// The organization and body of a `tokens-create` to send with
    /// `create_token_once`.
    deferred: RefCell<Option<(String, CreateTokenRequest)>>,
    /// The organization and id of a `tokens-revoke` to send with
    /// `revoke_token`.
    revoke: RefCell<Option<(String, i64)>>,
}

impl Output {
    /// The secret fields (and the `id`) of a successful answer that does not
    /// match the spec, as JSON for stdout; `None` when there are none.
    fn recovered<T>(error: &Error<T>) -> Option<String> {
        let Error::InvalidResponsePayload(payload) = error else {
            return None;
        };
        if !payload.status().is_some_and(|s| s.is_success())
            || payload.secret_keys().next().is_none()
        {
            return None;
        }
        let mut recovered = serde_json::Map::new();
        for key in payload.secret_keys() {
            let secret = payload.secret(key).expect("a key it found");
            recovered.insert(key.to_owned(), secret.expose_secret().into());
        }
        let first = payload.secret_keys().next().expect("checked above");
        if let Some(id) = payload.holder(first).and_then(|h| h.get("id").cloned()) {
            recovered.insert("id".to_owned(), id);
        }
        serde_json::to_string_pretty(&recovered).ok()
    }

    fn report<T: serde::Serialize + std::fmt::Debug>(&self, error: &Error<T>) {
        match Self::recovered(error) {
            Some(json) => {
                println!("{json}");
                self.recovered.set(true);
                eprintln!(
                    "warning: {error}\nwarning: what the server made is on stdout; do not run the command again"
                );
            }
            // `422 Unprocessable Entity: The name field is required.`: the
            // error's `Display` carries the API's message.
            None => eprintln!("error: {error}"),
        }
    }
}

impl CliConfig for &Output {
    /// Takes the request the flags built and stops the generated code from
    /// sending it, unless `--no-settle`: `run` sends it with
    /// `create_token_once`. (This hook cannot await.)
    fn execute_tokens_create(
        &self,
        matches: &ArgMatches,
        request: &mut quantcdn_tokens::builder::TokensCreate,
    ) -> anyhow::Result<()> {
        if matches.get_flag("no-settle") {
            return Ok(());
        }
        let organization = matches
            .get_one::<String>("organization")
            .expect("clap requires --organization")
            .clone();
        let mut body = None;
        let _ = request.clone().body_map(|b| {
            body = Some(b.clone());
            b
        });
        let Some(body) = body else {
            // The body did not convert: the generated code reports it.
            return Ok(());
        };
        *self.deferred.borrow_mut() = Some((organization, body));
        Err(anyhow::Error::new(Deferred))
    }

    /// Takes the revoke the flags built and stops the generated code from
    /// sending it: `run` sends it with `revoke_token`, which tells a token
    /// an attempt whose answer was lost revoked from no such token.
    fn execute_tokens_revoke(
        &self,
        matches: &ArgMatches,
        _request: &mut quantcdn_tokens::builder::TokensRevoke,
    ) -> anyhow::Result<()> {
        let organization = matches
            .get_one::<String>("organization")
            .expect("clap requires --organization")
            .clone();
        let id = *matches
            .get_one::<i64>("token-id")
            .expect("clap requires --token-id");
        *self.revoke.borrow_mut() = Some((organization, id));
        Err(anyhow::Error::new(Deferred))
    }

    fn success_item<T>(&self, value: &ResponseValue<T>)
    where
        T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug,
    {
        print_json(value.as_ref());
    }

    fn success_no_item(&self, _: &ResponseValue<()>) {}

    fn error<T>(&self, error: &Error<T>)
    where
        T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug,
    {
        self.report(error);
    }

    fn list_start<T>(&self)
    where
        T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug,
    {
    }

    fn list_item<T>(&self, value: &T)
    where
        T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug,
    {
        if let Ok(json) = serde_json::to_string(value) {
            println!("{json}");
        }
    }

    fn list_end_success<T>(&self)
    where
        T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug,
    {
    }

    fn list_end_error<T>(&self, error: &Error<T>)
    where
        T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug,
    {
        self.report(error);
    }
}
