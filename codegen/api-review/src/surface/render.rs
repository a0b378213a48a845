//! The surface as a compact text: what a reviewer reads in a pull request
//! instead of the thousand-line generated file (the API-surface snapshot).

use std::fmt::Write;

use super::{BuilderStart, Direction, Field, Method, Surface, TypeDef, TypeKind};

impl Surface {
    /// Every type, then every client method, one block each.
    pub fn render(&self) -> String {
        let mut out = String::from("# Types (module `types`)\n");
        for def in self.types.values() {
            render_type(&mut out, def);
        }
        out.push_str("\n# Client methods (`Client`)\n");
        if !self.client_traits.is_empty() {
            let traits: Vec<&str> = self.client_traits.iter().map(String::as_str).collect();
            writeln!(out, "\nimplements: {}", traits.join(", ")).unwrap();
        }
        for method in self.methods.values() {
            render_method(&mut out, method);
        }
        if !self.left_out.is_empty() {
            out.push_str("\n# Left out (progenitor cannot generate them; `--skip-failing`)\n\n");
            for left_out in self.left_out.values() {
                writeln!(out, "{left_out}").unwrap();
            }
        }
        out
    }
}

fn render_type(out: &mut String, def: &TypeDef) {
    let mut notes = vec![direction(def.direction).to_owned()];
    if def.non_exhaustive {
        notes.push("non_exhaustive".to_owned());
    }
    notes.extend(def.serde.iter().map(|(k, v)| serde_words(k, v)));
    let head = match &def.kind {
        TypeKind::Newtype { inner, .. } => format!("newtype {}({inner})", def.name),
        TypeKind::Alias { target } => format!("type {} = {target}", def.name),
        kind => format!("{} {}", kind.word(), def.name),
    };
    writeln!(out, "\n{head}  ({})", notes.join("; ")).unwrap();
    let (plain, gated): (Vec<&String>, Vec<&String>) =
        def.traits.iter().partition(|t| !t.contains(" (feature "));
    let mut traits = plain
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    for t in gated {
        traits.push_str(&format!("; {t}"));
    }
    let functions: Vec<String> = def.functions.iter().map(|f| format!("{f}()")).collect();
    if functions.is_empty() {
        writeln!(out, "  traits: {traits}").unwrap();
    } else {
        writeln!(
            out,
            "  traits: {traits}\n  functions: {}",
            functions.join(", ")
        )
        .unwrap();
    }
    match &def.kind {
        TypeKind::Struct { fields } => {
            for field in fields {
                writeln!(out, "  {}", field_line(field)).unwrap();
            }
        }
        TypeKind::Enum { variants } => {
            for v in variants {
                let data = v.data.clone().unwrap_or_default();
                if v.wire == v.name {
                    writeln!(out, "  {}{data}", v.name).unwrap();
                } else {
                    writeln!(out, "  {}{data} = \"{}\"", v.name, v.wire).unwrap();
                }
            }
        }
        TypeKind::Newtype { constraints, .. } => {
            for c in constraints {
                writeln!(out, "  refuses values: {c}").unwrap();
            }
        }
        TypeKind::Alias { .. } => {}
    }
}

fn direction(d: Direction) -> &'static str {
    match (d.sent, d.received) {
        (true, true) => "sent and received",
        (true, false) => "sent",
        (false, true) => "received",
        (false, false) => "used by no operation",
    }
}

/// `name: Option<String>  [wire "camelCase"; omitted when None; unset: None]`
fn field_line(field: &Field) -> String {
    let mut notes = Vec::new();
    if field.wire != field.name {
        notes.push(format!("wire \"{}\"", field.wire));
    }
    notes.extend(field.serde.iter().map(|(k, v)| serde_words(k, v)));
    match &field.builder {
        Some(BuilderStart::MustBeSet) => notes.push("builder: must be set".to_owned()),
        Some(BuilderStart::Value(v)) => notes.push(format!("builder default {v}")),
        None => {}
    }
    // typify's setter takes `TryInto<the field's type>`; another bound is
    // shown.
    if let Some(setter) = &field.setter
        && *setter != format!("TryInto<{}>", field.ty)
    {
        notes.push(format!("setter takes {setter}"));
    }
    if notes.is_empty() {
        format!("{}: {}", field.name, field.ty)
    } else {
        format!("{}: {}  [{}]", field.name, field.ty, notes.join("; "))
    }
}

/// What a serde rule does on the wire, in words.
pub fn serde_words(key: &str, value: &str) -> String {
    match (key, value) {
        ("skip_serializing_if", f) if f.ends_with("is_none") => "omitted when None".to_owned(),
        ("skip_serializing_if", f) if f.ends_with("is_empty") => "omitted when empty".to_owned(),
        ("skip_serializing_if", f) => format!("omitted when {f}"),
        ("default", "") => "absent reads as the default".to_owned(),
        ("default", v) => format!("absent reads as {v}"),
        ("deserialize_with", f) if f.ends_with("Option::deserialize") => {
            "key required, may be null".to_owned()
        }
        ("flatten", "") => "flattened".to_owned(),
        (key, "") => key.to_owned(),
        (key, value) => format!("{key} = \"{value}\""),
    }
}

fn render_method(out: &mut String, method: &Method) {
    let summary = if method.summary.is_empty() {
        String::new()
    } else {
        format!("  ({})", method.summary)
    };
    writeln!(out, "\n{}  {}{summary}", method.name, method.route()).unwrap();
    for p in &method.params {
        let need = if p.required {
            "must be set"
        } else {
            "optional"
        };
        writeln!(out, "  .{}({})  [{}; {need}]", p.name, p.ty, p.place).unwrap();
    }
    if let Some(body) = &method.body {
        writeln!(out, "  .body({})  [{} body]", body.ty, body.encoding).unwrap();
    }
    writeln!(
        out,
        "  .send().await -> Result<ResponseValue<{}>, Error<{}>>",
        method.ok, method.error
    )
    .unwrap();
    writeln!(out, "    statuses: {}", statuses(method)).unwrap();
    let headers: Vec<String> = method
        .headers
        .iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect();
    writeln!(out, "    headers: {}", headers.join(", ")).unwrap();
}

/// `201 -> Ok; 400, 403, 422 -> Err(ErrorResponse); other -> Err(UnexpectedResponse)`;
/// where the answers have several types, each arm's variant:
/// `200 -> Ok [Ok]; 202 -> Ok [Accepted]`.
fn statuses(method: &Method) -> String {
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for arm in &method.statuses {
        let word = match &arm.variant {
            Some(variant) => format!("{} [{variant}]", arm.outcome.describe()),
            None => arm.outcome.describe().to_owned(),
        };
        match groups.last_mut() {
            Some((w, codes)) if *w == word => codes.push(&arm.status),
            _ => groups.push((word, vec![&arm.status])),
        }
    }
    groups
        .iter()
        .map(|(word, codes)| format!("{} -> {word}", codes.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}
