//! The corpus of real WSDLs and help pages (`../shared/corpus/`, read where it is) as a new
//! user meets it: each document alone, as if put in `specs/<name>/`, gives what its README
//! row says, code or a diagnostic at its place; a reviewed table says what each WSDL gives
//! (operations per binding kind, types), and zeep's counts of the same documents agree with
//! it; each page's model and code are snapshotted. (`crates.rs` checks the code of every one
//! of them with clippy, `samples.rs` drives each page's samples through its module, and
//! `robustness.rs` re-renders each page.) A document dropped into the corpus is covered by
//! all of this without new test code.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use codegen::model::Service;
use tests::corpus::{self, CorpusDocument, Expected, WSDL_KINDS, operations_bound};

const FOLDER: &str = "wsdl";
const PAGES: &str = "pages";

/// Reads every document of a corpus folder as its README row expects: code (given to
/// `on_code` with the service), or a diagnostic at the document's place, snapshotted.
fn each_as_expected(folder: &str, mut on_code: impl FnMut(&CorpusDocument, &Service, String)) {
    for document in corpus::documents(folder) {
        let label = document.label(folder);
        match (&document.expected, document.read(folder)) {
            (Expected::Code, Ok(service)) => {
                let code =
                    codegen::module_text(&service).unwrap_or_else(|d| panic!("{label}: {d}"));
                on_code(&document, &service, code);
            }
            (Expected::Code, Err(diagnostics)) => {
                panic!("{label} must give code, and does not read:\n{diagnostics}")
            }
            (Expected::Refused(reason), Ok(_)) => {
                panic!("{label} must be refused ({reason}), and it reads")
            }
            (Expected::Refused(_), Err(diagnostics)) => {
                // At its place: the document's own line, never the top of nowhere.
                for diagnostic in &diagnostics.0 {
                    assert_eq!(diagnostic.file, label);
                    assert!(diagnostic.pos.line > 1, "{diagnostic}");
                }
                insta::assert_snapshot!(
                    format!("corpus_diagnostics@{}", document.file),
                    diagnostics.to_string()
                );
            }
        }
    }
}

#[test]
fn every_corpus_wsdl_gives_what_its_row_expects() {
    assert!(corpus::documents(FOLDER).len() >= 27);
    each_as_expected(FOLDER, |_, _, _| {});
}

/// Every page of the corpus as its row expects; the model and the code of each that reads
/// are snapshotted, to be read against the page.
#[test]
fn every_corpus_page_gives_what_its_row_expects() {
    assert!(corpus::documents(PAGES).len() >= 16);
    each_as_expected(PAGES, |document, service, code| {
        insta::assert_snapshot!(
            format!("corpus_page_model@{}", document.file),
            format!("{service:#?}")
        );
        insta::assert_snapshot!(format!("corpus_page_code@{}", document.file), code);
    });
}

/// A page that reads is a service whose every operation can be called: each has a binding,
/// and each binding a way to call it (a Web API action a format whose request the code
/// writes and whose response it reads). Every page the tests know: specs, fixtures, corpus.
#[test]
fn every_operation_of_every_page_that_reads_can_be_called() {
    let mut operations = 0;
    for page in tests::all_pages() {
        let service = tests::read_page(&page).unwrap_or_else(|d| panic!("{d}"));
        for op in &service.operations {
            let kinds: Vec<_> = op.bindings.iter().flat_map(|b| b.kinds()).collect();
            assert!(
                !kinds.is_empty(),
                "{}: `{}` has no way to be called: {:?}",
                tests::label(&page),
                op.name.value,
                op.bindings
            );
            operations += 1;
        }
    }
    assert!(operations > 40, "{operations} operations");
}

/// What the generator reads of a document: its operations in all and per binding kind, and
/// its types; or that it refuses it.
fn row(document: &CorpusDocument) -> (String, Option<BTreeMap<&'static str, usize>>) {
    match document.read(FOLDER) {
        Ok(service) => {
            let counts: BTreeMap<&str, usize> = WSDL_KINDS
                .iter()
                .map(|(kind, name)| (*name, operations_bound(&service, *kind)))
                .collect();
            let text = format!(
                "{} | {} | {} | {} | {} | {} | {}",
                document.file,
                service.operations.len(),
                counts["soap11"],
                counts["soap12"],
                counts["httpget"],
                counts["httppost"],
                service.types.len()
            );
            (text, Some(counts))
        }
        Err(_) => (format!("{} | refused", document.file), None),
    }
}

#[test]
fn the_table_of_what_every_corpus_wsdl_gives() {
    let mut table = String::from(
        "document | operations | SOAP 1.1 | SOAP 1.2 | HTTP GET | HTTP POST | types\n",
    );
    for document in corpus::documents(FOLDER) {
        table.push_str(&row(&document).0);
        table.push('\n');
    }
    insta::assert_snapshot!("corpus_wsdl_table", table);
}

/// zeep's counts of the corpus (`fixtures/corpus/zeep-counts.txt`, and how they were made in
/// `fixtures/corpus/zeep_counts.py`): per document, the operations of each binding kind, or
/// why zeep does not read it.
fn zeep_counts() -> BTreeMap<String, Result<BTreeMap<String, usize>, String>> {
    let path = tests::workspace_root().join("tests/fixtures/corpus/zeep-counts.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut counts: BTreeMap<String, Result<BTreeMap<String, usize>, String>> = BTreeMap::new();
    for line in text.lines() {
        let (file, rest) = line.split_once(' ').expect("a file and what zeep said");
        let entry = counts
            .entry(file.to_owned())
            .or_insert_with(|| Ok(BTreeMap::new()));
        if let Some(reason) = rest.strip_prefix("refused: ") {
            *entry = Err(reason.to_owned());
        } else if rest != "none"
            && let (Ok(found), Some((kind, count))) = (entry, rest.split_once(' '))
        {
            found.insert(kind.to_owned(), count.parse().expect("a count"));
        }
    }
    counts
}

#[test]
fn operations_per_binding_kind_are_those_zeep_finds() {
    let zeep = zeep_counts();
    let mut compared = 0;
    let mut report = String::new();
    for document in corpus::documents(FOLDER) {
        let Some(said) = zeep.get(&document.file) else {
            panic!(
                "zeep has not counted {}: run tests/fixtures/corpus/zeep_counts.py again",
                document.file
            );
        };
        let (_, ours) = row(&document);
        match (said, ours) {
            (Ok(found), Some(ours)) => {
                compared += 1;
                for (kind, count) in &ours {
                    let theirs = found.get(*kind).copied().unwrap_or(0);
                    if theirs != *count {
                        writeln!(
                            report,
                            "{}: {count} operations bound by {kind}, zeep finds {theirs}",
                            document.file
                        )
                        .expect("a string");
                    }
                }
            }
            // Neither reads it (the broken document), or zeep finds nothing it can call (the
            // named pipes' one): the generator's refusal is checked against the README.
            (Ok(found), None) if found.is_empty() => {}
            (Err(_), None) => {}
            (Ok(_), None) => writeln!(report, "{}: zeep reads it, and we refuse it", document.file)
                .expect("a string"),
            // zeep refuses what the generator reads: lxml's stricter XML (a namespace that is
            // no URI), or the SOAP encoding's schema, which zeep fetches and this machine
            // cannot reach. Nothing to compare.
            (Err(_), Some(_)) => {}
        }
    }
    assert!(report.is_empty(), "{report}");
    assert!(compared >= 22, "{compared} documents compared with zeep");
}
