//! Generated crates as users build them: written into a folder of their own and checked by
//! cargo there, offline, with this workspace's lock file.

use std::fs;
use std::path::Path;
use std::process::Command;

use codegen::{Config, Runtime, ServiceSpec};

use crate::workspace_root;

/// Writes the crate `config` makes of `specs` into `dir`.
pub fn write_crate(dir: &Path, specs: &[ServiceSpec], config: &Config) {
    let files = codegen::generate_with(specs, config).unwrap_or_else(|d| panic!("{d}"));
    for file in files {
        let path = dir.join(&file.path);
        fs::create_dir_all(path.parent().expect("a folder")).expect("writable");
        fs::write(path, file.contents).expect("writable");
    }
}

/// A config that names the crate and depends on this workspace's runtime by path.
pub fn config_named(name: &str) -> Config {
    let runtime = workspace_root().join("codegen/runtime");
    Config::new()
        .crate_name(name)
        .runtime(Runtime::Dependency(format!(
            "{{ path = {:?} }}",
            runtime.to_string_lossy()
        )))
}

/// Makes the generated crate in `dir` a workspace of its own, so that cargo builds it
/// where it stands.
pub fn stand_alone(dir: &Path) {
    let mut manifest = fs::read_to_string(dir.join("Cargo.toml")).expect("written");
    manifest.push_str("\n[workspace]\n");
    fs::write(dir.join("Cargo.toml"), manifest).expect("writable");
}

/// Runs `cargo <command>` in `dir` (offline, quiet, with `features` and the flags), in the
/// target folder `target` (one of its own, as a test target's `CARGO_TARGET_TMPDIR` gives),
/// with this workspace's lock file; panics with what cargo said if it fails.
pub fn cargo(dir: &Path, target: &Path, command: &str, features: &str, flags: Flags<'_>) {
    fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock")).expect("copyable");
    let mut cargo = Command::new(env!("CARGO"));
    cargo
        .args([command, "--offline", "--quiet", "--features", features])
        .current_dir(dir)
        .env("RUSTFLAGS", flags.rustflags)
        .env("RUSTDOCFLAGS", flags.rustdocflags)
        .env("CARGO_TARGET_DIR", target);
    if command == "doc" {
        cargo.arg("--no-deps");
    }
    if !flags.lints.is_empty() {
        cargo.arg("--").args(flags.lints);
    }
    let output = cargo.output().expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo {command} --features {features:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// What `cargo` is run with beside its features.
#[derive(Clone, Copy, Default)]
pub struct Flags<'a> {
    /// `RUSTFLAGS`.
    pub rustflags: &'a str,
    /// Arguments after `--`: clippy's lint levels.
    pub lints: &'a [&'a str],
    /// `RUSTDOCFLAGS`, for `cargo doc` (which documents the crate alone, not its
    /// dependencies).
    pub rustdocflags: &'a str,
}

/// Copies a spec's documents: `specs/<folder>` as cargo xtask regen reads it.
pub fn spec(folder: &str) -> ServiceSpec {
    let dir = workspace_root().join("specs").join(folder);
    let mut documents = Vec::new();
    for path in crate::documents(&dir) {
        let bytes = fs::read(&path).expect("readable");
        documents.push((crate::label(&path), bytes));
    }
    ServiceSpec {
        folder: folder.to_owned(),
        documents,
    }
}
