//! `cargo xtask diff`: what a pull request means for consumers of the
//! generated crate, breaking or not, whatever caused it.
//!
//! The crate at the base is read from that revision's checked-in files
//! (its generated client, which is what its crate was built from, its
//! hand-written layer and its manifest); the crate the working tree makes
//! is what `cargo xtask codegen` writes now, beside the hand-written files
//! as they are. Both are read into [`Surface`]s, the one model of what
//! consumers see, and the review (`api-review`: [`compare()`], [`Report`])
//! lists their differences. Each says where it came from ([`Source`]): what
//! today's generator makes of the base's spec tells the generator's changes
//! from the spec's; a change of the hand-written layer names its file.
//! This module reads the revisions (with git, [`git`]) and the crate's
//! cargo files ([`manifest`]), and prints the report.

use openapi_client_gen::review::{git, manifest};

use std::path::{Path, PathBuf};

use api_review::Surface;
use codegen::CodegenError;
use serde_json::Value;

use crate::Exit;
use crate::codegen_task::{self, CRATE_MANIFEST, DEFAULT_OUT, DEFAULT_SPEC, Paths};

pub use api_review::{
    Action, Change, Class, Item, Place, Report, Revision, Source, attribute, compare, limits,
    release, render, revision,
};

/// The hand-written layer's folders, relative to the repository, and as the
/// crate's files are named (relative to `generated-client/`): its own
/// sources, and those of the runtime it re-exports.
const CRATE_SOURCES: [(&str, &str); 2] = [
    ("generated-client/src", "src"),
    ("codegen/openapi-client-runtime/src", "runtime/src"),
];
/// The runtime's sources as the crate's files name them ([`CRATE_SOURCES`]).
const RUNTIME_SOURCES: &str = "runtime/src/";
/// The binaries' folder under a source folder: no Rust API, not read.
const BINARIES: &str = "/bin";

/// The flags of `cargo xtask diff` (parsed in `main.rs`).
#[derive(Debug, Clone, Default)]
pub struct Args {
    /// The revision to compare with [default: the merge base with main,
    /// or HEAD on main].
    pub base: Option<String>,
    pub format: Format,
    /// The spec, relative to the current directory [default: openapi/tokens.yaml
    /// in the workspace].
    pub spec: Option<String>,
}

/// How the report is printed.
#[derive(Debug, Clone, Copy, Default)]
pub enum Format {
    #[default]
    Text,
    Markdown,
    Json,
    /// The entry for the crate's CHANGELOG.md (Keep a Changelog).
    Changelog,
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(text: &str) -> Result<Format, String> {
        match text {
            "text" => Ok(Format::Text),
            "markdown" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            "changelog" => Ok(Format::Changelog),
            other => Err(format!(
                "--format {other:?}: one of text, markdown, json, changelog"
            )),
        }
    }
}

/// `cargo xtask diff`: reads the crate at the base revision and generates
/// the working tree's in memory, and prints what changed for consumers and
/// the version the release needs; or one error line, exit 3.
pub fn command(args: &Args) -> Exit {
    let (dir, path) = match &args.spec {
        Some(path) => (PathBuf::from("."), path.clone()),
        None => (workspace_files::root(), DEFAULT_SPEC.to_owned()),
    };
    let base = args.base.clone().unwrap_or_else(|| git::default_base(&dir));
    let (report, release) = match review(&dir, &path, &base) {
        Ok(reviewed) => reviewed,
        Err(message) => {
            eprintln!("error: {message}");
            return Exit::UnreadableSpec;
        }
    };
    let title = format!("{path}, {base} → working tree");
    print!(
        "{}",
        match args.format {
            Format::Text => render::text(&report, &title, Some(&release)),
            Format::Markdown => render::markdown(&report, &title, Some(&release)),
            Format::Json => render::json(&report, &title, Some(&release)),
            Format::Changelog => release::changelog(&report, &release),
        }
    );
    if report.is_breaking() {
        Exit::StaleOrBreaking
    } else {
        Exit::Success
    }
}

/// The report and the release for the spec at `path` (relative to `dir`)
/// and its crate, from `base` to the working tree: all `cargo xtask diff`
/// does but print (`cargo bench -p xtask` times it).
pub fn review(dir: &Path, path: &str, base: &str) -> Result<(Report, release::Release), String> {
    let root = git::repository_root(dir);
    let new_text = std::fs::read_to_string(dir.join(path))
        .map_err(|e| format!("cannot read spec {path}: {e}"))?;
    // The spec's path in the repository.
    let in_repository = dir
        .join(path)
        .canonicalize()
        .ok()
        .and_then(|p| {
            p.strip_prefix(&root)
                .ok()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
        })
        .unwrap_or_else(|| path.to_owned());
    let mut objects = git::Objects::open(&root)?;
    if !objects.has_commit(base)? {
        return Err(format!("cannot read {path} at {base}: no such revision"));
    }
    let old_text = objects
        .text(base, &in_repository)?
        .ok_or_else(|| format!("cannot read {path} at {base}: the revision has no such file"))?;
    let old_name = format!("{path} at {base}");
    let same_spec = old_text == new_text;

    // The header `cargo xtask codegen` writes, to know a checked-in client
    // that is what today's generator makes of its spec.
    let paths = Paths {
        spec: root.join(&in_repository),
        out: root.join(DEFAULT_OUT),
    };
    let (spec_name, command) = (paths.spec_name(), codegen_task::command_for(&paths));
    let header =
        codegen::Generator::new(codegen::Settings::new(&spec_name).command(&command)).header();

    // The generations start as soon as the specs are read; the crate's
    // files are read, and its hand-written layer parsed, beside them.
    let (regenerated, new, crate_files) = std::thread::scope(|s| {
        let regenerated = s.spawn(|| -> Result<_, CodegenError> {
            let generator = codegen::Generator::new(codegen::Settings::new(&old_name));
            let spec = generator.document(&old_text)?.spec;
            let (file, text) = generator.client_and_text(&spec, &header)?;
            let surface = Surface::of(&file);
            let document = serde_json::to_value(&spec).expect("an OpenAPI document serializes");
            Ok((surface, document, text))
        });
        let new = (!same_spec).then(|| s.spawn(|| codegen_surface(&new_text, path)));
        let crate_files = (|| -> Result<_, String> {
            let checked_in = CrateFiles::at(&mut objects, base)?;
            let working = CrateFiles::working_tree(&root)?;
            let base_layer = checked_in.with_hand_written(Surface::default(), base)?;
            Ok((checked_in, working, base_layer))
        })();
        // A thread that panicked anyway (codegen catches its own) is one
        // error line too.
        let stopped = |_| format!("the review of {path} stopped: a thread panicked");
        (
            regenerated.join().map_err(stopped),
            new.map(|new| new.join().map_err(stopped)),
            crate_files,
        )
    });
    let (checked_in, working, base_layer) = crate_files?;
    let same_layer =
        working.sources == checked_in.sources && working.manifest == checked_in.manifest;
    let (regenerated, old_document, regenerated_text) = regenerated?.map_err(|e| e.to_string())?;
    let (new_generated, new_document) = match new {
        Some(new) => new?.map_err(|e| e.to_string())?,
        None => (regenerated.clone(), old_document.clone()),
    };
    // The checked-in client is read only when it is not what today's
    // generator makes of its spec (the generator changed, or it was stale).
    let base_generated = if checked_in.generated == regenerated_text {
        regenerated.clone()
    } else {
        Surface::of_text(&checked_in.generated)
            .map_err(|e| format!("{DEFAULT_OUT} at {base} does not parse as Rust: {e}"))?
    };
    let base_surface = Surface {
        hand_written: base_layer.hand_written.clone(),
        ..base_generated
    };
    let regenerated = Surface {
        hand_written: base_layer.hand_written.clone(),
        ..regenerated
    };
    // The hand-written layer is read once when the pull request leaves it
    // as it was (most do).
    let new_surface = if same_layer {
        Surface {
            hand_written: base_layer.hand_written,
            ..new_generated
        }
    } else {
        working.with_hand_written(new_generated, "the working tree")?
    };
    drop(objects);
    let report = Report::whole(
        &Revision {
            surface: base_surface,
            document: old_document,
        },
        Some((&regenerated, &|| generator_inputs(&root, base))),
        &Revision {
            surface: new_surface,
            document: new_document,
        },
    );

    // The version the change needs: the crate's at the base (the last
    // release), bumped; and the working tree's, if already set.
    let version_now = working
        .manifest
        .as_deref()
        .ok_or_else(|| format!("cannot read the crate's version: no {CRATE_MANIFEST}"))
        .and_then(manifest::package_version)
        .map_err(|e| format!("cannot read the crate's version from {CRATE_MANIFEST}: {e}"))?;
    let version_then = checked_in
        .manifest
        .as_deref()
        .and_then(|m| manifest::package_version(m).ok())
        .unwrap_or_else(|| version_now.clone());
    let release = release::Release::of(&report, &version_then, &version_now);
    Ok((report, release))
}

fn codegen_surface(spec_text: &str, spec_name: &str) -> Result<(Surface, Value), CodegenError> {
    let revision = revision(spec_text, spec_name)?;
    Ok((revision.surface, revision.document))
}

/// The consumer crate's files at one revision: its generated client, its
/// hand-written sources (`(src/x.rs, text)`) and its manifest.
struct CrateFiles {
    generated: String,
    sources: Vec<(String, String)>,
    manifest: Option<String>,
}

impl CrateFiles {
    /// As checked in at `rev`. A revision without a generated client (older
    /// than the workspace) is refused.
    fn at(objects: &mut git::Objects, rev: &str) -> Result<CrateFiles, String> {
        let generated = objects.text(rev, DEFAULT_OUT)?.ok_or_else(|| {
            format!(
                "{rev} has no {DEFAULT_OUT}: the revision is older than the generated crate, \
                 or not of this repository"
            )
        })?;
        let mut sources = Vec::new();
        for (sources_dir, named) in CRATE_SOURCES {
            let mut folders = vec![String::new()];
            while let Some(folder) = folders.pop() {
                for (name, is_folder) in
                    objects.entries_in(rev, &format!("{sources_dir}{folder}"))?
                {
                    let path = format!("{folder}/{name}");
                    if is_folder {
                        if path != BINARIES {
                            folders.push(path);
                        }
                    } else if name.ends_with(".rs")
                        && let Some(text) = objects.text(rev, &format!("{sources_dir}{path}"))?
                    {
                        sources.push((format!("{named}{path}"), text));
                    }
                }
            }
        }
        sources.sort();
        Ok(CrateFiles {
            generated,
            manifest: objects.text(rev, CRATE_MANIFEST)?,
            sources,
        })
    }

    /// As the working tree has them (the generated client is generated in
    /// memory instead: see [`review`]).
    fn working_tree(root: &Path) -> Result<CrateFiles, String> {
        let mut sources = Vec::new();
        for (sources_dir, named) in CRATE_SOURCES {
            let mut folders = vec![String::new()];
            while let Some(folder) = folders.pop() {
                let dir = root.join(format!("{sources_dir}{folder}"));
                for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    let path = format!("{folder}/{name}");
                    if entry.path().is_dir() {
                        if path != BINARIES {
                            folders.push(path);
                        }
                    } else if name.ends_with(".rs") {
                        let text = std::fs::read_to_string(entry.path())
                            .map_err(|e| format!("cannot read {}: {e}", entry.path().display()))?;
                        sources.push((format!("{named}{path}"), text));
                    }
                }
            }
        }
        sources.sort();
        Ok(CrateFiles {
            generated: String::new(),
            sources,
            manifest: std::fs::read_to_string(root.join(CRATE_MANIFEST)).ok(),
        })
    }

    /// `generated` with this crate's hand-written layer and features.
    fn with_hand_written(&self, generated: Surface, rev: &str) -> Result<Surface, String> {
        let mut hand_written =
            api_review::surface::hand_written::read(&self.sources).map_err(|e| {
                format!(
                    "generated-client/{} at {rev} does not parse as Rust: {}",
                    e.file, e.message
                )
            })?;
        if let Some(manifest) = &self.manifest {
            // The runtime's items behind its own features are behind the
            // crate's features that turn those on.
            let through =
                manifest::dependency_features(manifest, codegen::runtime_contract::RUNTIME_PACKAGE);
            for item in hand_written.values_mut() {
                if item.file.starts_with(RUNTIME_SOURCES)
                    && let Some(feature) = &item.feature
                {
                    item.feature = Some(through.get(feature).unwrap_or(feature).clone());
                }
            }
            let features = manifest::features(manifest, "Cargo.toml")
                .map_err(|e| format!("{CRATE_MANIFEST} at {rev}: {e}"))?;
            hand_written.extend(features);
        }
        Ok(Surface {
            hand_written,
            ..generated
        })
    }
}

/// What changed in the generator between `base` and the working tree:
/// codegen's files, and the versions of the packages it is built from.
fn generator_inputs(root: &Path, base: &str) -> Vec<String> {
    let mut inputs: Vec<String> = git::git(root, &["diff", "--name-only", base, "--", "codegen"])
        .unwrap_or_default()
        .lines()
        .chain(
            git::git(
                root,
                &[
                    "ls-files",
                    "--others",
                    "--exclude-standard",
                    "--",
                    "codegen",
                ],
            )
            .unwrap_or_default()
            .lines(),
        )
        .map(str::to_owned)
        .collect();
    let old_lock = git::file_at(base, root, "Cargo.lock");
    let new_lock = std::fs::read_to_string(root.join("Cargo.lock"));
    if let (Ok(old), Ok(new)) = (old_lock, new_lock)
        && old != new
    {
        match manifest::changed_packages(&old, &new, "codegen") {
            Ok(changed) => inputs.extend(changed.into_iter().map(|p| format!("Cargo.lock: {p}"))),
            Err(e) => inputs.push(format!("Cargo.lock (unreadable: {e})")),
        }
    }
    inputs.sort();
    inputs.dedup();
    inputs
}

/// The hand-written layer of the consumer crate in the working tree of the
/// repository at `root` (its public items and features), as a surface with
/// nothing generated.
pub fn hand_written_layer(root: &Path) -> Result<Surface, String> {
    CrateFiles::working_tree(root)?.with_hand_written(Surface::default(), "the working tree")
}
