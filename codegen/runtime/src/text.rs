//! Simple values as text: the lexical forms of XSD, which XML elements, attributes, query
//! pairs and forms all carry.

use std::borrow::Cow;

use base64::Engine as _;

use super::datetime::DateTime;
use super::decimal::Decimal;
use super::xml_write::XSD;

/// A value written as text.
pub trait XmlText: Sized {
    /// What errors say the text should be.
    const EXPECTED: &'static str;

    /// The type a SOAP-encoded message names for the value (`xsi:type="xsd:int"`), where
    /// there is one: its namespace and local name.
    const XSI_TYPE: Option<(&'static str, &'static str)> = None;

    /// The value's text.
    fn to_text(&self) -> Cow<'_, str>;

    /// The value a text stands for, or `None` if it stands for none.
    fn from_text(text: &str) -> Option<Self>;
}

impl XmlText for String {
    const EXPECTED: &'static str = "a string";
    const XSI_TYPE: Option<(&'static str, &'static str)> = Some((XSD, "string"));

    fn to_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }

    fn from_text(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }
}

impl XmlText for bool {
    const XSI_TYPE: Option<(&'static str, &'static str)> = Some((XSD, "boolean"));
    const EXPECTED: &'static str = "a boolean (true or false)";

    fn to_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(if *self { "true" } else { "false" })
    }

    fn from_text(text: &str) -> Option<Self> {
        match text.trim() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        }
    }
}

macro_rules! integer {
    ($($ty:ty => $expected:literal, $xsd:literal),*) => {
        $(impl XmlText for $ty {
            const EXPECTED: &'static str = $expected;
            const XSI_TYPE: Option<(&'static str, &'static str)> = Some((XSD, $xsd));

            fn to_text(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }

            fn from_text(text: &str) -> Option<Self> {
                let text = text.trim();
                text.strip_prefix('+').unwrap_or(text).parse().ok()
            }
        })*
    };
}

integer!(
    i8 => "a signed byte", "byte",
    u8 => "an unsigned byte", "unsignedByte",
    i16 => "a 16-bit integer", "short",
    u16 => "an unsigned 16-bit integer", "unsignedShort",
    i32 => "a 32-bit integer", "int",
    u32 => "an unsigned 32-bit integer", "unsignedInt",
    i64 => "a 64-bit integer", "long",
    u64 => "an unsigned 64-bit integer", "unsignedLong"
);

macro_rules! float {
    ($($ty:ty => $expected:literal, $xsd:literal),*) => {
        $(impl XmlText for $ty {
            const EXPECTED: &'static str = $expected;
            const XSI_TYPE: Option<(&'static str, &'static str)> = Some((XSD, $xsd));

            fn to_text(&self) -> Cow<'_, str> {
                Cow::Owned(if self.is_nan() {
                    "NaN".to_owned()
                } else if self.is_infinite() {
                    if *self > 0.0 { "INF" } else { "-INF" }.to_owned()
                } else {
                    self.to_string()
                })
            }

            fn from_text(text: &str) -> Option<Self> {
                match text.trim() {
                    "INF" => Some(<$ty>::INFINITY),
                    "-INF" => Some(<$ty>::NEG_INFINITY),
                    "NaN" => Some(<$ty>::NAN),
                    other if other.bytes().any(|b| b.is_ascii_alphabetic() && b != b'e' && b != b'E') => None,
                    other => other.parse().ok(),
                }
            }
        })*
    };
}

float!(
    f32 => "a floating-point number", "float",
    f64 => "a floating-point number", "double"
);

impl XmlText for Decimal {
    const EXPECTED: &'static str = "a decimal number";
    const XSI_TYPE: Option<(&'static str, &'static str)> = Some((XSD, "decimal"));

    fn to_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_str())
    }

    fn from_text(text: &str) -> Option<Self> {
        text.trim().parse().ok()
    }
}

impl XmlText for DateTime {
    const EXPECTED: &'static str = "a date-time such as 2025-01-23T00:09:38.9648983+07:00";
    const XSI_TYPE: Option<(&'static str, &'static str)> = Some((XSD, "dateTime"));

    fn to_text(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }

    fn from_text(text: &str) -> Option<Self> {
        text.trim().parse().ok()
    }
}

impl XmlText for uuid::Uuid {
    const EXPECTED: &'static str = "a GUID";

    fn to_text(&self) -> Cow<'_, str> {
        Cow::Owned(self.hyphenated().to_string())
    }

    fn from_text(text: &str) -> Option<Self> {
        uuid::Uuid::try_parse(text.trim()).ok()
    }
}

impl XmlText for Vec<u8> {
    const EXPECTED: &'static str = "base64";
    const XSI_TYPE: Option<(&'static str, &'static str)> = Some((XSD, "base64Binary"));

    fn to_text(&self) -> Cow<'_, str> {
        Cow::Owned(base64::engine::general_purpose::STANDARD.encode(self))
    }

    fn from_text(text: &str) -> Option<Self> {
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        base64::engine::general_purpose::STANDARD
            .decode(compact)
            .ok()
    }
}

/// Bytes written as hexadecimal digits (`xs:hexBinary`), where `Vec<u8>` is base64.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct HexBinary(pub Vec<u8>);

impl XmlText for HexBinary {
    const EXPECTED: &'static str = "hexadecimal digits, two per byte";

    fn to_text(&self) -> Cow<'_, str> {
        let mut out = String::with_capacity(self.0.len() * 2);
        for byte in &self.0 {
            out.push(char::from(b"0123456789ABCDEF"[usize::from(byte >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(byte & 0xF)]));
        }
        Cow::Owned(out)
    }

    fn from_text(text: &str) -> Option<Self> {
        let digits = text.trim().as_bytes();
        if !digits.len().is_multiple_of(2) {
            return None;
        }
        let value = |d: u8| char::from(d).to_digit(16).map(|v| v as u8);
        digits
            .chunks(2)
            .map(|pair| Some(value(pair[0])? << 4 | value(pair[1])?))
            .collect::<Option<Vec<u8>>>()
            .map(HexBinary)
    }
}

/// The text of a list type's values: each value's text, separated by spaces.
pub fn list_to_text<T: XmlText>(values: &[T]) -> String {
    let mut out = String::new();
    for (index, value) in values.iter().enumerate() {
        if index > 0 {
            out.push(' ');
        }
        out.push_str(&value.to_text());
    }
    out
}

/// The values a list type's text holds, separated by white space; `None` when one is not
/// a value of the item type.
pub fn list_from_text<T: XmlText>(text: &str) -> Option<Vec<T>> {
    text.split_ascii_whitespace().map(T::from_text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_forms_round_trip() {
        assert_eq!(i32::from_text(" 42 "), Some(42));
        assert_eq!(i32::from_text("+7"), Some(7));
        assert_eq!(i32::from_text("4.2"), None);
        assert_eq!(bool::from_text("1"), Some(true));
        assert_eq!(bool::from_text("True"), None);
        assert_eq!(f64::from_text("INF"), Some(f64::INFINITY));
        assert_eq!(f64::from_text("inf"), None);
        assert_eq!(f64::INFINITY.to_text(), "INF");
        assert_eq!(f64::from_text("1.5e3"), Some(1500.0));
        assert_eq!(Vec::<u8>::from_text("AQID"), Some(vec![1, 2, 3]));
        assert_eq!(HexBinary::from_text("0aFF").unwrap().0, vec![10, 255]);
        assert_eq!(HexBinary(vec![10, 255]).to_text(), "0AFF");
        assert_eq!(HexBinary::from_text("0a F"), None);
        assert_eq!(list_from_text::<i32>(" 1  2\n3 "), Some(vec![1, 2, 3]));
        assert_eq!(list_to_text(&[1, 2, 3]), "1 2 3");
        let guid = uuid::Uuid::from_text("5B0C7D3E-2A8F-4F61-9A57-0E1F2D3C4B5A").unwrap();
        assert_eq!(guid.to_text(), "5b0c7d3e-2a8f-4f61-9a57-0e1f2d3c4b5a");
    }
}
