//! The built-in simple types of XSD, and the .NET extras (`guid`, `char`) that ASMX and WCF
//! declare in namespaces of their own, resolved by namespace and name.

use super::schema::QName;

/// The XML Schema namespace.
pub const XSD_NAMESPACE: &str = "http://www.w3.org/2001/XMLSchema";
/// The namespace in which ASMX declares `guid` and `char`.
pub const ASMX_TYPES_NAMESPACE: &str = "http://microsoft.com/wsdl/types/";
/// The namespace in which WCF's DataContractSerializer declares `guid`, `char` and `duration`,
/// and an element for every primitive.
pub const SERIALIZATION_NAMESPACE: &str = "http://schemas.microsoft.com/2003/10/Serialization/";

/// The namespace of DataContract's collections (`ArrayOfstring`, `KeyValueOfstringint`).
pub const ARRAYS_NAMESPACE: &str = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";
/// SOAP 1.1 encoding, whose types are nillable copies of the XSD primitives.
pub const SOAP_ENCODING_NAMESPACE: &str = "http://schemas.xmlsoap.org/soap/encoding/";

/// The XSD built-in types and the .NET serialization extras.
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
    /// `xs:token`: a string without leading, trailing or doubled white space.
    Token,
    /// `xs:normalizedString`: a string without line ends or tabs.
    NormalizedString,
    /// `xs:language`.
    Language,
    /// `xs:Name`.
    Name,
    /// `xs:NCName`.
    NcName,
    /// `xs:NMTOKEN`.
    NmToken,
    /// `xs:NMTOKENS`, a list of name tokens.
    NmTokens,
    /// `xs:ID`.
    Id,
    /// `xs:IDREF`.
    IdRef,
    /// `xs:IDREFS`.
    IdRefs,
    /// `xs:ENTITY`.
    Entity,
    /// `xs:ENTITIES`.
    Entities,
    /// `xs:integer`: an integer of any size.
    Integer,
    /// `xs:nonNegativeInteger`.
    NonNegativeInteger,
    /// `xs:positiveInteger`.
    PositiveInteger,
    /// `xs:nonPositiveInteger`.
    NonPositiveInteger,
    /// `xs:negativeInteger`.
    NegativeInteger,
    /// `xs:hexBinary`.
    HexBinary,
    /// `xs:anySimpleType`: any text.
    AnySimpleType,
    /// `xs:gYear`.
    GYear,
    /// `xs:gYearMonth`.
    GYearMonth,
    /// `xs:gMonth`.
    GMonth,
    /// `xs:gMonthDay`.
    GMonthDay,
    /// `xs:gDay`.
    GDay,
}

impl Builtin {
    /// Every built-in type.
    pub const ALL: [Builtin; 47] = [
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
        Builtin::Token,
        Builtin::NormalizedString,
        Builtin::Language,
        Builtin::Name,
        Builtin::NcName,
        Builtin::NmToken,
        Builtin::NmTokens,
        Builtin::Id,
        Builtin::IdRef,
        Builtin::IdRefs,
        Builtin::Entity,
        Builtin::Entities,
        Builtin::Integer,
        Builtin::NonNegativeInteger,
        Builtin::PositiveInteger,
        Builtin::NonPositiveInteger,
        Builtin::NegativeInteger,
        Builtin::HexBinary,
        Builtin::AnySimpleType,
        Builtin::GYear,
        Builtin::GYearMonth,
        Builtin::GMonth,
        Builtin::GMonthDay,
        Builtin::GDay,
    ];

    /// The types an ASMX help page writes as placeholders: those XmlSerializer maps .NET's
    /// primitives to, which [`Builtin::ALL`] lists first. A page's sample value is only a
    /// placeholder if it names one of these.
    pub const ASMX_PLACEHOLDERS: &[Builtin] = Builtin::ALL.split_at(23).0;

    /// The type of an XSD (or .NET serialization) name, as [`Builtin::xsd_name`] writes it.
    pub fn from_xsd_name(name: &str) -> Option<Builtin> {
        Builtin::ALL.into_iter().find(|b| b.xsd_name() == name)
    }

    /// The built-in type a qualified type name stands for: an XSD type in the XML Schema
    /// namespace (or its SOAP-encoding copy), or a .NET extra in the namespace ASMX or WCF
    /// declares it in. `None` for every other name, which must be a type of the documents.
    pub fn resolve(name: &QName) -> Option<Builtin> {
        match name.namespace.as_str() {
            // SOAP encoding's `base64` is its name for `base64Binary`.
            SOAP_ENCODING_NAMESPACE if name.local == "base64" => Some(Builtin::Base64Binary),
            XSD_NAMESPACE | SOAP_ENCODING_NAMESPACE => Builtin::from_xsd_name(&name.local)
                .filter(|b| !matches!(b, Builtin::Guid | Builtin::Char)),
            ASMX_TYPES_NAMESPACE => match name.local.as_str() {
                "guid" => Some(Builtin::Guid),
                "char" => Some(Builtin::Char),
                _ => None,
            },
            SERIALIZATION_NAMESPACE => Builtin::from_xsd_name(&name.local),
            _ => None,
        }
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
            Builtin::Token => "token",
            Builtin::NormalizedString => "normalizedString",
            Builtin::Language => "language",
            Builtin::Name => "Name",
            Builtin::NcName => "NCName",
            Builtin::NmToken => "NMTOKEN",
            Builtin::NmTokens => "NMTOKENS",
            Builtin::Id => "ID",
            Builtin::IdRef => "IDREF",
            Builtin::IdRefs => "IDREFS",
            Builtin::Entity => "ENTITY",
            Builtin::Entities => "ENTITIES",
            Builtin::Integer => "integer",
            Builtin::NonNegativeInteger => "nonNegativeInteger",
            Builtin::PositiveInteger => "positiveInteger",
            Builtin::NonPositiveInteger => "nonPositiveInteger",
            Builtin::NegativeInteger => "negativeInteger",
            Builtin::HexBinary => "hexBinary",
            Builtin::AnySimpleType => "anySimpleType",
            Builtin::GYear => "gYear",
            Builtin::GYearMonth => "gYearMonth",
            Builtin::GMonth => "gMonth",
            Builtin::GMonthDay => "gMonthDay",
            Builtin::GDay => "gDay",
        }
    }

    /// Whether .NET maps the type to a value type, which XmlSerializer always writes. The
    /// unbounded integers are strings to .NET, and `hexBinary` a byte array.
    pub fn is_value_type(self) -> bool {
        matches!(
            self,
            Builtin::Boolean
                | Builtin::Byte
                | Builtin::UnsignedByte
                | Builtin::Short
                | Builtin::UnsignedShort
                | Builtin::Int
                | Builtin::UnsignedInt
                | Builtin::Long
                | Builtin::UnsignedLong
                | Builtin::Decimal
                | Builtin::Float
                | Builtin::Double
                | Builtin::DateTime
                | Builtin::Date
                | Builtin::Time
                | Builtin::Duration
                | Builtin::Guid
                | Builtin::Char
        )
    }

    /// Whether values are free text, which is what a credential is.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Builtin::String
                | Builtin::Token
                | Builtin::NormalizedString
                | Builtin::AnySimpleType
                | Builtin::Base64Binary
                | Builtin::HexBinary
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn builtins_resolve_by_namespace_and_name() {
        let xs = |local: &str| QName::new(XSD_NAMESPACE, local);
        assert_eq!(Builtin::resolve(&xs("token")), Some(Builtin::Token));
        assert_eq!(Builtin::resolve(&xs("NCName")), Some(Builtin::NcName));
        // `guid` is no XSD type: only .NET's namespaces declare it.
        assert_eq!(Builtin::resolve(&xs("guid")), None);
        assert_eq!(
            Builtin::resolve(&QName::new(ASMX_TYPES_NAMESPACE, "guid")),
            Some(Builtin::Guid)
        );
        assert_eq!(
            Builtin::resolve(&QName::new(SERIALIZATION_NAMESPACE, "char")),
            Some(Builtin::Char)
        );
        assert_eq!(
            Builtin::resolve(&QName::new(SERIALIZATION_NAMESPACE, "duration")),
            Some(Builtin::Duration)
        );
        assert_eq!(
            Builtin::resolve(&QName::new("http://tempuri.org/", "string")),
            None
        );
    }
}
