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
    match client
        .tokens_create()
        .organization(organization)
        .body(request)
        .send()
        .await
    {
        Ok(created) => {
            println!(
                "created token {} ({}); it is shown only once:",
                created.id, created.name
            );
            println!("{}", created.token.expose_secret());
            Ok(())
        }
        // The server created the token but its answer is off-spec: the
        // token is still ours, and must not be lost (nor made twice).
        Err(e) if e.created_token().is_some() => {
            let recovered = e.created_token().expect("checked");
            eprintln!("warning: {e}");
            println!("created token {:?}; it is shown only once:", recovered.id);
            println!("{}", recovered.token.expose_secret());
            Ok(())
        }
        Err(e) if e.is_validation_error() => {
            Err(format!("rejected: {}", e.api_message().unwrap_or("no message")).into())
        }
        Err(e) => Err(e.into()),
    }
}
