//! Every type a service names must be one of its types: a name that resolves to nothing is a
//! diagnostic where it stands, never content silently kept raw.

use crate::diagnostic::{Diagnostics, Problem};
use crate::model::{ComplexType, Element, Fact, Message, Particle, Service, TypeKind, TypeUse};
use crate::source::Source;

/// Checks every reference of `service` to a named type.
pub fn check(service: &Service, sources: &[Source]) -> Result<(), Diagnostics> {
    let mut checker = Checker {
        service,
        sources,
        diagnostics: Diagnostics::default(),
    };
    for op in &service.operations {
        checker.message(&op.input);
        checker.message(&op.output);
        for fault in &op.faults {
            checker.element(&fault.detail);
        }
    }
    for def in &service.types {
        match &def.kind {
            TypeKind::Complex(complex) => checker.complex(complex),
            TypeKind::Enumeration(_) => {}
            TypeKind::Restriction(restriction) => checker.use_of(&restriction.base),
            TypeKind::List(list) => checker.use_of(&list.item),
            TypeKind::Union(union) => union.members.iter().for_each(|m| checker.use_of(m)),
        }
    }
    checker.diagnostics.into_result(())
}

struct Checker<'a> {
    service: &'a Service,
    sources: &'a [Source],
    diagnostics: Diagnostics,
}

impl Checker<'_> {
    fn message(&mut self, message: &Message) {
        message.body.iter().for_each(|b| self.element(b));
        message
            .headers
            .iter()
            .for_each(|h| self.element(&h.element));
        message.parameters.iter().for_each(|p| self.element(p));
    }

    fn element(&mut self, element: &Element) {
        self.use_of(&element.ty);
    }

    fn complex(&mut self, complex: &ComplexType) {
        if let Some(base) = &complex.base
            && self.service.find_type(&base.value.base).is_none()
        {
            self.unknown(&base.value.base.to_string(), base.origin.pos());
        }
        self.particles(&complex.sequence);
        for attribute in &complex.attributes {
            self.use_of(&attribute.ty);
        }
        if let Some(text) = &complex.simple_content {
            self.use_of(text);
        }
    }

    fn particles(&mut self, particles: &[Particle]) {
        for particle in particles {
            match particle {
                Particle::Element(element) => self.element(element),
                Particle::Sequence(group) | Particle::Choice(group) | Particle::All(group) => {
                    self.particles(&group.particles);
                }
                Particle::Any(_) => {}
            }
        }
    }

    fn use_of(&mut self, ty: &Fact<TypeUse>) {
        match &ty.value {
            TypeUse::Builtin(_) => {}
            TypeUse::Named(name) => {
                if self.service.find_type(name).is_none() {
                    self.unknown(&name.to_string(), ty.origin.pos());
                }
            }
            TypeUse::Anonymous(complex) => self.complex(complex),
        }
    }

    fn unknown(&mut self, name: &str, pos: crate::model::Pos) {
        let Some(source) = self.sources.get(pos.source.0 as usize) else {
            return;
        };
        self.diagnostics.push(source.error(
            pos,
            Problem::UnknownType {
                text: name.to_owned(),
            },
        ));
    }
}
