//! The corpus: real documents nobody here wrote, in `../shared/corpus/` beside the checkout
//! (CI has it there), with what each must give as its `README.md` says. The tests read them
//! where they are, never from a copy, so that a document dropped into the corpus is covered
//! without new test code.

use std::path::{Path, PathBuf};

use codegen::model::{BindingKind, Service};

/// The corpus folder, `../shared/corpus` beside the workspace.
pub fn corpus_dir() -> PathBuf {
    let dir = crate::workspace_root().join("../shared/corpus");
    assert!(
        dir.join("README.md").is_file(),
        "the corpus is not at {}: the tests read it from ../shared beside the checkout, as CI \
         has it",
        dir.display()
    );
    dir
}

/// What a corpus document must give.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    /// Code that compiles without warnings and says what the document says.
    Code,
    /// A diagnostic at the place where the document is broken (or can be called by no HTTP
    /// client), for the reason the README gives.
    Refused(String),
}

/// A document of the corpus.
#[derive(Clone, Debug)]
pub struct CorpusDocument {
    /// Its file name (`economic.wsdl`).
    pub file: String,
    /// Where it is.
    pub path: PathBuf,
    /// What its README row says it must give.
    pub expected: Expected,
}

impl CorpusDocument {
    /// The name it is reported under: `corpus/wsdl/economic.wsdl`, the same on every
    /// machine.
    pub fn label(&self, folder: &str) -> String {
        format!("corpus/{folder}/{}", self.file)
    }

    /// Reads it as a service of its own, as a user who put it alone in `specs/<name>/`.
    pub fn read(&self, folder: &str) -> Result<Service, codegen::Diagnostics> {
        let bytes =
            std::fs::read(&self.path).unwrap_or_else(|e| panic!("{}: {e}", self.path.display()));
        codegen::read_folder(&[(self.label(folder), bytes)])
    }

    /// The name of the module it becomes: its file's stem in snake case.
    pub fn module(&self) -> String {
        let stem = Path::new(&self.file)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        codegen::names::field_name(&stem)
    }
}

/// The documents of a folder of the corpus (`wsdl`, `pages`), sorted, each with what the
/// README's table of that folder expects of it. A document the table does not list is
/// expected to give code, as real documents are.
pub fn documents(folder: &str) -> Vec<CorpusDocument> {
    let dir = corpus_dir();
    let readme = std::fs::read_to_string(dir.join("README.md")).expect("the corpus README");
    crate::documents(&dir.join(folder))
        .into_iter()
        .map(|path| {
            let file = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let expected = expectation(&readme, &file);
            CorpusDocument {
                file,
                path,
                expected,
            }
        })
        .collect()
}

/// What the README's row of `file` expects: the last cell of the row whose first cell is
/// the file, `code`, or `broken: …` and `refused: …` with the reason.
fn expectation(readme: &str, file: &str) -> Expected {
    let row = readme.lines().find_map(|line| {
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        (cells.first() == Some(&file)).then_some(cells)
    });
    let Some(cells) = row else {
        return Expected::Code;
    };
    let last = cells.last().copied().unwrap_or("");
    match last.split_once(':') {
        Some((verdict, reason)) if matches!(verdict.trim(), "broken" | "refused") => {
            Expected::Refused(reason.trim().to_owned())
        }
        _ => Expected::Code,
    }
}

/// The binding kinds the WSDL family reads, in the order the table gives them, with the
/// names zeep's counts use.
pub const WSDL_KINDS: [(BindingKind, &str); 4] = [
    (BindingKind::Soap11, "soap11"),
    (BindingKind::Soap12, "soap12"),
    (BindingKind::HttpGet, "httpget"),
    (BindingKind::HttpPost, "httppost"),
];

/// How many of a service's operations a binding of `kind` calls.
pub fn operations_bound(service: &Service, kind: BindingKind) -> usize {
    service
        .operations
        .iter()
        .filter(|op| op.bindings.iter().any(|b| b.kinds().contains(&kind)))
        .count()
}

#[cfg(test)]
mod tests {
    use super::{Expected, expectation};

    #[test]
    fn a_rows_last_cell_says_what_the_document_must_give() {
        let readme = "| file | repository | expected |\n|---|---|---|\n\
                      | a.wsdl | x/y | code |\n\
                      | b.wsdl | x/y | broken: a binding names a message `M` |\n\
                      | c.wsdl | x/y | refused: its one binding runs over named pipes |\n";
        assert_eq!(expectation(readme, "a.wsdl"), Expected::Code);
        assert_eq!(
            expectation(readme, "b.wsdl"),
            Expected::Refused("a binding names a message `M`".into())
        );
        assert!(matches!(
            expectation(readme, "c.wsdl"),
            Expected::Refused(_)
        ));
        assert_eq!(expectation(readme, "d.wsdl"), Expected::Code);
    }
}
