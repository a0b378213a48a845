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
//!   statuses are kept, as one enum: `response_groups`).
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
//! - `references`: a `$ref` to a schema that is not a component
//!   (`#/components/schemas/A/properties/b`) points to a component made of
//!   it; any other such `$ref`, and a path item's, is replaced by a copy of
//!   what it points to (on the JSON document).
//! - `type_names`: a component whose name differs from an earlier one's
//!   only in case and punctuation (`Integer`, `integer`) is renamed
//!   (`integer_2`), its `$ref`s following; an inline schema titled as a
//!   component comes out loses the title; an untitled inline schema that
//!   typify would name after where it is as a component, or as an earlier
//!   inline schema (`ProjectFeature.state`, `ProjectFeatureState`), is
//!   given a title of its own (on the JSON document).
//! - `formats`: a `format` on an object, array or boolean, or beside a
//!   `$ref` or a composition, is removed; a `format` alone gives the
//!   schema the type it names, or is removed (on the JSON document).
//! - `schemaless_bodies`: a body without a schema gets the one that says
//!   what it may be (any JSON value, any object for a form, raw bytes);
//!   an `encoding` progenitor cannot follow is removed (on the JSON
//!   document).
//! - `enum_values`: an `enum` value of another type than the schema's is
//!   written in that type when its text says the same thing there, else
//!   removed; a value listed twice is removed (on the JSON document).
//! - `unsendable_parameters`: an optional query parameter of a style
//!   other than `form`, or an optional parameter that is an object with
//!   named properties, is removed: progenitor cannot send either (on the
//!   JSON document).
//! - `parameter_names`: a parameter another of its operation's would be
//!   named alike in Rust (`maxResults`, `MaxResults`) is renamed
//!   (`MaxResults_2`), and still sent under its name (the pass
//!   `wire_names`; on the JSON document).
//! - `array_path_parameters`: a path parameter that is an array is made
//!   one string, the values comma-joined as the `simple` style sends them
//!   (on the JSON document).
//! - `defaults`: a `default` of another type is made to fit the same way,
//!   else removed, and one outside the schema's `enum`, `minimum` or
//!   `maximum` is removed (on the JSON document).

mod array_path_parameters;
mod defaults;
mod empty_enums;
mod enum_values;
mod formats;
mod indistinct_enum_values;
mod nullable_titles;
pub(crate) mod operation_ids;
pub(crate) mod parameter_names;
mod path_parameters;
mod references;
mod request_bodies;
mod responses;
mod schemaless_bodies;
mod type_names;
mod unsendable_parameters;

use openapiv3::OpenAPI;

use crate::spec::OperationsMut;

/// The rules that act on the JSON document before the checks (which would
/// refuse what they fix): one line per change.
pub(crate) fn before_checks(doc: &mut serde_json::Value) -> Vec<String> {
    let mut changes = references::normalize(doc);
    changes.extend(operation_ids::name(doc));
    changes.extend(type_names::normalize(doc));
    changes.extend(empty_enums::remove(doc));
    changes.extend(formats::normalize(doc));
    changes.extend(schemaless_bodies::normalize(doc));
    changes.extend(enum_values::normalize(doc));
    changes.extend(defaults::normalize(doc));
    changes.extend(unsendable_parameters::normalize(doc));
    changes.extend(parameter_names::normalize(doc));
    changes.extend(path_parameters::normalize(doc));
    changes.extend(array_path_parameters::normalize(doc));
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
