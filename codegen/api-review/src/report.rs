//! A review: the changes between two revisions of a generated crate, each
//! with its source, and the spec changes that change nothing in the crate.

use codegen::{CodegenError, Generator, Settings};
use serde_json::Value;

use crate::surface::Surface;
use crate::{Change, Place, Source, attribute, compare};

/// One revision of the spec: what its generated client offers (with the
/// hand-written layer, when read from a crate), and the document it was
/// generated from (canonical, as codegen reads it).
pub struct Revision {
    pub surface: Surface,
    pub document: Value,
}

impl Revision {
    /// This revision's generated client beside a hand-written layer (a
    /// surface with nothing generated: `xtask::diff::hand_written_layer`
    /// reads the workspace's): the crate a consumer would get.
    pub fn beside(mut self, layer: &Surface) -> Revision {
        self.surface.hand_written = layer.hand_written.clone();
        self
    }
}

/// Reads and generates one revision of a spec, in memory: the generated
/// client alone, without the operations progenitor cannot generate, which
/// the surface lists (the review tells what leaving them out means).
pub fn revision(spec_text: &str, spec_name: &str) -> Result<Revision, CodegenError> {
    revision_with(spec_text, Settings::new(spec_name))
}

/// [`revision`] of a spec read as `--normalize` reads it (a spec we do not
/// own, which progenitor cannot generate as it is).
pub fn revision_normalized(spec_text: &str, spec_name: &str) -> Result<Revision, CodegenError> {
    revision_with(spec_text, Settings::new(spec_name).normalize(true))
}

fn revision_with(spec_text: &str, settings: Settings<'_>) -> Result<Revision, CodegenError> {
    let generator = Generator::new(settings.skip_failing(true));
    let spec = generator.document(spec_text)?.spec;
    let client = generator.client(&spec)?;
    Ok(Revision {
        surface: Surface::of_with_left_out(&client.file, client.left_out),
        document: serde_json::to_value(&spec).expect("an OpenAPI document serializes"),
    })
}

/// What a reviewer reads: the changes for consumers, each with its source,
/// and the spec changes that change nothing in the crate (documentation
/// aside).
#[derive(Debug)]
pub struct Report {
    pub changes: Vec<Change>,
    pub without_effect: Vec<String>,
}

impl Report {
    /// A spec change alone: both sides as today's generator makes them.
    pub fn new(old: &Revision, new: &Revision) -> Report {
        Report::whole(old, None, new)
    }

    /// The whole change from `base` to `new`. With `regenerated` (what
    /// today's generator makes of the base's spec, beside the base's
    /// hand-written layer, and a function that says what changed in the
    /// generator), the changes that the generator alone makes come from it.
    pub fn whole(
        base: &Revision,
        regenerated: Option<(&Surface, &dyn Fn() -> Vec<String>)>,
        new: &Revision,
    ) -> Report {
        let mut changes = compare(&base.surface, &new.surface);
        if let Some((regenerated, inputs)) = regenerated {
            let from_generator = compare(&base.surface, regenerated);
            // What changed in the generator is asked only when it changed
            // something.
            let inputs = if from_generator.is_empty() {
                Vec::new()
            } else {
                inputs()
            };
            for change in &mut changes {
                // The same change, whatever its source.
                let same = |g: &Change| {
                    (g.class, &g.place, &g.item, g.action, &g.limit, &g.what)
                        == (
                            change.class,
                            &change.place,
                            &change.item,
                            change.action,
                            &change.limit,
                            &change.what,
                        )
                };
                if !matches!(change.place, Place::HandWritten { .. })
                    && from_generator.iter().any(same)
                {
                    change.source = Source::Generator {
                        inputs: inputs.clone(),
                    };
                }
            }
        }
        let without_effect = attribute::attribute(&mut changes, &base.document, &new.document);
        let without_effect = attribute::server_limits(
            &mut changes,
            without_effect,
            (&base.document, &new.document),
            (&base.surface, &new.surface),
        );
        Report {
            changes,
            without_effect,
        }
    }

    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.class.is_breaking())
    }
}
