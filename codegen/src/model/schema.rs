//! Types as XSD sees them: qualified names, elements in order, attributes, enumerations.

use std::fmt;

use super::fact::{Fact, Pos, SourceId};

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

/// The XSD built-in types (and the .NET serialization extras, `guid` and `char`) that pages use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Builtin {
    /// `xs:string`.
    String,
    /// `xs:boolean`.
    Boolean,
    /// `xs:byte`, a signed 8-bit integer (.NET `sbyte`).
    Byte,
    /// `xs:unsignedByte` (.NET `byte`).
    UnsignedByte,
    /// `xs:short`.
    Short,
    /// `xs:unsignedShort`.
    UnsignedShort,
    /// `xs:int`.
    Int,
    /// `xs:unsignedInt`.
    UnsignedInt,
    /// `xs:long`.
    Long,
    /// `xs:unsignedLong`.
    UnsignedLong,
    /// `xs:decimal`.
    Decimal,
    /// `xs:float`.
    Float,
    /// `xs:double`.
    Double,
    /// `xs:dateTime`, as .NET writes it (up to seven fractional digits, optional offset).
    DateTime,
    /// `xs:date`.
    Date,
    /// `xs:time`.
    Time,
    /// `xs:duration` (.NET `TimeSpan`).
    Duration,
    /// The .NET `guid` type (a restricted `xs:string`).
    Guid,
    /// The .NET `char` type (a UTF-16 code unit written as a number).
    Char,
    /// `xs:base64Binary`.
    Base64Binary,
    /// `xs:anyURI`.
    AnyUri,
    /// `xs:QName`.
    QName,
    /// `xs:anyType`: content that is kept as raw XML.
    AnyType,
}

impl Builtin {
    /// Every built-in type.
    pub const ALL: [Builtin; 23] = [
        Builtin::String,
        Builtin::Boolean,
        Builtin::Byte,
        Builtin::UnsignedByte,
        Builtin::Short,
        Builtin::UnsignedShort,
        Builtin::Int,
        Builtin::UnsignedInt,
        Builtin::Long,
        Builtin::UnsignedLong,
        Builtin::Decimal,
        Builtin::Float,
        Builtin::Double,
        Builtin::DateTime,
        Builtin::Date,
        Builtin::Time,
        Builtin::Duration,
        Builtin::Guid,
        Builtin::Char,
        Builtin::Base64Binary,
        Builtin::AnyUri,
        Builtin::QName,
        Builtin::AnyType,
    ];

    /// The type of an XSD (or .NET serialization) name, as [`Builtin::xsd_name`] writes it.
    pub fn from_xsd_name(name: &str) -> Option<Builtin> {
        Builtin::ALL.into_iter().find(|b| b.xsd_name() == name)
    }

    /// The XSD (or .NET serialization) name of the type.
    pub fn xsd_name(self) -> &'static str {
        match self {
            Builtin::String => "string",
            Builtin::Boolean => "boolean",
            Builtin::Byte => "byte",
            Builtin::UnsignedByte => "unsignedByte",
            Builtin::Short => "short",
            Builtin::UnsignedShort => "unsignedShort",
            Builtin::Int => "int",
            Builtin::UnsignedInt => "unsignedInt",
            Builtin::Long => "long",
            Builtin::UnsignedLong => "unsignedLong",
            Builtin::Decimal => "decimal",
            Builtin::Float => "float",
            Builtin::Double => "double",
            Builtin::DateTime => "dateTime",
            Builtin::Date => "date",
            Builtin::Time => "time",
            Builtin::Duration => "duration",
            Builtin::Guid => "guid",
            Builtin::Char => "char",
            Builtin::Base64Binary => "base64Binary",
            Builtin::AnyUri => "anyURI",
            Builtin::QName => "QName",
            Builtin::AnyType => "anyType",
        }
    }

    /// Whether .NET maps the type to a value type, which XmlSerializer always writes.
    pub fn is_value_type(self) -> bool {
        !matches!(
            self,
            Builtin::String
                | Builtin::Base64Binary
                | Builtin::AnyUri
                | Builtin::QName
                | Builtin::AnyType
        )
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
        }
    }
}

/// A restriction of a value (an XSD facet, or a data annotation of Web API).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Facet {
    /// At most this many characters.
    MaxLength(u32),
    /// At least this many characters.
    MinLength(u32),
    /// Between two bounds, inclusive, as the page writes them.
    Range {
        /// The lower bound.
        min: String,
        /// The upper bound.
        max: String,
    },
    /// Matching a regular expression.
    Pattern(String),
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
    /// Whether the value is a credential that must not be printed.
    pub secret: Option<Fact<bool>>,
    /// Documentation the page gives for it.
    pub documentation: Vec<Doc>,
}

/// A complex type: a sequence of elements in wire order, and attributes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ComplexType {
    /// The elements, in the order the wire carries them. An element name may occur twice when
    /// a derived class redeclares a member of its base (the DataContractSerializer then writes
    /// both); readers take the last value and writers write every occurrence.
    pub sequence: Vec<Element>,
    /// The attributes.
    pub attributes: Vec<Attribute>,
    /// The order of the sequence, when it did not come from a sample.
    pub order: Option<Fact<SequenceOrder>>,
}

/// Why the sequence has the order it has, when no sample showed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SequenceOrder {
    /// Ordinal (byte-wise) order of the wire names.
    Ordinal,
}

impl ComplexType {
    /// The item element, when the type is an array wrapper: exactly one element that may repeat
    /// and no attributes (`ArrayOfInt`, `ArrayOfHistoryItem`).
    pub fn array_item(&self) -> Option<&Element> {
        match (self.sequence.as_slice(), self.attributes.is_empty()) {
            ([item], true) if item.max_occurs.value != MaxOccurs::Bounded(1) => Some(item),
            _ => None,
        }
    }
}

/// An enumeration: a restriction of a built-in type to named values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enumeration {
    /// The type the values restrict (`string` for ASMX and DataContract enumerations).
    pub base: Builtin,
    /// The known values. Servers may send others, which generated code keeps.
    pub members: Vec<EnumMember>,
}

/// One value of an enumeration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnumMember {
    /// The name on the XML wire.
    pub name: Fact<String>,
    /// The number Json.NET writes for it, where a page shows it.
    pub value: Option<Fact<i64>>,
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

#[cfg(test)]
mod tests {
    use super::Builtin;

    #[test]
    fn every_builtin_reads_back_from_its_xsd_name() {
        for builtin in Builtin::ALL {
            assert_eq!(
                Builtin::from_xsd_name(builtin.xsd_name()),
                Some(builtin),
                "{builtin:?}"
            );
        }
        assert_eq!(Builtin::from_xsd_name("dateTime"), Some(Builtin::DateTime));
        assert_eq!(Builtin::from_xsd_name("datetime"), None);
    }
}
