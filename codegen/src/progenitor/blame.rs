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
/// In two rounds, the way group testing finds a few culprits among many:
/// the units in chunks of about √n, each chunk generated with what its
/// operations reach; then each unit of a chunk that failed, alone. A run's
/// cost is that of the components it reaches, and in a spec whose schemas
/// reach each other (GitHub's: a repository reaches a user, who reaches
/// ...) one operation reaches most of them, so a run costs about the same
/// whatever its size: one run per unit made blaming one failing operation
/// among 200 such operations cost 200 generations of the whole graph
/// (quadratic in the document: 27 s for a 0.1 MB synthetic spec in a debug
/// build), where the rounds make 15 + 15. When most units fail (GitHub's
/// API before answers of several types were kept: 184 of 767), every
/// chunk fails and the rounds cost a chunk's run more per √n units than
/// one run per unit. The runs of a round are independent, so they share
/// the machine's cores.
fn failing_alone(
    spec: &OpenAPI,
    reach: &prune::Reach,
    target: Target,
    units: &[Unit<'_>],
) -> Vec<FailedOperation> {
    // The whole spec failed: one chunk would be that run again.
    let size = (units.len() as f64).sqrt().ceil().max(1.0) as usize;
    let chunks: Vec<&[Unit<'_>]> = units.chunks(size).collect();
    let suspects: Vec<usize> = if chunks.len() > 1 {
        let failed = in_parallel(chunks.len(), |i| failure(spec, reach, target, chunks[i]));
        chunks
            .iter()
            .zip(failed)
            .enumerate()
            // A chunk whose run stopped (`None`) is a suspect too.
            .filter(|(_, (_, failure))| !matches!(failure, Some(None)))
            .flat_map(|(i, (chunk, _))| (i * size)..(i * size + chunk.len()))
            .collect()
    } else {
        (0..units.len()).collect()
    };
    let messages = in_parallel(suspects.len(), |i| {
        failure(
            spec,
            reach,
            target,
            std::slice::from_ref(&units[suspects[i]]),
        )
    });
    suspects
        .into_iter()
        .zip(messages)
        .filter_map(|(index, message)| {
            let message =
                message.unwrap_or_else(|| Some("the generator stopped on it".to_owned()))?;
            Some(FailedOperation {
                operation: Some(units[index].name.clone()),
                message,
            })
        })
        .collect()
}

/// progenitor's message when the operations of `group`, with the
/// components they reach, fail to generate.
fn failure(
    spec: &OpenAPI,
    reach: &prune::Reach,
    target: Target,
    group: &[Unit<'_>],
) -> Option<String> {
    match panics::catch(|| spec_with(spec, reach, group)) {
        Ok(alone) => run(&alone, target).err(),
        Err(payload) => Some(explain_panic(&panics::message(payload.as_ref()))),
    }
}

/// `job(0..n)`, in order, on the machine's cores; `None` for a job whose
/// thread stopped (every step that could panic is caught in `failure`).
fn in_parallel<T: Send>(n: usize, job: impl Fn(usize) -> T + Sync) -> Vec<Option<T>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, n.max(1));
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<T>> = (0..n).map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        if index >= n {
                            break;
                        }
                        done.push((index, job(index)));
                    }
                    done
                })
            })
            .collect();
        for worker in workers {
            for (index, result) in worker.join().unwrap_or_default() {
                results[index] = Some(result);
            }
        }
    });
    results
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
