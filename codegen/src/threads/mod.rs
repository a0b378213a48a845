//! Scheduling the targets on threads.
//!
//! In: the spec (secret fields marked) and the header. Out: the three
//! files' formatted texts ([`Generated`]).
//!
//! syn's trees cannot cross threads, so each thread takes its part from
//! progenitor's tokens to formatted text: the client's two halves (see
//! `halves`) and the two companions, on four threads, scheduled by the
//! operating system as it sees fit (no priorities: on a busy machine they
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
    // A thread whose input never comes stops: whoever failed to send it
    // has its own error, the one reported.
    let upstream_failed = || CodegenError::Generator {
        spec: spec_name.to_owned(),
        failures: Vec::new(),
    };
    std::thread::scope(|scope| {
        let companion = |target, part, found: mpsc::Receiver<Found>| {
            scope.spawn(move || {
                let mut file =
                    progenitor::parsed(progenitor::tokens(spec, spec_name, target)?, spec_name)?;
                let found = found.recv().map_err(|_| upstream_failed())?;
                passes::run(part, &mut file, &mut Facts::new(spec, spec_name, found))?;
                Ok(format!("{header}{}", prettyplease::unparse(&file)))
            })
        };
        let (httpmock_found, for_httpmock) = mpsc::channel();
        let (cli_found, for_cli) = mpsc::channel();
        let httpmock = companion(Target::Httpmock, Part::Httpmock, for_httpmock);
        let cli = companion(Target::Cli, Part::Cli, for_cli);

        let (requests_text, requests_in) = mpsc::channel::<String>();
        let (requests_found, for_requests) = mpsc::channel::<Found>();
        let requests = scope.spawn(move || {
            let text = requests_in.recv().map_err(|_| upstream_failed())?;
            let mut file =
                syn::parse_file(&text).map_err(|e| progenitor::unparsable(spec_name, e))?;
            drop(text);
            let found = for_requests.recv().map_err(|_| upstream_failed())?;
            let mut facts = Facts::new(spec, spec_name, found);
            passes::run(Part::Requests, &mut file, &mut facts)?;
            let (before, after) = halves::around_placeholder(file);
            Ok((
                prettyplease::unparse(&before),
                prettyplease::unparse(&after),
            ))
        });

        let types = progenitor::tokens(spec, spec_name, Target::Client).and_then(|tokens| {
            let (types, requests) = halves::cut(tokens);
            let requests = requests.to_string();
            let response_types = passes::received_enums::response_types(&requests);
            let _ = requests_text.send(requests);
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
        let requests = joined(requests, spec_name);
        let (httpmock, cli) = (joined(httpmock, spec_name), joined(cli, spec_name));
        let types = types?;
        let (before, after) = requests?;
        Ok(Generated {
            client: format!("{header}{before}{types}{after}"),
            httpmock: httpmock?,
            cli: cli?,
            normalizations: Vec::new(),
        })
    })
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
