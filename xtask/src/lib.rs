//! `cargo xtask regen`: reads `specs/`, generates the crate, and writes `generated/` (or, with
//! `--check`, says which files are stale). Nothing is written unless every spec reads.

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use codegen::{Diagnostics, GeneratedFile, ServiceSpec};

/// What `regen` does with the files it generates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Write the files that differ, and remove the ones no spec produces any more.
    Write,
    /// Write nothing; fail if any file differs.
    Check,
}

/// Why `regen` failed.
#[derive(Debug)]
pub enum Error {
    /// A spec does not read; nothing was written.
    Spec(Diagnostics),
    /// `--check` found files that `regen` would change.
    Stale(Vec<String>),
    /// The file system failed us.
    Io(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Spec(diagnostics) => {
                writeln!(f, "{diagnostics}")?;
                write!(f, "\nregen: generated/ was left as it was.")
            }
            Error::Stale(files) => {
                writeln!(
                    f,
                    "generated/ is stale; these files differ from what specs/ produce:"
                )?;
                for file in files {
                    writeln!(f, "  {file}")?;
                }
                write!(f, "run `cargo xtask regen` and commit the result.")
            }
            Error::Io(message) => write!(f, "{message}"),
        }
    }
}

impl std::error::Error for Error {}

/// What `regen` did.
#[derive(Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Files written or removed (in check mode, none).
    pub changed: Vec<String>,
}

/// The workspace `regen` works in, found when it runs, never where it was built: a binary
/// is shared by every checkout that shares a target directory (git worktrees, a global
/// `CARGO_TARGET_DIR`, a CI cache), so a path fixed at compile time would have one checkout
/// read and write another's files. `cargo run` (and so `cargo xtask`) says which package it
/// runs in `CARGO_MANIFEST_DIR`: the workspace is that folder's parent. Run any other way,
/// the workspace is the nearest folder at or above the current one that holds `specs/` and
/// a `Cargo.toml`.
pub fn workspace_root() -> Result<PathBuf, Error> {
    if let Some(manifest_dir) = std::env::var_os("CARGO_MANIFEST_DIR") {
        let manifest_dir = PathBuf::from(manifest_dir);
        if let Some(root) = manifest_dir.parent().filter(|root| is_workspace(root)) {
            return Ok(root.to_path_buf());
        }
    }
    let current = std::env::current_dir()
        .map_err(|e| Error::Io(format!("cannot find the current folder: {e}")))?;
    current
        .ancestors()
        .find(|folder| is_workspace(folder))
        .map(Path::to_path_buf)
        .ok_or_else(|| {
            Error::Io(format!(
                "{} is not in a workspace with specs/ and a Cargo.toml; run `cargo xtask regen` in one",
                current.display()
            ))
        })
}

/// Whether `folder` is a workspace `regen` can work in.
fn is_workspace(folder: &Path) -> bool {
    folder.join("specs").is_dir() && folder.join("Cargo.toml").is_file()
}

/// A change `regen` makes to `generated/`.
enum Change<'a> {
    /// Write this file: it is missing or differs.
    Write(&'a GeneratedFile),
    /// Remove this file (relative to `generated/`): no spec produces it any more.
    Remove(PathBuf),
}

impl Change<'_> {
    fn describe(&self) -> String {
        match self {
            Change::Write(file) => format!("generated/{}", file.path),
            Change::Remove(path) => format!(
                "generated/{} (no spec produces it)",
                path.to_string_lossy().replace('\\', "/")
            ),
        }
    }
}

/// How this workspace's `generated/` is made: called `generated`, depending on the runtime
/// crate beside the generator.
pub fn config() -> codegen::Config {
    codegen::Config::new().runtime(codegen::Runtime::Dependency(
        r#"{ path = "../codegen/runtime" }"#.to_owned(),
    ))
}

/// Regenerates `root/generated` from `root/specs`.
pub fn regen(root: &Path, mode: Mode) -> Result<Outcome, Error> {
    let specs = read_specs(root)?;
    let files = codegen::generate_with(&specs, &config()).map_err(Error::Spec)?;
    let out = root.join("generated");
    let mut changes = Vec::new();
    let mut produced = BTreeSet::new();
    for file in &files {
        produced.insert(PathBuf::from(&file.path));
        let current = fs::read_to_string(out.join(&file.path))
            .ok()
            .map(|text| text.replace("\r\n", "\n"));
        if current.as_deref() != Some(file.contents.as_str()) {
            changes.push(Change::Write(file));
        }
    }
    for existing in files_under(&out).map_err(|e| io_error("read", &out, &e))? {
        let relative = existing
            .strip_prefix(&out)
            .unwrap_or(&existing)
            .to_path_buf();
        if !produced.contains(&relative) {
            changes.push(Change::Remove(relative));
        }
    }
    let changed: Vec<String> = changes.iter().map(Change::describe).collect();
    if mode == Mode::Check {
        return if changed.is_empty() {
            Ok(Outcome { changed })
        } else {
            Err(Error::Stale(changed))
        };
    }
    for change in &changes {
        match change {
            Change::Write(file) => write_file(&out.join(&file.path), &file.contents)?,
            Change::Remove(relative) => {
                let path = out.join(relative);
                fs::remove_file(&path).map_err(|e| io_error("remove", &path, &e))?;
            }
        }
    }
    Ok(Outcome { changed })
}

/// The services of `specs/`: one per folder, its documents (every file in it) sorted by name.
fn read_specs(root: &Path) -> Result<Vec<ServiceSpec>, Error> {
    let specs_dir = root.join("specs");
    let mut folders: Vec<PathBuf> = Vec::new();
    let entries = fs::read_dir(&specs_dir).map_err(|e| io_error("read", &specs_dir, &e))?;
    for entry in entries {
        let path = entry.map_err(|e| io_error("read", &specs_dir, &e))?.path();
        if path.is_dir() {
            folders.push(path);
        } else if path.file_name().is_some_and(|n| n != "README.md") {
            return Err(Error::Io(format!(
                "{}: specs/ holds one folder per service; move this file into one",
                relative(root, &path)
            )));
        }
    }
    folders.sort();
    let mut specs = Vec::new();
    for folder in folders {
        let mut documents = Vec::new();
        let mut paths: Vec<PathBuf> = fs::read_dir(&folder)
            .map_err(|e| io_error("read", &folder, &e))?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<Result<_, _>>()
            .map_err(|e| io_error("read", &folder, &e))?;
        paths.sort();
        for path in paths {
            // Every document of the folder is read, whatever its name ends with: the
            // generator tells each one's family by its content. Hidden files are the file
            // manager's, not the user's.
            let hidden = path
                .file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with('.'));
            if hidden {
                continue;
            }
            if path.is_dir() {
                return Err(Error::Io(format!(
                    "{}: a service's folder holds its documents only; move this folder out",
                    relative(root, &path)
                )));
            }
            let bytes = fs::read(&path).map_err(|e| io_error("read", &path, &e))?;
            documents.push((relative(root, &path), bytes));
        }
        let folder_name = folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        specs.push(ServiceSpec {
            folder: folder_name,
            documents,
        });
    }
    Ok(specs)
}

/// Every file below `dir`, or none if it does not exist.
fn files_under(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    if !dir.exists() {
        return Ok(found);
    }
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current)? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Writes a file through a temporary sibling, so that a failure leaves the old file whole.
fn write_file(path: &Path, contents: &str) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| io_error("create", parent, &e))?;
    }
    let temporary = path.with_extension("regen-tmp");
    fs::write(&temporary, contents).map_err(|e| io_error("write", &temporary, &e))?;
    fs::rename(&temporary, path).map_err(|e| io_error("write", path, &e))
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn io_error(action: &str, path: &Path, error: &io::Error) -> Error {
    Error::Io(format!("cannot {action} {}: {error}", path.display()))
}
