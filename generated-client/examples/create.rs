//! Create a token and print it once.
//!
//! ```text
//! QUANT_API_TOKEN=... cargo run --example create -- <organization> <name> [30d|90d|365d|never]
//! ```

use quantcdn_tokens::types::{CreateTokenRequest, ExpiresIn};
use quantcdn_tokens::{ApiErrorExt, Client};

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::process::ExitCode {
    match run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(organization), Some(name)) = (args.next(), args.next()) else {
        return Err("usage: create <organization> <name> [30d|90d|365d|never]".into());
    };
    let mut request = CreateTokenRequest::builder().name(name);
    if let Some(expires_in) = args.next() {
        request = request.expires_in(expires_in.parse::<ExpiresIn>()?);
    }

    let client = Client::from_env()?;
    // Exactly once: an attempt whose answer is lost is found, revoked and
    // tried again, so no token is left live that nobody holds.
    match client.create_token_once(&organization, request).await {
        Ok(created) => {
            if let Some(note) = created.revoked_note() {
                eprintln!("note: {note}");
            }
            if let Some(drift) = &created.drift {
                // Made, but its answer is off-spec: the token is still ours.
                eprintln!("warning: {drift}");
            }
            match (&created.answer, created.id) {
                (Some(answer), _) => println!(
                    "created token {} ({}); it is shown only once:",
                    answer.id, answer.name
                ),
                (None, Some(id)) => println!("created token {id}; it is shown only once:"),
                (None, None) => println!("created a token; it is shown only once:"),
            }
            println!("{}", created.token.expose_secret());
            Ok(())
        }
        // `{e}` carries QuantCDN's message: `422 Unprocessable Entity: ...`.
        Err(e) if e.is_validation_error() => Err(format!("rejected: {e}").into()),
        // The settling failed too: a person must revoke these.
        Err(e) if !e.maybe_live().is_empty() => Err(format!(
            "{e}; revoke {:?} with `cargo run --example revoke`",
            e.maybe_live()
        )
        .into()),
        Err(e) => Err(e.into()),
    }
}
