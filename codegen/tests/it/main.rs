//! The tests of `codegen`, one binary (one link): whole files generated
//! from specs, and what each pass makes of them.

mod companions;
mod determinism;
mod generate;
mod normalize;
mod public_shapes;
mod received_enums;
mod secrets;
mod support;
