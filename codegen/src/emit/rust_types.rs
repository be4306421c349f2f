//! The Rust type of each XSD type and of each element's occurrence.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Builtin, Element, MaxOccurs, RustOptions};

/// The Rust type of a built-in XSD type: the one the user names for it, if any (checked to be
/// a type when the settings were read), else the generator's.
pub fn builtin(builtin: Builtin, options: &RustOptions) -> TokenStream {
    if let Some(rust) = options.type_for(builtin) {
        return rust.parse().unwrap_or_else(|_| {
            let message = format!("`{rust}` is not a Rust type");
            quote!(::core::compile_error!(#message))
        });
    }
    generator_builtin(builtin)
}

/// The generator's Rust type of a built-in XSD type.
fn generator_builtin(builtin: Builtin) -> TokenStream {
    match builtin {
        Builtin::String
        | Builtin::AnyUri
        | Builtin::QName
        | Builtin::Token
        | Builtin::NormalizedString
        | Builtin::Language
        | Builtin::Name
        | Builtin::NcName
        | Builtin::NmToken
        | Builtin::NmTokens
        | Builtin::Id
        | Builtin::IdRef
        | Builtin::IdRefs
        | Builtin::Entity
        | Builtin::Entities
        | Builtin::AnySimpleType => quote!(String),
        // .NET writes `xs:date`, `xs:time` and `xs:duration` in forms that no crate reads
        // whole (`P1DT2H`, `12:00:00.0000000+01:00`), so they stay text, as do the parts of
        // dates of the `g` types.
        Builtin::Date
        | Builtin::Time
        | Builtin::Duration
        | Builtin::GYear
        | Builtin::GYearMonth
        | Builtin::GMonth
        | Builtin::GMonthDay
        | Builtin::GDay => quote!(String),
        // Integers of any size: text, as XmlSerializer keeps them, so that none is cut short.
        Builtin::Integer
        | Builtin::NonNegativeInteger
        | Builtin::PositiveInteger
        | Builtin::NonPositiveInteger
        | Builtin::NegativeInteger => quote!(String),
        Builtin::HexBinary => quote!(rt::HexBinary),
        Builtin::Boolean => quote!(bool),
        Builtin::Byte => quote!(i8),
        Builtin::UnsignedByte => quote!(u8),
        Builtin::Short => quote!(i16),
        Builtin::UnsignedShort | Builtin::Char => quote!(u16),
        Builtin::Int => quote!(i32),
        Builtin::UnsignedInt => quote!(u32),
        Builtin::Long => quote!(i64),
        Builtin::UnsignedLong => quote!(u64),
        Builtin::Float => quote!(f32),
        Builtin::Double => quote!(f64),
        Builtin::Decimal => quote!(rt::Decimal),
        Builtin::DateTime => quote!(rt::DateTime),
        Builtin::Guid => quote!(rt::Guid),
        Builtin::Base64Binary => quote!(Vec<u8>),
        Builtin::AnyType => quote!(rt::AnyType),
    }
}

/// Whether the Rust type of a built-in has a `Default`: a type the user names must.
pub fn builtin_has_default(builtin: Builtin, options: &RustOptions) -> bool {
    options.type_for(builtin).is_some() || !matches!(builtin, Builtin::Decimal | Builtin::DateTime)
}

/// How a member occurs, and so how its Rust type wraps the value's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Always there: `T`.
    Required,
    /// Absent, or nil, but not both: `Option<T>`.
    Optional,
    /// Absent, nil, or a value: `Nillable<T>`.
    Tristate,
    /// Repeated: `Vec<T>`.
    List,
}

impl Shape {
    /// The shape of an element by its occurrence and nillability.
    pub fn of(element: &Element) -> Shape {
        if element.max_occurs.value != MaxOccurs::Bounded(1) {
            return Shape::List;
        }
        match (element.min_occurs.value == 0, element.nillable.value) {
            (true, true) => Shape::Tristate,
            (true, false) | (false, true) => Shape::Optional,
            (false, false) => Shape::Required,
        }
    }

    /// Wraps the value type.
    pub fn wrap(self, value: TokenStream) -> TokenStream {
        match self {
            Shape::Required => value,
            Shape::Optional => quote!(Option<#value>),
            Shape::Tristate => quote!(rt::Nillable<#value>),
            Shape::List => quote!(Vec<#value>),
        }
    }

    /// What the shape of `element` says in documentation.
    pub fn describe(self, element: &Element) -> &'static str {
        match self {
            Shape::Required => "always present",
            Shape::Optional if element.nillable.value => "may be nil (`None`)",
            Shape::Optional => "may be absent (`None`)",
            Shape::Tristate => "may be absent or nil",
            Shape::List => "repeated",
        }
    }
}
