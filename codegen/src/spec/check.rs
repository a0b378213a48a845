//! Problems in a spec that progenitor reports badly or not at all, found
//! before it runs: every one in the document, each named by operation or
//! JSON pointer.
//!
//! - an operation without an `operationId`, or two with the same one
//!   (progenitor names neither the method nor the path);
//! - a `$ref` that points to nothing, or outside the document (a `$ref`
//!   in data, such as an example value, is no reference: see
//!   `spec::walk::ObjectKind`);
//! - schemas that are aliases of each other in a cycle (`A: $ref B`,
//!   `B: $ref A`): typify generates types for them that compile, but have no
//!   base case, so deserializing any value recurses until the stack overflows;
//! - a `{name}` in a path with no path parameter, or a path parameter that is
//!   not in its path, or one that is an array (progenitor writes it with
//!   `to_string()`, which a `Vec` has not);
//! - an `enum` that lists one value twice (progenitor stops with "Failed to
//!   make unique variant names", naming no schema), or a value of another
//!   type than the schema's (typify: "unexpected value type"), or no value
//!   (typify's code for it does not compile);
//! - a `$ref` to anything but a component, `#/components/<kind>/<name>`
//!   (progenitor stops with "$ref # is missing");
//! - a schema with a `format` and nothing that says what it is (no `type`,
//!   `$ref`, composition, ...): typify stops on it;
//! - an `allOf` whose members lead into a cycle through `$ref`, `allOf`,
//!   `oneOf` and `anyOf` (a parent whose `oneOf` lists its children, each
//!   child an `allOf` of the parent and its own fields): typify merges an
//!   `allOf` with everything those keywords reach and never ends, until
//!   the stack overflows, which aborts the process past any error handling.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::spec::walk::{self, ObjectKind, operations, resolve, walk_objects};

/// Every problem found, in document order, each a short sentence that
/// starts with where it is.
pub(crate) fn problems(doc: &Value) -> Vec<String> {
    let mut found = Vec::new();
    operation_ids(doc, &mut found);
    references(doc, &mut found);
    schema_types(doc, &mut found);
    let aliased = alias_cycles(doc, &mut found);
    merge_cycles(doc, &aliased, &mut found);
    path_parameters(doc, &mut found);
    enum_values(doc, &mut found);
    empty_compositions(doc, &mut found);
    found
}

/// `oneOf`, `anyOf` or `allOf` listing no schema: JSON Schema requires at
/// least one, and typify makes an empty enum of it, which the CLI parses
/// with a conversion the enum does not have (found by the mutation
/// campaign's compile slice).
fn empty_compositions(doc: &Value, found: &mut Vec<String>) {
    walk_objects(doc, |pointer, place, map| {
        if place != ObjectKind::Schema {
            return;
        }
        for key in ["oneOf", "anyOf", "allOf"] {
            if map
                .get(key)
                .and_then(Value::as_array)
                .is_some_and(Vec::is_empty)
            {
                found.push(format!(
                    "#{pointer}/{key}: lists no schema (JSON Schema requires at least one)"
                ));
            }
        }
    });
}

/// `#/components/<kind>/<name>`: what progenitor resolves (it looks the
/// name up in the kind's map, and stops on anything else).
pub(crate) fn is_component(target: &str) -> bool {
    let steps: Vec<&str> = target.split('/').collect();
    steps.len() == 4 && steps[0] == "#" && steps[1] == "components" && !steps[3].is_empty()
}

/// A schema's `enum` with a value twice, or a value of another JSON type
/// than the schema's `type` (typify stops with "unexpected value type"),
/// or with no value (typify writes `![].contains(&value)` on a type that
/// may not be `PartialEq`: the client does not compile).
fn enum_values(doc: &Value, found: &mut Vec<String>) {
    walk_objects(doc, |pointer, place, map| {
        if place != ObjectKind::Schema {
            return;
        }
        let Some(Value::Array(values)) = map.get("enum") else {
            return;
        };
        if values.is_empty() {
            found.push(format!(
                "#{pointer}/enum: lists no value (no value would be valid, and typify's code for it \
                 does not compile; --normalize removes it)"
            ));
        }
        let ty = map.get("type").and_then(Value::as_str);
        for (i, value) in values.iter().enumerate() {
            if values[..i].contains(value) {
                found.push(format!("#{pointer}/enum/{i}: {value} is listed twice"));
            } else if let Some(ty) = ty
                && !value.is_null()
                && !is_of_type(value, ty)
            {
                found.push(format!(
                    "#{pointer}/enum/{i}: {value} is not of the schema's type {ty}"
                ));
            }
        }
    });
}

/// Whether a JSON value is of an OpenAPI type (an unknown type is another
/// check's problem).
pub(crate) fn is_of_type(value: &Value, ty: &str) -> bool {
    match ty {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => true,
    }
}

fn operation_ids(doc: &Value, found: &mut Vec<String>) {
    let mut seen: BTreeMap<&str, String> = BTreeMap::new();
    for op in operations(doc) {
        let place = op.route();
        match op.operation_id() {
            None => found.push(format!(
                "{place}: has no operationId (progenitor names methods after it)"
            )),
            Some(id) => {
                if let Some(first) = seen.get(id) {
                    found.push(format!("{place}: operationId {id} is also used by {first}"));
                } else {
                    seen.insert(id, place);
                }
            }
        }
    }
}

/// Every `$ref` where OpenAPI allows a Reference Object; a `$ref` in data
/// (an example value, a default, an extension) is data (see
/// `spec::walk::ObjectKind`).
fn references(doc: &Value, found: &mut Vec<String>) {
    for (pointer, target) in walk::references(doc) {
        if !target.starts_with('#') {
            found.push(format!(
                "#{pointer}: $ref {target} points outside the document (not supported)"
            ));
        } else if resolve(doc, target).is_none() {
            found.push(format!("#{pointer}: $ref {target} points to nothing"));
        } else if !is_component(target) {
            found.push(format!(
                "#{pointer}: $ref {target} is not a component (#/components/<kind>/<name>), the only references progenitor follows"
            ));
        }
    }
}

/// A schema `type` outside OpenAPI 3.0's six (progenitor stops with
/// `not yet implemented`, naming no schema).
fn schema_types(doc: &Value, found: &mut Vec<String>) {
    const TYPES: [&str; 6] = ["string", "number", "integer", "boolean", "array", "object"];
    // What else says what a schema is, when it has no `type`.
    const SHAPES: [&str; 10] = [
        "type",
        "$ref",
        "allOf",
        "oneOf",
        "anyOf",
        "not",
        "enum",
        "properties",
        "items",
        "additionalProperties",
    ];
    walk_objects(doc, |pointer, place, map| {
        if place != ObjectKind::Schema {
            return;
        }
        if let Some(Value::String(t)) = map.get("type")
            && !TYPES.contains(&t.as_str())
        {
            found.push(format!(
                "#{pointer}: unknown schema type {t:?} (OpenAPI 3.0 has {})",
                TYPES.join(", ")
            ));
        }
        // typify stops with "not yet implemented: invalid (or unexpected)
        // schema", naming no schema (found by the mutation campaign).
        if let Some(Value::String(format)) = map.get("format")
            && !SHAPES.iter().any(|key| map.contains_key(*key))
        {
            found.push(format!(
                "#{pointer}: format {format:?} without a type (give it one, such as `type: string`)"
            ));
        }
    });
}

/// The schemas a schema *is* (not *contains*): its `$ref`, and the `$ref`s
/// of its `allOf`.
fn aliases(schema: &Value) -> Vec<&str> {
    let own = schema.get("$ref").and_then(Value::as_str);
    let all_of = schema
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|s| s.get("$ref").and_then(Value::as_str));
    own.into_iter()
        .chain(all_of)
        .filter_map(|r| r.strip_prefix("#/components/schemas/"))
        .collect()
}

/// Reports the cycles of aliases, and returns the schemas in them.
fn alias_cycles(doc: &Value, found: &mut Vec<String>) -> BTreeSet<String> {
    let Some(schemas) = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
    else {
        return BTreeSet::new();
    };
    let mut reported = BTreeSet::new();
    for start in schemas.keys() {
        // Depth-first search for a way back to `start`.
        let mut stack = vec![vec![start.as_str()]];
        let mut visited = BTreeSet::new();
        while let Some(trail) = stack.pop() {
            let last = *trail.last().unwrap();
            for next in schemas.get(last).map(aliases).unwrap_or_default() {
                if next == start {
                    let mut cycle = trail.clone();
                    let members: BTreeSet<&str> = cycle.iter().copied().collect();
                    if reported.insert(members) {
                        cycle.push(start);
                        found.push(format!(
                            "#/components/schemas/{start}: the schemas {} are aliases of each other in a cycle; \
                             such a type has no base case (put the reference inside a property or an array)",
                            cycle.join(" → ")
                        ));
                    }
                } else if visited.insert(next) {
                    let mut longer = trail.clone();
                    longer.push(next);
                    stack.push(longer);
                }
            }
        }
    }
    reported.into_iter().flatten().map(str::to_owned).collect()
}

/// The component schemas whose merging a schema's `allOf` would start:
/// its `$ref`, and those of its `allOf`, `oneOf` and `anyOf` members, inline
/// members' own included (typify's merge follows exactly these; a
/// property's or an item's schema is a type of its own, merged by name).
fn composed(schema: &Value) -> Vec<&str> {
    let mut names = Vec::new();
    let mut stack = vec![schema];
    while let Some(schema) = stack.pop() {
        if let Some(name) = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/components/schemas/"))
        {
            names.push(name);
        }
        for key in ["allOf", "oneOf", "anyOf"] {
            stack.extend(
                schema
                    .get(key)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten(),
            );
        }
    }
    names
}

/// `allOf`s whose members lead into a cycle of [`composed`] schemas: one
/// problem per cycle, at the first such `allOf` the walk meets (keys in
/// sorted order), with how many more lead to it. A cycle of aliases alone is reported by
/// [`alias_cycles`] already (`aliased`).
fn merge_cycles(doc: &Value, aliased: &BTreeSet<String>, found: &mut Vec<String>) {
    let Some(schemas) = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
    else {
        return;
    };
    let edges: BTreeMap<&str, Vec<&str>> = schemas
        .iter()
        .map(|(name, schema)| (name.as_str(), composed(schema)))
        .collect();
    // A way from `from` back to `to`, breadth first: the schemas on it.
    let way = |from: &str, to: &str| -> Option<Vec<String>> {
        let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([from]);
        while let Some(at) = queue.pop_front() {
            for &next in edges.get(at).into_iter().flatten() {
                if next == to {
                    let mut trail = vec![at.to_owned()];
                    let mut step = at;
                    while step != from {
                        step = came_from[step];
                        trail.push(step.to_owned());
                    }
                    trail.reverse();
                    return Some(trail);
                }
                if next != from && !came_from.contains_key(next) && edges.contains_key(next) {
                    came_from.insert(next, at);
                    queue.push_back(next);
                }
            }
        }
        None
    };
    // The cycle each schema is on, if any, as its members from that schema.
    let cycles: BTreeMap<&str, Vec<String>> = edges
        .keys()
        .filter_map(|&name| way(name, name).map(|cycle| (name, cycle)))
        .collect();
    if cycles.is_empty() {
        return;
    }
    // Where a merge that starts at a schema ends up in a cycle: the first
    // cyclic schema reachable from it.
    let reaches_cycle = |start: &str| -> Option<&Vec<String>> {
        let mut seen = BTreeSet::from([start]);
        let mut queue = std::collections::VecDeque::from([start]);
        while let Some(at) = queue.pop_front() {
            if let Some(cycle) = cycles.get(at) {
                return Some(cycle);
            }
            for &next in edges.get(at).into_iter().flatten() {
                if seen.insert(next) {
                    queue.push_back(next);
                }
            }
        }
        None
    };
    // Per cycle (its members, sorted): the first `allOf` leading to it,
    // the cycle as found from there, and how many `allOf`s lead to it.
    let mut by_cycle: BTreeMap<BTreeSet<String>, (usize, String, Vec<String>, usize)> =
        BTreeMap::new();
    let mut order = 0;
    walk_objects(doc, |pointer, place, map| {
        if place != ObjectKind::Schema {
            return;
        }
        let Some(members) = map.get("allOf").and_then(Value::as_array) else {
            return;
        };
        let cycle = members.iter().flat_map(composed).find_map(&reaches_cycle);
        if let Some(cycle) = cycle {
            order += 1;
            let key: BTreeSet<String> = cycle.iter().cloned().collect();
            by_cycle
                .entry(key)
                .and_modify(|seen| seen.3 += 1)
                .or_insert_with(|| (order, format!("#{pointer}/allOf"), cycle.clone(), 0));
        }
    });
    let mut problems: Vec<_> = by_cycle
        .into_iter()
        .filter(|(members, _)| !members.iter().all(|m| aliased.contains(m)))
        .map(|(_, problem)| problem)
        .collect();
    problems.sort();
    for (_, place, mut cycle, more) in problems {
        cycle.push(cycle[0].clone());
        let more = match more {
            0 => String::new(),
            1 => " (and 1 more allOf)".to_owned(),
            n => format!(" (and {n} more allOfs)"),
        };
        found.push(format!(
            "{place}: leads to {}, a cycle through $ref, allOf, oneOf or anyOf that typify's \
             merging of allOf never finishes{more}; where a parent lists its children in oneOf \
             and each child is an allOf of the parent, drop one of the two",
            cycle.join(" → ")
        ));
    }
}

fn path_parameters(doc: &Value, found: &mut Vec<String>) {
    for op in operations(doc) {
        let path = op.path;
        let in_template = walk::placeholders(path);
        let declared: BTreeSet<String> = op
            .parameters(doc)
            .filter(|p| p.get("in").and_then(Value::as_str) == Some("path"))
            .filter_map(|p| p.get("name").and_then(Value::as_str).map(str::to_owned))
            .collect();
        let place = match op.operation_id() {
            Some(id) => format!("operation {id}"),
            None => op.route(),
        };
        for name in &in_template {
            if !declared.contains(*name) {
                found.push(format!(
                    "{place}: the path has {{{name}}} but no path parameter {name}"
                ));
            }
        }
        for name in &declared {
            if !in_template.contains(name.as_str()) {
                found.push(format!(
                    "{place}: path parameter {name} does not appear in {path}"
                ));
            }
        }
        // progenitor writes a path parameter with `to_string()`, which a
        // `Vec` has not: the client would not compile.
        for parameter in op.parameters(doc) {
            if parameter.get("in").and_then(Value::as_str) == Some("path")
                && parameter
                    .get("schema")
                    .map(|s| walk::follow(doc, s))
                    .and_then(|s| s.get("type"))
                    .and_then(Value::as_str)
                    == Some("array")
            {
                let name = parameter.get("name").and_then(Value::as_str).unwrap_or("?");
                found.push(format!(
                    "{place}: path parameter {name} is an array, which progenitor cannot write into a path (--normalize makes it one string, the values comma-joined)"
                ));
            }
        }
    }
}
