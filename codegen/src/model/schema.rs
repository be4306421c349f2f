//! Types as XSD sees them: qualified names, element and attribute declarations, and named
//! types, complex or simple.

use std::fmt;

use super::builtin::Builtin;
use super::content::ComplexType;
use super::fact::{Fact, Pos, SourceId};
use super::simple::{Enumeration, Facet, ListType, Restriction, UnionType};

/// An XML qualified name: a namespace (empty for none) and a local name.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QName {
    /// The namespace URI, or the empty string for no namespace.
    pub namespace: String,
    /// The local name.
    pub local: String,
}

impl QName {
    /// A name in `namespace` (empty for none).
    pub fn new(namespace: impl Into<String>, local: impl Into<String>) -> Self {
        QName {
            namespace: namespace.into(),
            local: local.into(),
        }
    }
}

impl fmt::Debug for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.namespace.is_empty() {
            f.write_str(&self.local)
        } else {
            write!(f, "{{{}}}{}", self.namespace, self.local)
        }
    }
}

/// How an element or attribute is typed.
#[derive(Clone, PartialEq, Eq)]
pub enum TypeUse {
    /// A built-in type.
    Builtin(Builtin),
    /// A named type defined in [`Service::types`](crate::model::Service::types).
    Named(QName),
    /// A complex type defined in place, with no name of its own (an operation's wrapper element).
    Anonymous(Box<ComplexType>),
}

impl fmt::Debug for TypeUse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeUse::Builtin(builtin) => write!(f, "xs:{}", builtin.xsd_name()),
            TypeUse::Named(name) => write!(f, "type {name}"),
            TypeUse::Anonymous(complex) => complex.fmt(f),
        }
    }
}

/// How many times an element may occur at most.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MaxOccurs {
    /// At most this many.
    Bounded(u32),
    /// Any number.
    Unbounded,
}

impl fmt::Debug for MaxOccurs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MaxOccurs::Bounded(n) => write!(f, "{n}"),
            MaxOccurs::Unbounded => f.write_str("unbounded"),
        }
    }
}

/// An element declaration: a global element, or a member of a complex type's sequence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Element {
    /// The qualified name on the wire.
    pub name: QName,
    /// Where the element stands on the page.
    pub pos: Pos,
    /// Its type.
    pub ty: Fact<TypeUse>,
    /// `minOccurs`.
    pub min_occurs: Fact<u32>,
    /// `maxOccurs`.
    pub max_occurs: Fact<MaxOccurs>,
    /// Whether `xsi:nil="true"` may stand for it.
    pub nillable: Fact<bool>,
    /// The value the server assumes when the element is absent.
    pub default: Option<Fact<String>>,
    /// Restrictions of the value beyond its type.
    pub facets: Vec<Fact<Facet>>,
    /// Whether the value is a credential that must not be printed.
    pub secret: Option<Fact<bool>>,
    /// Documentation the page gives for it.
    pub documentation: Vec<Doc>,
    /// Its name in JSON, where a sample shows one other than its XML name: Json.NET with a
    /// camel-case resolver writes `sessionToken` for the member `SessionToken`.
    pub json_name: Option<Fact<String>>,
}

impl Element {
    /// An element that stands exactly once and is not nillable, as stated at `pos`, with no
    /// default, facets, secrecy or documentation: XSD's defaults for a declaration. Readers
    /// set what their page says otherwise with struct update syntax.
    pub fn once(name: QName, pos: Pos, ty: Fact<TypeUse>) -> Element {
        Element {
            name,
            pos,
            ty,
            min_occurs: Fact::stated(1, pos),
            max_occurs: Fact::stated(MaxOccurs::Bounded(1), pos),
            nillable: Fact::stated(false, pos),
            default: None,
            facets: Vec::new(),
            secret: None,
            documentation: Vec::new(),
            json_name: None,
        }
    }
}

/// An attribute declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribute {
    /// The qualified name on the wire (usually without namespace).
    pub name: QName,
    /// Where the attribute stands on the page.
    pub pos: Pos,
    /// Its type: a built-in or a named enumeration.
    pub ty: Fact<TypeUse>,
    /// `use="required"`.
    pub required: Fact<bool>,
    /// The value the server assumes when the attribute is absent.
    pub default: Option<Fact<String>>,
    /// Restrictions of the value beyond its type.
    pub facets: Vec<Fact<Facet>>,
    /// Whether the value is a credential that must not be printed.
    pub secret: Option<Fact<bool>>,
    /// Documentation the page gives for it.
    pub documentation: Vec<Doc>,
}

impl Attribute {
    /// An optional attribute as stated at `pos`, with no default, facets, secrecy or
    /// documentation: XSD's defaults for a declaration.
    pub fn optional(name: QName, pos: Pos, ty: Fact<TypeUse>) -> Attribute {
        Attribute {
            name,
            pos,
            ty,
            required: Fact::stated(false, pos),
            default: None,
            facets: Vec::new(),
            secret: None,
            documentation: Vec::new(),
        }
    }
}

/// A named type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeDef {
    /// Its qualified name.
    pub name: Fact<QName>,
    /// The document it was read from.
    pub source: SourceId,
    /// Documentation the page gives for it.
    pub documentation: Vec<Doc>,
    /// What it is.
    pub kind: TypeKind,
}

/// The kinds of named types.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeKind {
    /// A complex type.
    Complex(ComplexType),
    /// An enumeration.
    Enumeration(Enumeration),
    /// A simple type restricted by facets.
    Restriction(Restriction),
    /// A list of simple values.
    List(ListType),
    /// A union of simple types.
    Union(UnionType),
}

impl TypeKind {
    /// Whether values of the type are text: every kind but complex.
    pub fn is_simple(&self) -> bool {
        !matches!(self, TypeKind::Complex(_))
    }
}

/// A piece of documentation from the page: one paragraph or list item.
#[derive(Clone, PartialEq, Eq)]
pub struct Doc {
    /// The text, with the page's line breaks inside a paragraph joined by spaces.
    pub text: String,
    /// Where it starts.
    pub pos: Pos,
}

impl fmt::Debug for Doc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} {:?}", self.text, self.pos)
    }
}
