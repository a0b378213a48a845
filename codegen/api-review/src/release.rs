//! From a review to a release: the version a change needs under Cargo's
//! SemVer rules, and its entry for `CHANGELOG.md` (Keep a Changelog).
//!
//! Cargo reads versions as "the leftmost non-zero part is the major
//! version" (<https://doc.rust-lang.org/cargo/reference/semver.html>):
//! `1.2.3 → 2.0.0` breaks, `0.2.3 → 0.3.0` breaks, `0.0.3 → 0.0.4` breaks.
//! So a breaking change bumps that part; a compatible change bumps the
//! next one (a minor release from 1.0 on, a patch release before, where
//! the patch number is the only compatible bump there is); a spec change
//! that changes nothing in the generated API (a server's URL, say) is a
//! patch; documentation alone needs no release.

use std::fmt;

use semver::Version;

use crate::{Action, Change, Class, Item, Report};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// The spec did not change.
    None,
    Patch,
    Minor,
    Major,
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        })
    }
}

/// The version the next release needs, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Release {
    /// The crate's version at the base revision: the last release.
    pub current: Version,
    pub next: Version,
    pub bump: Bump,
    pub reason: &'static str,
    /// The version the working tree's manifest sets, when it differs from
    /// `current` (the maintainer has bumped it already).
    pub set: Option<Version>,
}

impl Release {
    /// `current` is the version at the base revision; `set`, the working
    /// tree's.
    pub fn of(report: &Report, current: &Version, set: &Version) -> Release {
        let breaking = report.is_breaking();
        let (bump, reason) = match (breaking, current.major, current.minor) {
            (true, 1.., _) => (Bump::Major, "breaking changes"),
            (true, 0, 1..) => (Bump::Minor, "breaking changes in a 0.x crate"),
            (true, 0, 0) => (Bump::Patch, "breaking changes in a 0.0.x crate"),
            (false, 1.., _) if !report.changes.is_empty() => {
                (Bump::Minor, "compatible API changes")
            }
            // Before 1.0 the patch number is the only compatible bump.
            (false, 0, _) if !report.changes.is_empty() => {
                (Bump::Patch, "compatible API changes in a 0.x crate")
            }
            _ if !report.without_effect.is_empty() => {
                (Bump::Patch, "spec changes without effect on the API")
            }
            _ => (Bump::None, "no spec change"),
        };
        let mut next = Version::new(current.major, current.minor, current.patch);
        match bump {
            Bump::None => next = current.clone(),
            Bump::Patch => next.patch += 1,
            Bump::Minor => {
                next.minor += 1;
                next.patch = 0;
            }
            Bump::Major => next = Version::new(current.major + 1, 0, 0),
        }
        Release {
            current: current.clone(),
            next,
            bump,
            reason,
            set: (set != current).then(|| set.clone()),
        }
    }

    /// `0.1.0 → 0.2.0 (minor: breaking changes in a 0.x crate)`, and what
    /// the manifest says when it was bumped already.
    pub fn summary(&self) -> String {
        let needed = match self.bump {
            Bump::None => format!("{} (no release needed: {})", self.current, self.reason),
            bump => format!("{} → {} ({bump}: {})", self.current, self.next, self.reason),
        };
        match &self.set {
            Some(set) if *set >= self.next => format!("{needed}; Cargo.toml sets {set}"),
            Some(set) => format!("{needed}; Cargo.toml sets {set}, too low"),
            None => needed,
        }
    }
}

/// Keep a Changelog's sections, in its order.
const SECTIONS: [&str; 3] = ["Added", "Changed", "Removed"];

/// Which section a change goes in: its action, as data. An item of the
/// API (a type, field, variant, method, parameter, trait impl, feature)
/// added or removed is Added or Removed; any other difference (a type, a
/// serde rule, a limit, a signature) is Changed.
fn section(change: &Change) -> &'static str {
    match (change.action, &change.item) {
        (_, Item::SerdeRule | Item::Limit | Item::Status | Item::Body) => "Changed",
        (Action::Added, _) => "Added",
        (Action::Removed, _) => "Removed",
        (Action::Changed, _) => "Changed",
    }
}

/// The entry for `CHANGELOG.md`, under `## [Unreleased]`: renamed
/// `## [<version>] - <date>` when released.
pub fn changelog(report: &Report, release: &Release) -> String {
    let mut out = format!("## [Unreleased]\n\nNeeds version {}.\n", release.summary());
    for name in SECTIONS {
        let entries: Vec<String> = report
            .changes
            .iter()
            .filter(|c| section(c) == name)
            .map(|c| {
                let mark = match c.class {
                    Class::Breaking => "**Breaking:** ",
                    Class::BreakingAtRunTime => "**Breaking at run time:** ",
                    Class::Compatible => "",
                };
                format!("- {mark}`{}`: {} — {}.\n", c.subject, c.what, c.why)
            })
            .collect();
        if !entries.is_empty() {
            out.push_str(&format!("\n### {name}\n\n{}", entries.concat()));
        }
    }
    if report.changes.is_empty() && !report.without_effect.is_empty() {
        out.push_str("\n### Changed\n\n- Documentation from the spec; the API is unchanged.\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Place, Source};

    fn change(class: Class, (item, action): (Item, Action), what: &str) -> Change {
        Change {
            class,
            place: Place::Method {
                name: "m".to_owned(),
            },
            item,
            action,
            limit: None,
            subject: "method m".to_owned(),
            what: what.to_owned(),
            why: "because".to_owned(),
            source: Source::Spec {
                pointers: Vec::new(),
            },
            old_releases_fail: false,
        }
    }

    const METHOD_REMOVED: (Item, Action) = (Item::Method, Action::Removed);
    const METHOD_ADDED: (Item, Action) = (Item::Method, Action::Added);

    fn report(changes: Vec<Change>, without_effect: &[&str]) -> Report {
        Report {
            changes,
            without_effect: without_effect.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn next(report: &Report, current: &str) -> (String, Bump) {
        let current = Version::parse(current).unwrap();
        let release = Release::of(report, &current, &current);
        (release.next.to_string(), release.bump)
    }

    #[test]
    fn versions_follow_cargos_rules_for_0x_and_1x() {
        let breaking = report(
            vec![change(Class::Breaking, METHOD_REMOVED, "removed (GET /x)")],
            &[],
        );
        let at_run_time = report(
            vec![change(
                Class::BreakingAtRunTime,
                (Item::Parameter, Action::Changed),
                "x",
            )],
            &[],
        );
        let compatible = report(
            vec![change(Class::Compatible, METHOD_ADDED, "added (GET /y)")],
            &[],
        );
        let docs = report(vec![], &["/servers/0/url"]);
        let nothing = report(vec![], &[]);
        let cases = [
            (&breaking, "1.4.2", "2.0.0", Bump::Major),
            (&breaking, "0.4.2", "0.5.0", Bump::Minor),
            (&breaking, "0.0.7", "0.0.8", Bump::Patch),
            (&at_run_time, "1.4.2", "2.0.0", Bump::Major),
            (&at_run_time, "0.4.2", "0.5.0", Bump::Minor),
            (&compatible, "1.4.2", "1.5.0", Bump::Minor),
            (&compatible, "0.4.2", "0.4.3", Bump::Patch),
            (&docs, "1.4.2", "1.4.3", Bump::Patch),
            (&docs, "0.4.2", "0.4.3", Bump::Patch),
            (&nothing, "0.4.2", "0.4.2", Bump::None),
        ];
        for (report, current, expected, bump) in cases {
            assert_eq!(
                next(report, current),
                (expected.to_owned(), bump),
                "{current}: {report:?}"
            );
        }
    }

    #[test]
    fn the_changelog_sorts_changes_into_keep_a_changelog_sections() {
        let report = report(
            vec![
                change(Class::Breaking, METHOD_REMOVED, "removed (DELETE /x)"),
                change(
                    Class::BreakingAtRunTime,
                    (Item::Parameter, Action::Changed),
                    "parameter made required",
                ),
                change(Class::Compatible, METHOD_ADDED, "added (GET /y)"),
                change(
                    Class::Compatible,
                    (Item::Parameter, Action::Added),
                    "optional parameter q (query) added",
                ),
                // A rule removed is a change of the field, not a removal.
                change(
                    Class::Compatible,
                    (Item::SerdeRule, Action::Removed),
                    "serde rule \"omitted when None\" removed",
                ),
            ],
            &[],
        );
        let release = Release::of(
            &report,
            &Version::parse("0.1.0").unwrap(),
            &Version::parse("0.1.0").unwrap(),
        );
        assert_eq!(
            changelog(&report, &release),
            "## [Unreleased]\n\n\
             Needs version 0.1.0 → 0.2.0 (minor: breaking changes in a 0.x crate).\n\
             \n### Added\n\n\
             - `method m`: added (GET /y) — because.\n\
             - `method m`: optional parameter q (query) added — because.\n\
             \n### Changed\n\n\
             - **Breaking at run time:** `method m`: parameter made required — because.\n\
             - `method m`: serde rule \"omitted when None\" removed — because.\n\
             \n### Removed\n\n\
             - **Breaking:** `method m`: removed (DELETE /x) — because.\n"
        );
    }

    #[test]
    fn a_version_already_bumped_is_checked() {
        let breaking = report(
            vec![change(Class::Breaking, METHOD_REMOVED, "removed (GET /x)")],
            &[],
        );
        let v = |s| Version::parse(s).unwrap();
        let summary = |set| Release::of(&breaking, &v("0.4.2"), &v(set)).summary();
        assert_eq!(
            summary("0.5.0"),
            "0.4.2 → 0.5.0 (minor: breaking changes in a 0.x crate); Cargo.toml sets 0.5.0"
        );
        assert_eq!(
            summary("0.4.3"),
            "0.4.2 → 0.5.0 (minor: breaking changes in a 0.x crate); Cargo.toml sets 0.4.3, too low"
        );
        assert_eq!(
            summary("0.4.2"),
            "0.4.2 → 0.5.0 (minor: breaking changes in a 0.x crate)"
        );
    }
}
