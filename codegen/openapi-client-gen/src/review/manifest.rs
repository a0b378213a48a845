//! What the report reads from cargo's files, with a TOML parser: the
//! crate's version and features (`Cargo.toml`), and the versions of the
//! packages the generator is built from (`Cargo.lock`).

use std::collections::{BTreeMap, BTreeSet};

use api_review::surface::hand_written::{Item, ItemKind};
use semver::Version;

fn table(text: &str) -> Result<toml::Table, String> {
    text.parse::<toml::Table>()
        .map_err(|e| e.message().to_owned())
}

/// The `version` of a `Cargo.toml`'s `[package]` table.
pub fn package_version(manifest: &str) -> Result<Version, String> {
    let manifest = table(manifest)?;
    let version = manifest
        .get("package")
        .and_then(|p| p.get("version"))
        .ok_or("no version in [package]")?;
    let version = version
        .as_str()
        .ok_or("[package] version is not a string (a workspace version is not supported)")?;
    Version::parse(version).map_err(|e| format!("version {version:?}: {e}"))
}

/// For each feature of the dependency `package` that the crate's features
/// turn on (`cli = [.., "openapi-client-runtime/schemars"]`), the
/// crate's feature that does (`schemars` → `cli`): an item of the
/// dependency behind `schemars` is one of the crate's behind `cli`.
pub fn dependency_features(manifest: &str, package: &str) -> BTreeMap<String, String> {
    let Ok(manifest) = table(manifest) else {
        return BTreeMap::new();
    };
    let Some(features) = manifest.get("features").and_then(|f| f.as_table()) else {
        return BTreeMap::new();
    };
    let mut out = BTreeMap::new();
    for (name, enables) in features {
        for enabled in enables.as_array().into_iter().flatten() {
            let Some((dependency, feature)) = enabled.as_str().and_then(|e| e.split_once('/'))
            else {
                continue;
            };
            if dependency.trim_end_matches('?') == package {
                out.entry(feature.to_owned())
                    .or_insert_with(|| name.clone());
            }
        }
    }
    out
}

/// The crate's features as items of its public API (`feature mock`, with
/// what it enables as its signature), from `file`'s `[features]`.
pub fn features(manifest: &str, file: &str) -> Result<BTreeMap<String, Item>, String> {
    let manifest = table(manifest)?;
    let Some(features) = manifest.get("features").and_then(|f| f.as_table()) else {
        return Ok(BTreeMap::new());
    };
    Ok(features
        .iter()
        .map(|(name, enables)| {
            let enables: Vec<String> = enables
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(|s| format!("{s:?}")))
                .collect();
            (
                format!("feature {name}"),
                Item {
                    kind: ItemKind::Feature,
                    signature: format!("{name} = [{}]", enables.join(", ")),
                    file: file.to_owned(),
                    exported_by: None,
                    feature: None,
                    open: false,
                    provided: false,
                },
            )
        })
        .collect())
}

/// The packages of a `Cargo.lock`, name → versions.
fn packages(lock: &toml::Table) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for package in lock
        .get("package")
        .and_then(|p| p.as_array())
        .into_iter()
        .flatten()
    {
        if let (Some(name), Some(version)) = (
            package.get("name").and_then(|n| n.as_str()),
            package.get("version").and_then(|v| v.as_str()),
        ) {
            out.entry(name.to_owned())
                .or_default()
                .insert(version.to_owned());
        }
    }
    out
}

/// The packages `root` depends on, directly or not, in a `Cargo.lock`
/// (its `dependencies` entries are `name` or `name version`).
fn dependency_tree(lock: &toml::Table, root: &str) -> BTreeSet<String> {
    let mut edges: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for package in lock
        .get("package")
        .and_then(|p| p.as_array())
        .into_iter()
        .flatten()
    {
        let Some(name) = package.get("name").and_then(|n| n.as_str()) else {
            continue;
        };
        let deps = package
            .get("dependencies")
            .and_then(|d| d.as_array())
            .into_iter()
            .flatten()
            .filter_map(|d| d.as_str()?.split(' ').next());
        edges.entry(name).or_default().extend(deps);
    }
    let mut seen = BTreeSet::new();
    let mut pending = vec![root];
    while let Some(name) = pending.pop() {
        if seen.insert(name.to_owned()) {
            pending.extend(edges.get(name).into_iter().flatten());
        }
    }
    seen
}

/// The packages of `root`'s dependency tree whose versions differ between
/// two `Cargo.lock`s: `progenitor-impl 0.15.0 → 0.15.1`.
pub fn changed_packages(old: &str, new: &str, root: &str) -> Result<Vec<String>, String> {
    let (old, new) = (table(old)?, table(new)?);
    let tree: BTreeSet<String> = dependency_tree(&old, root)
        .union(&dependency_tree(&new, root))
        .cloned()
        .collect();
    let (was, now) = (packages(&old), packages(&new));
    let versions = |map: &BTreeMap<String, BTreeSet<String>>, name: &str| {
        map.get(name)
            .map(|v| v.iter().cloned().collect::<Vec<_>>().join(", "))
            .unwrap_or_else(|| "none".to_owned())
    };
    Ok(tree
        .iter()
        .filter(|name| name.as_str() != root && was.get(*name) != now.get(*name))
        .map(|name| format!("{name} {} → {}", versions(&was, name), versions(&now, name)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dependencys_feature_is_named_by_the_feature_that_turns_it_on() {
        let manifest = "[features]\n\
                        cli = [\"dep:clap\", \"openapi-client-runtime/schemars\"]\n\
                        mock = [\"dep:httpmock\", \"other/schemars\", \"openapi-client-runtime?/x\"]\n";
        let through = dependency_features(manifest, "openapi-client-runtime");
        assert_eq!(
            through.into_iter().collect::<Vec<_>>(),
            [
                ("schemars".to_owned(), "cli".to_owned()),
                ("x".to_owned(), "mock".to_owned())
            ]
        );
    }

    #[test]
    fn the_package_version_is_read_from_the_package_table() {
        let manifest = "[workspace.package]\nversion = \"9.9.9\"\n\n[package]\nname = \"x\"\nversion = \"0.3.1\"\n\n[dependencies]\nversion = \"1\"\n";
        assert_eq!(package_version(manifest), Ok(Version::new(0, 3, 1)));
        assert!(package_version("[package]\nname = \"x\"\n").is_err());
        assert!(package_version("[package\n").is_err());
    }

    #[test]
    fn features_are_items() {
        let items = features(
            "[features]\nmock = [\"dep:httpmock\"]\ncli = []\n",
            "Cargo.toml",
        )
        .unwrap();
        assert_eq!(items["feature mock"].signature, "mock = [\"dep:httpmock\"]");
        assert_eq!(items["feature cli"].signature, "cli = []");
    }

    #[test]
    fn only_the_generators_packages_are_named() {
        let lock = |progenitor: &str, other: &str| {
            format!(
                "version = 4\n\
                 [[package]]\nname = \"codegen\"\nversion = \"0.1.0\"\ndependencies = [\"progenitor\"]\n\
                 [[package]]\nname = \"progenitor\"\nversion = \"{progenitor}\"\n\
                 [[package]]\nname = \"unrelated\"\nversion = \"{other}\"\n"
            )
        };
        assert_eq!(
            changed_packages(
                &lock("0.15.0", "1.0.0"),
                &lock("0.15.1", "2.0.0"),
                "codegen"
            ),
            Ok(vec!["progenitor 0.15.0 → 0.15.1".to_owned()])
        );
    }
}
