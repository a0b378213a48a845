//! Rotate a CI token: make a new one exactly once, print it, and revoke the
//! organization's older `ci-` tokens.
//!
//! ```text
//! QUANT_API_TOKEN=... cargo run --example rotate -- <organization>
//! ```

use quantcdn_tokens::Client;
use quantcdn_tokens::types::{CreateTokenRequest, ExpiresIn};

const PREFIX: &str = "ci-";

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let organization = std::env::args()
        .nth(1)
        .ok_or("usage: rotate <organization>")?;
    let client = Client::from_env()?;

    // Exactly once: an attempt whose answer is lost is found and revoked
    // before another is made.
    let request = CreateTokenRequest::builder()
        .name(format!("{PREFIX}deploy"))
        .preset("content_management")
        .expires_in(ExpiresIn::Days30);
    let created = client.create_token_once(&organization, request).await?;
    println!("{}", created.token.expose_secret());

    let listed = client
        .tokens_list()
        .organization(&organization)
        .send()
        .await?;
    for old in listed.iter() {
        if !old.name.starts_with(PREFIX) || Some(old.id) == created.id {
            continue;
        }
        // A retry that finds the token gone after a lost answer reports
        // it gone, not 404.
        match client.revoke_token(&organization, old.id).await {
            Ok(revoked) if revoked.already_gone => {
                eprintln!("revoked {} (by an attempt whose answer was lost)", old.id)
            }
            Ok(_) => eprintln!("revoked {}", old.id),
            Err(e) if e.is_not_found() => eprintln!("{} was already revoked", old.id),
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}
