//! `.ci/upstream-issue`, the step of the weekly QuantCDN-spec workflow that
//! talks to GitHub, run against a stand-in `gh` that keeps the
//! repository's issues in a directory: one open `upstream-spec` issue
//! however often it runs, updated in place; a closed one is left alone.

use std::fs;
use std::path::Path;
use std::process::Command;

/// A `gh api` for the three calls the script makes. Issues are directories
/// `issues/<number>` with files `title`, `body`, `label` and `state`.
const FAKE_GH: &str = r#"#!/usr/bin/env bash
set -euo pipefail
state=$FAKE_GH_STATE
[ "$1" = api ] || { echo "unexpected gh $*" >&2; exit 2; }
shift
method=GET
fields=()
while [ $# -gt 0 ]; do
  case $1 in
    --method) method=$2; shift 2 ;;
    --jq) shift 2 ;;
    -f) fields+=("$2"); shift 2 ;;
    *) path=$1; shift ;;
  esac
done
field() { for f in "${fields[@]}"; do [ "${f%%=*}" = "$1" ] && printf '%s' "${f#*=}"; done; return 0; }
case "$method $path" in
  "GET repos/o/r/issues?labels=upstream-spec&state=open")
    # What the script's --jq asks for: the first open issue's number.
    for n in $(ls "$state/issues" | sort -n); do
      if [ "$(cat "$state/issues/$n/label")" = upstream-spec ] && [ "$(cat "$state/issues/$n/state")" = open ]; then
        echo "$n"; exit 0
      fi
    done
    exit 0 ;;
  "POST repos/o/r/issues")
    n=$(( $(ls "$state/issues" | wc -l) + 1 ))
    mkdir "$state/issues/$n"
    field title > "$state/issues/$n/title"
    field body > "$state/issues/$n/body"
    field 'labels[]' > "$state/issues/$n/label"
    echo open > "$state/issues/$n/state" ;;
  "PATCH repos/o/r/issues/"*)
    n=${path##*/}
    [ -d "$state/issues/$n" ] || { echo "no issue $n" >&2; exit 1; }
    field body > "$state/issues/$n/body" ;;
  *) echo "unexpected gh api $method $path" >&2; exit 2 ;;
esac
echo '{}'
"#;

fn report(dir: &Path, text: &str) {
    let file = dir.join("upstream-report.md");
    fs::write(&file, text).unwrap();
    let path = format!(
        "{}:{}",
        dir.join("bin").display(),
        std::env::var("PATH").unwrap()
    );
    let output = Command::new("bash")
        .arg(workspace_files::root().join(".ci/upstream-issue"))
        .arg(&file)
        .env("PATH", path)
        .env("FAKE_GH_STATE", dir.join("state"))
        .env("GH_TOKEN", "not-used")
        .env("REPO", "o/r")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn issue(dir: &Path, n: u32, file: &str) -> String {
    fs::read_to_string(dir.join(format!("state/issues/{n}/{file}"))).unwrap()
}

#[test]
fn one_open_issue_updated_in_place_and_a_closed_one_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::create_dir_all(dir.join("bin")).unwrap();
    fs::create_dir_all(dir.join("state/issues/1")).unwrap();
    let gh = dir.join("bin/gh");
    fs::write(&gh, FAKE_GH).unwrap();
    Command::new("chmod").arg("+x").arg(&gh).status().unwrap();
    // Last month's issue, closed once the spec followed.
    for (file, text) in [
        ("title", "old"),
        ("body", "old report"),
        ("label", "upstream-spec"),
        ("state", "closed"),
    ] {
        fs::write(dir.join("state/issues/1").join(file), text).unwrap();
    }

    report(dir, "### API changes: QuantCDN's spec 4.19.0 → 4.20.0\n");
    assert_eq!(
        issue(dir, 2, "title"),
        "QuantCDN's published spec changed the Tokens API"
    );
    assert_eq!(issue(dir, 2, "label"), "upstream-spec");
    assert_eq!(
        issue(dir, 2, "body"),
        "### API changes: QuantCDN's spec 4.19.0 → 4.20.0"
    );

    // Next week: the same issue, the new report.
    report(dir, "### API changes: QuantCDN's spec 4.19.0 → 4.21.0\n");
    assert_eq!(fs::read_dir(dir.join("state/issues")).unwrap().count(), 2);
    assert_eq!(
        issue(dir, 2, "body"),
        "### API changes: QuantCDN's spec 4.19.0 → 4.21.0"
    );
    assert_eq!(issue(dir, 1, "body"), "old report");
}
