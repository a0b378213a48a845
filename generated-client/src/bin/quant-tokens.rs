//! `quant-tokens`: QuantCDN's Tokens API from the command line.
//!
//! The subcommands and their flags are generated from the spec (progenitor's
//! `Generator::cli`); this file adds the configuration (the same environment
//! variables as `Client::from_env`) and the output: the API's answer as JSON
//! on stdout, errors on stderr with a non-zero exit code.
//!
//! When the server did what was asked but its answer does not match the
//! spec (a created token whose body drifted), what it made is still put on
//! stdout: the secret fields it holds and its `id`, as JSON; a warning goes
//! to stderr (never holding a secret) and the exit code is 3.
//!
//! `-v` prints the client's trace (one line per call and per retry, never a
//! token) on stderr; `RUST_LOG` chooses any other filter.

use std::cell::Cell;
use std::process::ExitCode;

use clap::{Arg, ArgAction, ArgMatches, Command};
use quantcdn_tokens::cli::{Cli, CliCommand, CliConfig};
use quantcdn_tokens::{Client, Error, ResponseValue};

/// What `--help` says about configuration.
const ENVIRONMENT: &str = "Environment:\n  \
    QUANT_API_TOKEN  the API token (required; made in the QuantCDN dashboard under Profile > API Tokens)\n  \
    QUANT_API_URL    the server (default https://dashboard.quantcdn.io; QuantGov Cloud: https://dash.quantgov.cloud)";

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
        );
    for operation in CliCommand::iter() {
        let sub = Cli::<&Output>::get_command(operation)
            .name(subcommand_name(operation))
            .after_help(ENVIRONMENT);
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
    }
}

/// `RUST_LOG` when set; otherwise, with `-v`, this crate's debug events
/// (the `quantcdn_tokens.call` span with its retries); otherwise nothing.
fn trace_to_stderr(verbose: bool) {
    use tracing_subscriber::EnvFilter;
    let filter = match std::env::var("RUST_LOG") {
        Ok(directives) if !directives.trim().is_empty() => EnvFilter::new(directives),
        _ if verbose => EnvFilter::new("quantcdn_tokens=debug"),
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
}

async fn run(operation: CliCommand, matches: &ArgMatches) -> Result<(), Failure> {
    let client = Client::from_env().map_err(|e| Failure::Config(e.to_string()))?;
    let output = Output::default();
    let result = Cli::new(client, &output).execute(operation, matches).await;
    result.map_err(
        |e| match e.downcast_ref::<Error<quantcdn_tokens::types::ApiError>>() {
            Some(_) if output.recovered.get() => Failure::Recovered,
            Some(_) => Failure::Api,
            // A body file that cannot be read, and the like.
            None => Failure::Config(format!("{e:#}")),
        },
    )
}

/// Prints what the generated CLI hands over.
#[derive(Default)]
struct Output {
    /// Whether an error answer held something the server made.
    recovered: Cell<bool>,
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
            None => eprintln!("error: {}", describe(error)),
        }
    }
}

impl CliConfig for &Output {
    fn success_item<T>(&self, value: &ResponseValue<T>)
    where
        T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug,
    {
        match serde_json::to_string_pretty(value.as_ref()) {
            Ok(json) => println!("{json}"),
            Err(e) => eprintln!("error: cannot print the response as JSON: {e}"),
        }
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

/// `422 Unprocessable Entity: The name field is required.` for a
/// documented error: the API's `message`, the sentence it writes for the
/// person at the terminal (no other part of a body is printed); the
/// error's own text otherwise. The CLI's errors are typed by the generated
/// code as `Error<T>` with `T` the error schema's type.
fn describe<T: serde::Serialize + std::fmt::Debug>(error: &Error<T>) -> String {
    match error {
        Error::ErrorResponse(body) => {
            let message = serde_json::to_value(body.as_ref())
                .ok()
                .and_then(|v| v.get("message").and_then(|m| m.as_str()).map(str::to_owned));
            match message {
                Some(message) => format!("{}: {message}", body.status()),
                None => error.to_string(),
            }
        }
        other => other.to_string(),
    }
}
