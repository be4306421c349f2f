//! Simple types: enumerations, restrictions by facets, lists and unions.

use super::builtin::Builtin;
use super::fact::Fact;
use super::schema::TypeUse;

/// A restriction of a value: an XSD facet, or a data annotation of Web API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Facet {
    /// Exactly this many characters (items, for a list; bytes, for binary).
    Length(u32),
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
    /// At least this value.
    MinInclusive(String),
    /// At most this value.
    MaxInclusive(String),
    /// More than this value.
    MinExclusive(String),
    /// Less than this value.
    MaxExclusive(String),
    /// At most this many digits in all.
    TotalDigits(u32),
    /// At most this many digits after the decimal point.
    FractionDigits(u32),
    /// Matching a regular expression.
    Pattern(String),
    /// How white space in the value is treated: `preserve`, `replace` or `collapse`.
    WhiteSpace(String),
    /// Always this value (`fixed` on a declaration).
    Fixed(String),
}

/// An enumeration: a restriction of a built-in type to named values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enumeration {
    /// The type the values restrict (`string` for ASMX and DataContract enumerations).
    pub base: Builtin,
    /// The known values. Servers may send others, which generated code keeps.
    pub members: Vec<EnumMember>,
    /// Whether Json.NET writes the values as numbers, where the documents say so without
    /// showing any member's number: ASP.NET's default for an enumeration that no sample
    /// shows. `None` where the members' numbers, or their absence, say it.
    pub json_numbers: Option<Fact<bool>>,
}

impl Enumeration {
    /// Whether JSON carries the values as numbers: some member has one, or the documents'
    /// conventions say so.
    pub fn numbered(&self) -> bool {
        self.members.iter().any(|m| m.value.is_some())
            || self.json_numbers.as_ref().is_some_and(|n| n.value)
    }
}

/// One value of an enumeration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnumMember {
    /// The name on the XML wire.
    pub name: Fact<String>,
    /// The number Json.NET writes for it, where a page shows it.
    pub value: Option<Fact<i64>>,
}

/// A named simple type that restricts another by facets: a type of its own on the wire's
/// values (xWeb's `av_user_Type`, a `string` of at most 64 characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Restriction {
    /// The type restricted: a built-in or another named simple type.
    pub base: Fact<TypeUse>,
    /// The facets, in document order.
    pub facets: Vec<Fact<Facet>>,
}

/// A list type: values of the item type, separated by white space.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListType {
    /// The type of each item: a built-in or a named simple type.
    pub item: Fact<TypeUse>,
}

/// A union type: a value of any of its member types.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnionType {
    /// The member types, in the order a value is tried against them.
    pub members: Vec<Fact<TypeUse>>,
}
