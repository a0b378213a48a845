//! What the tests of `codegen` share: our spec, and generating every file
//! from a spec, normalised or not.

use codegen::{CodegenError, Generated, Settings};

/// Our spec, as checked in.
pub use workspace_files::TOKENS_SPEC;

/// Every file generated from `spec`, named `name` in messages and headers,
/// normalised or not.
pub fn generate(spec: &str, name: &str, normalize: bool) -> Result<Generated, CodegenError> {
    codegen::Generator::new(Settings::new(name).normalize(normalize)).generate(spec)
}
