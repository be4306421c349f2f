//! Walking the model for the types it names: every use of a type in a message, an element, a
//! complex type or a simple type, anonymous types entered. Checking references and selecting
//! what operations reach both walk this way.

use crate::model::{
    ComplexType, Element, Fact, Message, Operation, Particle, QName, TypeKind, TypeUse,
};

/// What a walk meets: a use of a type, or a complex type's base (a name with where it stands).
pub enum Named<'m> {
    /// A type used by an element, attribute, simple content or simple type.
    Use(&'m Fact<TypeUse>),
    /// The base a complex type derives from.
    Base(&'m QName, crate::model::Pos),
}

/// Calls `visit` with every type use and base in an operation's messages and faults.
pub fn operation<'m>(op: &'m Operation, visit: &mut impl FnMut(Named<'m>)) {
    message(&op.input, visit);
    message(&op.output, visit);
    for fault in &op.faults {
        element(&fault.detail, visit);
    }
}

/// Calls `visit` with every type use and base in a message.
pub fn message<'m>(message: &'m Message, visit: &mut impl FnMut(Named<'m>)) {
    let elements = message
        .body
        .iter()
        .chain(message.headers.iter().map(|h| &h.element))
        .chain(&message.parameters);
    for e in elements {
        element(e, visit);
    }
}

/// Calls `visit` with an element's type, and what its anonymous type uses.
pub fn element<'m>(element: &'m Element, visit: &mut impl FnMut(Named<'m>)) {
    type_use(&element.ty, visit);
}

/// Calls `visit` with every type use and base of a named type's definition.
pub fn kind<'m>(kind: &'m TypeKind, visit: &mut impl FnMut(Named<'m>)) {
    match kind {
        TypeKind::Complex(complex) => complex_type(complex, visit),
        TypeKind::Enumeration(_) => {}
        TypeKind::Restriction(restriction) => type_use(&restriction.base, visit),
        TypeKind::List(list) => type_use(&list.item, visit),
        TypeKind::Union(union) => union.members.iter().for_each(|m| type_use(m, visit)),
    }
}

/// Calls `visit` with a complex type's base and every type its content and attributes use.
pub fn complex_type<'m>(complex: &'m ComplexType, visit: &mut impl FnMut(Named<'m>)) {
    if let Some(base) = &complex.base {
        visit(Named::Base(&base.value.base, base.origin.pos()));
    }
    particles(&complex.sequence, visit);
    for attribute in &complex.attributes {
        type_use(&attribute.ty, visit);
    }
    if let Some(text) = &complex.simple_content {
        type_use(text, visit);
    }
}

/// Groups nest no deeper than the schema reader allows, so recursion is bounded.
fn particles<'m>(particles: &'m [Particle], visit: &mut impl FnMut(Named<'m>)) {
    for particle in particles {
        match particle {
            Particle::Element(e) => element(e, visit),
            Particle::Sequence(group) | Particle::Choice(group) | Particle::All(group) => {
                self::particles(&group.particles, visit)
            }
            Particle::Any(_) => {}
        }
    }
}

fn type_use<'m>(ty: &'m Fact<TypeUse>, visit: &mut impl FnMut(Named<'m>)) {
    visit(Named::Use(ty));
    if let TypeUse::Anonymous(complex) = &ty.value {
        complex_type(complex, visit);
    }
}
