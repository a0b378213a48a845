//! `cargo xtask upstream`: our spec beside QuantCDN's published one.
//!
//! openapi/tokens.yaml is written by hand; QuantCDN publishes a spec of its
//! whole API, re-released every few weeks. Its Tokens part is pinned in
//! openapi/upstream/quantcdn-tokens.yaml ([`excerpt`]). Both are generated
//! and read into the review's one model ([`api_review::Surface`]); the
//! types of one are renamed after the other's by position
//! ([`api_review::align`]), so every difference of fact shows (field types,
//! required and nullable, enum values, formats, statuses and their bodies,
//! parameters) and names show once, as renames.
//!
//! Without `--spec`, the check: every difference between our spec and the
//! pinned excerpt is a decision of openapi/upstream/decisions.toml (keyed by
//! the JSON pointer of its place in our spec, [`decisions`]), every
//! decision still matches a difference, and the guide shows them. With
//! `--spec FILE`, the report: what QuantCDN changed in the Tokens
//! operations since the pinned version, in the review's words, and which of
//! those our spec does not reflect yet; `--pin` then pins that version.

pub mod decisions;
pub mod excerpt;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use api_review::align::align;
use api_review::attribute::pointer_of;
use api_review::{Change, Place, Report, Revision, Surface, compare, render, revision};
use serde_json::Value;

use crate::Exit;
use decisions::Decision;

/// The decisions file: pointer → decision.
pub type Decisions = BTreeMap<String, Decision>;

/// The pinned excerpt, the decisions and the guide, relative to the
/// workspace.
pub const PINNED: &str = "openapi/upstream/quantcdn-tokens.yaml";
pub const DECISIONS: &str = "openapi/upstream/decisions.toml";
pub const GUIDE: &str = "docs/maintaining.md";
/// The prefix of the pointer of a place only QuantCDN's spec has: a
/// pointer into the pinned excerpt.
pub const UPSTREAM_ONLY: &str = "upstream#";

/// The flags of `cargo xtask upstream` (parsed in `main.rs`).
#[derive(Debug, Clone, Default)]
pub struct Args {
    /// A whole QuantCDN spec (YAML or JSON): report what it changes in the
    /// Tokens operations since the pinned version, and which of those
    /// openapi/tokens.yaml does not reflect yet.
    pub spec: Option<PathBuf>,
    /// With --spec: then pin its Tokens operations (openapi/upstream/quantcdn-tokens.yaml).
    pub pin: bool,
    /// Without --spec: rewrite the guide's table of decisions (docs/maintaining.md).
    pub write_guide: bool,
    pub format: Format,
}

#[derive(Debug, Clone, Copy, Default)]
pub enum Format {
    #[default]
    Text,
    /// For an issue's body.
    Markdown,
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(text: &str) -> Result<Format, String> {
        match text {
            "text" => Ok(Format::Text),
            "markdown" => Ok(Format::Markdown),
            other => Err(format!("--format {other:?}: one of text, markdown")),
        }
    }
}

/// One difference between two specs of the Tokens API: the change from
/// theirs to ours, at the JSON pointer of its place in ours (or in theirs,
/// after [`UPSTREAM_ONLY`], where ours has no such place).
#[derive(Debug, Clone)]
pub struct Difference {
    pub pointer: String,
    /// As the review words it: a renamed method or type under theirs'
    /// name, everything else under ours.
    pub change: Change,
    /// Its place under ours' names.
    pub place: Place,
}

impl Difference {
    /// `subject: what`, as a decision covers it.
    pub fn line(&self) -> String {
        format!("{}: {}", self.change.subject, self.change.what)
    }
}

/// A spec generated and read, with its name and version.
pub struct Spec {
    pub name: String,
    pub version: String,
    pub revision: Revision,
}

impl Spec {
    /// Reads and generates a spec's text; the codegen error's one line.
    pub fn read(text: &str, name: &str) -> Result<Spec, String> {
        let revision = revision(text, name).map_err(|e| e.to_string())?;
        let version = revision.document["info"]["version"]
            .as_str()
            .unwrap_or("?")
            .to_owned();
        Ok(Spec {
            name: name.to_owned(),
            version,
            revision,
        })
    }

    /// The pinned excerpt of QuantCDN's spec.
    pub fn pinned(text: &str) -> Result<Spec, String> {
        Spec::read(text, PINNED)
    }

    /// The Tokens excerpt of a whole QuantCDN spec, with its pinned text.
    pub fn upstream(whole: &str, name: &str) -> Result<(Spec, String), String> {
        let (excerpt, version) = excerpt::extract(whole, name)?;
        let text = excerpt::text(&excerpt, &version);
        let mut spec = Spec::read(&text, &format!("{name} (its Tokens operations)"))?;
        spec.name = name.to_owned();
        Ok((spec, text))
    }
}

/// Names of one spec's types and methods → another's.
#[derive(Debug, Default, Clone)]
struct Names {
    types: BTreeMap<String, String>,
    methods: BTreeMap<String, String>,
}

impl Names {
    /// `from`'s methods → `to`'s, by route, and the types given.
    fn new(from: &Surface, to: &Surface, types: BTreeMap<String, String>) -> Names {
        let methods = from
            .methods
            .values()
            .filter_map(|m| {
                let same = to.methods.values().find(|n| n.route() == m.route())?;
                Some((m.name.clone(), same.name.clone()))
            })
            .collect();
        Names { types, methods }
    }

    fn reversed(&self) -> Names {
        let flip =
            |m: &BTreeMap<String, String>| m.iter().map(|(a, b)| (b.clone(), a.clone())).collect();
        Names {
            types: flip(&self.types),
            methods: flip(&self.methods),
        }
    }

    fn ty(&self, name: &str) -> String {
        self.types
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_owned())
    }

    fn method(&self, name: &str) -> String {
        self.methods
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_owned())
    }

    fn place(&self, place: &Place) -> Place {
        match place {
            Place::Type { name } => Place::Type {
                name: self.ty(name),
            },
            Place::Field { ty, field, wire } => Place::Field {
                ty: self.ty(ty),
                field: field.clone(),
                wire: wire.clone(),
            },
            Place::Method { name } => Place::Method {
                name: self.method(name),
            },
            Place::Param { method, param } => Place::Param {
                method: self.method(method),
                param: param.clone(),
            },
            Place::Status { method, status } => Place::Status {
                method: self.method(method),
                status: status.clone(),
            },
            Place::Header { method, header } => Place::Header {
                method: self.method(method),
                header: header.clone(),
            },
            Place::HandWritten { path } => Place::HandWritten { path: path.clone() },
        }
    }
}

/// What differs from `theirs` to `ours`, with each difference's place in
/// ours' names, and the names that lead there from theirs.
fn differences_and_names(ours: &Spec, theirs: &Spec) -> (Vec<Difference>, Names) {
    let aligned = align(&ours.revision.surface, &theirs.revision.surface);
    let mut changes = compare(&aligned.surface, &ours.revision.surface);
    changes.extend(aligned.changes());
    // Places name theirs' methods (and renamed types); ours' names find
    // them in our spec, theirs' in theirs.
    let to_ours = Names::new(
        &theirs.revision.surface,
        &ours.revision.surface,
        aligned.renamed.clone(),
    );
    let to_theirs = Names {
        types: to_ours.reversed().types,
        methods: BTreeMap::new(),
    };
    let differences = changes
        .into_iter()
        .map(|change| {
            let place = to_ours.place(&change.place);
            let pointer = pointer_of(&ours.revision.document, &place)
                .or_else(|| {
                    pointer_of(&theirs.revision.document, &to_theirs.place(&change.place))
                        .map(|p| format!("{UPSTREAM_ONLY}{p}"))
                })
                .unwrap_or_else(|| format!("{UPSTREAM_ONLY}{}", change.subject));
            Difference {
                pointer,
                change,
                place,
            }
        })
        .collect();
    (differences, to_ours)
}

/// Every difference from QuantCDN's spec to ours.
pub fn differences(ours: &Spec, theirs: &Spec) -> Vec<Difference> {
    differences_and_names(ours, theirs).0
}

/// The check of our spec against the pinned excerpt and the decisions.
pub struct Check {
    pub version: String,
    pub decided: Vec<(Difference, String)>,
    /// Differences no decision names.
    pub new: Vec<Difference>,
    /// What decisions cover that is no difference any more: pointer, the
    /// covered line.
    pub stale: Vec<(String, String)>,
}

/// The decision that covers `difference`, if any.
fn decision_of<'a>(decisions: &'a Decisions, difference: &Difference) -> Option<&'a Decision> {
    decisions
        .get(&difference.pointer)
        .filter(|d| d.covers.contains(&difference.line()))
}

impl Check {
    pub fn run(ours: &Spec, pinned: &Spec, decisions: &Decisions) -> Check {
        let mut check = Check {
            version: pinned.version.clone(),
            decided: Vec::new(),
            new: Vec::new(),
            stale: Vec::new(),
        };
        let found = differences(ours, pinned);
        for (pointer, decision) in decisions {
            for line in &decision.covers {
                if !found
                    .iter()
                    .any(|d| &d.pointer == pointer && &d.line() == line)
                {
                    check.stale.push((pointer.clone(), line.clone()));
                }
            }
        }
        for difference in found {
            match decision_of(decisions, &difference) {
                Some(decision) => check.decided.push((difference, decision.why.clone())),
                None => check.new.push(difference),
            }
        }
        check
    }

    pub fn passes(&self) -> bool {
        self.new.is_empty() && self.stale.is_empty()
    }

    pub fn text(&self) -> String {
        let mut out = format!(
            "{} against QuantCDN's spec {} ({PINNED}): {} difference{}, {} decided in {DECISIONS}\n",
            crate::codegen_task::DEFAULT_SPEC,
            self.version,
            self.decided.len() + self.new.len(),
            if self.decided.len() + self.new.len() == 1 {
                ""
            } else {
                "s"
            },
            self.decided.len(),
        );
        if !self.new.is_empty() {
            out.push_str(&format!(
                "\nNew differences: change the spec, or decide each in {DECISIONS} (entries to complete with a reason):\n\n{}",
                decisions::entries(&self.new)
            ));
        }
        if !self.stale.is_empty() {
            out.push_str(&format!(
                "\nDecided differences that are no difference any more: remove them from {DECISIONS}:\n"
            ));
            for (pointer, line) in &self.stale {
                out.push_str(&format!("  {pointer}\n    {line}\n"));
            }
        }
        out
    }
}

/// What QuantCDN changed in the Tokens operations, and where our spec
/// stands on each.
pub struct UpstreamReport {
    pub title: String,
    pub report: Report,
    /// For each change of the report (same order): how our spec differs
    /// from the new release at that place, each with its decision.
    pub ours: Vec<Vec<(Difference, Option<String>)>>,
}

impl UpstreamReport {
    pub fn new(pinned: &Spec, new: &Spec, ours: &Spec, decisions: &Decisions) -> UpstreamReport {
        // Only the operations and components are compared: `info` (the
        // version) always changes.
        let compared = |doc: &Value| serde_json::json!({"paths": doc["paths"], "components": doc["components"]});
        let aligned = align(&new.revision.surface, &pinned.revision.surface);
        let old = Revision {
            surface: aligned.surface.clone(),
            document: compared(&pinned.revision.document),
        };
        let new_revision = Revision {
            surface: new.revision.surface.clone(),
            document: compared(&new.revision.document),
        };
        let mut report = Report::new(&old, &new_revision);
        for mut rename in aligned.changes() {
            let pointers = pointer_of(&old.document, &rename.place)
                .into_iter()
                .collect();
            rename.source = api_review::Source::Spec { pointers };
            report.changes.push(rename);
        }
        report.changes.sort_by(Change::order);

        // The report's places name the pinned release's methods (and
        // renamed types): the new release's names, then ours, find them.
        let pinned_to_new = Names::new(
            &pinned.revision.surface,
            &new.revision.surface,
            aligned.renamed.clone(),
        );
        let (now, new_to_ours) = differences_and_names(ours, new);
        let ours_of = |place: &Place| new_to_ours.place(&pinned_to_new.place(place));
        let at = |change: &Change| -> Vec<(Difference, Option<String>)> {
            let place = ours_of(&change.place);
            now.iter()
                .filter(|d| within(&d.place, &place))
                .map(|d| (d.clone(), decision_of(decisions, d).map(|x| x.why.clone())))
                .collect()
        };
        let ours = report.changes.iter().map(at).collect();
        UpstreamReport {
            title: format!(
                "QuantCDN's spec {} → {} ({}), Tokens operations",
                pinned.version, new.version, new.name
            ),
            report,
            ours,
        }
    }

    /// QuantCDN changed something in the Tokens operations.
    pub fn found(&self) -> bool {
        !self.report.changes.is_empty() || !self.report.without_effect.is_empty()
    }

    pub fn render(&self, format: Format) -> String {
        let markdown = matches!(format, Format::Markdown);
        let mut out = if markdown {
            render::markdown(&self.report, &self.title, None)
        } else {
            render::text(&self.report, &self.title, None)
        };
        if self.report.changes.is_empty() {
            return out;
        }
        let ours = crate::codegen_task::DEFAULT_SPEC;
        out.push_str(&if markdown {
            format!("\n#### Where {ours} stands on each\n\n")
        } else {
            format!("\nWhere {ours} stands on each:\n")
        });
        for (change, differences) in self.report.changes.iter().zip(&self.ours) {
            let stand = stand(differences);
            if markdown {
                out.push_str(&format!(
                    "- {}: {}: {}\n",
                    change.subject,
                    change.what,
                    stand.replace('<', "&lt;").replace('>', "&gt;")
                ));
            } else {
                out.push_str(&format!(
                    "  {}: {}\n    {stand}\n",
                    change.subject, change.what
                ));
            }
        }
        out
    }
}

/// Where our spec stands on one upstream change, from its differences with
/// the new release at that place: agrees, differs only by decision, or
/// does not reflect it yet (the undecided differences, each named).
fn stand(differences: &[(Difference, Option<String>)]) -> String {
    let undecided: Vec<String> = differences
        .iter()
        .filter(|(_, decision)| decision.is_none())
        .map(|(d, _)| format!("{} ({})", d.line(), d.pointer))
        .collect();
    let mut whys: Vec<&str> = differences
        .iter()
        .filter_map(|(_, decision)| decision.as_deref())
        .collect();
    whys.dedup();
    match (undecided.is_empty(), whys.is_empty()) {
        (true, true) => "agrees with the new release".to_owned(),
        (true, false) => format!("differs by decision only: {}", whys.join("; ")),
        (false, true) => format!("not reflected yet: {}", undecided.join("; ")),
        (false, false) => format!(
            "not reflected yet: {} (besides {} decided difference{} here)",
            undecided.join("; "),
            differences.len() - undecided.len(),
            if differences.len() - undecided.len() == 1 {
                ""
            } else {
                "s"
            }
        ),
    }
}

/// `inner` is `outer`, or part of it (a field of a type, a parameter or
/// status of a method).
fn within(inner: &Place, outer: &Place) -> bool {
    if inner == outer {
        return true;
    }
    match (inner, outer) {
        (Place::Field { ty, .. }, Place::Type { name }) => ty == name,
        (
            Place::Param { method, .. }
            | Place::Status { method, .. }
            | Place::Header { method, .. },
            Place::Method { name },
        ) => method == name,
        _ => false,
    }
}

fn read(path: &Path, name: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {name}: {e}"))
}

/// `cargo xtask upstream [--spec FILE [--pin]] [--write-guide]`: one
/// error line and exit 3 when a spec or the decisions cannot be read (5
/// when a file cannot be written).
pub fn command(args: &Args) -> Exit {
    match run(args) {
        Ok(exit) => exit,
        Err(Failure(exit, message)) => {
            eprintln!("error: {message}");
            exit
        }
    }
}

struct Failure(Exit, String);

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure(Exit::UnreadableSpec, message)
    }
}

fn run(args: &Args) -> Result<Exit, Failure> {
    let root = workspace_files::root();
    let ours_name = crate::codegen_task::DEFAULT_SPEC;
    let ours = Spec::read(&read(&root.join(ours_name), ours_name)?, ours_name)?;
    let decisions = decisions::read(&read(&root.join(DECISIONS), DECISIONS)?, DECISIONS)?;
    // The first pin has nothing to compare with.
    if let (Some(path), true, false) = (&args.spec, args.pin, root.join(PINNED).exists()) {
        let name = path.display().to_string();
        let (new, text) = Spec::upstream(&read(path, &name)?, &name)?;
        write(&root.join(PINNED), &text)?;
        println!("pinned QuantCDN's spec {} in {PINNED}", new.version);
        return Ok(Exit::Success);
    }
    let pinned = Spec::pinned(&read(&root.join(PINNED), PINNED)?)?;
    let Some(path) = &args.spec else {
        let check = Check::run(&ours, &pinned, &decisions);
        print!("{}", check.text());
        let guide = read(&root.join(GUIDE), GUIDE)?;
        let section = decisions::guide_section(&check.decided, &check.version);
        let written = decisions::with_section(&guide, &section).ok_or_else(|| {
            format!(
                "{GUIDE} has no table of decisions (a line `{}` and a line `{}`)",
                decisions::GUIDE_START,
                decisions::GUIDE_END
            )
        })?;
        let guide_fresh = written == guide;
        if args.write_guide && !guide_fresh {
            write(&root.join(GUIDE), &written)?;
            println!("wrote the table of decisions in {GUIDE}");
        } else if !guide_fresh {
            println!(
                "\nThe table of decisions in {GUIDE} is not what {DECISIONS} says: run `cargo xtask upstream --write-guide`."
            );
            return Ok(Exit::StaleOrBreaking);
        }
        return Ok(if check.passes() {
            Exit::Success
        } else {
            Exit::StaleOrBreaking
        });
    };
    let name = path.display().to_string();
    let whole = read(path, &name)?;
    let (new, text) = Spec::upstream(&whole, &name)?;
    let report = UpstreamReport::new(&pinned, &new, &ours, &decisions);
    print!("{}", report.render(args.format));
    if args.pin {
        write(&root.join(PINNED), &text)?;
        println!(
            "pinned QuantCDN's spec {} in {PINNED}; now run `cargo xtask upstream` to see the differences to decide",
            new.version
        );
        return Ok(Exit::Success);
    }
    Ok(if report.found() {
        Exit::StaleOrBreaking
    } else {
        Exit::Success
    })
}

/// Writes `text` to `path` whole or not at all (a temporary file beside it,
/// renamed over it).
fn write(path: &Path, text: &str) -> Result<(), Failure> {
    let dir = path.parent().expect("a file in the workspace");
    let failed =
        |e: std::io::Error| Failure(Exit::Write, format!("cannot write {}: {e}", path.display()));
    std::fs::create_dir_all(dir).map_err(failed)?;
    openapi_client_gen::files::write_atomically(path, text).map_err(failed)
}
