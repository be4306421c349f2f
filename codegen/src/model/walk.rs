//! Walking the model for the types it names: every use of a type in a message, an element, a
//! complex type or a simple type, anonymous types entered. Checking references and selecting
//! what operations reach both walk this way.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{
    ComplexType, Element, Fact, Message, Operation, Particle, QName, Service, TypeKind, TypeUse,
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

/// The names of the types `operations` of `service` reach: through what their messages and
/// faults use, what those types use in turn, and the types derived from a reached type, which
/// may stand in its place on the wire.
pub fn reached<'m>(
    service: &'m Service,
    operations: impl IntoIterator<Item = &'m Operation>,
) -> BTreeSet<QName> {
    // The types derived from each type, which may stand where it does.
    let mut derived: BTreeMap<&QName, Vec<&QName>> = BTreeMap::new();
    for def in &service.types {
        if let TypeKind::Complex(complex) = &def.kind
            && let Some(base) = &complex.base
        {
            derived
                .entry(&base.value.base)
                .or_default()
                .push(&def.name.value);
        }
    }
    let mut pending: Vec<&QName> = Vec::new();
    for op in operations {
        operation(op, &mut |found| named_type(found, &mut pending));
    }
    let mut reached: BTreeSet<QName> = BTreeSet::new();
    while let Some(name) = pending.pop() {
        if !reached.insert(name.clone()) {
            continue;
        }
        if let Some(def) = service.find_type(name) {
            kind(&def.kind, &mut |found| named_type(found, &mut pending));
        }
        pending.extend(derived.get(name).into_iter().flatten());
    }
    reached
}

/// Adds the type a walk meets, if it is a named one.
fn named_type<'m>(found: Named<'m>, into: &mut Vec<&'m QName>) {
    match found {
        Named::Use(ty) => {
            if let TypeUse::Named(name) = &ty.value {
                into.push(name);
            }
        }
        Named::Base(name, _) => into.push(name),
    }
}
