//! Compiles the modules the generator makes of the fixture pages into this crate, so that the
//! generated code of every page, not only of `specs/`, is checked by the compiler.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let pages = manifest.join("fixtures/pages");
    println!("cargo:rerun-if-changed={}", pages.display());
    let mut out = String::new();
    for path in pages_under(&pages) {
        println!("cargo:rerun-if-changed={}", path.display());
        let relative = path.strip_prefix(&pages).unwrap_or(&path);
        let label = format!("tests/fixtures/pages/{}", relative.display());
        let bytes = std::fs::read(&path).expect("fixture pages are readable");
        let service = codegen::read_document(&label, &bytes)
            .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
        let text =
            codegen::module_text(&service).unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
        let module = fixture_module(relative);
        // A module's own documentation cannot stand inside `include!`; it is not what is tested.
        let body: String = text
            .lines()
            .filter(|line| !line.starts_with("//!") && !line.starts_with("// @generated"))
            .map(|line| format!("{line}\n"))
            .collect();
        writeln!(
            out,
            "/// Generated from `{label}`.\npub mod {module} {{\n{body}}}"
        )
        .expect("writing to a string");
    }
    let target =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it")).join("fixtures.rs");
    std::fs::write(target, out).expect("OUT_DIR is writable");
}

/// The module name of a fixture page: `asmx/BookingService.GetBookingStatus.txt` →
/// `asmx_booking_service_get_booking_status`.
fn fixture_module(relative: &Path) -> String {
    let stem = relative.with_extension("");
    codegen::names::field_name(&stem.to_string_lossy())
}

fn pages_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}
