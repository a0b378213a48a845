//! One run of a campaign: its spec generated (with and without
//! `--skip-failing`), and what a user would see judged: no panic trace,
//! no run over [`SLOW`](super::SLOW), output that parses, refusals that
//! name a place.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use super::{Base, Failure, Mutant, PANIC_TRACES, SLOW, Tally, mutant};

pub(super) struct Outcome {
    run: usize,
    base: String,
    mutations: Vec<String>,
    time: Duration,
    generated: bool,
    /// Refused, then generated with `--skip-failing`.
    generated_by_skipping: bool,
    /// Refused for its operations, and again with `--skip-failing`.
    not_skipped: bool,
    refusal: Option<String>,
    problems: Vec<(Problem, String)>,
}

#[derive(Clone, Copy, PartialEq)]
enum Problem {
    PanicTrace,
    Slow,
    Unparsable,
    NoPlace,
}

impl Outcome {
    pub(super) fn add_to(self, tally: &mut Tally) {
        tally.runs += 1;
        if self.generated {
            tally.generated += 1;
            tally.generated_runs.push(self.run);
        } else {
            tally.refused += 1;
        }
        tally.generated_by_skipping += usize::from(self.generated_by_skipping);
        tally.not_skipped += usize::from(self.not_skipped);
        tally.slowest = tally.slowest.max(self.time);
        if let Some(message) = self.refusal {
            tally.refusals.push((self.run, message));
        }
        for (problem, text) in self.problems {
            match problem {
                Problem::PanicTrace => tally.panic_traces += 1,
                Problem::Slow => tally.slow += 1,
                Problem::Unparsable => tally.unparsable += 1,
                Problem::NoPlace => tally.refusals_without_place += 1,
            }
            tally.failures.push(Failure {
                run: self.run,
                base: self.base.clone(),
                mutations: self.mutations.clone(),
                problem: text,
            });
        }
    }
}

pub(super) fn one_run(bases: &[Base], total_weight: u32, seed: u64, run: usize) -> Outcome {
    let Mutant {
        name,
        text,
        base,
        mutations,
        normalize,
    } = mutant(bases, total_weight, seed, run);
    let traces_before = PANIC_TRACES.load(Ordering::SeqCst);
    let started = Instant::now();
    let options = codegen::Settings::new(&name).normalize(normalize);
    let result = catch_unwind(AssertUnwindSafe(|| {
        codegen::Generator::new(options).generate(&text)
    }));
    let time = started.elapsed();
    let mut problems = Vec::new();
    // Another worker's panic may land in this window too: it is counted
    // once, by whichever run sees it first, and the campaign's count is
    // what matters.
    if PANIC_TRACES.load(Ordering::SeqCst) > traces_before {
        problems.push((Problem::PanicTrace, "a panic trace was printed".to_owned()));
    }
    if time > SLOW {
        problems.push((Problem::Slow, format!("took {:.1} s", time.as_secs_f64())));
    }
    let mut generated = false;
    let mut generated_by_skipping = false;
    let mut not_skipped = false;
    let mut refusal = None;
    match result {
        Err(_) => {
            if problems.iter().all(|(p, _)| *p != Problem::PanicTrace) {
                problems.push((Problem::PanicTrace, "codegen panicked".to_owned()));
            }
        }
        Ok(Ok(files)) => {
            generated = true;
            problems.extend(unparsable(&files, ""));
        }
        Ok(Err(error)) => {
            let message = error.to_string();
            problems.extend(without_place(&message, &name, ""));
            refusal = Some(message);
            // Refused for some operations alone: `--skip-failing` must
            // then give a client of the rest, which parses.
            if matches!(&error, codegen::CodegenError::Generator { failures, .. }
                if !failures.is_empty() && failures.iter().all(|f| f.operation.is_some()))
            {
                let skipping = options.skip_failing(true);
                match catch_unwind(AssertUnwindSafe(|| {
                    codegen::Generator::new(skipping).generate(&text)
                })) {
                    Ok(Ok(files)) => {
                        generated_by_skipping = true;
                        problems.extend(unparsable(&files, " with --skip-failing"));
                    }
                    // What is left may fail as a whole (two types typify
                    // names alike once an operation is gone): a refusal
                    // like any other, which must name its place.
                    Ok(Err(error)) => {
                        not_skipped = true;
                        let message = error.to_string();
                        problems.extend(without_place(&message, &name, " with --skip-failing"));
                    }
                    Err(_) => problems.push((
                        Problem::PanicTrace,
                        "codegen panicked with --skip-failing".to_owned(),
                    )),
                }
            }
        }
    }
    Outcome {
        run,
        base,
        mutations,
        time,
        generated,
        generated_by_skipping,
        not_skipped,
        refusal,
        problems,
    }
}

/// A problem for each generated file that does not parse as Rust; `how`
/// says how it was generated (` with --skip-failing`, or nothing).
fn unparsable(files: &codegen::Generated, how: &str) -> Vec<(Problem, String)> {
    files
        .files()
        .into_iter()
        .filter_map(|(target, file)| {
            let e = syn::parse_file(file).err()?;
            Some((
                Problem::Unparsable,
                format!("{target:?}{how} does not parse as Rust: {e}"),
            ))
        })
        .collect()
}

/// A problem when a refusal's `message` names no place (see
/// [`names_a_place`]); `how` as for [`unparsable`].
fn without_place(message: &str, spec_name: &str, how: &str) -> Option<(Problem, String)> {
    (!names_a_place(message, spec_name)).then(|| {
        (
            Problem::NoPlace,
            format!("refused{how} without a place: {message}"),
        )
    })
}

/// Whether a refusal says where: `name:line:column`, a JSON pointer, an
/// operation, a path or a component of the spec.
pub fn names_a_place(message: &str, spec_name: &str) -> bool {
    let line_column = message.split(&format!("{spec_name}:")).skip(1).any(|rest| {
        let mut parts = rest.splitn(3, ':');
        matches!((parts.next(), parts.next()), (Some(l), Some(c))
            if !l.is_empty() && l.chars().all(|ch| ch.is_ascii_digit())
                && c.chars().take_while(|ch| ch.is_ascii_digit()).count() > 0)
    });
    line_column
        || message.contains("#/")
        || message.contains("operation")
        || message.contains("OpenAPI version")
        || message.contains("names two types")
        || message.contains("components")
        || message.contains(" at /")
        || [
            "GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE",
        ]
        .iter()
        .any(|method| message.contains(&format!("{method} /")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mutate::own_bases;

    #[test]
    fn a_run_is_the_same_mutant_every_time() {
        let bases = own_bases();
        let total = bases.iter().map(|b| b.weight).sum();
        for run in [0, 17, 4242] {
            let (a, b) = (
                one_run(&bases, total, 9, run),
                one_run(&bases, total, 9, run),
            );
            assert_eq!((a.base, a.mutations), (b.base, b.mutations));
        }
    }

    #[test]
    fn places_are_positions_pointers_operations_and_routes() {
        for placed in [
            "mutant-1.json:48:13: invalid type: map, expected a string",
            "#/paths/~1things/get/parameters/0: $ref points to nothing",
            "operation list_things: the path has {id} but no path parameter id",
            "GET /things: has no operationId",
            "mutant-1.json: unsupported OpenAPI version 1.5: progenitor reads OpenAPI 3.0.x (and 3.1.x here, read as 3.0)",
        ] {
            assert!(names_a_place(placed, "mutant-1.json"), "{placed}");
        }
        for unplaced in ["mutant-1.json: something failed", "mutant-1.json:x:y: no"] {
            assert!(!names_a_place(unplaced, "mutant-1.json"), "{unplaced}");
        }
    }
}
