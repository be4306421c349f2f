//! The readers: one per family of documents, each lowering a document into the model.
//!
//! [`read_service`] recognises each document's family, reads it, and joins the documents of
//! one service into one [`Service`].

mod asmx_help;
mod datacontract;
mod http_message;
mod json_sample;
mod page;
mod placeholder;
mod secrets;
mod soap_sample;
mod srv_method;
mod table;
mod types;
mod webapi_help;
mod webapi_table;
mod xml_sample;
mod xml_shape;
mod xweb_method;

use crate::diagnostic::{Diagnostics, Problem};
use crate::model::{
    BindingKind, Fact, Family, Operation, Pos, Sample, SampleKind, Service, SourceId, SourceInfo,
};
use crate::source::Source;

use self::http_message::HeaderLine;
use self::page::Page;
use self::types::TypeSet;

/// What a reader gets out of one page.
pub(crate) struct PageRead {
    /// The service's name as the page gives it.
    pub name: Fact<String>,
    /// The host the page shows, if any.
    pub host: Option<Fact<String>>,
    /// The operations the page describes.
    pub operations: Vec<Operation>,
    /// The named types they use.
    pub types: TypeSet,
}

/// The family of a document, by what it contains.
pub fn family(source: &Source) -> Option<Family> {
    let page = Page::new(source);
    if asmx_help::recognizes(&page) {
        Some(Family::AsmxHelp)
    } else if webapi_help::recognizes(&page) {
        Some(Family::WebApiHelp)
    } else if xweb_method::recognizes(&page) {
        Some(Family::XwebMethod)
    } else if srv_method::recognizes(&page) {
        Some(Family::SrvMethod)
    } else {
        None
    }
}

fn read_page(source: &Source, id: SourceId) -> Result<(Family, PageRead), Diagnostics> {
    let page = Page::new(source);
    let Some(first) = page.lines.first() else {
        return Err(source.error(Pos::new(1, 1), Problem::EmptyDocument).into());
    };
    let Some(family) = family(source) else {
        return Err(source
            .error(
                first.pos(),
                Problem::UnknownFamily {
                    first_line: first.text.to_owned(),
                },
            )
            .into());
    };
    let read = match family {
        Family::AsmxHelp => asmx_help::read(&page, id),
        Family::WebApiHelp => webapi_help::read(&page, id),
        Family::XwebMethod => xweb_method::read(&page, id),
        Family::SrvMethod => srv_method::read(&page, id),
    }?;
    Ok((family, read))
}

/// Reads the documents of one service and joins them: operations in document order, types
/// by name (the same type on two pages must have the same shape), one name and one host.
pub fn read_service(sources: &[Source]) -> Result<Service, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut service: Option<Service> = None;
    let mut types = TypeSet::default();
    for (index, source) in sources.iter().enumerate() {
        let id = SourceId(index as u16);
        let (family, read) = match read_page(source, id) {
            Ok(read) => read,
            Err(found) => {
                diagnostics.extend(found);
                continue;
            }
        };
        let info = SourceInfo {
            name: source.name().to_owned(),
            family,
        };
        let Some(joined) = &mut service else {
            types = read.types;
            service = Some(Service {
                name: read.name,
                sources: vec![info],
                host: read.host,
                operations: read.operations,
                types: Vec::new(),
            });
            continue;
        };
        joined.sources.push(info);
        if joined.name.value != read.name.value {
            diagnostics.push(source.error(
                read.name.origin.pos(),
                Problem::Inconsistent {
                    what: format!(
                        "the service name `{}` (another document names `{}`",
                        read.name.value, joined.name.value
                    ) + ")",
                    other: joined.name.origin.pos(),
                },
            ));
        }
        match (&joined.host, read.host) {
            (Some(first), Some(host)) if first.value != host.value => {
                diagnostics.push(source.error(
                    host.origin.pos(),
                    Problem::Inconsistent {
                        what: format!(
                            "the host `{}` (another document shows `{}`)",
                            host.value, first.value
                        ),
                        other: first.origin.pos(),
                    },
                ));
            }
            (None, Some(host)) => joined.host = Some(host),
            _ => {}
        }
        for operation in read.operations {
            if let Some(first) = joined
                .operations
                .iter()
                .find(|o| o.name.value == operation.name.value)
            {
                diagnostics.push(source.error(
                    operation.name.origin.pos(),
                    Problem::Duplicate {
                        what: format!(
                            "the operation `{}` (also in {})",
                            operation.name.value,
                            sources[first.source.0 as usize].name()
                        ),
                        first: first.name.origin.pos(),
                    },
                ));
                continue;
            }
            joined.operations.push(operation);
        }
        for def in read.types.into_vec() {
            let pos = def.name.origin.pos();
            let name = def.name.value.clone();
            if let Err(conflict) = types.add(def, None) {
                let other = sources[conflict.existing.source.0 as usize]
                    .name()
                    .to_owned();
                diagnostics.push(source.error(
                    pos,
                    Problem::ConflictingType {
                        name: name.to_string(),
                        other,
                    },
                ));
            }
        }
    }
    let Some(mut service) = service else {
        return Err(diagnostics);
    };
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    service.types = types.into_vec();
    secrets::mark(&mut service);
    Ok(service)
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
