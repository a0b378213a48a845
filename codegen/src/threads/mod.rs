//! Scheduling the targets on threads.
//!
//! In: the spec (secret fields marked) and the header. Out: the three
//! files' formatted texts ([`Generated`]).
//!
//! progenitor runs on this thread, once per target with one generator
//! (`progenitor::Targets`: typify's types are built once), and each part
//! it makes crosses to a thread of its own as text (syn's trees and
//! proc-macro2's tokens cannot cross threads), which parses it and takes
//! it to formatted text: the client's requests half (see `halves`) and the
//! two companions; the types half stays here. The operating system
//! schedules them as it sees fit (no priorities: on a busy machine they
//! backfired). Each part runs its passes
//! (`passes::run`). What the others need from the types half crosses as
//! plain data, `passes::Found` (the variants' renames, the secret keys).

pub(crate) mod halves;

use std::sync::mpsc;

use crate::passes::{self, Facts, Found, Part};
use crate::progenitor::{self, panics};
use crate::{CodegenError, FailedOperation, Generated, Target};

/// Every target of `spec`, each behind `header`.
pub(crate) fn generate_files(
    spec: &openapiv3::OpenAPI,
    spec_name: &str,
    header: &str,
) -> Result<Generated, CodegenError> {
    std::thread::scope(|scope| {
        // A companion's tokens cross as text (a `TokenStream` cannot cross
        // threads): parsed, passed over and formatted on its own thread.
        let companion = |part, text: mpsc::Receiver<String>, found: mpsc::Receiver<Found>| {
            scope.spawn(move || {
                let file = received_and_passed(spec, spec_name, part, text, found)?;
                Ok(format!("{header}{}", prettyplease::unparse(&file)))
            })
        };
        let (httpmock_text, httpmock_in) = mpsc::channel();
        let (httpmock_found, for_httpmock) = mpsc::channel();
        let (cli_text, cli_in) = mpsc::channel();
        let (cli_found, for_cli) = mpsc::channel();
        let httpmock = companion(Part::Httpmock, httpmock_in, for_httpmock);
        let cli = companion(Part::Cli, cli_in, for_cli);
        let (requests_text, requests_in) = mpsc::channel::<String>();
        let (requests_found, for_requests) = mpsc::channel::<Found>();
        // The requests half, formatted around the placeholder where the
        // types half goes.
        let requests = scope.spawn(move || {
            let file =
                received_and_passed(spec, spec_name, Part::Requests, requests_in, for_requests)?;
            let (before, after) = halves::around_placeholder(file);
            Ok((
                prettyplease::unparse(&before),
                prettyplease::unparse(&after),
            ))
        });

        // This thread runs progenitor, once per target with one generator
        // (see `progenitor::Targets`), handing each part on as soon as it
        // is made, then does the types half.
        let mut targets = progenitor::Targets::new(spec, spec_name);
        let types = targets.tokens(Target::Client).and_then(|tokens| {
            let (types, requests) = halves::cut(tokens);
            // Each part's tokens are dropped as soon as their text is
            // made, and progenitor's generator (typify's types of the
            // whole spec) before the types half is parsed: what is alive
            // at once is what the peak of memory is.
            let requests = {
                let text = requests.to_string();
                drop(requests);
                text
            };
            let response_types = passes::received_enums::response_types(&requests);
            let _ = requests_text.send(requests);
            for (target, to) in [(Target::Httpmock, &httpmock_text), (Target::Cli, &cli_text)] {
                let _ = to.send(targets.tokens(target)?.to_string());
            }
            drop(targets);
            let mut file = progenitor::parsed(types, spec_name)?;
            let mut facts = Facts::new(spec, spec_name, Found::default());
            facts.response_types = response_types;
            passes::run(Part::Types, &mut file, &mut facts)?;
            // A thread that failed has stopped listening; its error comes
            // with its result.
            for to in [&httpmock_found, &cli_found, &requests_found] {
                let _ = to.send(facts.found.clone());
            }
            Ok(prettyplease::unparse(&file))
        });
        drop((requests_text, requests_found, httpmock_found, cli_found));
        drop((httpmock_text, cli_text));
        let requests = joined(requests, spec_name);
        let (httpmock, cli) = (joined(httpmock, spec_name), joined(cli, spec_name));
        let types = types?;
        let (before, after) = requests?;
        Ok(Generated {
            client: format!("{header}{before}{types}{after}"),
            httpmock: httpmock?,
            cli: cli?,
            normalizations: Vec::new(),
            skipped: Vec::new(),
        })
    })
}

/// A part made on another thread, on its own: its text parsed, then passed
/// over (`passes::run`) with what the types half found. A thread whose
/// input never comes stops: whoever failed to send it has its own error,
/// the one reported.
fn received_and_passed(
    spec: &openapiv3::OpenAPI,
    spec_name: &str,
    part: Part,
    text: mpsc::Receiver<String>,
    found: mpsc::Receiver<Found>,
) -> Result<syn::File, CodegenError> {
    let upstream_failed = || CodegenError::Generator {
        spec: spec_name.to_owned(),
        failures: Vec::new(),
    };
    let text = text.recv().map_err(|_| upstream_failed())?;
    let mut file = syn::parse_file(&text).map_err(|e| progenitor::unparsable(spec_name, e))?;
    drop(text);
    let found = found.recv().map_err(|_| upstream_failed())?;
    passes::run(part, &mut file, &mut Facts::new(spec, spec_name, found))?;
    Ok(file)
}

/// A generating thread's result. Every step that may panic catches its
/// panic (see `progenitor::panics`); a panic that escapes anyway is an
/// error too.
fn joined<T>(
    handle: std::thread::ScopedJoinHandle<'_, Result<T, CodegenError>>,
    spec_name: &str,
) -> Result<T, CodegenError> {
    handle.join().unwrap_or_else(|payload| {
        Err(CodegenError::Generator {
            spec: spec_name.to_owned(),
            failures: vec![FailedOperation {
                operation: None,
                message: format!(
                    "the generator stopped: {}",
                    panics::message(payload.as_ref())
                ),
            }],
        })
    })
}
