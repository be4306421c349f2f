//! Finding the documents below a folder; shared by the build script and the tests.

use std::path::{Path, PathBuf};

/// Every file with extension `ext` below `dir`, sorted. A folder that cannot be read panics
/// with its path: a test or a build that silently found no pages would check nothing.
pub fn files_with(dir: &Path, ext: &str) -> Vec<PathBuf> {
    documents(dir)
        .into_iter()
        .filter(|path| path.extension().is_some_and(|e| e == ext))
        .collect()
}

/// Every document below `dir`, whatever its name ends with, sorted: hidden files and
/// `README.md` files, which describe the fixtures, aside.
pub fn documents(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries =
            std::fs::read_dir(&current).unwrap_or_else(|e| panic!("{}: {e}", current.display()));
        for entry in entries {
            let path = entry
                .unwrap_or_else(|e| panic!("{}: {e}", current.display()))
                .path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.starts_with('.') || name == "README.md" {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The services of a folder of fixtures: each file directly in it is a service of its own,
/// and each folder in it a service of the documents it holds. Sorted by name.
pub fn services_in(dir: &Path) -> Vec<(String, Vec<PathBuf>)> {
    let mut services = Vec::new();
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') || name == "README.md" {
            continue;
        }
        if path.is_dir() {
            services.push((name, documents(&path)));
        } else {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            services.push((stem, vec![path]));
        }
    }
    services.sort();
    services
}
