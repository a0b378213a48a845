//! Revoke a token.
//!
//! ```text
//! QUANT_API_TOKEN=... cargo run --example revoke -- <organization> <token id>
//! ```

use quantcdn_tokens::Client;

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
    let (Some(organization), Some(id)) = (args.next(), args.next()) else {
        return Err("usage: revoke <organization> <token id>".into());
    };
    let client = Client::from_env()?;
    match client.revoke_token(&organization, id.parse::<i64>()?).await {
        Ok(revoked) => {
            match revoked.message {
                Some(message) => println!("{message}"),
                // An attempt whose answer was lost revoked it.
                None => println!("token {id} is not live any more"),
            }
            Ok(())
        }
        Err(e) if e.is_not_found() => Err(format!("no token {id}").into()),
        Err(e) => Err(e.into()),
    }
}
