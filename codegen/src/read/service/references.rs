//! Every type a service names must be one of its types: a name that resolves to nothing is a
//! diagnostic where it stands, never content silently kept raw.

use crate::diagnostic::{Diagnostics, Problem};
use crate::model::walk::{self, Named};
use crate::model::{Pos, Service, TypeUse};
use crate::source::Source;

/// Checks every reference of `service` to a named type.
pub fn check(service: &Service, sources: &[Source]) -> Result<(), Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut visit = |named: Named<'_>| {
        let (name, pos) = match named {
            Named::Use(ty) => match &ty.value {
                TypeUse::Named(name) => (name, ty.origin.pos()),
                _ => return,
            },
            Named::Base(name, pos) => (name, pos),
        };
        if service.find_type(name).is_none() {
            diagnostics.extend(unknown(sources, &name.to_string(), pos));
        }
    };
    for op in &service.operations {
        walk::operation(op, &mut visit);
    }
    for def in &service.types {
        walk::kind(&def.kind, &mut visit);
    }
    diagnostics.into_result(())
}

fn unknown(sources: &[Source], name: &str, pos: Pos) -> Diagnostics {
    match sources.get(pos.source.0 as usize) {
        Some(source) => source
            .error(
                pos,
                Problem::UnknownType {
                    text: name.to_owned(),
                },
            )
            .into(),
        None => Diagnostics::default(),
    }
}
