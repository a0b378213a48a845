//! Blaming a failure of progenitor on the operations that cause it.
//!
//! In: the spec progenitor failed on, the target and its message. Out: one
//! `FailedOperation` per operation that fails when generated alone (with
//! only the components it reaches, see `prune`), or the whole message when
//! no smaller part fails. progenitor's own errors and panics name no
//! operation.

use std::sync::atomic::{AtomicUsize, Ordering};

use openapiv3::{OpenAPI, Paths, ReferenceOr};

use super::{Target, explain_panic, panics, prune, run};
use crate::FailedOperation;
use crate::spec::walk::operation_name;

pub(super) fn diagnose(spec: &OpenAPI, target: Target, whole: String) -> Vec<FailedOperation> {
    let document_only = OpenAPI {
        paths: Paths::default(),
        ..spec.clone()
    };
    if let Err(message) = run(&document_only, target) {
        return vec![FailedOperation {
            operation: None,
            message,
        }];
    }
    let reach = prune::Reach::new(spec);
    let units = units(spec);
    let failures = failing_alone(spec, &reach, target, &units);
    if failures.is_empty() {
        // Only the combination fails (e.g. two operations whose generated
        // names collide): nothing smaller to blame.
        vec![FailedOperation {
            operation: None,
            message: whole,
        }]
    } else {
        failures
    }
}

/// What a failure can be blamed on: each operation
/// (by operationId, or `METHOD /path` where it has none), or a path item
/// that is a `$ref` (progenitor refuses those whole).
struct Unit<'a> {
    name: String,
    path: &'a str,
    /// `None` for a path item that is a `$ref`.
    method: Option<&'a str>,
}

fn units(spec: &OpenAPI) -> Vec<Unit<'_>> {
    spec.paths
        .paths
        .iter()
        .flat_map(|(path, item)| match item {
            ReferenceOr::Reference { .. } => vec![Unit {
                name: format!("path {path}"),
                path,
                method: None,
            }],
            ReferenceOr::Item(item) => item
                .iter()
                .map(|(method, operation)| Unit {
                    name: operation_name(operation.operation_id.as_deref(), method, path),
                    path,
                    method: Some(method),
                })
                .collect(),
        })
        .collect()
}

/// Every unit that fails when generated alone (with only the components
/// it reaches), with its message, in document order.
///
/// One unit per run: on GitHub's API (767 operations, 184 failing) that
/// beat generating groups and splitting those that fail (bisection: 2.5
/// times slower; growing groups while they pass: 1.8 times), because a
/// group's run generates the union of its operations' types and a failing
/// group still has to be split down to each culprit; on specs with few
/// failures (Oxide's with 4 injected, QuantCDN's 12 of 247) the three were
/// within 20% of each other. The runs are independent, so they share the
/// machine's cores.
fn failing_alone(
    spec: &OpenAPI,
    reach: &prune::Reach,
    target: Target,
    units: &[Unit<'_>],
) -> Vec<FailedOperation> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, units.len().max(1));
    let next = AtomicUsize::new(0);
    let mut messages: Vec<Option<String>> = vec![None; units.len()];
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut found = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(unit) = units.get(index) else {
                            break;
                        };
                        let alone =
                            panics::catch(|| spec_with(spec, reach, std::slice::from_ref(unit)));
                        let outcome = match alone {
                            Ok(alone) => run(&alone, target).err(),
                            Err(payload) => Some(explain_panic(&panics::message(payload.as_ref()))),
                        };
                        if let Some(message) = outcome {
                            found.push((index, message));
                        }
                    }
                    found
                })
            })
            .collect();
        for worker in workers {
            // Every step of a worker that could panic is caught above.
            for (index, message) in worker.join().unwrap_or_default() {
                messages[index] = Some(message);
            }
        }
    });
    units
        .iter()
        .zip(messages)
        .filter_map(|(unit, message)| {
            message.map(|message| FailedOperation {
                operation: Some(unit.name.clone()),
                message,
            })
        })
        .collect()
}

/// `spec` with only the operations of `group`, and the components they
/// reach.
fn spec_with(spec: &OpenAPI, reach: &prune::Reach, group: &[Unit<'_>]) -> OpenAPI {
    let mut paths = Paths::default();
    for unit in group {
        let Some(item) = spec.paths.paths.get(unit.path) else {
            continue;
        };
        let (Some(method), ReferenceOr::Item(item)) = (unit.method, item) else {
            paths.paths.insert(unit.path.to_owned(), item.clone());
            continue;
        };
        let entry = paths.paths.entry(unit.path.to_owned()).or_insert_with(|| {
            ReferenceOr::Item(openapiv3::PathItem {
                get: None,
                put: None,
                post: None,
                delete: None,
                options: None,
                head: None,
                patch: None,
                trace: None,
                ..item.clone()
            })
        });
        if let ReferenceOr::Item(chosen) = entry {
            let (from, to) = match method {
                "get" => (&item.get, &mut chosen.get),
                "put" => (&item.put, &mut chosen.put),
                "post" => (&item.post, &mut chosen.post),
                "delete" => (&item.delete, &mut chosen.delete),
                "options" => (&item.options, &mut chosen.options),
                "head" => (&item.head, &mut chosen.head),
                "patch" => (&item.patch, &mut chosen.patch),
                _ => (&item.trace, &mut chosen.trace),
            };
            to.clone_from(from);
        }
    }
    reach.with_paths(spec, paths)
}
