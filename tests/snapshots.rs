//! Snapshots of what the generator makes of every page: its model, its code, and for broken
//! pages the rendered diagnostics. A fixture is a file: a page added under `fixtures/pages` (or
//! a service under `specs`) gets its snapshots without new test code.

use std::path::Path;

use tests::{label, read_page};

fn model(path: &Path) -> String {
    match read_page(path) {
        Ok(service) => format!("{service:#?}"),
        Err(diagnostics) => panic!("{} does not read:\n{diagnostics}", label(path)),
    }
}

fn code(path: &Path) -> String {
    let service = read_page(path).unwrap_or_else(|d| panic!("{} does not read:\n{d}", label(path)));
    codegen::module_text(&service).unwrap_or_else(|d| panic!("{d}"))
}

#[test]
fn model_of_every_spec() {
    insta::glob!("../specs", "*/*.txt", |path| {
        insta::assert_snapshot!(model(path));
    });
}

#[test]
fn model_of_every_fixture_page() {
    insta::glob!("fixtures/pages", "**/*.txt", |path| {
        insta::assert_snapshot!(model(path));
    });
}

#[test]
fn code_of_every_spec() {
    insta::glob!("../specs", "*/*.txt", |path| {
        insta::assert_snapshot!(code(path));
    });
}

#[test]
fn code_of_every_fixture_page() {
    insta::glob!("fixtures/pages", "**/*.txt", |path| {
        insta::assert_snapshot!(code(path));
    });
}

#[test]
fn diagnostics_of_every_broken_page() {
    insta::glob!("fixtures/broken", "**/*.txt", |path| {
        let rendered = match read_page(path) {
            Ok(_) => panic!("{} is meant to be broken, yet it reads", label(path)),
            Err(diagnostics) => diagnostics.to_string(),
        };
        insta::assert_snapshot!(rendered);
    });
}
