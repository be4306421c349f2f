//! The generator: reads help pages of legacy .NET web services into one service model, and
//! emits a typed Rust crate from it.
//!
//! It is a pure library: it takes documents as bytes and returns text; only its callers
//! (`cargo xtask regen`, or a user's build script) touch the file system.
//!
//! The pipeline has three steps. Readers (one per family of documents) lower each document
//! into the [`model`]; the documents of one service are joined into one
//! [`Service`](model::Service); the emitter turns each service into a module of the
//! generated crate. Problems come back as [`Diagnostics`], each with the document, line and
//! column it is about.

// Diagnostics are the error path, built once per problem found in a document: their size
// costs nothing that matters, and boxing them would clutter every reader's signatures.
#![allow(clippy::result_large_err)]

pub mod config;
pub mod diagnostic;
mod emit;
pub mod model;
pub mod names;
mod read;
pub mod settings;
pub mod source;

pub use config::{Config, Runtime};
pub use diagnostic::{Diagnostic, Diagnostics, Problem, Related};
pub use emit::GeneratedFile;
pub use read::{family, read_service};

use model::{Pos, Service};
use source::Source;

/// The documents of one service: a folder of `specs/`, whose name becomes the module's.
#[derive(Clone, Debug)]
pub struct ServiceSpec {
    /// The folder's name (`sejour`).
    pub folder: String,
    /// The documents: the path they are reported under, and their bytes.
    pub documents: Vec<(String, Vec<u8>)>,
}

/// Reads one document as a service of its own.
pub fn read_document(path: &str, bytes: &[u8]) -> Result<Service, Diagnostics> {
    let source = Source::from_bytes(path, bytes)?;
    read_service(vec![source])
}

/// Reads the documents of one service folder: each as its family says, joined into one
/// service. A document may refer to others of the folder (a WSDL's imported schemas). A file
/// named `service.toml` is the service's [settings](settings), not a document.
pub fn read_folder(documents: &[(String, Vec<u8>)]) -> Result<Service, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut sources = Vec::new();
    let mut settings_source = None;
    for (path, bytes) in documents {
        match Source::from_bytes(path.clone(), bytes) {
            Ok(source) if is_settings(path) => settings_source = Some(source),
            Ok(source) => sources.push(source),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    // A document that is no text leaves the others incomplete: they are not read then.
    let unreadable = !diagnostics.is_empty();
    let settings = settings_source.as_ref().map(|source| {
        let (settings, found) = settings::Settings::read(source);
        diagnostics.extend(found);
        settings
    });
    if unreadable {
        return Err(diagnostics);
    }
    if sources.is_empty() {
        let file = documents
            .first()
            .map_or_else(String::new, |(path, _)| path.clone());
        diagnostics.push(Diagnostic {
            file,
            pos: Pos::new(1, 1),
            problem: Problem::NoDocument,
            line_text: String::new(),
            line_from: 1,
            related: Vec::new(),
        });
        return Err(diagnostics);
    }
    // The documents are read even when the settings have problems, so that one run reports
    // the problems of both.
    let mut service = match read_service(sources) {
        Ok(service) => service,
        Err(found) => {
            diagnostics.extend(found);
            return Err(diagnostics);
        }
    };
    if let (Some(source), Some(settings)) = (settings_source, settings) {
        // `read_service` refuses as many documents as would leave no id for the settings.
        let source = source.with_id(model::SourceId(service.sources.len() as u16));
        service.sources.push(model::SourceInfo {
            name: source.name().to_owned(),
            family: model::Family::Settings,
        });
        if let Err(found) = read::apply_settings(&mut service, &settings, &source) {
            diagnostics.extend(found);
        }
    }
    diagnostics.into_result(service)
}

/// Whether a document's path names the settings file.
fn is_settings(path: &str) -> bool {
    path.rsplit(['/', '\\']).next() == Some(settings::FILE_NAME)
}

/// The module a service becomes, formatted, as `generated/` holds it.
pub fn module_text(service: &Service) -> Result<String, Diagnostics> {
    emit::module_text(service).map_err(|error| internal(service, &error))
}

/// The generated crate's files for the services of `specs`, with the default [`Config`], or
/// every problem found in them. Nothing is returned unless every document reads.
pub fn generate(specs: &[ServiceSpec]) -> Result<Vec<GeneratedFile>, Diagnostics> {
    generate_with(specs, &Config::default())
}

/// The generated crate's files for the services of `specs`, made as `config` says, or every
/// problem found in them. Nothing is returned unless every document reads.
pub fn generate_with(
    specs: &[ServiceSpec],
    config: &Config,
) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut services = Vec::new();
    let mut modules: Vec<(&str, String)> = Vec::new();
    for spec in specs {
        let Some(module) = names::module_name(&spec.folder) else {
            diagnostics.push(Diagnostic {
                file: spec.folder.clone(),
                pos: Pos::new(1, 1),
                problem: Problem::BadModuleName {
                    name: spec.folder.clone(),
                },
                line_text: spec.folder.clone(),
                line_from: 1,
                related: Vec::new(),
            });
            continue;
        };
        if let Some((other, _)) = modules.iter().find(|(_, m)| *m == module) {
            diagnostics.push(Diagnostic {
                file: spec.folder.clone(),
                pos: Pos::new(1, 1),
                problem: Problem::Duplicate {
                    what: format!("the module `{module}` (from the folder `{other}`)"),
                    first: Pos::new(1, 1),
                },
                line_text: spec.folder.clone(),
                line_from: 1,
                related: Vec::new(),
            });
            continue;
        }
        modules.push((&spec.folder, module.clone()));
        if spec.documents.iter().all(|(path, _)| is_settings(path)) {
            diagnostics.push(Diagnostic {
                file: spec.folder.clone(),
                pos: Pos::new(1, 1),
                problem: Problem::NoDocument,
                line_text: spec.folder.clone(),
                line_from: 1,
                related: Vec::new(),
            });
            continue;
        }
        match read_folder(&spec.documents) {
            Ok(mut service) => {
                with_config(&mut service, config);
                services.push((module, service));
            }
            Err(found) => diagnostics.extend(found),
        }
    }
    diagnostics.extend(check_config(config));
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    services.sort_by(|a, b| a.0.cmp(&b.0));
    // An internal error is reported with the documents of the module it arose in; one in
    // the crate's root, with every service's.
    emit::crate_files(&services, config).map_err(|(at, error)| match at {
        Some(index) => internal(&services[index].1, &error),
        None => services
            .iter()
            .flat_map(|(_, service)| internal(service, &error).0)
            .collect(),
    })
}

/// The config's derives and types under the service's own: its derives come first, and a
/// type the service names for a built-in stands over the config's.
fn with_config(service: &mut Service, config: &Config) {
    let stated = |value: &str| model::Fact::stated(value.to_owned(), Pos::new(1, 1));
    let mut derives: Vec<model::Fact<String>> =
        config.derives().iter().map(|d| stated(d)).collect();
    for derive in std::mem::take(&mut service.rust.derives) {
        if !derives.iter().any(|d| d.value == derive.value) {
            derives.push(derive);
        }
    }
    service.rust.derives = derives;
    for (xsd, rust) in config.types() {
        if let Some(builtin) = model::Builtin::from_xsd_name(xsd)
            && service.rust.type_for(builtin).is_none()
        {
            service.rust.types.push((builtin, stated(rust)));
        }
    }
}

/// What is wrong with a config: derives that are no paths, types that are none, built-ins
/// that do not exist.
fn check_config(config: &Config) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    let mut refuse = |problem: Problem| {
        diagnostics.push(Diagnostic {
            file: "codegen::Config".to_owned(),
            pos: Pos::new(1, 1),
            problem,
            line_text: String::new(),
            line_from: 1,
            related: Vec::new(),
        });
    };
    for derive in config.derives() {
        if syn::parse_str::<syn::Path>(derive).is_err() {
            refuse(Problem::SettingType {
                key: format!("derive `{derive}`"),
                expected: "the path of a derive",
            });
        }
    }
    for (xsd, rust) in config.types() {
        if model::Builtin::from_xsd_name(xsd).is_none() {
            refuse(Problem::UnknownType { text: xsd.clone() });
        }
        if syn::parse_str::<syn::Type>(rust).is_err() {
            refuse(Problem::SettingType {
                key: format!("type for `{xsd}`"),
                expected: "a Rust type",
            });
        }
    }
    if names::module_name(&config.name().replace('-', "_")).is_none() {
        refuse(Problem::BadModuleName {
            name: config.name().to_owned(),
        });
    }
    diagnostics
}

fn internal(service: &Service, error: &syn::Error) -> Diagnostics {
    Diagnostic {
        file: service
            .sources
            .first()
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        pos: Pos::new(1, 1),
        problem: Problem::Internal {
            message: error.to_string(),
        },
        line_text: String::new(),
        line_from: 1,
        related: Vec::new(),
    }
    .into()
}
