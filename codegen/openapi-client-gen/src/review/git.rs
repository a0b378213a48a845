//! Every git process `cargo xtask diff` runs: the repository's root, the
//! default base, single commands ([`git`], [`file_at`]), and reading a
//! revision's files with one process, `git cat-file --batch`, asked one
//! object at a time (it answers each at once), so a review reads the spec,
//! the crate's folder and every file in it without starting a process per
//! file.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

/// A running `git cat-file --batch` in a repository.
pub struct Objects {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

impl Objects {
    pub fn open(root: &Path) -> Result<Objects, String> {
        let mut child = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot run git: {e}"))?;
        let input = child.stdin.take().expect("piped");
        let output = BufReader::new(child.stdout.take().expect("piped"));
        Ok(Objects {
            child,
            input,
            output,
        })
    }

    /// The object `name` (`REV:path`, `REV^{commit}`): its type and bytes,
    /// or `None` when the repository has no such object.
    fn object(&mut self, name: &str) -> Result<Option<(String, Vec<u8>)>, String> {
        let broken = |e: std::io::Error| format!("cannot talk to git cat-file: {e}");
        writeln!(self.input, "{name}").map_err(broken)?;
        self.input.flush().map_err(broken)?;
        let mut header = String::new();
        self.output.read_line(&mut header).map_err(broken)?;
        let fields: Vec<&str> = header.split_whitespace().collect();
        match fields.as_slice() {
            [_, kind, size] => {
                let size: usize = size
                    .parse()
                    .map_err(|_| format!("git cat-file answered {header:?}"))?;
                let mut bytes = vec![0; size + 1];
                self.output.read_exact(&mut bytes).map_err(broken)?;
                bytes.pop();
                Ok(Some((kind.to_string(), bytes)))
            }
            _ => Ok(None),
        }
    }

    /// Whether `rev` names a commit.
    pub fn has_commit(&mut self, rev: &str) -> Result<bool, String> {
        Ok(self.object(&format!("{rev}^{{commit}}"))?.is_some())
    }

    /// The text of `path` (relative to the repository) at `rev`; `None`
    /// when the revision has no such file.
    pub fn text(&mut self, rev: &str, path: &str) -> Result<Option<String>, String> {
        match self.object(&format!("{rev}:{path}"))? {
            Some((kind, bytes)) if kind == "blob" => String::from_utf8(bytes)
                .map(Some)
                .map_err(|_| format!("{path} at {rev} is not UTF-8")),
            _ => Ok(None),
        }
    }

    /// The entries of folder `path` at `rev`: each name, and whether it is
    /// a folder.
    pub fn entries_in(&mut self, rev: &str, path: &str) -> Result<Vec<(String, bool)>, String> {
        let Some((kind, tree)) = self.object(&format!("{rev}:{path}"))? else {
            return Ok(Vec::new());
        };
        if kind != "tree" {
            return Ok(Vec::new());
        }
        // Entries: `<mode> <name>\0<20-byte id>`; folders have mode 40000.
        let mut entries = Vec::new();
        let mut rest = &tree[..];
        while let Some(nul) = rest.iter().position(|b| *b == 0) {
            let entry = String::from_utf8_lossy(&rest[..nul]);
            if let Some((mode, name)) = entry.split_once(' ') {
                entries.push((name.to_owned(), mode == "40000"));
            }
            rest = rest.get(nul + 21..).unwrap_or_default();
        }
        Ok(entries)
    }
}

impl Drop for Objects {
    fn drop(&mut self) {
        // Done reading: it need not finish what it was asked.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The repository's top folder, as git says it (`git rev-parse
/// --show-toplevel`, which knows worktrees and submodules); `dir` when it
/// is in no repository. The workspace's own root, where the default spec
/// is, is `workspace_files::root()`; this is the repository of a spec
/// given with `--spec`, which may be another.
pub fn repository_root(dir: &Path) -> PathBuf {
    let start = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    git(&start, &["rev-parse", "--show-toplevel"])
        .ok()
        .map(|top| PathBuf::from(top.trim()))
        .and_then(|top| top.canonicalize().ok())
        .unwrap_or(start)
}

/// `git -C DIR ARGS`, its output; or why not.
pub fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).trim().to_owned());
    }
    String::from_utf8(output.stdout).map_err(|_| "git printed something not UTF-8".to_owned())
}

/// A file at a git revision: `git -C DIR show REV:./PATH`, PATH relative
/// to DIR.
pub fn file_at(rev: &str, dir: &Path, path: &str) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["show", &format!("{rev}:./{path}")])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cannot read {path} at {rev}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    String::from_utf8(output.stdout).map_err(|_| format!("{path} at {rev} is not UTF-8"))
}

/// The merge base with `main`, or `HEAD` when on `main` (or when there is no
/// `main`).
pub fn default_base(dir: &Path) -> String {
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
    };
    let on_main = git(&["rev-parse", "--abbrev-ref", "HEAD"]).as_deref() == Some("main");
    match (on_main, git(&["merge-base", "HEAD", "main"])) {
        (false, Some(base)) => base,
        _ => "HEAD".to_owned(),
    }
}
