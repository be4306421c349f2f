//! The readers: one per family of documents, each lowering a document into the model.
//!
//! [`FAMILIES`] is the one table of what the generator reads: how each family is recognised,
//! how it is read, and what it is called. [`read_service`] recognises each document's family,
//! reads it, and joins the documents of one service into one [`Service`].

mod asmx;
mod page;
mod service;
mod types;
mod vendor;
mod webapi;
mod wsdl;

use crate::diagnostic::{Diagnostics, Problem};
use crate::model::{
    BindingKind, Doc, Fact, Family, Operation, Pos, Sample, SampleKind, Service, SourceId,
    SourceInfo,
};
use crate::source::Source;

use self::page::http_message::HeaderLine;
use self::types::TypeSet;

/// What a reader gets out of one document.
#[derive(Default)]
pub(crate) struct DocumentRead {
    /// The service's name as the document gives it; a schema gives none.
    pub name: Option<Fact<String>>,
    /// The host the document shows, if any.
    pub host: Option<Fact<String>>,
    /// What the document says of the service as a whole.
    pub documentation: Vec<Doc>,
    /// The operations the document describes.
    pub operations: Vec<Operation>,
    /// The named types they use.
    pub types: TypeSet,
}

/// A family of documents: how to tell one, and how to read it.
pub(crate) struct FamilyReader {
    /// The family.
    pub family: Family,
    /// Whether a document is of this family. Cheap: it looks at the document's shape, and
    /// reading confirms.
    pub recognizes: fn(&Source) -> bool,
    /// Reads a document, with the other documents of its folder at hand (a WSDL's imports).
    pub read: fn(&Source, &[Source]) -> Result<DocumentRead, Diagnostics>,
}

/// Every family, in the order they are tried: the XML documents first, whose roots say
/// what they are, then the pages.
const FAMILIES: &[FamilyReader] = &[
    wsdl::FAMILY,
    wsdl::xsd::FAMILY,
    asmx::FAMILY,
    webapi::FAMILY,
    vendor::xweb_method::FAMILY,
    vendor::srv_method::FAMILY,
];

/// The most documents one service may have, its settings included.
pub const MAX_DOCUMENTS: u16 = u16::MAX;

/// The family of a document, by what it contains.
pub fn family(source: &Source) -> Option<Family> {
    reader_of(source).map(|reader| reader.family)
}

fn reader_of(source: &Source) -> Option<&'static FamilyReader> {
    FAMILIES.iter().find(|reader| (reader.recognizes)(source))
}

/// What the families are called, for the message about a document of none of them.
fn family_names() -> Vec<&'static str> {
    FAMILIES.iter().map(|f| f.family.describe()).collect()
}

fn read_document(
    source: &Source,
    folder: &[Source],
) -> Result<(Family, DocumentRead), Diagnostics> {
    let Some(first) = source.each_line().find(|l| !l.is_blank()) else {
        return Err(source.error(Pos::new(1, 1), Problem::EmptyDocument).into());
    };
    let Some(reader) = reader_of(source) else {
        return Err(source
            .error(
                first.pos(),
                Problem::UnknownFamily {
                    first_line: first.text.chars().take(120).collect(),
                    families: family_names(),
                },
            )
            .into());
    };
    let read = (reader.read)(source, folder)?;
    Ok((reader.family, read))
}

/// Reads the documents of one service and joins them (see `join.rs`): schemas first, then
/// pages, operations by name, types by name. Each document becomes the service's source of
/// its index.
pub fn read_service(sources: Vec<Source>) -> Result<Service, Diagnostics> {
    // Positions name their document in 16 bits; one more is kept for the settings.
    if sources.len() >= usize::from(MAX_DOCUMENTS) {
        let first = &sources[0];
        return Err(first
            .error(
                Pos::new(1, 1),
                Problem::TooLarge {
                    what: "the number of documents of one service".to_owned(),
                    limit: format!("{} documents", MAX_DOCUMENTS - 1),
                },
            )
            .into());
    }
    let sources: Vec<Source> = sources
        .into_iter()
        .enumerate()
        .map(|(index, source)| source.with_id(SourceId(index as u16)))
        .collect();
    let mut diagnostics = Diagnostics::default();
    let mut infos = Vec::new();
    let mut families = Vec::new();
    let mut reads = Vec::new();
    for source in &sources {
        match read_document(source, &sources) {
            Ok((family, read)) => {
                infos.push(SourceInfo {
                    name: source.name().to_owned(),
                    family,
                });
                families.push(family);
                reads.push((family, read));
            }
            Err(found) => {
                diagnostics.extend(found);
                // Kept in place, so that every document keeps its id.
                families.push(Family::AsmxHelp);
            }
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let joined = service::join::join(reads, &sources, families)?;
    let Some(name) = joined.name else {
        let first = sources.first();
        return Err(match first {
            Some(source) => source.error(Pos::new(1, 1), Problem::NoOperation).into(),
            None => Diagnostics::default(),
        });
    };
    let mut service = Service {
        name,
        sources: infos,
        host: joined.host,
        documentation: joined.documentation,
        operations: joined.operations,
        types: joined.types,
        rust: Default::default(),
    };
    // An operation no document says how to call would compile into calls that all fail.
    let unbound: Diagnostics = Diagnostics::from_iter(
        service
            .operations
            .iter()
            .filter(|op| op.bindings.is_empty())
            .map(|op| {
                let pos = op.name.origin.pos();
                sources[usize::from(pos.source.0)].error(
                    pos,
                    Problem::NoBinding {
                        operation: op.name.value.clone(),
                    },
                )
            }),
    );
    if !unbound.is_empty() {
        return Err(unbound);
    }
    service::references::check(&service, &sources)?;
    service::secrets::mark(&mut service);
    Ok(service)
}

/// What a service's settings say of it, applied to the service read from its documents
/// (`settings` is the settings file, as a document of the service).
pub fn apply_settings(
    service: &mut Service,
    settings: &crate::settings::Settings,
    source: &Source,
) -> Result<(), Diagnostics> {
    let at = |pos: Pos| Pos {
        source: source.id(),
        ..pos
    };
    for derive in &settings.rust.derives {
        let stated = Fact::stated(derive.name.clone(), at(derive.pos));
        if !service.rust.derives.iter().any(|d| d.value == stated.value) {
            service.rust.derives.push(stated);
        }
    }
    for (builtin, rust) in &settings.rust.types {
        service.rust.types.retain(|(b, _)| b != builtin);
        service
            .rust
            .types
            .push((*builtin, Fact::stated(rust.name.clone(), at(rust.pos))));
    }
    // Credentials first: a member is named as the documents have it, selected or not.
    service::secrets::apply(service, &settings.credentials, source)?;
    match &settings.operations {
        Some(names) => service::select::select(service, names, source),
        None => Ok(()),
    }
}

/// The value of `result`, or `None` with its diagnostics added to `diagnostics`: a reader
/// goes on past a problem that leaves the rest to check, so that one run reports them all.
pub(crate) fn keep<T, E: Into<Diagnostics>>(
    diagnostics: &mut Diagnostics,
    result: Result<T, E>,
) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(found) => {
            diagnostics.extend(found.into());
            None
        }
    }
}

/// A sample of the model from what a page shows.
pub(crate) fn sample_of(
    pos: Pos,
    binding: Option<BindingKind>,
    kind: SampleKind,
    start_line: Option<&str>,
    headers: &[HeaderLine<'_>],
    body: Option<Fact<String>>,
) -> Sample {
    Sample {
        pos,
        binding,
        kind,
        start_line: start_line.map(str::to_owned),
        headers: headers
            .iter()
            .map(|h| (h.name.to_owned(), h.value.to_owned()))
            .collect(),
        body,
    }
}
