//! The crate's fake Tokens API on its own (feature `fake`), to try the
//! `quant-tokens` tool or any program against it without QuantCDN:
//!
//! ```text
//! cargo run -p quantcdn-tokens --features fake --example fake_server [-- ORGANIZATION]
//! ```
//!
//! It prints one line for the shell, `export QUANT_API_URL=… QUANT_API_TOKEN=…
//! QUANT_ORGANIZATION=…`, with one live token in the organization
//! (`test-org` unless given), then serves on 127.0.0.1 until it is stopped
//! (Ctrl-C). What it answers is the `fake` module's documentation.

use quantcdn_tokens::fake::FakeServer;

fn main() {
    let organization = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "test-org".to_owned());
    let fake = FakeServer::start();
    let token = fake.insert_token(&organization, "example token");
    println!(
        "export QUANT_API_URL={} QUANT_API_TOKEN={} QUANT_ORGANIZATION={organization}",
        fake.base_url(),
        fake.api_token()
    );
    eprintln!(
        "the fake Tokens API serves on {}; token {} ({:?}) of {organization} is live; stop it with Ctrl-C",
        fake.base_url(),
        token.id,
        token.name
    );
    // The fake serves on a thread of its own; this one only keeps it.
    loop {
        std::thread::park();
    }
}
