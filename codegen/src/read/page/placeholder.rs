//! The words pages use for types: ASMX placeholders, Web API's type phrases, vendor tables'
//! type names, and what a literal sample value says about its type.

use crate::model::Builtin;

/// The built-in type an ASMX help page placeholder stands for (`int`, `dateTime`, `guid`, …).
///
/// ASMX writes the XSD name of the type as the sample value, `guid` and `char` included, and
/// `xml` for content kept as raw XML.
pub fn asmx_placeholder(text: &str) -> Option<Builtin> {
    match text {
        "xml" => Some(Builtin::AnyType),
        _ => Builtin::from_xsd_name(text).filter(|b| Builtin::ASMX_PLACEHOLDERS.contains(b)),
    }
}

/// The values of an ASMX enumeration placeholder (`Confirmed or Cancelled or OnRequest`), with
/// the byte offset of each, or `None` when the text is not such a list.
pub fn enumeration_values(text: &str) -> Option<Vec<(&str, usize)>> {
    if !text.contains(" or ") {
        return None;
    }
    let mut values = Vec::new();
    let mut offset = 0;
    for part in text.split(" or ") {
        let is_name = !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.');
        if !is_name {
            return None;
        }
        values.push((part, offset));
        offset += part.len() + " or ".len();
    }
    Some(values)
}

/// What a Web API help page's Type column says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WebApiType {
    /// A simple type.
    Builtin(Builtin),
    /// `Collection of X`.
    Collection(Box<WebApiType>),
    /// The name of a type the page describes, or links to.
    Named(String),
    /// An action result (`IHttpActionResult`): a body the action writes as it likes, which
    /// the page cannot describe.
    ActionResult(String),
    /// `Dictionary of K [key] and V [value]`.
    Dictionary(Box<WebApiType>, Box<WebApiType>),
}

/// Reads a Web API help page type phrase. `known` says whether a bare name is a type the page
/// describes; other bare words are not types (they are descriptions in a shifted row).
pub fn webapi_type(text: &str, known: &dyn Fn(&str) -> bool) -> Option<WebApiType> {
    // The help page's ModelDescriptionGenerator names simple types with these phrases.
    let builtin = match text {
        "string" => Some(Builtin::String),
        "integer" => Some(Builtin::Long),
        "unsigned integer" => Some(Builtin::UnsignedLong),
        "byte" => Some(Builtin::UnsignedByte),
        "signed byte" => Some(Builtin::Byte),
        "boolean" => Some(Builtin::Boolean),
        "decimal number" => Some(Builtin::Decimal),
        "date" => Some(Builtin::DateTime),
        "time interval" => Some(Builtin::Duration),
        "globally unique identifier" => Some(Builtin::Guid),
        "URI" => Some(Builtin::AnyUri),
        "character" => Some(Builtin::String),
        "Object" | "object" => Some(Builtin::AnyType),
        _ => None,
    };
    if let Some(builtin) = builtin {
        return Some(WebApiType::Builtin(builtin));
    }
    if let Some((key, value)) = text
        .strip_prefix("Dictionary of ")
        .and_then(|rest| rest.strip_suffix(" [value]"))
        .and_then(|rest| rest.split_once(" [key] and "))
    {
        let part = |text: &str| {
            webapi_type(text, known).unwrap_or_else(|| WebApiType::Named(text.to_owned()))
        };
        return Some(WebApiType::Dictionary(
            Box::new(part(key)),
            Box::new(part(value)),
        ));
    }
    // A `byte[]`, which the help page names as any array, and which Json.NET and the
    // DataContractSerializer both write as base64 text.
    if text == "Collection of byte" {
        return Some(WebApiType::Builtin(Builtin::Base64Binary));
    }
    if let Some(item) = text.strip_prefix("Collection of ") {
        return Some(WebApiType::Collection(Box::new(
            webapi_type(item, known).unwrap_or_else(|| WebApiType::Named(item.to_owned())),
        )));
    }
    if is_type_name(text) && known(text) {
        return Some(WebApiType::Named(text.to_owned()));
    }
    None
}

/// Whether `text` could name a .NET type.
pub fn is_type_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}

/// The type a vendor page names in a table or a signature: XSD names, C# and VB.NET names.
pub fn vendor_type(text: &str) -> Option<Builtin> {
    if let Some(builtin) = asmx_placeholder(text) {
        return Some(builtin);
    }
    Some(match text.to_ascii_lowercase().as_str() {
        "string" | "str" | "text" => Builtin::String,
        "bool" | "boolean" => Builtin::Boolean,
        "int" | "integer" | "int32" => Builtin::Int,
        "long" | "int64" => Builtin::Long,
        "short" | "int16" => Builtin::Short,
        "decimal" => Builtin::Decimal,
        "double" => Builtin::Double,
        "single" | "float" => Builtin::Float,
        "datetime" | "date" => Builtin::DateTime,
        "guid" | "uniqueidentifier" => Builtin::Guid,
        "xmlnode" | "xmlelement" | "xml" => Builtin::AnyType,
        "byte[]" => Builtin::Base64Binary,
        _ => return None,
    })
}

/// What a literal sample value says about its type: booleans and ISO 8601 date-times are
/// unmistakable; everything else is kept as a string, since a ticket that looks like a GUID
/// today may not tomorrow.
pub fn literal_type(value: &str) -> Builtin {
    if value == "true" || value == "false" {
        Builtin::Boolean
    } else if looks_like_date_time(value) {
        Builtin::DateTime
    } else {
        Builtin::String
    }
}

/// Whether a value reads as an ISO 8601 date-time (`2025-01-23T00:09:38.9648983+07:00`).
pub fn looks_like_date_time(value: &str) -> bool {
    let b = value.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    b.len() >= 19
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
}

/// Whether a value reads as a GUID (`5b0c7d3e-2a8f-4f61-9a57-0e1f2d3c4b5a`).
pub fn looks_like_guid(value: &str) -> bool {
    let groups: Vec<&str> = value.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, len)| g.len() == len && g.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enumeration_lists_need_two_names() {
        assert_eq!(
            enumeration_values("Confirmed or Cancelled or OnRequest"),
            Some(vec![("Confirmed", 0), ("Cancelled", 13), ("OnRequest", 26)])
        );
        assert_eq!(enumeration_values("Web"), None);
        assert_eq!(enumeration_values("sample string or more words"), None);
    }

    #[test]
    fn webapi_bare_names_are_types_only_when_known() {
        let none = |_: &str| false;
        assert_eq!(webapi_type("Language", &none), None);
        assert_eq!(
            webapi_type("Collection of DeviceInfo", &none),
            Some(WebApiType::Collection(Box::new(WebApiType::Named(
                "DeviceInfo".into()
            ))))
        );
        assert_eq!(
            webapi_type("globally unique identifier", &none),
            Some(WebApiType::Builtin(Builtin::Guid))
        );
        assert_eq!(
            webapi_type("Collection of byte", &none),
            Some(WebApiType::Builtin(Builtin::Base64Binary))
        );
    }

    #[test]
    fn literal_values_are_strings_unless_unmistakable() {
        assert_eq!(literal_type("true"), Builtin::Boolean);
        assert_eq!(literal_type("2026-12-21T10:00:00Z"), Builtin::DateTime);
        assert_eq!(
            literal_type("3f2a1b4c-5d6e-7f8a-9b0c-1d2e3f4a5b6c"),
            Builtin::String
        );
        assert_eq!(literal_type("43200"), Builtin::String);
    }
}
