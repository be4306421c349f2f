//! Joining the documents of one service: a vendor's WSDL beside its method pages, a page per
//! operation, a WSDL and the schemas it imports.
//!
//! Schemas (WSDL and XSD) are joined first: they state the messages and types, where a page
//! infers them from samples. Operations are joined by name. Of an operation several documents
//! describe, the first's messages stand; the others add what only they know (documentation,
//! samples, error codes, cookie fallbacks, bindings of their own, such as xWeb's JSON methods).
//! A fact one document states fills the same fact another only inferred (a page's inferred
//! SOAP action gives way to the WSDL's); two documents that state different values for the
//! same fact are an error that shows both places. A type a schema defines stands; a page's
//! type of the same name, inferred from a sample, gives way to it.

use crate::diagnostic::{Diagnostics, Problem};
use crate::model::{Binding, Doc, Fact, Family, Operation, Origin, Pos, SourceId, TypeDef};
use crate::read::DocumentRead;
use crate::read::types::{TypeSet, same_shape};
use crate::source::Source;

/// What the documents of a service say together.
pub(crate) struct Joined {
    /// The service's name: a schema's, else the first page's.
    pub name: Option<Fact<String>>,
    /// The host.
    pub host: Option<Fact<String>>,
    /// What the documents say of the service as a whole.
    pub documentation: Vec<Doc>,
    /// The operations.
    pub operations: Vec<Operation>,
    /// The named types.
    pub types: Vec<TypeDef>,
}

/// Whether a family states messages and types rather than inferring them.
fn is_schema(family: Family) -> bool {
    matches!(family, Family::Wsdl | Family::Xsd)
}

/// Joins what each document read (with its family, in document order; `families` gives
/// every document's family by its place).
pub(crate) fn join(
    reads: Vec<(Family, DocumentRead)>,
    sources: &[Source],
    families: Vec<Family>,
) -> Result<Joined, Diagnostics> {
    let mut joining = Joining {
        ctx: Context { sources, families },
        diagnostics: Diagnostics::default(),
        name: None,
        host: None,
        documentation: Vec::new(),
        operations: Vec::new(),
        types: TypeSet::default(),
    };
    // Schemas first, each group in document order.
    let (schemas, pages): (Vec<_>, Vec<_>) = reads.into_iter().partition(|(f, _)| is_schema(*f));
    for (family, read) in schemas.into_iter().chain(pages) {
        joining.document(family, read);
    }
    let Joining {
        diagnostics,
        name,
        host,
        documentation,
        operations,
        types,
        ..
    } = joining;
    diagnostics.into_result(Joined {
        name: name.map(|(name, _)| name),
        host,
        documentation,
        operations,
        types: types.into_vec(),
    })
}

/// What joining consults: the documents and their families.
struct Context<'s> {
    sources: &'s [Source],
    families: Vec<Family>,
}

struct Joining<'s> {
    ctx: Context<'s>,
    diagnostics: Diagnostics,
    /// The name, with the family of the document that gave it.
    name: Option<(Fact<String>, Family)>,
    host: Option<Fact<String>>,
    documentation: Vec<Doc>,
    operations: Vec<Operation>,
    types: TypeSet,
}

impl Context<'_> {
    fn source(&self, pos: Pos) -> &Source {
        &self.sources[usize::from(pos.source.0)]
    }

    fn family(&self, source: SourceId) -> Family {
        self.families[usize::from(source.0)]
    }

    /// The error that `stated` contradicts `first`, shown at both places.
    fn contradiction(&self, diagnostics: &mut Diagnostics, what: String, stated: Pos, first: Pos) {
        let diagnostic = self
            .source(stated)
            .error(stated, Problem::Inconsistent { what, other: first });
        let diagnostic = if first.source == stated.source {
            diagnostic
        } else {
            diagnostic.with_related(self.source(first).related(first, "the other statement"))
        };
        diagnostics.push(diagnostic);
    }

    /// One fact from two documents: a stated value beats an inferred one; two values
    /// different documents state must agree.
    fn fact<T: PartialEq + Clone>(
        &self,
        diagnostics: &mut Diagnostics,
        first: Option<Fact<T>>,
        other: Fact<T>,
        what: String,
    ) -> Option<Fact<T>> {
        let Some(first) = first else {
            return Some(other);
        };
        match (&first.origin, &other.origin) {
            (Origin::Inferred { .. }, Origin::Stated(_)) => Some(other),
            (Origin::Stated(first_pos), Origin::Stated(pos))
                if first.value != other.value && first_pos.source != pos.source =>
            {
                self.contradiction(diagnostics, what, *pos, *first_pos);
                Some(first)
            }
            _ => Some(first),
        }
    }

    /// Joins `other`, a later document's description of `first`'s operation, into `first`.
    fn operation(&self, diagnostics: &mut Diagnostics, first: &mut Operation, other: Operation) {
        if !is_schema(self.family(first.source)) && !is_schema(self.family(other.source)) {
            // Two pages of one operation: which one's messages stand is anybody's guess.
            let what = format!(
                "the operation `{}` (also in {})",
                other.key(),
                self.sources[usize::from(first.source.0)].name()
            );
            let pos = other.name.origin.pos();
            let first_pos = first.name.origin.pos();
            let diagnostic = self.source(pos).error(
                pos,
                Problem::Duplicate {
                    what,
                    first: first_pos,
                },
            );
            let diagnostic = if first_pos.source == pos.source {
                diagnostic
            } else {
                diagnostic.with_related(
                    self.source(first_pos)
                        .related(first_pos, "where it stood first"),
                )
            };
            diagnostics.push(diagnostic);
            return;
        }
        let key = first.key().to_owned();
        for doc in other.documentation {
            if !first.documentation.iter().any(|d| d.text == doc.text) {
                first.documentation.push(doc);
            }
        }
        for fault in other.faults {
            if !first
                .faults
                .iter()
                .any(|f| f.name.value == fault.name.value)
            {
                first.faults.push(fault);
            }
        }
        first.error_codes.extend(other.error_codes);
        if first.outcome.is_none() {
            first.outcome = other.outcome;
        }
        first.cookies.extend(other.cookies);
        first.samples.extend(other.samples);
        for binding in other.bindings {
            match first
                .bindings
                .iter_mut()
                .find(|b| b.kinds() == binding.kinds())
            {
                Some(same) => self.binding(diagnostics, &key, same, binding),
                None => first.bindings.push(binding),
            }
        }
    }

    /// Joins a binding of the same kinds from a later document into `first`.
    fn binding(
        &self,
        diagnostics: &mut Diagnostics,
        operation: &str,
        first: &mut Binding,
        other: Binding,
    ) {
        match (first, other) {
            (Binding::Soap(first), Binding::Soap(other)) => {
                let what = format!("the SOAP action `{}` of `{operation}`", other.action.value);
                if let Some(action) =
                    self.fact(diagnostics, Some(first.action.clone()), other.action, what)
                {
                    first.action = action;
                }
                if let Some(path) = other.path {
                    let what = format!("the SOAP endpoint `{}` of `{operation}`", path.value);
                    first.path = self.fact(diagnostics, first.path.clone(), path, what);
                }
            }
            (Binding::Http(first), Binding::Http(other)) => {
                let what = format!("the path `{}` of `{operation}`", other.path.value);
                if let Some(path) =
                    self.fact(diagnostics, Some(first.path.clone()), other.path, what)
                {
                    first.path = path;
                }
            }
            (Binding::Json(first), Binding::Json(other)) => {
                let what = format!("the path `{}` of `{operation}`", other.path.value);
                if let Some(path) =
                    self.fact(diagnostics, Some(first.path.clone()), other.path, what)
                {
                    first.path = path;
                }
            }
            (Binding::WebApi(first), Binding::WebApi(other)) => {
                let what = format!("the route `{}` of `{operation}`", other.route.value);
                if let Some(route) =
                    self.fact(diagnostics, Some(first.route.clone()), other.route, what)
                {
                    first.route = route;
                }
            }
            _ => {}
        }
    }
}

impl Joining<'_> {
    fn document(&mut self, family: Family, read: DocumentRead) {
        if let Some(name) = read.name {
            match &self.name {
                None => self.name = Some((name, family)),
                // A page's title (`xWEB`) is not the name a WSDL gives the service
                // (`netForumXML`): only documents of one kind contradict each other.
                Some((first, first_family))
                    if first.value != name.value
                        && is_schema(*first_family) == is_schema(family) =>
                {
                    let what = format!(
                        "the service name `{}` (another document names `{}`)",
                        name.value, first.value
                    );
                    let (stated, first) = (name.origin.pos(), first.origin.pos());
                    self.ctx
                        .contradiction(&mut self.diagnostics, what, stated, first);
                }
                Some(_) => {}
            }
        }
        if let Some(host) = read.host {
            let what = format!("the host `{}`", host.value);
            self.host = self
                .ctx
                .fact(&mut self.diagnostics, self.host.take(), host, what);
        }
        for doc in read.documentation {
            if !self.documentation.iter().any(|d| d.text == doc.text) {
                self.documentation.push(doc);
            }
        }
        // Operations are joined across documents: those of one document are told apart by
        // its reader already.
        for operation in read.operations {
            match self
                .operations
                .iter_mut()
                .find(|o| o.source != operation.source && o.key() == operation.key())
            {
                Some(first) => self.ctx.operation(&mut self.diagnostics, first, operation),
                None => self.operations.push(operation),
            }
        }
        for def in read.types.into_vec() {
            self.type_def(def);
        }
    }

    /// A type from a later document: the same shape is the same type; a schema's definition
    /// stands against a page's inferred one; two definitions of one kind must agree.
    fn type_def(&mut self, def: TypeDef) {
        let family = self.ctx.family(def.source);
        let Some(existing) = self.types.get(&def.name.value) else {
            let _ = self.types.add(def, None);
            return;
        };
        if same_shape(existing, &def) {
            return;
        }
        match (
            is_schema(self.ctx.family(existing.source)),
            is_schema(family),
        ) {
            // The schema's stands; the page's gives way.
            (true, false) => {}
            (false, true) => {
                if let Some(slot) = self.types.get_mut(&def.name.value) {
                    *slot = def;
                }
            }
            _ => {
                let other = self.ctx.sources[usize::from(existing.source.0)]
                    .name()
                    .to_owned();
                let pos = def.name.origin.pos();
                let diagnostic = self.ctx.source(pos).error(
                    pos,
                    Problem::ConflictingType {
                        name: def.name.value.to_string(),
                        other,
                    },
                );
                self.diagnostics.push(diagnostic);
            }
        }
    }
}
