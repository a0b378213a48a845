//! The companions of a spec with the shapes progenitor's mocks and CLI do
//! not compile for (`workspace-files/companion-shapes.yaml`), one test per
//! pass that fixes them. That the files then compile is proven in
//! `codegen/openapi-client-gen/tests/it/client_crate.rs`, which builds the spec's client crate.

use workspace_files::COMPANION_SHAPES_SPEC;

/// The text without whitespace, so that prettyplease's line breaks do not
/// matter.
fn squeezed(text: &str) -> String {
    text.split_whitespace().collect()
}

fn companions() -> (String, String) {
    let generated = crate::support::generate(COMPANION_SHAPES_SPEC, "companion-shapes.yaml", false)
        .expect("the spec generates");
    (squeezed(&generated.httpmock), squeezed(&generated.cli))
}

#[test]
fn mock_bodies_taken_by_value_are_lent_to_httpmock() {
    let (mock, _) = companions();
    // The `Copy` enum of `set_kind`'s body and the `()` of its 200.
    assert!(
        mock.contains(
            "pubfnbody(self,value:types::Kind)->Self{Self(self.0.json_body_obj(&value))}"
        ),
        "{mock}"
    );
    assert!(mock.contains("pubfnok(self,value:())->Self"), "{mock}");
    // Every `json_body_obj(value)` left is in a helper taking a reference.
    for helper in mock
        .split("pubfn")
        .filter(|f| f.contains("json_body_obj(value)"))
    {
        assert!(
            helper.contains("value:&"),
            "by value and not lent: {helper}"
        );
    }
}

#[test]
fn mock_query_values_are_serdes_texts_one_pair_per_element() {
    let (mock, _) = companions();
    for name in ["kinds", "tags", "id", "since", "bbox"] {
        assert!(
            mock.contains(&format!(
                "query_texts(&value).into_iter().fold(self.0,|when,text|when.query_param(\"{name}\",text))"
            )),
            "{name}: {mock}"
        );
    }
    for call in mock.split("query_param(").skip(1) {
        let args = &call[..call.find(')').unwrap_or(call.len())];
        assert!(
            !args.contains("to_string"),
            "a query value by Display: {args}"
        );
    }
    assert_eq!(mock.matches("fnquery_texts<").count(), 1, "the helper once");
}

#[test]
fn cli_arrays_are_repeated_flags_and_the_specs_types_and_fixed_arrays_are_parsed_with_serde() {
    let (_, cli) = companions();
    assert!(!cli.contains("value_parser!(::std::vec::Vec"), "{cli}");
    assert!(
        cli.contains(".value_parser(parse_value::<types::Kind>).action(::clap::ArgAction::Append)"),
        "{cli}"
    );
    assert!(
        cli.contains(".value_parser(::clap::value_parser!(::std::string::String)).action(::clap::ArgAction::Append)"),
        "{cli}"
    );
    assert!(
        cli.contains(".value_parser(parse_value::<types::IdOrIds>)"),
        "{cli}"
    );
    assert!(
        cli.contains("matches.get_many::<types::Kind>(\"kinds\").map(|values|values.cloned().collect::<::std::vec::Vec<types::Kind>>())"),
        "{cli}"
    );
    assert!(!cli.contains("get_one::<::std::vec::Vec"), "{cli}");
    // A fixed-size array: one JSON value, its size checked by serde.
    assert!(
        cli.contains(".value_parser(parse_value::<[f32;4usize]>)"),
        "{cli}"
    );
    assert!(!cli.contains("value_parser!(["), "{cli}");
    assert_eq!(cli.matches("fnparse_value<").count(), 1, "the helper once");
}

#[test]
fn our_specs_companions_need_none_of_it() {
    let generated =
        crate::support::generate(crate::support::TOKENS_SPEC, "tokens.yaml", false).unwrap();
    assert!(!generated.httpmock.contains("query_texts"));
    assert!(!generated.cli.contains("parse_value"));
}

#[test]
fn statuses_without_a_reason_phrase_have_mock_methods_that_send_them() {
    let (mock, _) = companions();
    // 480 progenitor saw (under a stand-in), 481 it did not (a second
    // error type, added by `response_groups`), 499 alone.
    for (method, status, body) in [
        ("status_480", 480, "types::Problem"),
        ("status_481", 481, "types::Thing"),
        ("status_499", 499, "types::Problem"),
    ] {
        assert!(
            mock.contains(&format!(
                "pubfn{method}(self,value:&{body})->Self{{Self(self.0.status({status}u16)"
            )),
            "{method}: {mock}"
        );
    }
    // No stand-in is left: each `.status(..)` of those `Then`s is one the
    // spec names.
    for then in ["GetShelfThen", "DeleteShelfThen"] {
        let block = mock
            .split(&format!("impl{then}{{"))
            .nth(1)
            .and_then(|rest| rest.split("pubstruct").next())
            .unwrap_or_else(|| panic!("no {then}: {mock}"));
        for sent in block.split(".status(").skip(1) {
            let code: String = sent.chars().take_while(char::is_ascii_digit).collect();
            assert!(
                ["200", "204", "480", "481", "499"].contains(&code.as_str()),
                "{then} sends {code}: {block}"
            );
        }
    }
}
