//! What the workspace tests share: where things are, reading pages as the generator does, and
//! the fixture pages' generated modules, compiled.

use std::path::{Path, PathBuf};

use codegen::model::Family;

pub use files::{documents, files_with, services_in};

/// `crate::runtime`, which generated modules refer to.
pub use generated::runtime;

/// The module of every fixture page, as the generator makes it.
pub mod fixtures {
    include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));
}

pub mod corpus;
mod files;
pub mod generated_crate;
pub mod hierarchies;
pub mod hostile;
pub mod large_pages;
pub mod line_budget;
pub mod loopback;
pub mod many_operations;
pub mod measure;
pub mod misbehaving;
pub mod pki;
pub mod proxy_server;
pub mod raw_http;
pub mod samples;
pub mod scripted;
pub mod srv_logout;
pub mod stand_ins;
pub mod summary;
pub mod via;

/// What reading a response, writing it and reading it again showed.
#[derive(Debug)]
pub struct ResponseCheck {
    /// Whether the second reading gave the value of the first.
    pub read_back_equal: bool,
    /// The value the first reading gave, for messages.
    pub value: String,
    /// The failure the response reports, if any.
    pub failure: Option<String>,
}

/// A page's module, driven by strings: read a message and write it back.
pub struct PageCodec {
    /// The page, as [`label`] names it.
    pub label: &'static str,
    /// Reads a request of an operation and writes it again.
    pub request: fn(
        &str,
        generated::runtime::BindingKind,
        &generated::runtime::Payload,
    ) -> Result<generated::runtime::Payload, String>,
    /// Reads a response of an operation, writes it, and reads that again.
    pub response: fn(
        &str,
        generated::runtime::BindingKind,
        &generated::runtime::Payload,
    ) -> Result<ResponseCheck, String>,
}

include!(concat!(env!("OUT_DIR"), "/codecs.rs"));

/// What a future gives that is ready when first polled: the answer of a test's `Server`,
/// whose methods wait on nothing. A future that waits is a broken test.
pub fn answered<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut context) {
        std::task::Poll::Ready(output) => output,
        std::task::Poll::Pending => panic!("a test server's answer waited on something"),
    }
}

/// A WSDL fixture's module, as a stand-in of its service and as the messages of a client.
pub struct WsdlService {
    /// The fixture (`tests/fixtures/wsdl/warehouse`).
    pub label: &'static str,
    /// Its operations and how each is bound.
    pub operations: &'static [generated::runtime::OperationInfo],
    /// Answers a request by the module's dispatcher and a `Server` that leaves every
    /// operation out: the default behaviour, a fault that says so.
    pub dispatch: fn(
        generated::runtime::http::Request<Vec<u8>>,
    ) -> generated::runtime::http::Response<Vec<u8>>,
    /// Reads a request of an operation and writes it again.
    pub request: fn(
        &str,
        generated::runtime::BindingKind,
        &generated::runtime::Payload,
    ) -> Result<generated::runtime::Payload, String>,
}

include!(concat!(env!("OUT_DIR"), "/wsdl_services.rs"));

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from(".."), Path::to_path_buf)
}

/// A path relative to the workspace root, with `/`, as diagnostics name documents; a
/// document of the corpus beside the checkout as `corpus/pages/…`, the same on every
/// machine.
pub fn label(path: &Path) -> String {
    let shared = workspace_root().join("../shared");
    path.strip_prefix(&shared)
        .or_else(|_| path.strip_prefix(workspace_root()))
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Reads a page as a service of its own, under its workspace-relative name.
pub fn read_page(path: &Path) -> Result<codegen::model::Service, codegen::Diagnostics> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    codegen::read_document(&label(path), &bytes)
}

/// Every page the readers must read: the documents of the specs and the fixture pages that
/// are help or method pages (the families that reach us copied out of a browser), and the
/// corpus's pages that its README expects to give code.
pub fn all_pages() -> Vec<PathBuf> {
    let root = workspace_root();
    let mut documents = documents(&root.join("specs"));
    documents.extend(self::documents(&root.join("tests/fixtures/pages")));
    documents.extend(
        corpus::documents("pages")
            .into_iter()
            .filter(|d| d.expected == corpus::Expected::Code)
            .map(|d| d.path),
    );
    documents.retain(|path| {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let family = codegen::source::Source::from_bytes(label(path), &bytes)
            .ok()
            .and_then(|source| codegen::family(&source));
        matches!(
            family,
            Some(Family::AsmxHelp | Family::WebApiHelp | Family::XwebMethod | Family::SrvMethod)
        )
    });
    documents
}

/// A service of the WSDL fixtures: its name, and its documents.
pub struct WsdlFixture {
    /// The file's stem, or the folder's name.
    pub name: String,
    /// Its documents.
    pub documents: Vec<PathBuf>,
}

impl WsdlFixture {
    /// The documents' total size in bytes.
    pub fn size(&self) -> u64 {
        self.documents
            .iter()
            .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
            .sum()
    }

    /// Reads the documents as one service, under their workspace-relative names.
    pub fn read(&self) -> Result<codegen::model::Service, codegen::Diagnostics> {
        codegen::read_folder(&self.bytes())
    }

    /// The documents under their workspace-relative names, with their bytes.
    pub fn bytes(&self) -> Vec<(String, Vec<u8>)> {
        self.documents
            .iter()
            .map(|path| {
                let bytes =
                    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                (label(path), bytes)
            })
            .collect()
    }
}

/// Every WSDL fixture: each file of `tests/fixtures/wsdl`, and each folder there as one
/// service of several documents.
pub fn wsdl_fixtures() -> Vec<WsdlFixture> {
    services_in(&workspace_root().join("tests/fixtures/wsdl"))
        .into_iter()
        .map(|(name, documents)| WsdlFixture { name, documents })
        .collect()
}
