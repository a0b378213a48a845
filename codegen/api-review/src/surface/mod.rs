//! What consumers of the generated crate see, read from the generated
//! syntax tree: the code the compiler will see, after every pass.
//!
//! [`Surface::of`] reads a generated client file into one model: every
//! public type of the `types` module with its fields, their Rust types,
//! serde wire names and the serde rules that change the wire, the traits it
//! implements and whether it is `#[non_exhaustive]`; enums with variants and
//! wire values; newtypes with their inner type and the constraints their
//! constructors check; every client method with its route, parameters
//! (type, place on the wire, required or not), body, result and error types
//! and the statuses it types. Which types a consumer sends and which it
//! receives is read from the methods that use them.
//!
//! Everything that reports on the API reads this model and nothing else:
//! the API-surface snapshot renders it ([`Surface::render`]) and
//! `cargo xtask diff` compares two of them. Nothing here predicts what
//! progenitor or typify make of a schema: the model reads what they made.
//! It does know the shapes their code takes (a builder's `Err("..")` start,
//! `client.client.get(url)`, `QueryParam::new("wire", ..)`); a progenitor
//! upgrade that changes them fails `codegen/api-review/tests/it/surface.rs`.

pub mod hand_written;
mod methods;
mod render;
mod types;

pub use render::serde_words;

use std::collections::{BTreeMap, BTreeSet};

/// The public API of one generated client.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Surface {
    /// The public items of the `types` module, by name.
    pub types: BTreeMap<String, TypeDef>,
    /// The methods of `Client` that call the API, by name.
    pub methods: BTreeMap<String, Method>,
    /// The traits the generated file implements for `Client` (or for
    /// `&Client`), as `Client: ClientInfo<CallPolicy>`.
    pub client_traits: BTreeSet<String>,
    /// The public API of the hand-written layer around the generated code,
    /// by public path (empty for a generated file alone): see
    /// [`hand_written`].
    pub hand_written: BTreeMap<String, hand_written::Item>,
    /// The operations of the spec left out of the crate because
    /// progenitor cannot generate them (`--skip-failing`), by route
    /// (`GET /path`): a consumer finds no method for them.
    pub left_out: BTreeMap<String, codegen::LeftOut>,
}

/// One public type of the `types` module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeDef {
    pub name: String,
    pub kind: TypeKind,
    /// `#[non_exhaustive]`: no struct literals and no exhaustive `match`es
    /// outside the crate.
    pub non_exhaustive: bool,
    /// Traits it implements, derived or written out: `Clone`, `Display`,
    /// `TryFrom<&str>`; impls for other types that name it as
    /// `String: From<NewThingName>`; those behind a feature as
    /// `JsonSchema (feature cli)`.
    pub traits: BTreeSet<String>,
    /// Container-level serde rules: `deny_unknown_fields`, `transparent`,
    /// `untagged`, ...
    pub serde: BTreeMap<String, String>,
    /// Its public inherent functions (`builder`).
    pub functions: BTreeSet<String>,
    /// Which way it travels: in requests, in responses, or both.
    pub direction: Direction,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeKind {
    Struct {
        fields: Vec<Field>,
    },
    Enum {
        variants: Vec<Variant>,
    },
    /// A tuple struct around one value, with the checks its constructors
    /// make (the messages they refuse a value with).
    Newtype {
        inner: String,
        constraints: BTreeSet<Constraint>,
    },
    /// `pub type Name = Target;`
    Alias {
        target: String,
    },
}

impl TypeKind {
    pub fn word(&self) -> &'static str {
        match self {
            TypeKind::Struct { .. } => "struct",
            TypeKind::Enum { .. } => "enum",
            TypeKind::Newtype { .. } => "newtype",
            TypeKind::Alias { .. } => "type alias",
        }
    }
}

/// One check a newtype's constructors make, read from their code
/// (typify's `FromStr`/`TryFrom` impls).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Constraint {
    /// `if value.chars().count() > N { return Err(..) }`.
    MaxLength(u64),
    /// `if value.chars().count() < N { return Err(..) }`.
    MinLength(u64),
    /// `Regex::new("..")`: values the pattern does not find are refused.
    Pattern(String),
    /// A refusal whose check is none of the above: its message.
    Other(String),
}

impl std::fmt::Display for Constraint {
    /// typify's own words for it: `longer than 255 characters`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Constraint::MaxLength(n) => write!(f, "longer than {n} characters"),
            Constraint::MinLength(n) => write!(f, "shorter than {n} characters"),
            Constraint::Pattern(p) => write!(f, "doesn't match pattern \"{p}\""),
            Constraint::Other(message) => f.write_str(message),
        }
    }
}

/// Whether consumers send a type (a request body, a parameter, or inside
/// one), receive it (a success or error body, or inside one), or both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Direction {
    pub sent: bool,
    pub received: bool,
}

/// One field of a generated struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The Rust name.
    pub name: String,
    /// The JSON key.
    pub wire: String,
    /// The Rust type, each path shortened to its last segment:
    /// `Option<Vec<String>>`.
    pub ty: String,
    /// The field's serde rules other than its name, key → value
    /// (`skip_serializing_if` → `Option::is_none`); a `default` function is
    /// replaced by the value it returns.
    pub serde: BTreeMap<String, String>,
    /// What the type's builder holds before the field is set, when the type
    /// has a builder.
    pub builder: Option<BuilderStart>,
    /// The bound of the builder's setter of the field, when the type has a
    /// builder: `TryInto<String>` (typify's), `IntoOption<String>` (an
    /// optional field's, codegen's `optional_setters`).
    pub setter: Option<String>,
}

/// What a builder holds for a field (or an operation's parameter) before
/// it is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuilderStart {
    /// Nothing: building without it fails.
    MustBeSet,
    /// This value (`None`, `empty`, `"low"`, `10`).
    Value(String),
}

/// One variant of a generated enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub name: String,
    /// The JSON value of a unit variant (its serde name).
    pub wire: String,
    /// Its fields, for variants that carry data: `(String)`, `{ a: i64 }`.
    pub data: Option<String>,
    /// `#[serde(untagged)]`: serde reads into it every value no other
    /// variant names (the `Unknown` of an enum a response carries, see
    /// codegen's `received_enums`).
    pub catches_unknown: bool,
}

/// One method of `Client` and the request builder it returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Method {
    pub name: String,
    /// The first line of its documentation (the operation's summary).
    pub summary: String,
    /// `GET`, `POST`, ...
    pub http_method: String,
    /// The path, with each path parameter's Rust name in braces.
    pub path: String,
    pub params: Vec<Param>,
    /// The type `.body(..)` takes, and how it is encoded.
    pub body: Option<Body>,
    /// `T` of `Result<ResponseValue<T>, Error<E>>`.
    pub ok: String,
    /// `E` of `Result<ResponseValue<T>, Error<E>>`.
    pub error: String,
    /// The arms of the `match` on the response status, in order.
    pub statuses: Vec<StatusArm>,
    /// Headers sent with every request, name → value.
    pub headers: BTreeMap<String, String>,
}

impl Method {
    /// `POST /api/v2/organizations/{organization}/tokens`.
    pub fn route(&self) -> String {
        codegen::spec::walk::route(&self.http_method, &self.path)
    }
}

/// One parameter of an operation: a setter of its request builder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// The setter's name.
    pub name: String,
    /// Where it goes: `path`, `query "wire-name"`, `header "X-Name"`.
    pub place: String,
    /// The type the setter's value must convert into.
    pub ty: String,
    /// `send()` fails with `Error::InvalidRequest` when it is not set.
    pub required: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub ty: String,
    /// `json`, `raw`, `form`.
    pub encoding: String,
}

/// One arm of the `match` on the response status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusArm {
    /// `201`, `200..=299`, or `other`.
    pub status: String,
    pub outcome: Outcome,
    /// Where the operation's answers have several types: the variant of
    /// its enum this status gives (`Accepted` of `types::ChatResponse`).
    pub variant: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// `Ok(ResponseValue<T>)` with a parsed body.
    Ok,
    /// `Ok(ResponseValue<()>)`: no body is read.
    OkEmpty,
    /// `Ok(ResponseValue<ByteStream>)`: the body as bytes.
    OkStream,
    /// `Err(Error::ErrorResponse(ResponseValue<E>))`.
    ErrorResponse,
    /// `Err(Error::UnexpectedResponse(..))`: not typed (a status the spec
    /// does not document, where the operation's errors have no one type
    /// that reads from JSON).
    Unexpected,
    /// A status the spec does not document, read as the operation's error
    /// type when its body is one: `Err(Error::ErrorResponse(..))` then,
    /// else `Err(Error::UnexpectedResponse(..))`.
    UnexpectedOrError,
}

impl Outcome {
    pub fn is_success(self) -> bool {
        matches!(self, Outcome::Ok | Outcome::OkEmpty | Outcome::OkStream)
    }

    pub fn describe(self) -> &'static str {
        match self {
            Outcome::Ok => "Ok",
            Outcome::OkEmpty => "Ok (no body)",
            Outcome::OkStream => "Ok (bytes)",
            Outcome::ErrorResponse => "Err(ErrorResponse)",
            Outcome::Unexpected => "Err(UnexpectedResponse)",
            Outcome::UnexpectedOrError => {
                "Err(ErrorResponse for a 4xx or 5xx whose body is the error type, else UnexpectedResponse)"
            }
        }
    }

    /// A status the spec does not document for the method.
    pub fn is_undocumented(self) -> bool {
        matches!(self, Outcome::Unexpected | Outcome::UnexpectedOrError)
    }
}

/// `impl Trait for Client` and `impl Trait for &Client` at the top of a
/// generated file.
fn client_traits(file: &syn::File) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for item in &file.items {
        let syn::Item::Impl(imp) = item else { continue };
        let Some((_, path, _)) = &imp.trait_ else {
            continue;
        };
        if codegen::syntax::type_ident(&imp.self_ty).as_deref() != Some("Client") {
            continue;
        }
        let reference = matches!(&*imp.self_ty, syn::Type::Reference(_));
        let client = if reference { "&Client" } else { "Client" };
        out.insert(format!("{client}: {}", codegen::syntax::short_path(path)));
    }
    out
}

/// The operations a generated file's header lists as left out:
/// `// - operation getB (GET /b): why`, or `// - operation GET /b: why` for
/// an operation without an operationId.
fn left_out_in_header(text: &str) -> Vec<codegen::LeftOut> {
    text.lines()
        .take_while(|line| line.starts_with("//") || line.is_empty())
        .filter_map(|line| {
            let rest = line.strip_prefix("// - operation ")?;
            let (operation, route, reason) = match rest.split_once("): ") {
                Some((head, reason)) if head.contains(" (") => {
                    let (operation, route) = head.split_once(" (")?;
                    (operation, route, reason)
                }
                _ => {
                    let (route, reason) = rest.split_once(": ")?;
                    (route, route, reason)
                }
            };
            Some(codegen::LeftOut {
                operation: operation.to_owned(),
                route: route.to_owned(),
                reason: reason.to_owned(),
            })
        })
        .collect()
}

impl Surface {
    /// The surface of a generated client file.
    pub fn of(file: &syn::File) -> Surface {
        let mut surface = Surface {
            types: types::read(file),
            methods: methods::read(file),
            client_traits: client_traits(file),
            hand_written: BTreeMap::new(),
            left_out: BTreeMap::new(),
        };
        surface.mark_directions();
        surface
    }

    /// The surface of a generated client file and the operations left
    /// out of it (`codegen::Generator::client` with `skip_failing`).
    pub fn of_with_left_out(file: &syn::File, left_out: Vec<codegen::LeftOut>) -> Surface {
        Surface {
            left_out: left_out
                .into_iter()
                .map(|op| (op.route.clone(), op))
                .collect(),
            ..Surface::of(file)
        }
    }

    /// The surface of a generated client file's text (a checked-in file);
    /// syn's message when it does not parse.
    /// The operations left out are read from the file's header, where
    /// `cargo xtask codegen --skip-failing` lists them.
    pub fn of_text(text: &str) -> Result<Surface, String> {
        syn::parse_file(text)
            .map(|file| Surface::of_with_left_out(&file, left_out_in_header(text)))
            .map_err(|e| e.to_string())
    }

    /// The outcome a status gets from a method (`"201"`, or an arm's own
    /// pattern such as `"200..=299"` or `"other"`): the first arm that
    /// matches it, as the generated `match` decides.
    pub fn outcome_of(method: &Method, status: &str) -> Outcome {
        match Surface::arm_of(method, status).map_or(Outcome::Unexpected, |arm| arm.outcome) {
            // The error type is read only from an error status's body: a
            // 1xx-3xx the spec does not document is kept as it came.
            Outcome::UnexpectedOrError if !is_error_status(status) => Outcome::Unexpected,
            outcome => outcome,
        }
    }

    /// The arm that takes `status` (a code, or an arm's own status), if
    /// any.
    pub fn arm_of<'m>(method: &'m Method, status: &str) -> Option<&'m StatusArm> {
        let code: Option<u16> = status.parse().ok();
        let matches = |arm: &str| {
            arm == status
                || arm == "other"
                || match (code, arm.split_once("..=")) {
                    (Some(code), Some((low, high))) => {
                        low.parse().is_ok_and(|low: u16| low <= code)
                            && high.parse().is_ok_and(|high: u16| code <= high)
                    }
                    _ => false,
                }
        };
        method.statuses.iter().find(|arm| matches(&arm.status))
    }

    fn mark_directions(&mut self) {
        let mut sent: Vec<String> = Vec::new();
        let mut received: Vec<String> = Vec::new();
        for method in self.methods.values() {
            sent.extend(method.body.iter().map(|b| b.ty.clone()));
            sent.extend(method.params.iter().map(|p| p.ty.clone()));
            received.push(method.ok.clone());
            received.push(method.error.clone());
        }
        for (roots, sending) in [(sent, true), (received, false)] {
            for name in self.reachable(roots) {
                let direction = &mut self.types.get_mut(&name).expect("reachable").direction;
                if sending {
                    direction.sent = true;
                } else {
                    direction.received = true;
                }
            }
        }
    }

    /// The types named in `roots`, and every type their fields, variants
    /// and inner types name, transitively.
    fn reachable(&self, roots: Vec<String>) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut pending: Vec<String> = roots.iter().flat_map(|ty| self.named_in(ty)).collect();
        while let Some(name) = pending.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            let Some(def) = self.types.get(&name) else {
                continue;
            };
            let inner: Vec<&String> = match &def.kind {
                TypeKind::Struct { fields } => fields.iter().map(|f| &f.ty).collect(),
                TypeKind::Enum { variants } => {
                    variants.iter().filter_map(|v| v.data.as_ref()).collect()
                }
                TypeKind::Newtype { inner, .. } => vec![inner],
                TypeKind::Alias { target } => vec![target],
            };
            for ty in inner {
                pending.extend(self.named_in(ty));
            }
        }
        seen
    }

    /// The generated types a type expression names (`Option<Vec<Colour>>`
    /// names `Colour`).
    pub fn named_in(&self, ty: &str) -> Vec<String> {
        codegen::syntax::names_in(ty, |word| self.types.contains_key(word))
    }
}

/// Whether a status (`404`, `4XX`, `500..=599`) is an error's (4xx or 5xx):
/// by its first code.
fn is_error_status(status: &str) -> bool {
    let first = status.split("..=").next().unwrap_or(status);
    let class = first.chars().next();
    matches!(class, Some('4' | '5'))
}
