//! Complex types: their content as a tree of sequence, choice and `all` groups whose leaves
//! are elements and wildcards, their attributes, the type they derive from, and simple or
//! mixed content.

use std::fmt;

use super::fact::{Fact, Pos};
use super::schema::{Attribute, Element, MaxOccurs, QName, TypeUse};

/// How many bases a named type may derive through, one after another: far beyond real
/// schemas (.NET's deepest class hierarchies are a dozen deep), and near enough that the
/// members a deep chain flattens into each of its types stay few. Readers refuse a deeper
/// chain; the emitter relies on none being deeper.
pub const MAX_DERIVATION_DEPTH: usize = 64;

/// A complex type.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ComplexType {
    /// The named type this one derives from. An extension carries the base's members first,
    /// then its own; a restriction restates the content it keeps.
    pub base: Option<Fact<Derivation>>,
    /// Whether only derived types may stand on the wire for it.
    pub is_abstract: bool,
    /// Whether text may stand between the child elements (`mixed="true"`), in which case
    /// the content is kept whole as XML.
    pub mixed: bool,
    /// The content: the particles of the outermost sequence, in the order the wire carries
    /// them. An element name may occur twice when a derived class redeclares a member of its
    /// base (the DataContractSerializer then writes both); readers take the last value and
    /// writers write every occurrence.
    pub sequence: Vec<Particle>,
    /// The attributes.
    pub attributes: Vec<Attribute>,
    /// Attributes beyond those declared, which the type admits (`anyAttribute`).
    pub any_attribute: Option<Wildcard>,
    /// The type of the element's text, when the content is a simple value with attributes
    /// (`simpleContent`, or a page's `<reason lang="…">text</reason>`).
    pub simple_content: Option<Fact<TypeUse>>,
    /// The order of the sequence, when it did not come from a sample or a schema.
    pub order: Option<Fact<SequenceOrder>>,
    /// Whether the type is the pair of a dictionary (`Key`, then `Value`; DataContract's
    /// `KeyValueOf…`, its name inferred by `DataContractDictionary`), whose array JSON
    /// writes as an object.
    pub key_value: bool,
    /// Whether the type is a SOAP-encoded array (a restriction of `soapenc:Array`): its one
    /// element is the items', which may stand under any name, and a SOAP-encoded message
    /// says their type and count (`soapenc:arrayType="xsd:string[2]"`).
    pub soap_array: bool,
}

impl fmt::Debug for ComplexType {
    /// The content, the attributes and the order always; the rest where it says something,
    /// so that a plain sequence reads as one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("ComplexType");
        if let Some(base) = &self.base {
            out.field("base", base);
        }
        if self.is_abstract {
            out.field("is_abstract", &true);
        }
        if self.mixed {
            out.field("mixed", &true);
        }
        if self.key_value {
            out.field("key_value", &true);
        }
        if self.soap_array {
            out.field("soap_array", &true);
        }
        if let Some(simple) = &self.simple_content {
            out.field("simple_content", simple);
        }
        out.field("sequence", &self.sequence);
        out.field("attributes", &self.attributes);
        if let Some(any) = &self.any_attribute {
            out.field("any_attribute", any);
        }
        out.field("order", &self.order).finish()
    }
}

/// Why the sequence has the order it has, when no sample showed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SequenceOrder {
    /// Ordinal (byte-wise) order of the wire names.
    Ordinal,
}

/// How a type derives from its base.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Derivation {
    /// The base type.
    pub base: QName,
    /// Extension or restriction.
    pub method: DerivationMethod,
}

/// The ways of deriving a complex type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DerivationMethod {
    /// `extension`: the base's members, then the type's own (a .NET derived class).
    Extension,
    /// `restriction`: the content restated, narrower.
    Restriction,
}

/// A particle of content: an element, a nested group, or a wildcard.
// Elements are nearly every particle: boxing them would cost an allocation each for the
// sake of the rare group.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, PartialEq, Eq)]
pub enum Particle {
    /// An element.
    Element(Element),
    /// A sequence nested in the content, with occurrences of its own.
    Sequence(Group),
    /// A choice: one of its particles stands (each time the choice occurs).
    Choice(Group),
    /// An `all` group: its elements in any order.
    All(Group),
    /// A wildcard: elements the schema does not name (`any`).
    Any(Wildcard),
}

impl fmt::Debug for Particle {
    /// An element shows as itself, since most content is elements alone; groups and
    /// wildcards say what they are.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Particle::Element(element) => element.fmt(f),
            Particle::Sequence(group) => f.debug_tuple("Sequence").field(group).finish(),
            Particle::Choice(group) => f.debug_tuple("Choice").field(group).finish(),
            Particle::All(group) => f.debug_tuple("All").field(group).finish(),
            Particle::Any(wildcard) => wildcard.fmt(f),
        }
    }
}

impl Particle {
    /// The element, if the particle is one.
    pub fn as_element(&self) -> Option<&Element> {
        match self {
            Particle::Element(element) => Some(element),
            _ => None,
        }
    }

    /// The element, if the particle is one, to amend.
    pub fn as_element_mut(&mut self) -> Option<&mut Element> {
        match self {
            Particle::Element(element) => Some(element),
            _ => None,
        }
    }

    /// Where the particle is declared.
    pub fn pos(&self) -> Pos {
        match self {
            Particle::Element(element) => element.pos,
            Particle::Sequence(group) | Particle::Choice(group) | Particle::All(group) => group.pos,
            Particle::Any(wildcard) => wildcard.pos,
        }
    }
}

/// A group of particles with occurrences of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// Where it is declared.
    pub pos: Pos,
    /// `minOccurs`.
    pub min_occurs: Fact<u32>,
    /// `maxOccurs`.
    pub max_occurs: Fact<MaxOccurs>,
    /// Its particles, in document order.
    pub particles: Vec<Particle>,
}

/// A wildcard: elements or attributes the schema does not name, kept whole as XML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wildcard {
    /// Where it is declared.
    pub pos: Pos,
    /// `minOccurs` (1 for an attribute wildcard).
    pub min_occurs: Fact<u32>,
    /// `maxOccurs` (1 for an attribute wildcard).
    pub max_occurs: Fact<MaxOccurs>,
    /// The namespaces admitted, as written (`##any`, `##other`, a list of URIs).
    pub namespace: String,
}

impl ComplexType {
    /// A type whose content is these elements in sequence, and nothing else.
    pub fn of_elements(elements: Vec<Element>) -> ComplexType {
        ComplexType {
            sequence: elements.into_iter().map(Particle::Element).collect(),
            ..ComplexType::default()
        }
    }

    /// The elements that stand directly in the outermost sequence.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.sequence.iter().filter_map(Particle::as_element)
    }

    /// The elements that stand directly in the outermost sequence, to amend.
    pub fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element> {
        self.sequence
            .iter_mut()
            .filter_map(Particle::as_element_mut)
    }

    /// Whether the content is elements alone, in sequence: no groups, wildcards, base,
    /// simple or mixed content.
    pub fn is_plain_sequence(&self) -> bool {
        self.base.is_none()
            && !self.mixed
            && self.simple_content.is_none()
            && self
                .sequence
                .iter()
                .all(|p| matches!(p, Particle::Element(_)))
    }

    /// The item element, when the type is an array wrapper: exactly one element that may
    /// repeat, and nothing else (no attributes, base, wildcard or text), whatever the type is
    /// called (`ArrayOfInt`, `IntArrayType`).
    pub fn array_item(&self) -> Option<&Element> {
        if !self.is_plain_sequence()
            || !self.attributes.is_empty()
            || self.any_attribute.is_some()
            || self.is_abstract
        {
            return None;
        }
        match self.sequence.as_slice() {
            [Particle::Element(item)] if item.max_occurs.value != MaxOccurs::Bounded(1) => {
                Some(item)
            }
            _ => None,
        }
    }
}
