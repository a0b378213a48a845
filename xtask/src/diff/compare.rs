//! Two API models in, a list of changes out, each classified for consumers
//! of the generated Rust crate with the reason in a few words.

use std::collections::BTreeMap;

use serde::Serialize;

use super::model::{Api, Field, Operation, Schema};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    Breaking,
    Compatible,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    pub class: Class,
    /// What changed: `operation tokens_create`, `schema CreatedToken`, ...
    pub subject: String,
    pub what: String,
    pub why: String,
}

struct Changes(Vec<Change>);

impl Changes {
    fn push(
        &mut self,
        class: Class,
        subject: &str,
        what: impl Into<String>,
        why: impl Into<String>,
    ) {
        self.0.push(Change {
            class,
            subject: subject.to_owned(),
            what: what.into(),
            why: why.into(),
        });
    }
}

use Class::{Breaking, Compatible};

pub fn compare(old: &Api, new: &Api) -> Vec<Change> {
    let mut out = Changes(Vec::new());
    operations(old, new, &mut out);
    schemas(old, new, &mut out);
    for url in old.servers.difference(&new.servers) {
        out.push(
            Compatible,
            "servers",
            format!("server {url} removed"),
            "the crate's hand-written `Server` choices do not follow the spec",
        );
    }
    for url in new.servers.difference(&old.servers) {
        out.push(
            Compatible,
            "servers",
            format!("server {url} added"),
            "the crate's hand-written `Server` choices do not follow the spec",
        );
    }
    keyed(
        &old.security_schemes,
        &new.security_schemes,
        |name, change| {
            out.push(
                Compatible,
                "security",
                format!("security scheme {name} {change}"),
                "progenitor ignores security; `ClientBuilder` sends the bearer token",
            );
        },
    );
    let mut changes = out.0;
    changes.sort();
    changes
}

fn keyed<V: PartialEq>(
    old: &BTreeMap<String, V>,
    new: &BTreeMap<String, V>,
    mut f: impl FnMut(&str, &str),
) {
    for (k, v) in old {
        match new.get(k) {
            None => f(k, "removed"),
            Some(n) if n != v => f(k, "changed"),
            _ => {}
        }
    }
    for k in new.keys().filter(|k| !old.contains_key(*k)) {
        f(k, "added");
    }
}

fn operations(old: &Api, new: &Api, out: &mut Changes) {
    let by_route = |api: &Api| -> BTreeMap<(String, String), String> {
        api.operations
            .iter()
            .map(|(id, op)| ((op.method.clone(), op.path.clone()), id.clone()))
            .collect()
    };
    let (old_routes, new_routes) = (by_route(old), by_route(new));
    for (id, op) in &old.operations {
        let subject = format!("operation {id}");
        match new.operations.get(id) {
            Some(now) => operation(&subject, op, now, out),
            None => match new_routes.get(&(op.method.clone(), op.path.clone())) {
                Some(renamed) if !old.operations.contains_key(renamed) => {
                    out.push(
                        Breaking,
                        &subject,
                        format!("operationId renamed to {renamed}"),
                        "the client method is renamed",
                    );
                    operation(&subject, op, &new.operations[renamed], out);
                }
                _ => out.push(
                    Breaking,
                    &subject,
                    format!("removed ({} {})", op.method, op.path),
                    "the client method is gone",
                ),
            },
        }
    }
    for (id, op) in &new.operations {
        let renamed = old_routes
            .get(&(op.method.clone(), op.path.clone()))
            .is_some_and(|o| !new.operations.contains_key(o));
        if !old.operations.contains_key(id) && !renamed {
            out.push(
                Compatible,
                &format!("operation {id}"),
                format!("added ({} {})", op.method, op.path),
                "a new client method",
            );
        }
    }
}

fn operation(subject: &str, old: &Operation, new: &Operation, out: &mut Changes) {
    if (old.method.as_str(), old.path.as_str()) != (new.method.as_str(), new.path.as_str()) {
        out.push(
            Breaking,
            subject,
            format!(
                "route changed from {} {} to {} {}",
                old.method, old.path, new.method, new.path
            ),
            "same method, another endpoint: servers of the old route no longer answer it",
        );
    }
    for (name, (location, required, ty)) in &old.parameters {
        match new.parameters.get(name) {
            None => out.push(
                Breaking,
                subject,
                format!("{location} parameter {name} removed"),
                "its builder setter is gone",
            ),
            Some((_, now_required, now_ty)) => {
                if now_ty != ty {
                    out.push(
                        Breaking,
                        subject,
                        format!("parameter {name} type changed from {ty} to {now_ty}"),
                        "the setter takes another type",
                    );
                }
                if *now_required && !required {
                    out.push(
                        Breaking,
                        subject,
                        format!("parameter {name} made required"),
                        "calls that do not set it now fail",
                    );
                }
                if !now_required && *required {
                    out.push(
                        Compatible,
                        subject,
                        format!("parameter {name} made optional"),
                        "calls that set it still work",
                    );
                }
            }
        }
    }
    for (name, (location, required, ty)) in &new.parameters {
        if !old.parameters.contains_key(name) {
            if *required {
                out.push(
                    Breaking,
                    subject,
                    format!("required {location} parameter {name} ({ty}) added"),
                    "calls that do not set it fail",
                );
            } else {
                out.push(
                    Compatible,
                    subject,
                    format!("optional {location} parameter {name} ({ty}) added"),
                    "a new builder setter",
                );
            }
        }
    }
    if old.request_body != new.request_body {
        let show = |b: &Option<String>| b.clone().unwrap_or_else(|| "none".to_owned());
        out.push(
            Breaking,
            subject,
            format!(
                "request body changed from {} to {}",
                show(&old.request_body),
                show(&new.request_body)
            ),
            "`.body(..)` takes another type",
        );
    }
    for (status, ty) in &old.responses {
        match new.responses.get(status) {
            None => out.push(
                Compatible,
                subject,
                format!("response {status} removed"),
                "that status now arrives as `Error::UnexpectedResponse`",
            ),
            Some(now) if now != ty => out.push(
                Breaking,
                subject,
                format!("response {status} body changed from {ty} to {now}"),
                if status.starts_with('2') {
                    "`send()` returns another type"
                } else {
                    "the error type changes"
                },
            ),
            _ => {}
        }
    }
    for (status, ty) in &new.responses {
        if !old.responses.contains_key(status) {
            out.push(
                Compatible,
                subject,
                format!("response {status} ({ty}) added"),
                "that status is now typed instead of `UnexpectedResponse`",
            );
        }
    }
}

fn schemas(old: &Api, new: &Api, out: &mut Changes) {
    for (name, schema) in &old.schemas {
        let subject = format!("schema {name}");
        let Some(now) = new.schemas.get(name) else {
            out.push(
                Breaking,
                &subject,
                "removed",
                "the Rust type `types::{name}` is gone",
            );
            continue;
        };
        let in_request = new.in_requests.contains(name) || old.in_requests.contains(name);
        let in_response = new.in_responses.contains(name) || old.in_responses.contains(name);
        match (schema, now) {
            (Schema::Object(before), Schema::Object(after)) => {
                fields(&subject, before, after, in_request, in_response, out)
            }
            (Schema::Enum(before), Schema::Enum(after)) => {
                for value in before.iter().filter(|v| !after.contains(v)) {
                    out.push(
                        Breaking,
                        &subject,
                        format!("enum value {value:?} removed"),
                        "its Rust variant is gone",
                    );
                }
                for value in after.iter().filter(|v| !before.contains(v)) {
                    let why = if in_response {
                        "Rust enums are exhaustive: `match`es need a new arm, and older clients cannot parse responses that carry it (JSON clients can)"
                    } else {
                        "Rust enums are exhaustive: `match`es on it need a new arm (compatible for JSON clients)"
                    };
                    out.push(
                        Breaking,
                        &subject,
                        format!("enum value {value:?} added"),
                        why,
                    );
                }
            }
            (before, after) if before != after => out.push(
                Breaking,
                &subject,
                format!("changed from {} to {}", kind(before), kind(after)),
                "the Rust type changes",
            ),
            _ => {}
        }
    }
    for name in new.schemas.keys().filter(|n| !old.schemas.contains_key(*n)) {
        out.push(
            Compatible,
            &format!("schema {name}"),
            "added",
            "a new Rust type",
        );
    }
}

fn kind(schema: &Schema) -> String {
    match schema {
        Schema::Object(_) => "an object".to_owned(),
        Schema::Enum(_) => "an enum".to_owned(),
        Schema::Other(ty) => ty.clone(),
    }
}

fn fields(
    subject: &str,
    before: &BTreeMap<String, Field>,
    after: &BTreeMap<String, Field>,
    in_request: bool,
    in_response: bool,
    out: &mut Changes,
) {
    for (name, old) in before {
        let Some(new) = after.get(name) else {
            out.push(
                Breaking,
                subject,
                format!("field {name} removed"),
                "code that reads or sets it no longer compiles",
            );
            continue;
        };
        if old.ty != new.ty {
            out.push(
                Breaking,
                subject,
                format!(
                    "field {name} type changed from {} to {}",
                    old.rust(),
                    new.rust()
                ),
                "the Rust field type changes",
            );
        } else if old.is_option() != new.is_option() {
            let what = match (old.required != new.required, new.required, new.nullable) {
                (true, true, _) => format!("field {name} made required"),
                (true, false, _) => format!("field {name} made optional"),
                (false, _, true) => format!("field {name} made nullable"),
                (false, _, false) => format!("field {name} made non-nullable"),
            };
            out.push(
                Breaking,
                subject,
                format!("{what}: {} → {}", old.rust(), new.rust()),
                "the Rust field type changes between `T` and `Option<T>`",
            );
        } else if old.required != new.required {
            let what = if new.required { "required" } else { "optional" };
            let (class, why) = if new.required && in_request {
                (
                    Breaking,
                    "requests without it are refused; the Rust type stays Option",
                )
            } else {
                (Compatible, "the Rust type stays Option")
            };
            out.push(class, subject, format!("field {name} made {what}"), why);
        } else if old.nullable != new.nullable {
            let what = if new.nullable {
                "nullable"
            } else {
                "non-nullable"
            };
            out.push(
                Compatible,
                subject,
                format!("field {name} made {what}"),
                "the Rust type stays Option",
            );
        }
        if old.ty == new.ty && old.format != new.format {
            let show = |f: &Option<String>| f.clone().unwrap_or_else(|| "none".to_owned());
            out.push(
                Compatible,
                subject,
                format!(
                    "field {name} format changed from {} to {}",
                    show(&old.format),
                    show(&new.format)
                ),
                format!("the Rust type stays {}", new.ty),
            );
        }
    }
    for (name, new) in after.iter().filter(|(n, _)| !before.contains_key(*n)) {
        let what = format!("field {name}: {} added", new.rust());
        if new.required && !new.nullable && in_request {
            out.push(
                Breaking,
                subject,
                what,
                "a new required request field: requests without it cannot be built",
            );
        } else if in_request {
            out.push(
                Compatible,
                subject,
                what,
                "builders need nothing new; struct literals must name the field",
            );
        } else {
            let _ = in_response;
            out.push(
                Compatible,
                subject,
                what,
                "a new response field; older clients ignore it",
            );
        }
    }
}
