//! Scheduling the targets on threads.
//!
//! In: the spec (secret fields marked) and the header. Out: the three
//! files' formatted texts ([`Generated`]).
//!
//! progenitor runs on this thread, once per target with one generator
//! (`progenitor::Targets`: typify's types are built once). The two
//! companions (httpmock, CLI) cross as text to one other thread (syn's
//! trees and proc-macro2's tokens cannot cross threads), which parses,
//! passes over and formats one, then the other; this thread does the
//! client's types half, then its requests half (see `halves`). Two threads
//! on two parts at a time: on Oxide's spec the peak of memory is then
//! below progenitor alone's making the same three targets (160 against
//! 172 MB; four parts on four threads at once: 262), with wall time still
//! under its (see the guide's Performance section). Each part runs its
//! passes (`passes::run`). What the others need from the types half
//! crosses as plain data, `passes::Found` (the variants' renames, the
//! secret keys).

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
        // threads): parsed, passed over and formatted on the other thread.
        let companion = |part, text: mpsc::Receiver<String>, found: mpsc::Receiver<Found>| {
            let file = received_and_passed(spec, spec_name, part, text, found)?;
            Ok(format!("{header}{}", prettyplease::unparse(&file)))
        };
        let (httpmock_text, httpmock_in) = mpsc::channel();
        let (httpmock_found, for_httpmock) = mpsc::channel();
        let (cli_text, cli_in) = mpsc::channel();
        let (cli_found, for_cli) = mpsc::channel();
        let companions = scope.spawn(move || {
            let httpmock = companion(Part::Httpmock, httpmock_in, for_httpmock);
            Ok((httpmock, companion(Part::Cli, cli_in, for_cli)))
        });

        // This thread runs progenitor, once per target with one generator
        // (see `progenitor::Targets`), handing each companion on as soon as
        // it is made, then does the types half and the requests half.
        let mut targets = progenitor::Targets::new(spec, spec_name);
        let client = targets.tokens(Target::Client).and_then(|tokens| {
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
            for to in [&httpmock_found, &cli_found] {
                let _ = to.send(facts.found.clone());
            }
            let types = prettyplease::unparse(&file);
            drop(file);
            // The requests half, formatted around the placeholder where
            // the types half goes.
            let mut file =
                syn::parse_file(&requests).map_err(|e| progenitor::unparsable(spec_name, e))?;
            drop(requests);
            let mut facts = Facts::new(spec, spec_name, facts.found);
            passes::run(Part::Requests, &mut file, &mut facts)?;
            let (before, after) = halves::around_placeholder(file);
            Ok((
                types,
                prettyplease::unparse(&before),
                prettyplease::unparse(&after),
            ))
        });
        drop((httpmock_found, cli_found));
        drop((httpmock_text, cli_text));
        // A panic that escaped the companions' thread is the mocks' error,
        // the one reported first.
        let (httpmock, cli) = match joined(companions, spec_name) {
            Ok(both) => both,
            Err(e) => (Err(e), Err(upstream_failed(spec_name))),
        };
        let (types, before, after) = client?;
        Ok(Generated {
            client: format!("{header}{before}{types}{after}"),
            httpmock: httpmock?,
            cli: cli?,
            normalizations: Vec::new(),
            skipped: Vec::new(),
        })
    })
}

/// A companion made on the other thread: its text parsed, then passed
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
    let text = text.recv().map_err(|_| upstream_failed(spec_name))?;
    let mut file = syn::parse_file(&text).map_err(|e| progenitor::unparsable(spec_name, e))?;
    drop(text);
    let found = found.recv().map_err(|_| upstream_failed(spec_name))?;
    passes::run(part, &mut file, &mut Facts::new(spec, spec_name, found))?;
    Ok(file)
}

/// The error of a part whose input never came: whoever failed to send it
/// has its own error, the one reported.
fn upstream_failed(spec_name: &str) -> CodegenError {
    CodegenError::Generator {
        spec: spec_name.to_owned(),
        failures: Vec::new(),
    }
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
