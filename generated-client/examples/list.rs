//! List an organization's tokens.
//!
//! ```text
//! QUANT_API_TOKEN=... cargo run --example list -- <organization>
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
    let organization = std::env::args()
        .nth(1)
        .ok_or("usage: list <organization>")?;
    let client = Client::from_env()?;
    let tokens = client
        .tokens_list()
        .organization(organization)
        .send()
        .await?;
    for token in tokens.iter() {
        let last_used = token
            .last_used
            .map_or("never".to_owned(), |t| t.to_rfc3339());
        println!("{}\t{}\tlast used {last_used}", token.id, token.name);
    }
    Ok(())
}
