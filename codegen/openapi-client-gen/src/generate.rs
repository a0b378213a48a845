//! From a spec file to the generated files' contents: the file read (it
//! must be UTF-8 text), codegen run with the [`Flags`], each target given
//! its path beside the client's.

use std::path::Path;

use crate::Failure;
use crate::files::Output;

/// The flags that change what is generated, and so the command that
/// regenerates the files (their headers name it).
#[derive(Debug, Clone, Copy, Default)]
pub struct Flags {
    pub normalize: bool,
    pub skip_failing: bool,
}

impl Flags {
    /// The flags as typed after the command: ` --normalize --skip-failing`.
    pub fn as_typed(self) -> String {
        let mut typed = String::new();
        if self.normalize {
            typed.push_str(" --normalize");
        }
        if self.skip_failing {
            typed.push_str(" --skip-failing");
        }
        typed
    }

    /// What `codegen` makes of them.
    fn settings<'a>(self, spec_name: &'a str, command: &'a str) -> codegen::Settings<'a> {
        codegen::Settings::new(spec_name)
            .command(command)
            .normalize(self.normalize)
            .skip_failing(self.skip_failing)
    }
}

/// The fresh outputs, what normalising changed to get them and the
/// operations left out.
#[derive(Debug)]
pub struct Generation {
    pub outputs: Vec<Output>,
    pub normalizations: Vec<String>,
    /// With `--skip-failing`, each operation left out and why.
    pub skipped: Vec<codegen::LeftOut>,
}

impl Generation {
    /// One line on stderr per change `--normalize` made and per operation
    /// `--skip-failing` left out, so that nothing changes unsaid.
    pub fn print_changes(&self) {
        for change in &self.normalizations {
            eprintln!("normalized: {change}");
        }
        for failure in &self.skipped {
            eprintln!("skipped: {failure}");
        }
    }
}

/// The text of the spec at `path` (named `spec_name` in messages): it must
/// be UTF-8, and a byte that is not is placed by line and column.
pub fn read_spec(path: &Path, spec_name: &str) -> Result<String, Failure> {
    let bytes = std::fs::read(path).map_err(|source| Failure::ReadSpec {
        spec: spec_name.to_owned(),
        source,
    })?;
    if path.is_dir() {
        return Err(Failure::ReadSpec {
            spec: spec_name.to_owned(),
            source: std::io::Error::other("a directory, not a file"),
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        let column = valid.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        Failure::NotText {
            spec: spec_name.to_owned(),
            line,
            column,
        }
    })
}

/// The files generated from the spec at `spec` (named `spec_name` in
/// messages and headers), the client at `client` and its companions beside
/// it, with headers naming `command` as the one that regenerates them.
pub fn generate(
    spec: &Path,
    spec_name: &str,
    client: &Path,
    flags: Flags,
    command: &str,
) -> Result<Generation, Failure> {
    let text = read_spec(spec, spec_name)?;
    let generated = codegen::Generator::new(flags.settings(spec_name, command)).generate(&text)?;
    let outputs = generated
        .files()
        .into_iter()
        .map(|(target, content)| Output {
            path: target.path(client),
            content: content.to_owned(),
        })
        .collect();
    Ok(Generation {
        outputs,
        normalizations: generated.normalizations,
        skipped: generated.skipped,
    })
}
