//! The methods of `Client` compared: routes, parameters and where they go,
//! bodies, results, statuses and headers; and the traits `Client`
//! implements.

use super::types::{accepted, setter_still_accepts, wire_breaks};
use super::*;

pub(super) fn methods(old: &Surface, new: &Surface, out: &mut Changes) {
    let by_route = |s: &Surface| -> BTreeMap<String, String> {
        s.methods
            .values()
            .map(|m| (m.route(), m.name.clone()))
            .collect()
    };
    let (old_routes, new_routes) = (by_route(old), by_route(new));
    for (name, before) in &old.methods {
        let place = Place::Method { name: name.clone() };
        if let Some(after) = new.methods.get(name) {
            method(before, after, (old, new), out);
            continue;
        }
        match new_routes.get(&before.route()) {
            Some(renamed) if !old.methods.contains_key(renamed) => {
                out.push(
                    Breaking,
                    place,
                    changed(Item::Method),
                    format!("renamed to {renamed} ({})", before.route()),
                    "code that calls it no longer compiles",
                );
                method(before, &new.methods[renamed], (old, new), out);
            }
            _ => {
                let what = match new.left_out.get(&before.route()) {
                    Some(left_out) => format!(
                        "left out ({}): progenitor cannot generate it: {}",
                        before.route(),
                        left_out.short_reason()
                    ),
                    None => format!("removed ({})", before.route()),
                };
                out.push(
                    Breaking,
                    place,
                    removed(Item::Method),
                    what,
                    "code that calls it no longer compiles",
                );
                // The server no longer answers the route.
                out.old_releases_fail(true);
            }
        }
    }
    // An operation the spec gains, or the crate had not, that is left out:
    // nothing to call, which the reviewer should know.
    for (route, left_out) in &new.left_out {
        if !old_routes.contains_key(route) && !old.left_out.contains_key(route) {
            out.push(
                Compatible,
                Place::Method {
                    name: left_out.operation.clone(),
                },
                added(Item::Method),
                format!(
                    "left out ({route}): progenitor cannot generate it: {}",
                    left_out.short_reason()
                ),
                "the spec has it, the crate has no method for it (`--skip-failing`)",
            );
        }
    }
    for (name, after) in &new.methods {
        let renamed = old_routes
            .get(&after.route())
            .is_some_and(|o| !new.methods.contains_key(o));
        if !old.methods.contains_key(name) && !renamed {
            out.push(
                Compatible,
                Place::Method { name: name.clone() },
                added(Item::Method),
                format!("added ({})", after.route()),
                "a new client method",
            );
        }
    }
}

fn method(before: &Method, after: &Method, (old_surface, surface): Both<'_>, out: &mut Changes) {
    let name = &before.name;
    let place = || Place::Method { name: name.clone() };
    if before.route() != after.route() {
        out.push(
            Compatible,
            place(),
            changed(Item::Method),
            format!(
                "requests now go to {} (were {})",
                after.route(),
                before.route()
            ),
            "the call is unchanged; the request goes where the spec now says",
        );
        // A path parameter renamed in the template sends the same URL.
        out.old_releases_fail(template(&before.route()) != template(&after.route()));
    }
    let param_place = |p: &str| Place::Param {
        method: name.clone(),
        param: p.to_owned(),
    };
    for p in &before.params {
        let Some(now) = after.params.iter().find(|q| q.name == p.name) else {
            out.push(
                Breaking,
                param_place(&p.name),
                removed(Item::Parameter),
                format!("parameter {} ({}) removed", p.name, p.place),
                "calls that set it no longer compile",
            );
            continue;
        };
        if p.ty != now.ty {
            let what = format!("parameter type changed from {} to {}", p.ty, now.ty);
            if setter_still_accepts(&p.ty, &now.ty, None, surface) {
                out.push(
                    Compatible,
                    param_place(&p.name), changed(Item::Parameter),
                    what,
                    format!(
                        "the setter takes the same values as before ({}), checked when the request is built",
                        accepted(&p.ty)
                    ),
                );
                out.old_releases_fail(wire_breaks(&p.ty, &now.ty, SENT, (old_surface, surface)));
            } else {
                out.push(
                    Breaking,
                    param_place(&p.name),
                    changed(Item::Parameter),
                    what,
                    "calls that set it with a value of the old type no longer compile",
                );
                out.old_releases_fail(wire_breaks(&p.ty, &now.ty, SENT, (old_surface, surface)));
            }
            let was = limits::checked_by_crate(&p.ty, old_surface);
            let limited = limits::checked_by_crate(&now.ty, surface);
            let sent = Direction {
                sent: true,
                received: false,
            };
            for limit in limits::differences(&was, &limited, CheckedBy::Crate) {
                out.limit(param_place(&p.name), limit, sent);
            }
        }
        match (p.required, now.required) {
            (false, true) => {
                out.push(
                    BreakingAtRunTime,
                    param_place(&p.name),
                    changed(Item::Parameter),
                    "parameter made required",
                    "calls that do not set it now fail (Error::InvalidRequest)",
                );
                out.old_releases_fail(true);
            }
            (true, false) => out.push(
                Compatible,
                param_place(&p.name),
                changed(Item::Parameter),
                "parameter made optional",
                "calls that set it still work",
            ),
            _ => {}
        }
        if p.place != now.place {
            out.push(
                Compatible,
                param_place(&p.name),
                changed(Item::Parameter),
                format!("sent as {} (was {})", now.place, p.place),
                "the call is unchanged; the value goes where the spec now says",
            );
            out.old_releases_fail(true);
        }
    }
    for p in after
        .params
        .iter()
        .filter(|p| !before.params.iter().any(|o| o.name == p.name))
    {
        if p.required {
            out.push(
                BreakingAtRunTime,
                param_place(&p.name),
                added(Item::Parameter),
                format!(
                    "required parameter {}: {} ({}) added",
                    p.name, p.ty, p.place
                ),
                "calls that do not set it fail (Error::InvalidRequest)",
            );
            // A new path parameter changes the route (its own change) or
            // takes the place of one renamed: the URL old releases send is
            // the route's business.
            out.old_releases_fail(p.place != "path");
        } else {
            out.push(
                Compatible,
                param_place(&p.name),
                added(Item::Parameter),
                format!(
                    "optional parameter {}: {} ({}) added",
                    p.name, p.ty, p.place
                ),
                "a new builder setter",
            );
        }
    }
    let body = |m: &Method| {
        m.body
            .as_ref()
            .map(|b| b.ty.clone())
            .unwrap_or_else(|| "none".to_owned())
    };
    if body(before) != body(after) {
        out.push(
            Breaking,
            place(),
            changed(Item::Body),
            format!(
                "request body changed from {} to {}",
                body(before),
                body(after)
            ),
            "`.body(..)` takes another type",
        );
        out.old_releases_fail(wire_breaks(
            &body(before),
            &body(after),
            SENT,
            (old_surface, surface),
        ));
    } else if let (Some(b), Some(a)) = (&before.body, &after.body)
        && b.encoding != a.encoding
    {
        out.push(
            Compatible,
            place(),
            changed(Item::Body),
            format!("body sent as {} (was {})", a.encoding, b.encoding),
            "the call is unchanged; the encoding follows the spec",
        );
        out.old_releases_fail(true);
    }
    if before.ok != after.ok {
        out.push(
            Breaking,
            place(),
            changed(Item::Method),
            format!("success type changed from {} to {}", before.ok, after.ok),
            "`send()` returns another type",
        );
        out.old_releases_fail(wire_breaks(
            &before.ok,
            &after.ok,
            RECEIVED,
            (old_surface, surface),
        ));
    }
    if before.error != after.error {
        out.push(
            Breaking,
            place(),
            changed(Item::Method),
            format!(
                "error type changed from Error<{}> to Error<{}>",
                before.error, after.error
            ),
            "code that reads the error body no longer compiles",
        );
    }
    statuses(before, after, out);
    keyed(&before.headers, &after.headers, |header, was, now| {
        out.push(
            Compatible,
            Place::Header {
                method: name.clone(),
                header: header.to_owned(),
            },
            header_action(was, now),
            match (was, now) {
                (Some(w), Some(n)) => format!("now sent as \"{n}\" (was \"{w}\")"),
                (None, Some(n)) => format!("\"{n}\" now sent"),
                (Some(w), None) => format!("\"{w}\" no longer sent"),
                (None, None) => unreachable!(),
            },
            "sent with every request of this method",
        );
    });
}

fn statuses(before: &Method, after: &Method, out: &mut Changes) {
    let all: BTreeSet<&str> = before
        .statuses
        .iter()
        .chain(&after.statuses)
        .map(|a| a.status.as_str())
        .collect();
    for status in all {
        let was = Surface::outcome_of(before, status);
        let now = Surface::outcome_of(after, status);
        // Where the answers have several types, the enum's variant each
        // status gives.
        let variant =
            |method: &Method| Surface::arm_of(method, status).and_then(|arm| arm.variant.clone());
        let (was_variant, now_variant) = (variant(before), variant(after));
        if was == now && was_variant == now_variant {
            continue;
        }
        let place = Place::Status {
            method: before.name.clone(),
            status: status.to_owned(),
        };
        let describe = |outcome: Outcome, variant: &Option<String>| match variant {
            Some(v) => format!("{} [{v}]", outcome.describe()),
            None => outcome.describe().to_owned(),
        };
        let what = format!(
            "{status}: {} → {}",
            describe(was, &was_variant),
            describe(now, &now_variant)
        );
        let (class, why) = match (was, now) {
            (w, n) if w.is_undocumented() && n.is_undocumented() => (
                Compatible,
                "still a status the spec does not document, read another way",
            ),
            (w, _) if w.is_undocumented() && now_variant.is_some() => (
                Compatible,
                "an answer the spec now documents, one more of the operation's typed \
                 answers: a new variant, which code matching with `_` takes",
            ),
            (w, _) if w.is_undocumented() => {
                (Compatible, "a status the spec now documents is typed")
            }
            (w, n) if w == n && was_variant.is_some() && now_variant.is_some() => (
                BreakingAtRunTime,
                "the answer arrives as another variant: code matching the old one no longer \
                 sees it",
            ),
            (w, n) if w.is_success() && !n.is_success() => (
                BreakingAtRunTime,
                "calls that succeeded with this status now return an error",
            ),
            (w, n) if w.is_success() && n.is_success() => {
                (Compatible, "still a success; the body is read another way")
            }
            (Outcome::ErrorResponse, Outcome::Unexpected) => (
                Compatible,
                "still an error, no longer typed: `api_error()` is None for it",
            ),
            (Outcome::ErrorResponse, Outcome::UnexpectedOrError) => (
                Compatible,
                "still an error, typed while its body is the operation's error type",
            ),
            _ => (Compatible, "calls that failed with this status now succeed"),
        };
        out.push(class, place, changed(Item::Status), what, why);
        // A success old releases do not know: the server may now answer it.
        out.old_releases_fail(was.is_undocumented() && now.is_success());
    }
}

/// The traits of the generated `Client`: one gone breaks the code that
/// uses it.
pub(super) fn client_traits(old: &Surface, new: &Surface, out: &mut Changes) {
    let place = || Place::Type {
        name: "Client".to_owned(),
    };
    for gone in old.client_traits.difference(&new.client_traits) {
        out.push(
            Breaking,
            place(),
            removed(Item::Trait),
            format!("impl {gone} removed"),
            "code that uses the trait through it no longer compiles",
        );
    }
    for new in new.client_traits.difference(&old.client_traits) {
        out.push(
            Compatible,
            place(),
            added(Item::Trait),
            format!("impl {new} added"),
            "more traits",
        );
    }
}

/// A route with its path parameters' names left out:
/// `DELETE /tokens/{}` for `DELETE /tokens/{token_id}`.
fn template(route: &str) -> String {
    let mut out = String::with_capacity(route.len());
    let mut in_name = false;
    for c in route.chars() {
        match c {
            '{' => {
                in_name = true;
                out.push_str("{}");
            }
            '}' => in_name = false,
            _ if in_name => {}
            c => out.push(c),
        }
    }
    out
}

/// The kind of a header change: sent now, no longer sent, another value.
fn header_action(was: Option<&str>, now: Option<&str>) -> (Item, Action) {
    match (was, now) {
        (None, _) => added(Item::Header),
        (_, None) => removed(Item::Header),
        _ => changed(Item::Header),
    }
}
