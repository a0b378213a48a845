//! Optional rewriting of constructs progenitor cannot generate, for specs we
//! do not own (`cargo xtask codegen --normalize`). Each change is reported,
//! one line each; our own spec needs none (a test says so). One rule per
//! module, each saying what progenitor does and what the rewrite costs:
//!
//! - `request_bodies`: a request body with several media types keeps one
//!   (the JSON one, else the first); a body of a media type progenitor
//!   cannot send (`*/*`, `image/png`, `multipart/form-data`, …) is sent as
//!   raw bytes (`application/octet-stream`).
//! - `responses`: a `default` response whose body differs from another
//!   response's is removed (answers of several types under their own
//!   statuses are kept, as one enum: `progenitor::response_groups`).
//! - `indistinct_enum_values`: an enum whose values typify would give one Rust name
//!   (`add` and `Add`) gets names from codegen; the values sent are the
//!   same.
//! - `nullable_titles`: a nullable component schema whose title typify
//!   would give its inner type, when that name is another type's, loses the
//!   title.
//! - `operation_ids`: an operation without an `operationId` is named from
//!   its method and path (on the JSON document, before the checks, which
//!   refuse it otherwise).
//! - `empty_enums`: `enum: []` is removed (on the JSON document, before the
//!   checks, which refuse it otherwise).
//! - `path_parameters`: an operation's path parameters are made those of
//!   its path: a parameter renamed to the one undeclared `{name}`, else
//!   undeclared names added as strings and parameters the path lacks
//!   removed (on the JSON document, before the checks).

mod empty_enums;
mod indistinct_enum_values;
mod nullable_titles;
pub(crate) mod operation_ids;
mod path_parameters;
mod request_bodies;
mod responses;

use openapiv3::OpenAPI;

use crate::spec::OperationsMut;

/// The rules that act on the JSON document before the checks (which would
/// refuse what they fix): one line per change.
pub(crate) fn before_checks(doc: &mut serde_json::Value) -> Vec<String> {
    let mut changes = operation_ids::name(doc);
    changes.extend(empty_enums::remove(doc));
    changes.extend(path_parameters::normalize(doc));
    changes
}

/// Rewrites `spec` in place; returns one line per change, in a fixed order
/// (rule by rule, each in document order).
pub(crate) fn normalize(spec: &mut OpenAPI) -> Vec<String> {
    let mut changes = request_bodies::normalize(spec);
    changes.extend(responses::normalize(spec));
    changes.extend(indistinct_enum_values::normalize(spec));
    changes.extend(nullable_titles::normalize(spec));
    changes
}
