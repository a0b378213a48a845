//! `cargo xtask upstream`: our spec beside QuantCDN's published one.
//!
//! The check (every difference from the pinned excerpt decided), the
//! excerpt taken from a whole spec, and the report of synthetic upstream
//! releases (the pinned excerpt edited as QuantCDN might edit it): each
//! change reported as the review classifies it, and where our spec stands.
//! Nothing here reads the network or ../shared/specs.

use api_review::Class;
use serde_yaml::Value;
use xtask::upstream::{self, Check, Spec, UpstreamReport, decisions, excerpt};

fn file(path: &str) -> String {
    std::fs::read_to_string(workspace_files::root().join(path)).expect("a checked-in file")
}

fn ours() -> Spec {
    Spec::read(crate::support::TOKENS_SPEC, "openapi/tokens.yaml").expect("our spec generates")
}

fn pinned() -> Spec {
    Spec::pinned(&file(upstream::PINNED)).expect("the pinned excerpt generates")
}

fn decided() -> upstream::Decisions {
    decisions::read(&file(upstream::DECISIONS), upstream::DECISIONS).expect("the decisions read")
}

#[test]
fn our_spec_differs_from_quantcdns_only_by_decision() {
    let check = Check::run(&ours(), &pinned(), &decided());
    assert!(check.passes(), "{}", check.text());
    assert!(!check.decided.is_empty());
    // The guide shows every decision, as the file says.
    let guide = file(upstream::GUIDE);
    let section = decisions::guide_section(&check.decided, &check.version);
    assert!(
        decisions::with_section(&guide, &section).as_deref() == Some(guide.as_str()),
        "the table of decisions in {} is stale: run `cargo xtask upstream --write-guide`",
        upstream::GUIDE
    );
}

#[test]
fn a_difference_without_a_decision_and_a_decision_without_a_difference_fail_the_check() {
    let mut decisions = decided();
    let pointer = "/components/schemas/CreatedToken/properties/token".to_owned();
    // One difference at a decided place left uncovered: the type.
    let covers = &mut decisions.get_mut(&pointer).unwrap().covers;
    let typed = covers.iter().position(|c| c.contains("Secret")).unwrap();
    covers.remove(typed);
    // A covered difference that is none.
    let gone = "type ApiError: no longer implements Default".to_owned();
    decisions
        .get_mut("/components/schemas/ApiError")
        .unwrap()
        .covers
        .push(gone.clone());
    let check = Check::run(&ours(), &pinned(), &decisions);
    assert!(!check.passes());
    let new: Vec<String> = check.new.iter().map(|d| d.line()).collect();
    assert_eq!(
        new,
        ["field CreatedToken.token: type changed from Option<String> to Secret"]
    );
    assert_eq!(check.new[0].pointer, pointer);
    assert_eq!(
        check.stale,
        [("/components/schemas/ApiError".to_owned(), gone)]
    );
    // The text gives the entry that would decide it, ready to complete.
    let text = check.text();
    assert!(text.contains("New differences") && text.contains("no difference any more"));
    assert!(
        text.contains(&format!("[\"{pointer}\"]\nwhy = \"TODO")),
        "{text}"
    );
}

#[test]
fn the_excerpt_keeps_the_tokens_operations_and_what_they_reach_and_nothing_else() {
    let pinned_text = file(upstream::PINNED);
    let mut whole: Value = serde_yaml::from_str(&pinned_text).unwrap();
    // Another operation and the components only it reaches.
    let other: Value = serde_yaml::from_str(
        "get:\n  operationId: Other_get\n  tags: [Other]\n  responses:\n    '200':\n      \
         description: ok\n      content:\n        application/json:\n          schema:\n            \
         $ref: '#/components/schemas/OtherThing'\n",
    )
    .unwrap();
    whole["paths"]
        .as_mapping_mut()
        .unwrap()
        .insert("/api/v2/other".into(), other);
    whole["components"]["schemas"]
        .as_mapping_mut()
        .unwrap()
        .insert(
            "OtherThing".into(),
            serde_yaml::from_str("type: object").unwrap(),
        );
    let (excerpt, version) =
        excerpt::extract(&serde_yaml::to_string(&whole).unwrap(), "whole.yaml")
            .expect("a QuantCDN spec with Tokens operations");
    assert_eq!(version, "4.19.0");
    // The pinned file is what the command writes of it: the same text.
    assert_eq!(excerpt::text(&excerpt, &version), pinned_text);
}

#[test]
fn a_file_that_is_not_quantcdns_or_has_no_tokens_operations_is_refused_in_one_line() {
    let petstore = "openapi: 3.0.3\ninfo: {title: Petstore, version: '1'}\npaths: {}\n";
    let error = excerpt::extract(petstore, "petstore.yaml").unwrap_err();
    assert_eq!(
        error,
        "petstore.yaml: not a QuantCDN spec (info.title is \"Petstore\", and no server is at quantcdn.io)"
    );
    let no_tokens = file(upstream::PINNED).replace("- Tokens", "- Other");
    let error = excerpt::extract(&no_tokens, "q.yaml").unwrap_err();
    assert_eq!(
        error,
        "q.yaml: no Tokens operations (no operation is tagged `Tokens`)"
    );

    // Through the binary: exit 3, one line naming the file.
    let dir = tempfile::tempdir().unwrap();
    for (name, text, missing) in [
        ("petstore.yaml", petstore, "not a QuantCDN spec"),
        ("q.yaml", no_tokens.as_str(), "no Tokens operations"),
        ("garbage.yaml", "{ [", "not a YAML or JSON document"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let run = crate::support::run(crate::support::xtask(["upstream", "--spec"]).arg(&path));
        assert_eq!(run.code, 3, "{name}: {}", run.stderr);
        let lines: Vec<&str> = run.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{name}: {}", run.stderr);
        assert!(
            lines[0].starts_with(&format!("error: {}: {missing}", path.display())),
            "{}",
            lines[0]
        );
    }
}

/// A synthetic release: the pinned excerpt with `edit` applied, and
/// version 4.20.0.
fn release(edit: impl FnOnce(&mut Value)) -> Spec {
    let mut doc: Value = serde_yaml::from_str(&file(upstream::PINNED)).unwrap();
    doc["info"]["version"] = "4.20.0".into();
    edit(&mut doc);
    Spec::upstream(&serde_yaml::to_string(&doc).unwrap(), "release.yaml")
        .expect("the release generates")
        .0
}

fn schema<'a>(doc: &'a mut Value, name: &str) -> &'a mut Value {
    &mut doc["components"]["schemas"][name]
}

fn operation<'a>(doc: &'a mut Value, path: &str, method: &str) -> &'a mut Value {
    &mut doc["paths"][path][method]
}

const TOKENS: &str = "/api/v2/organizations/{organization}/tokens";
const TOKEN: &str = "/api/v2/organizations/{organization}/tokens/{token_id}";

/// Each change as `class subject: what`, and where our spec stands on it.
fn reported(new: &Spec) -> (Vec<String>, Vec<String>, UpstreamReport) {
    let report = UpstreamReport::new(&pinned(), new, &ours(), &decided());
    let changes = report
        .report
        .changes
        .iter()
        .map(|c| format!("{:?} {}: {}", c.class, c.subject, c.what))
        .collect();
    let stands = report
        .ours
        .iter()
        .map(|differences| {
            if differences.is_empty() {
                "agrees".to_owned()
            } else {
                differences
                    .iter()
                    .map(|(d, decision)| {
                        format!(
                            "{} {}",
                            if decision.is_some() {
                                "decided"
                            } else {
                                "not reflected"
                            },
                            d.pointer
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        })
        .collect();
    (changes, stands, report)
}

#[test]
fn the_pinned_release_itself_changes_nothing() {
    let (changes, _, report) = reported(&release(|_| {}));
    assert!(changes.is_empty(), "{changes:?}");
    assert!(!report.found());
}

#[test]
fn a_field_added_to_a_listed_token_is_compatible_and_not_in_our_spec_yet() {
    let (changes, stands, report) = reported(&release(|doc| {
        schema(doc, "Tokens_list_200_response_inner")["properties"]
            .as_mapping_mut()
            .unwrap()
            .insert(
                "description".into(),
                serde_yaml::from_str("type: string").unwrap(),
            );
    }));
    assert_eq!(
        changes,
        [
            "Compatible field TokensList200ResponseInner.description: field description: Option<String> added"
        ]
    );
    assert_eq!(
        stands,
        ["not reflected /components/schemas/TokenSummary/properties/description"]
    );
    assert!(report.found());
    assert!(report.report.changes[0].pointers().contains(
        &"/components/schemas/Tokens_list_200_response_inner/properties/description".to_owned()
    ));
}

#[test]
fn an_expiry_added_and_one_removed_are_compatible_and_breaking() {
    let (changes, stands, _) = reported(&release(|doc| {
        let values = schema(doc, "Tokens_create_request")["properties"]["expires_in"]["enum"]
            .as_sequence_mut()
            .unwrap();
        values.retain(|v| v.as_str() != Some("never"));
        values.push("7d".into());
    }));
    assert_eq!(
        changes,
        [
            "Breaking type TokensCreateRequestExpiresIn: variant Never (\"never\") removed",
            "Compatible type TokensCreateRequestExpiresIn: variant X7d (\"7d\") added",
        ]
    );
    // Our ExpiresIn differs by decision (its variants' names), and also,
    // undecided, still has `never` and lacks `7d`.
    for stand in &stands {
        assert!(
            stand.contains("not reflected /components/schemas/ExpiresIn"),
            "{stand}"
        );
        assert!(
            stand.contains("decided /components/schemas/ExpiresIn"),
            "{stand}"
        );
    }
}

#[test]
fn the_error_message_made_nullable_breaks_and_our_spec_does_not_follow_yet() {
    let (changes, stands, _) = reported(&release(|doc| {
        schema(doc, "V2Error")["properties"]["message"]["nullable"] = true.into();
    }));
    assert!(
        changes.contains(
            &"Breaking field V2Error.message: type changed from String to Option<String>"
                .to_owned()
        ),
        "{changes:?}"
    );
    assert!(
        changes.iter().all(|c| c.contains("V2Error.message")),
        "{changes:?}"
    );
    for stand in &stands {
        for each in stand.split(", ") {
            assert_eq!(
                each,
                "not reflected /components/schemas/ApiError/properties/message"
            );
        }
    }
}

#[test]
fn a_status_added_to_create_is_reported_with_its_class() {
    let (changes, stands, _) = reported(&release(|doc| {
        let responses = operation(doc, TOKENS, "post")["responses"]
            .as_mapping_mut()
            .unwrap();
        let forbidden = responses[&Value::from("403")].clone();
        responses.insert("409".into(), forbidden);
    }));
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert!(
        changes[0].starts_with("Compatible method tokens_create status 409: "),
        "{changes:?}"
    );
    assert!(stands[0].starts_with("not reflected "), "{stands:?}");
}

#[test]
fn an_operation_renamed_breaks_and_our_spec_already_has_the_name() {
    let (changes, stands, report) = reported(&release(|doc| {
        operation(doc, TOKEN, "delete")["operationId"] = "Tokens_revoke".into();
    }));
    assert_eq!(
        changes,
        ["Breaking method tokens_delete: renamed to tokens_revoke \
             (DELETE /api/v2/organizations/{organization}/tokens/{token_id})"]
    );
    // Our name was a decision; the new release agrees with it.
    assert_eq!(stands, ["agrees"]);
    let text = report.render(upstream::Format::Text);
    assert!(text.contains("QuantCDN's spec 4.19.0 → 4.20.0"), "{text}");
    assert!(text.contains("agrees with the new release"), "{text}");
    let markdown = report.render(upstream::Format::Markdown);
    assert!(markdown.starts_with("### API changes: QuantCDN's spec 4.19.0 → 4.20.0"));
    assert!(
        report
            .report
            .changes
            .iter()
            .all(|c| c.class == Class::Breaking)
    );
}

#[test]
fn the_command_exits_1_on_a_release_that_changes_something_and_0_on_the_pinned_one() {
    let dir = tempfile::tempdir().unwrap();
    let same = dir.path().join("same.yaml");
    std::fs::write(&same, file(upstream::PINNED)).unwrap();
    let run = crate::support::run(crate::support::xtask(["upstream", "--spec"]).arg(&same));
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("no API change"), "{}", run.stdout);

    let changed = dir.path().join("changed.yaml");
    std::fs::write(
        &changed,
        file(upstream::PINNED).replace("operationId: Tokens_delete", "operationId: Tokens_revoke"),
    )
    .unwrap();
    let run = crate::support::run(
        crate::support::xtask(["upstream", "--format", "markdown", "--spec"]).arg(&changed),
    );
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("renamed to tokens_revoke"),
        "{}",
        run.stdout
    );
}
