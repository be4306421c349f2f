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

/// Every service of `specs/`: a folder of documents (pages, WSDL, settings) read as one.
fn specs() -> Vec<(String, codegen::model::Service)> {
    tests::services_in(&tests::workspace_root().join("specs"))
        .into_iter()
        .map(|(name, documents)| {
            let bytes: Vec<(String, Vec<u8>)> = documents
                .iter()
                .map(|path| (label(path), std::fs::read(path).unwrap()))
                .collect();
            let service = codegen::read_folder(&bytes)
                .unwrap_or_else(|d| panic!("specs/{name} does not read:\n{d}"));
            (name, service)
        })
        .collect()
}

#[test]
fn model_of_every_spec() {
    for (name, service) in specs() {
        insta::assert_snapshot!(format!("spec_model@{name}"), format!("{service:#?}"));
    }
}

#[test]
fn model_of_every_fixture_page() {
    insta::glob!("fixtures/pages", "**/*.*", |path| {
        insta::assert_snapshot!(model(path));
    });
}

#[test]
fn code_of_every_spec() {
    for (name, service) in specs() {
        let code = codegen::module_text(&service).unwrap_or_else(|d| panic!("{d}"));
        insta::assert_snapshot!(format!("spec_code@{name}"), code);
    }
}

#[test]
fn code_of_every_fixture_page() {
    insta::glob!("fixtures/pages", "**/*.*", |path| {
        insta::assert_snapshot!(code(path));
    });
}

#[test]
fn diagnostics_of_every_broken_page() {
    insta::glob!("fixtures/broken", "*.*", |path| {
        let rendered = match read_page(path) {
            Ok(_) => panic!("{} is meant to be broken, yet it reads", label(path)),
            Err(diagnostics) => diagnostics.to_string(),
        };
        insta::assert_snapshot!(rendered);
    });
}

/// WSDL fixtures up to this size get their whole model snapshotted; larger ones a summary.
const WHOLE_MODEL_UP_TO: u64 = 64 * 1024;

/// WSDL fixtures up to this size get their whole code snapshotted; larger ones the list of
/// the items it defines (xWeb's 3.75 MB give half a million lines).
const WHOLE_CODE_UP_TO: u64 = 1024 * 1024;

#[test]
fn model_of_every_wsdl_fixture() {
    for fixture in tests::wsdl_fixtures() {
        let service = fixture
            .read()
            .unwrap_or_else(|d| panic!("{} does not read:\n{d}", fixture.name));
        let text = if fixture.size() <= WHOLE_MODEL_UP_TO {
            format!("{service:#?}")
        } else {
            tests::summary::summary(&service)
        };
        insta::assert_snapshot!(format!("wsdl_model@{}", fixture.name), text);
    }
}

#[test]
fn code_of_every_wsdl_fixture() {
    for fixture in tests::wsdl_fixtures() {
        let service = fixture
            .read()
            .unwrap_or_else(|d| panic!("{} does not read:\n{d}", fixture.name));
        let code = codegen::module_text(&service).unwrap_or_else(|d| panic!("{d}"));
        let text = if fixture.size() <= WHOLE_CODE_UP_TO {
            code
        } else {
            items(&code)
        };
        insta::assert_snapshot!(format!("wsdl_code@{}", fixture.name), text);
    }
}

/// The items a module defines, one per line: their first line, as formatted.
fn items(code: &str) -> String {
    const STARTS: [&str; 5] = [
        "pub struct ",
        "pub enum ",
        "pub type ",
        "pub const ",
        "impl ",
    ];
    let mut out = String::new();
    for line in code.lines() {
        if STARTS.iter().any(|start| line.starts_with(start)) {
            out.push_str(line.trim_end_matches(['{', ' ']));
            out.push('\n');
        }
    }
    out
}
