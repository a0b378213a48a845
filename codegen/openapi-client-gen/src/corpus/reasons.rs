//! Why a spec was refused, in a few words shared by every spec refused for
//! the same reason, so that a corpus's refusals can be counted: the first
//! problem of a refusal, read against the messages codegen, progenitor and
//! typify write, with the specifics (names, pointers, numbers) left out.

/// The first problem of a refusal (`CodegenError`'s text), without the
/// spec's name and the operations it names: the line itself, or the first
/// one under a heading (`3 problems:`, `2 operations, for 2 reasons:`).
pub fn first_problem(message: &str) -> &str {
    let mut lines = message.lines();
    let first = lines.next().unwrap_or_default();
    let mut problem = match lines.next() {
        // A heading, and its list indented under it.
        Some(next) if first.ends_with(':') && next.starts_with("  ") => next.trim(),
        _ => first,
    };
    // `spec.json: `, `progenitor cannot generate operation x: `, `3
    // operations (a, b, c): `, `operation x: `: the places, not the reason.
    for _ in 0..4 {
        let before = problem;
        for prefix in [
            "progenitor cannot generate the document: ",
            "the document: ",
        ] {
            if let Some(rest) = problem.strip_prefix(prefix) {
                problem = rest;
            }
        }
        if let Some(rest) = problem.strip_prefix("progenitor cannot generate ") {
            problem = rest;
        }
        let place_ends = [
            problem.find(".json: "),
            problem.find(".yaml: "),
            problem.find(".yml: "),
        ]
        .into_iter()
        .flatten()
        .min();
        if let Some(end) = place_ends.filter(|end| !problem[..*end].contains(' ')) {
            problem = problem[end + 7..].trim_start_matches(' ');
        }
        if problem.starts_with("operation ")
            || problem.chars().next().is_some_and(|c| c.is_ascii_digit())
                && problem.contains(" operations")
        {
            // `operation x: rest`, `3 operations (a, b): rest`.
            let end = match problem.find("): ") {
                Some(end) if problem[..end].contains('(') => Some(end + 3),
                _ => problem.find(": ").map(|end| end + 2),
            };
            if let Some(end) = end {
                problem = &problem[end..];
            }
        }
        if problem == before {
            break;
        }
    }
    problem
}

/// The reason of a refusal (`CodegenError`'s text), as a category.
pub fn reason_of(message: &str) -> String {
    let problem = first_problem(message);
    for (needle, category) in KNOWN {
        if problem.contains(needle) {
            return (*category).to_owned();
        }
    }
    generalized(problem)
}

/// Messages codegen, progenitor and typify write, and their category, the
/// more specific first.
const KNOWN: &[(&str, &str)] = &[
    (
        "possibly a `$ref` where progenitor expects an inline item",
        "progenitor: a $ref where it expects an inline item (Option::unwrap on None)",
    ),
    (
        "value does not conform to the given schema",
        "typify: a default or enum value its own schema refuses",
    ),
    (
        "invalid (or unexpected) schema",
        "progenitor: invalid (or unexpected) schema",
    ),
    (
        "media type encoding, no schema",
        "progenitor: a media type with an encoding and no schema",
    ),
    (
        "!args.has_arg",
        "progenitor's CLI: two arguments of one name",
    ),
    (
        "response_types.len() <= 1",
        "progenitor: answers of several types beside a default",
    ),
    ("would give two", "typify: two types named alike"),
    ("typify names two types", "typify: two types named alike"),
    (
        "Failed to make unique variant",
        "typify: two enum variants named alike",
    ),
    (
        "is not of the schema",
        "a default, enum or example value its schema refuses",
    ),
    ("has no reason phrase", "a status without a reason phrase"),
    ("could not be", "progenitor: a default it cannot render"),
    ("named alike", "typify: two types named alike"),
    (
        "unsupported OpenAPI version 2",
        "Swagger 2.0, not OpenAPI 3",
    ),
    (
        "unsupported OpenAPI version",
        "an OpenAPI version other than 3.0 and 3.1",
    ),
    ("not yet implemented", "progenitor: not yet implemented"),
    ("$ref points to nothing", "a $ref to nothing"),
    (
        "is not a component",
        "a $ref to something that is not a component",
    ),
    ("has no operationId", "an operation without an operationId"),
    ("used twice", "an operationId used twice"),
    ("listed twice", "an enum value listed twice"),
    ("format without a type", "a format without a type"),
    ("`format` without `type`", "a format without a type"),
    (
        "path parameter",
        "path parameters that do not match the path",
    ),
    ("placeholder", "path parameters that do not match the path"),
    (
        "is of another type than",
        "an enum or example value of another type than its schema",
    ),
    (
        "of another type",
        "an enum or example value of another type than its schema",
    ),
    ("a type list of", "OpenAPI 3.1: a type list 3.0 cannot say"),
    ("3.0 cannot", "OpenAPI 3.1: a construct 3.0 cannot say"),
    ("deepObject", "a deepObject query parameter"),
    ("stack", "a schema that recurses without end"),
    ("cycle", "a schema that recurses without end"),
    (
        "invalid type",
        "openapiv3 cannot read the document (a value of the wrong type)",
    ),
    (
        "missing field",
        "openapiv3 cannot read the document (a required field missing)",
    ),
    (
        "unknown variant",
        "openapiv3 cannot read the document (an unknown value)",
    ),
    (
        "data did not match any variant",
        "openapiv3 cannot read the document (a shape it does not know)",
    ),
    (
        "the generated code does not parse",
        "the generated code does not parse",
    ),
];

/// A message with its specifics left out: what is quoted, pointers,
/// numbers; at most 90 characters.
fn generalized(problem: &str) -> String {
    let mut out = String::new();
    let mut quote: Option<char> = None;
    for c in problem.chars() {
        match quote {
            Some(q) if c == q => {
                out.push('…');
                out.push(c);
                quote = None;
            }
            Some(_) => {}
            None if matches!(c, '`' | '"' | '\'') => {
                out.push(c);
                quote = Some(c);
            }
            None if c.is_ascii_digit() => {
                if !out.ends_with('N') {
                    out.push('N');
                }
            }
            None => out.push(c),
        }
    }
    // Places first: `spec.yaml:1:2: `, `#/paths/...: `, `operation x: `.
    let out = out
        .split(": ")
        .filter(|part| {
            !(part.starts_with('#')
                || part.starts_with("operation ")
                || part.contains(".json")
                || part.contains(".yaml"))
        })
        .collect::<Vec<_>>()
        .join(": ");
    out.chars().take(90).collect()
}

/// The rule of `--normalize` a line of its output comes from.
pub fn rule_of(normalization: &str) -> String {
    for (needle, rule) in RULES {
        if normalization.contains(needle) {
            return (*rule).to_owned();
        }
    }
    "other".to_owned()
}

const RULES: &[(&str, &str)] = &[
    ("read as 3.0", "openapi31"),
    ("(optional in 3.1)", "openapi31"),
    ("no operationId: named", "operation_ids"),
    ("enum: [] removed", "empty_enums"),
    ("is an array: made one string", "array_path_parameters"),
    ("in Rust and in the CLI", "parameter_names"),
    ("optional parameter", "unsendable_parameters"),
    ("the schema moved to", "references"),
    ("where the schema was moved", "references"),
    ("replaced by a copy of what it points to", "references"),
    ("typify would name it as", "type_names"),
    ("given: typify would name the schema", "type_names"),
    (
        "typify would name the schema as the component",
        "type_names",
    ),
    ("a body without a schema", "schemaless_bodies"),
    ("/encoding: removed", "schemaless_bodies"),
    ("/format: ", "formats"),
    ("the type format", "formats"),
    ("/default: ", "defaults"),
    ("/enum/", "enum_values"),
    ("/enum: removed", "enum_values"),
    ("path parameter", "path_parameters"),
    ("request body", "request_bodies"),
    ("removed response default", "responses"),
    ("typify would give two values", "indistinct_enum_values"),
    ("title", "nullable_titles"),
    ("3.1", "openapi31"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_of_one_kind_share_a_reason() {
        let a = "a.json: progenitor cannot generate operation x: progenitor stopped: called `Option::unwrap()` on a `None` value (possibly a `$ref` where progenitor expects an inline item)";
        let b = "b.json: progenitor cannot generate 3 operations:\n  operation y: progenitor stopped: called `Option::unwrap()` on a `None` value (possibly a `$ref` where progenitor expects an inline item)";
        assert_eq!(reason_of(a), reason_of(b));
        let c = "c.json: progenitor cannot generate 3 operations, for 2 reasons:\n  operation y: progenitor stopped: called `Option::unwrap()` on a `None` value (possibly a `$ref` where progenitor expects an inline item)\n  operation z: other";
        assert_eq!(reason_of(a), reason_of(c));
        assert_eq!(
            first_problem("d.yaml: 2 problems:\n  #/paths/x: no response\n  #/y: z"),
            "#/paths/x: no response"
        );
        assert_eq!(
            first_problem(
                "e.json: progenitor cannot generate 2 operations (a, b): unexpected content type: x"
            ),
            "unexpected content type: x"
        );
        assert_eq!(
            generalized("x.yaml:12:3: invalid value 7 for `kind`"),
            "invalid value N for `…`"
        );
    }
}
