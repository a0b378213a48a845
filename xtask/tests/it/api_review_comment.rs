//! `.ci/api-review-comment`, the step of the API review workflow that
//! talks to GitHub, run against a stand-in `gh` that keeps the pull
//! request's comments and labels in a directory: one comment however often
//! it runs, updated in place, and the label following the last report.

use std::fs;
use std::process::Command;

/// A `gh api` for the five calls the script makes. Comments are files
/// `comments/<id>` (the body); labels are files `labels/<name>`. Every call
/// is logged to `calls`. Other comments on the pull request are there from
/// the start, to be left alone.
const FAKE_GH: &str = r#"#!/usr/bin/env bash
set -euo pipefail
state=$FAKE_GH_STATE
echo "$*" >> "$state/calls"
[ "$1" = api ] || { echo "unexpected gh $*" >&2; exit 2; }
shift
method=GET
field=
while [ $# -gt 0 ]; do
  case $1 in
    --method) method=$2; shift 2 ;;
    --paginate) shift ;;
    --jq) shift 2 ;;
    -f) field=$2; shift 2 ;;
    *) path=$1; shift ;;
  esac
done
case "$method $path" in
  "GET repos/o/r/issues/7/comments")
    # What the script's --jq asks for: the ids of comments whose body starts
    # with the marker, in order.
    for f in $(ls "$state/comments" | sort -n); do
      head -n 1 "$state/comments/$f" | grep -q '^<!-- quantcdn-tokens: api review -->$' && echo "$f"
    done
    exit 0 ;;
  "POST repos/o/r/issues/7/comments")
    id=$(( $(ls "$state/comments" | wc -l) + 100 ))
    printf '%s' "${field#body=}" > "$state/comments/$id" ;;
  "PATCH repos/o/r/issues/comments/"*)
    id=${path##*/}
    [ -f "$state/comments/$id" ] || { echo "no comment $id" >&2; exit 1; }
    printf '%s' "${field#body=}" > "$state/comments/$id" ;;
  "POST repos/o/r/issues/7/labels")
    touch "$state/labels/${field#labels[]=}" ;;
  "DELETE repos/o/r/issues/7/labels/"*)
    name=${path##*/}
    [ -f "$state/labels/$name" ] || { echo "HTTP 404" >&2; exit 1; }
    rm "$state/labels/$name" ;;
  *) echo "unexpected gh api $method $path" >&2; exit 2 ;;
esac
echo '{}'
"#;

struct PullRequest {
    dir: tempfile::TempDir,
}

impl PullRequest {
    fn new() -> PullRequest {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["bin", "state/comments", "state/labels"] {
            fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        let gh = dir.path().join("bin/gh");
        fs::write(&gh, FAKE_GH).unwrap();
        Command::new("chmod").arg("+x").arg(&gh).status().unwrap();
        // Someone else's comment, there before the review.
        fs::write(dir.path().join("state/comments/1"), "LGTM").unwrap();
        PullRequest { dir }
    }

    fn review(&self, report: &str, breaking: bool) {
        let file = self.dir.path().join("api-review.md");
        fs::write(&file, report).unwrap();
        let path = format!(
            "{}:{}",
            self.dir.path().join("bin").display(),
            std::env::var("PATH").unwrap()
        );
        let output = Command::new("bash")
            .arg(workspace_files::root().join(".ci/api-review-comment"))
            .arg(&file)
            .env("PATH", path)
            .env("FAKE_GH_STATE", self.dir.path().join("state"))
            .env("GH_TOKEN", "not-used")
            .env("REPO", "o/r")
            .env("PR", "7")
            .env("BREAKING", breaking.to_string())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    fn entries(&self, sub: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = fs::read_dir(self.dir.path().join("state").join(sub))
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    fs::read_to_string(e.path()).unwrap(),
                )
            })
            .collect();
        out.sort();
        out
    }

    fn labels(&self) -> Vec<String> {
        self.entries("labels")
            .into_iter()
            .map(|(name, _)| name)
            .collect()
    }
}

#[test]
fn one_comment_updated_in_place_and_the_label_follows_the_last_report() {
    let pr = PullRequest::new();
    pr.review("### API changes\n\n**1 breaking change**\n", true);
    let comments = pr.entries("comments");
    assert_eq!(comments.len(), 2, "{comments:?}");
    assert_eq!(comments[0], ("1".to_owned(), "LGTM".to_owned()));
    let (id, body) = &comments[1];
    assert_eq!(
        body,
        "<!-- quantcdn-tokens: api review -->\n### API changes\n\n**1 breaking change**"
    );
    assert_eq!(pr.labels(), ["breaking-change"]);

    // The next push: same comment, new text; no longer breaking.
    pr.review("### API changes\n\n**1 compatible change**\n", false);
    let comments = pr.entries("comments");
    assert_eq!(comments.len(), 2, "a second copy was posted: {comments:?}");
    assert_eq!(&comments[1].0, id);
    assert!(
        comments[1].1.ends_with("**1 compatible change**"),
        "{comments:?}"
    );
    assert!(pr.labels().is_empty());

    // And again, with nothing to remove.
    pr.review("### API changes\n\nNo API change\n", false);
    assert_eq!(pr.entries("comments").len(), 2);
    assert!(pr.labels().is_empty());
}
