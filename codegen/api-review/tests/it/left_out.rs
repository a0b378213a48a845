//! What leaving out an operation progenitor cannot generate means for
//! consumers (`--skip-failing`): the review generates each revision
//! without such operations and says so, instead of refusing the spec.

use api_review::{Action, Class, Report, revision};

/// `/photos` with a list (always generated) and, per `upload`, an upload
/// progenitor can generate (a JSON body) or cannot (an `image/png` body).
fn spec(upload: Option<&str>) -> String {
    let upload = match upload {
        Some(media_type) => format!(
            "    post:\n      operationId: upload_photo\n      requestBody: {{content: {{'{media_type}': {{schema: {{type: string}}}}}}}}\n      responses: {{'204': {{description: uploaded}}}}\n"
        ),
        None => String::new(),
    };
    format!(
        "openapi: 3.0.3\ninfo: {{title: photos, version: '1'}}\npaths:\n  /photos:\n    get:\n      operationId: list_photos\n      responses: {{'204': {{description: listed}}}}\n{upload}"
    )
}

fn report(old: &str, new: &str) -> Report {
    Report::new(
        &revision(old, "old.yaml").unwrap(),
        &revision(new, "new.yaml").unwrap(),
    )
}

#[test]
fn a_new_operation_left_out_is_reported_and_breaks_nothing() {
    let new = revision(&spec(Some("image/png")), "new.yaml").unwrap();
    assert_eq!(
        new.surface.left_out.keys().collect::<Vec<_>>(),
        ["POST /photos"]
    );
    assert!(
        new.surface
            .render()
            .contains("operation upload_photo (POST /photos): unexpected or unhandled format"),
        "{}",
        new.surface.render()
    );
    let report = report(&spec(None), &spec(Some("image/png")));
    let [change] = report.changes.as_slice() else {
        panic!("{:#?}", report.changes)
    };
    assert_eq!(change.class, Class::Compatible);
    assert_eq!(change.subject, "method upload_photo");
    assert!(
        change.what.starts_with(
            "left out (POST /photos): progenitor cannot generate it: unexpected or unhandled format"
        ),
        "{}",
        change.what
    );
    assert!(!report.is_breaking());
}

#[test]
fn a_method_that_can_no_longer_be_generated_is_a_breaking_removal_saying_why() {
    let removed = report(&spec(Some("application/json")), &spec(Some("image/png")));
    let [change] = removed.changes.as_slice() else {
        panic!("{:#?}", removed.changes)
    };
    assert_eq!(change.class, Class::Breaking);
    assert_eq!(change.action, Action::Removed);
    assert_eq!(change.subject, "method upload_photo");
    assert!(
        change
            .what
            .starts_with("left out (POST /photos): progenitor cannot generate it: "),
        "{}",
        change.what
    );
    // Generated again once the spec is mended: an added method.
    let back = report(&spec(Some("image/png")), &spec(Some("application/json")));
    assert_eq!(back.changes.len(), 1, "{:#?}", back.changes);
    assert_eq!(back.changes[0].action, Action::Added);
    assert_eq!(back.changes[0].class, Class::Compatible);
}

#[test]
fn a_checked_in_files_header_says_what_was_left_out() {
    let generated =
        codegen::Generator::new(codegen::Settings::new("photos.yaml").skip_failing(true))
            .generate(&spec(Some("image/png")))
            .unwrap();
    let surface = api_review::Surface::of_text(&generated.client).unwrap();
    let left_out: Vec<_> = surface.left_out.values().cloned().collect();
    assert_eq!(left_out.len(), 1);
    assert_eq!(left_out[0].operation, generated.skipped[0].operation);
    assert_eq!(left_out[0].route, generated.skipped[0].route);
    assert_eq!(left_out[0].reason, generated.skipped[0].short_reason());
}
