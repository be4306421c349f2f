//! Values as JSON, as Json.NET writes them: numbers for enumerations that have them, strings
//! for dates, GUIDs and binary (base64), `null` for nil.

use std::fmt;

use base64::Engine as _;
use serde_json::{Map, Number, Value};

use super::datetime::DateTime;
use super::decimal::Decimal;
use super::error::{DecodeError, DecodeProblem, EncodeError, excerpt};
use super::limits::{Limit, Limits};
use super::nillable::Nillable;
use super::text::XmlText;
use super::xml_content::XmlContent;

/// Where a value stands in a JSON document, for errors: `$.devices[0].kind`.
#[derive(Clone, Copy)]
pub enum JsonPath<'a> {
    /// The document itself.
    Root,
    /// A member of an object.
    Member(&'a JsonPath<'a>, &'a str),
    /// An item of an array.
    Item(&'a JsonPath<'a>, usize),
}

impl JsonPath<'_> {
    /// The path of a member.
    pub fn member<'a>(&'a self, name: &'a str) -> JsonPath<'a> {
        JsonPath::Member(self, name)
    }

    /// The path of an item.
    pub fn item(&self, index: usize) -> JsonPath<'_> {
        JsonPath::Item(self, index)
    }
}

impl fmt::Display for JsonPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonPath::Root => f.write_str("$"),
            JsonPath::Member(parent, name) => write!(f, "{parent}.{name}"),
            JsonPath::Item(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

/// A value that JSON carries.
pub trait JsonType: Sized {
    /// The value as JSON.
    fn to_json(&self) -> Result<Value, EncodeError>;

    /// The value a JSON value stands for.
    fn from_json(value: &Value, at: &JsonPath<'_>) -> Result<Self, DecodeError>;
}

/// "expected `expected`, found …" at `at`.
pub fn bad_json(at: &JsonPath<'_>, expected: &'static str, found: &Value) -> DecodeError {
    DecodeError::new(
        at.to_string(),
        DecodeProblem::BadValue {
            expected,
            found: excerpt(&found.to_string()),
        },
    )
}

/// Parses a JSON body within the default [`Limits`].
pub fn parse(text: &str) -> Result<Value, DecodeError> {
    parse_within(text, &Limits::default())
}

/// Parses a JSON body (after a byte order mark, if it starts with one), refused past
/// `limits` before it is parsed. An object that has a member twice with different values is
/// refused: which one the sender meant is anybody's guess, and a reader that took the last
/// would turn `FAILED` then `SUCCESS` into a success.
pub fn parse_within(text: &str, limits: &Limits) -> Result<Value, DecodeError> {
    limits.check_body(text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut scan = Scan {
        text,
        at: 0,
        depth: 0,
        limits,
    };
    let stop = scan.value().err();
    if let Some(Stop::Limit(limit)) = stop {
        return Err(Limits::refuse(limit));
    }
    let value = serde_json::from_str(text).map_err(|error| {
        DecodeError::new("$", DecodeProblem::Syntax(format!("not JSON: {error}")))
    })?;
    match stop {
        Some(Stop::Ambiguous(name)) => Err(DecodeError::new(
            format!("the member `{name}`"),
            DecodeProblem::Unexpected {
                expected: "it once, or again with the same value".to_owned(),
                found: "it twice with different values".to_owned(),
            },
        )),
        _ => Ok(value),
    }
}

/// Why a walk over JSON text stopped early.
enum Stop {
    /// A member an object has twice with different values.
    Ambiguous(String),
    /// A limit the text goes past.
    Limit(Limit),
}

/// A walk over JSON text, in one pass: it counts the depth and the strings' lengths against
/// the limits, which also bound its recursion, and finds members given twice. Text that is
/// not well-formed is walked without harm and left to the parser to report.
struct Scan<'t> {
    text: &'t str,
    at: usize,
    depth: usize,
    limits: &'t Limits,
}

impl<'t> Scan<'t> {
    fn byte(&self) -> u8 {
        self.text.as_bytes().get(self.at).copied().unwrap_or(b'}')
    }

    /// One character on, never past the end: the walk stays on character boundaries, so
    /// that what it slices is text whatever bytes malformed JSON puts where.
    fn advance(&mut self) {
        self.at = (self.at + 1).min(self.text.len());
        while !self.text.is_char_boundary(self.at) {
            self.at += 1;
        }
    }

    fn space(&mut self) {
        while self.byte().is_ascii_whitespace() {
            self.advance();
        }
    }

    /// Skips a value, stopping at a member given twice or at a limit.
    fn value(&mut self) -> Result<(), Stop> {
        self.space();
        match self.byte() {
            b'{' => {
                self.deeper()?;
                self.object()?;
                self.depth -= 1;
                Ok(())
            }
            b'[' => {
                self.deeper()?;
                self.advance();
                loop {
                    self.space();
                    match self.byte() {
                        b']' => {
                            self.advance();
                            self.depth -= 1;
                            return Ok(());
                        }
                        // The end of the text.
                        b'}' => return Ok(()),
                        b',' => self.advance(),
                        _ => self.value()?,
                    }
                }
            }
            b'"' => {
                self.string()?;
                Ok(())
            }
            _ => {
                while !matches!(self.byte(), b',' | b'}' | b']')
                    && !self.byte().is_ascii_whitespace()
                {
                    self.advance();
                }
                Ok(())
            }
        }
    }

    /// One level deeper, within the limit.
    fn deeper(&mut self) -> Result<(), Stop> {
        self.depth += 1;
        if self.depth > self.limits.depth {
            return Err(Stop::Limit(Limit::Depth(self.limits.depth)));
        }
        Ok(())
    }

    /// Skips a string within the limit of its length, and returns it with its quotes.
    fn string(&mut self) -> Result<&'t str, Stop> {
        let start = self.at;
        self.advance();
        while self.at < self.text.len() && self.byte() != b'"' {
            if self.byte() == b'\\' {
                self.advance();
            }
            self.advance();
        }
        self.advance();
        if self.at - start > self.limits.string.saturating_add(2) {
            return Err(Stop::Limit(Limit::String(self.limits.string)));
        }
        Ok(&self.text[start..self.at])
    }

    fn object(&mut self) -> Result<(), Stop> {
        self.advance();
        let mut seen: std::collections::HashMap<String, &'t str> = std::collections::HashMap::new();
        loop {
            self.space();
            if self.byte() != b'"' {
                self.advance();
                return Ok(());
            }
            let raw = self.string()?;
            let name: String = serde_json::from_str(raw).unwrap_or_else(|_| raw.to_owned());
            self.space();
            self.advance();
            self.space();
            let start = self.at;
            self.value()?;
            let value = &self.text[start..self.at];
            if let Some(before) = seen.insert(name.clone(), value)
                && before != value
                && serde_json::from_str::<Value>(before).ok()
                    != serde_json::from_str::<Value>(value).ok()
            {
                return Err(Stop::Ambiguous(name));
            }
            self.space();
            if self.byte() == b',' {
                self.advance();
            }
        }
    }
}

/// The members of an object, or an error saying the value is not one.
pub fn object<'v>(
    value: &'v Value,
    at: &JsonPath<'_>,
) -> Result<&'v Map<String, Value>, DecodeError> {
    value
        .as_object()
        .ok_or_else(|| bad_json(at, "an object", value))
}

/// The items of an array, or an error saying the value is not one.
pub fn array<'v>(value: &'v Value, at: &JsonPath<'_>) -> Result<&'v Vec<Value>, DecodeError> {
    value
        .as_array()
        .ok_or_else(|| bad_json(at, "an array", value))
}

/// The member `name` of an object, as Json.NET reads one: the member of that name, else one
/// whose name differs only in case (what a camel-case resolver writes for `SessionToken`).
pub fn get<'v>(object: &'v Map<String, Value>, name: &str) -> Option<&'v Value> {
    object.get(name).or_else(|| {
        let folded = |text: &str| {
            text.chars()
                .flat_map(char::to_lowercase)
                .eq(name.chars().flat_map(char::to_lowercase))
        };
        object
            .iter()
            .find(|(key, _)| {
                key.eq_ignore_ascii_case(name)
                    || ((!key.is_ascii() || !name.is_ascii()) && folded(key))
            })
            .map(|(_, value)| value)
    })
}

/// A required member of an object.
pub fn required<T: JsonType>(
    object: &Map<String, Value>,
    name: &str,
    at: &JsonPath<'_>,
) -> Result<T, DecodeError> {
    match get(object, name) {
        Some(value) => T::from_json(value, &at.member(name)),
        None => Err(DecodeError::new(
            at.to_string(),
            DecodeProblem::Missing(format!("member `{name}`")),
        )),
    }
}

/// A member that may be absent or `null`: `None` for either.
pub fn optional<T: JsonType>(
    object: &Map<String, Value>,
    name: &str,
    at: &JsonPath<'_>,
) -> Result<Option<T>, DecodeError> {
    match get(object, name) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => T::from_json(value, &at.member(name)).map(Some),
    }
}

/// A member whose absence and `null` mean two things.
pub fn nillable<T: JsonType>(
    object: &Map<String, Value>,
    name: &str,
    at: &JsonPath<'_>,
) -> Result<Nillable<T>, DecodeError> {
    match get(object, name) {
        None => Ok(Nillable::Absent),
        Some(Value::Null) => Ok(Nillable::Nil),
        Some(value) => T::from_json(value, &at.member(name)).map(Nillable::Value),
    }
}

/// A member that is an array of values; absent or `null`, no values.
pub fn list_member<T: JsonType>(
    object: &Map<String, Value>,
    name: &str,
    at: &JsonPath<'_>,
) -> Result<Vec<T>, DecodeError> {
    match get(object, name) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(value) => list(value, &at.member(name)),
    }
}

/// Sets the member `name` to `value`.
pub fn put<T: JsonType>(
    object: &mut Map<String, Value>,
    name: &str,
    value: &T,
) -> Result<(), EncodeError> {
    object.insert(name.to_owned(), value.to_json()?);
    Ok(())
}

/// Sets the member `name` to `value` if there is one.
pub fn put_optional<T: JsonType>(
    object: &mut Map<String, Value>,
    name: &str,
    value: Option<&T>,
) -> Result<(), EncodeError> {
    match value {
        Some(value) => put(object, name, value),
        None => Ok(()),
    }
}

/// Sets the member `name` to `value`, or `null` for none.
pub fn put_or_null<T: JsonType>(
    object: &mut Map<String, Value>,
    name: &str,
    value: Option<&T>,
) -> Result<(), EncodeError> {
    match value {
        Some(value) => put(object, name, value),
        None => {
            object.insert(name.to_owned(), Value::Null);
            Ok(())
        }
    }
}

/// Sets the member `name` to the value, or `null`, or leaves it out, as `value` says.
pub fn put_nillable<T: JsonType>(
    object: &mut Map<String, Value>,
    name: &str,
    value: Nillable<&T>,
) -> Result<(), EncodeError> {
    match value {
        Nillable::Absent => Ok(()),
        Nillable::Nil => {
            object.insert(name.to_owned(), Value::Null);
            Ok(())
        }
        Nillable::Value(value) => put(object, name, value),
    }
}

/// Sets the member `name` to an array of `values`.
pub fn put_list<T: JsonType>(
    object: &mut Map<String, Value>,
    name: &str,
    values: &[T],
) -> Result<(), EncodeError> {
    object.insert(name.to_owned(), to_array(values)?);
    Ok(())
}

/// A list of values from an array.
pub fn list<T: JsonType>(value: &Value, at: &JsonPath<'_>) -> Result<Vec<T>, DecodeError> {
    array(value, at)?
        .iter()
        .enumerate()
        .map(|(index, item)| T::from_json(item, &at.item(index)))
        .collect()
}

/// A list of values as an array.
pub fn to_array<T: JsonType>(values: &[T]) -> Result<Value, EncodeError> {
    values
        .iter()
        .map(JsonType::to_json)
        .collect::<Result<Vec<_>, _>>()
        .map(Value::Array)
}

/// A value that may be null: JSON `null` is `None`.
impl<T: JsonType> JsonType for Option<T> {
    fn to_json(&self) -> Result<Value, EncodeError> {
        match self {
            Some(value) => value.to_json(),
            None => Ok(Value::Null),
        }
    }

    fn from_json(value: &Value, at: &JsonPath<'_>) -> Result<Self, DecodeError> {
        match value {
            Value::Null => Ok(None),
            other => T::from_json(other, at).map(Some),
        }
    }
}

/// A boxed value, as the value itself (a type that holds itself is boxed).
impl<T: JsonType> JsonType for Box<T> {
    fn to_json(&self) -> Result<Value, EncodeError> {
        self.as_ref().to_json()
    }

    fn from_json(value: &Value, at: &JsonPath<'_>) -> Result<Self, DecodeError> {
        T::from_json(value, at).map(Box::new)
    }
}

/// Bytes as hexadecimal text, as Json.NET writes no such type.
impl JsonType for super::text::HexBinary {
    fn to_json(&self) -> Result<Value, EncodeError> {
        Ok(Value::String(
            super::text::XmlText::to_text(self).into_owned(),
        ))
    }

    fn from_json(value: &Value, at: &JsonPath<'_>) -> Result<Self, DecodeError> {
        match value {
            Value::String(text) => super::text::XmlText::from_text(text)
                .ok_or_else(|| bad_json(at, "hexadecimal digits", value)),
            other => Err(bad_json(at, "hexadecimal digits", other)),
        }
    }
}

/// A value of no declared type (.NET's `object`, `Collection of Object` on a help page):
/// whatever JSON it is, kept so that it is written back as it came. A string, a boolean and
/// a number keep their XML Schema type as XML would say it with `xsi:type`; an object, an
/// array or `null` keeps its JSON text. A value read from XML writes its content as a
/// string, unless its type says a boolean or a number.
impl JsonType for super::xml_content::AnyType {
    fn to_json(&self) -> Result<Value, EncodeError> {
        let text = self.content.as_str();
        let xsd_type = self
            .xsi_type
            .as_ref()
            .filter(|(ns, _)| ns == super::xml_write::XSD)
            .map(|(_, local)| local.as_str());
        let parsed = || serde_json::from_str::<Value>(text).ok();
        Ok(match xsd_type {
            Some("boolean") => parsed().filter(Value::is_boolean),
            Some("decimal" | "double" | "float" | "long" | "int" | "short" | "byte") => {
                parsed().filter(Value::is_number)
            }
            Some(_) => None,
            // Only JSON's own objects, arrays and `null` come without a type.
            None => parsed().filter(|v| v.is_object() || v.is_array() || v.is_null()),
        }
        .unwrap_or_else(|| Value::String(text.to_owned())))
    }

    fn from_json(value: &Value, _at: &JsonPath<'_>) -> Result<Self, DecodeError> {
        let typed = |local: &str, text: String| super::xml_content::AnyType {
            xsi_type: Some((super::xml_write::XSD.to_owned(), local.to_owned())),
            content: XmlContent(text),
        };
        Ok(match value {
            Value::String(text) => typed("string", text.clone()),
            Value::Bool(flag) => typed("boolean", flag.to_string()),
            Value::Number(number) if number.is_i64() || number.is_u64() => {
                typed("long", number.to_string())
            }
            Value::Number(number) => typed("decimal", number.to_string()),
            other => super::xml_content::AnyType {
                xsi_type: None,
                content: XmlContent(other.to_string()),
            },
        })
    }
}

impl JsonType for String {
    fn to_json(&self) -> Result<Value, EncodeError> {
        Ok(Value::String(self.clone()))
    }

    fn from_json(value: &Value, at: &JsonPath<'_>) -> Result<Self, DecodeError> {
        value
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| bad_json(at, "a string", value))
    }
}

impl JsonType for bool {
    fn to_json(&self) -> Result<Value, EncodeError> {
        Ok(Value::Bool(*self))
    }

    fn from_json(value: &Value, at: &JsonPath<'_>) -> Result<Self, DecodeError> {
        value
            .as_bool()
            .ok_or_else(|| bad_json(at, "a boolean", value))
    }
}

macro_rules! json_number {
    ($($ty:ty),*) => {
        $(impl JsonType for $ty {
            fn to_json(&self) -> Result<Value, EncodeError> {
                Ok(Value::Number(Number::from(*self)))
            }

            fn from_json(value: &Value, at: &JsonPath<'_>) -> Result<Self, DecodeError> {
                match value {
                    Value::Number(number) => number.to_string().parse().ok(),
                    _ => None,
                }
                .ok_or_else(|| bad_json(at, <$ty as XmlText>::EXPECTED, value))
            }
        })*
    };
}

json_number!(i8, u8, i16, u16, i32, u32, i64, u64);

macro_rules! json_float {
    ($($ty:ty),*) => {
        $(impl JsonType for $ty {
            fn to_json(&self) -> Result<Value, EncodeError> {
                // Json.NET writes what JSON numbers cannot hold as strings.
                Ok(match Number::from_f64(f64::from(*self)) {
                    Some(number) if self.is_finite() => Value::Number(number),
                    _ => Value::String(self.to_text().into_owned()),
                })
            }

            fn from_json(value: &Value, at: &JsonPath<'_>) -> Result<Self, DecodeError> {
                match value {
                    Value::Number(number) => number.to_string().parse().ok(),
                    Value::String(text) => match text.as_str() {
                        "Infinity" => Some(<$ty>::INFINITY),
                        "-Infinity" => Some(<$ty>::NEG_INFINITY),
                        other => <$ty as XmlText>::from_text(other),
                    },
                    _ => None,
                }
                .ok_or_else(|| bad_json(at, <$ty as XmlText>::EXPECTED, value))
            }
        })*
    };
}

json_float!(f32, f64);

impl JsonType for Decimal {
    fn to_json(&self) -> Result<Value, EncodeError> {
        // Number keeps the digits as written (serde_json's arbitrary precision).
        let text = self.as_str().trim_start_matches('+');
        let text = text.strip_suffix('.').unwrap_or(text);
        Ok(match text.parse::<Number>() {
            Ok(number) => Value::Number(number),
            Err(_) => Value::String(self.as_str().to_owned()),
        })
    }

    fn from_json(value: &Value, at: &JsonPath<'_>) -> Result<Self, DecodeError> {
        match value {
            Value::Number(number) => number.to_string().parse().ok(),
            Value::String(text) => text.parse().ok(),
            _ => None,
        }
        .ok_or_else(|| bad_json(at, "a decimal number", value))
    }
}

/// Values that JSON carries as their text (dates, GUIDs).
macro_rules! json_as_text {
    ($($ty:ty),*) => {
        $(impl JsonType for $ty {
            fn to_json(&self) -> Result<Value, EncodeError> {
                Ok(Value::String(self.to_text().into_owned()))
            }

            fn from_json(value: &Value, at: &JsonPath<'_>) -> Result<Self, DecodeError> {
                value
                    .as_str()
                    .and_then(<$ty as XmlText>::from_text)
                    .ok_or_else(|| bad_json(at, <$ty as XmlText>::EXPECTED, value))
            }
        })*
    };
}

json_as_text!(DateTime, uuid::Uuid);

impl JsonType for Vec<u8> {
    fn to_json(&self) -> Result<Value, EncodeError> {
        Ok(Value::String(
            base64::engine::general_purpose::STANDARD.encode(self),
        ))
    }

    fn from_json(value: &Value, at: &JsonPath<'_>) -> Result<Self, DecodeError> {
        value
            .as_str()
            .and_then(<Vec<u8> as XmlText>::from_text)
            .ok_or_else(|| bad_json(at, "base64", value))
    }
}

impl JsonType for XmlContent {
    fn to_json(&self) -> Result<Value, EncodeError> {
        Ok(Value::String(self.as_str().to_owned()))
    }

    fn from_json(value: &Value, at: &JsonPath<'_>) -> Result<Self, DecodeError> {
        Ok(XmlContent(match value {
            Value::String(text) => text.clone(),
            other if other.is_null() => return Err(bad_json(at, "XML as a string", value)),
            other => other.to_string(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_are_found_whatever_their_case_as_json_net_reads_them() {
        let value = parse(r#"{"sessionToken":"a","Straße":1,"SESSIONTOKEN":"b"}"#).unwrap();
        let object = value.as_object().unwrap();
        // The exact name first, then another case.
        assert_eq!(get(object, "SESSIONTOKEN"), Some(&Value::from("b")));
        assert_eq!(get(object, "SessionToken"), Some(&Value::from("a")));
        assert_eq!(get(object, "STRAßE"), Some(&Value::from(1)));
        assert_eq!(get(object, "Session"), None);
        let read: Option<String> = optional(object, "SessionToken", &JsonPath::Root).unwrap();
        assert_eq!(read.as_deref(), Some("a"));
    }

    #[test]
    fn a_value_of_no_declared_type_is_written_back_as_it_came() {
        use super::super::xml_content::AnyType;
        for text in [
            r#"{"responseStatus":{"succeeded":true}}"#,
            r#"[1,"a",null]"#,
            r#""sample string""#,
            "true",
            "12",
            "1.5",
            "null",
        ] {
            let value: Value = serde_json::from_str(text).unwrap();
            let read = AnyType::from_json(&value, &JsonPath::Root).unwrap();
            assert_eq!(read.to_json().unwrap(), value, "{text}");
        }
        // From XML, untyped content is a string, however it looks.
        let from_xml = AnyType {
            xsi_type: None,
            content: XmlContent("12".into()),
        };
        assert_eq!(from_xml.to_json().unwrap(), Value::String("12".into()));
    }

    #[test]
    fn a_member_twice_with_different_values_is_refused() {
        assert!(parse(r#"{"status":"FAILED","status":"SUCCESS"}"#).is_err());
        assert!(parse(r#"{"a":[{"b":{"s":1,"s":2}}]}"#).is_err());
        // The same value twice, however written, says one thing.
        assert!(parse(r#"{"status":"SUCCESS", "status" : "SUCC\u0045SS"}"#).is_ok());
        assert!(parse(r#"{"a":{"s":1},"b":{"s":2},"c":"x\"y","d":[1,{}]}"#).is_ok());
    }

    #[test]
    fn malformed_text_with_characters_where_punctuation_belongs_is_an_error() {
        // Found by the `json_limits` fuzz target: the walk once stepped into the middle of
        // a character and sliced there.
        for text in [
            "{\"a\"\u{e9}1}",
            "{\"a\":\"\\\u{e9}\"}",
            "{\"a\" \u{feff} [1]}",
        ] {
            assert!(parse(text).is_err(), "{text}");
        }
        assert_eq!(
            parse("{\"\u{e9}\":\"\u{e9}\"}").unwrap()["\u{e9}"],
            "\u{e9}"
        );
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        assert_eq!(parse("\u{feff}{\"a\":1}").unwrap()["a"], 1);
    }

    #[test]
    fn numbers_keep_their_digits() {
        let decimal: Decimal = "79228162514264337593543950335.10".parse().unwrap();
        let json = decimal.to_json().unwrap();
        assert_eq!(json.to_string(), "79228162514264337593543950335.10");
        assert_eq!(Decimal::from_json(&json, &JsonPath::Root).unwrap(), decimal);
        let big: Value = serde_json::from_str("4294967296").unwrap();
        let error = i32::from_json(&big, &JsonPath::Root.member("n")).unwrap_err();
        assert_eq!(error.at, "$.n");
    }

    #[test]
    fn lone_surrogates_are_refused_not_replaced() {
        for text in [r#""\ud800""#, r#""a\udc00b""#] {
            let error = parse(text).unwrap_err();
            assert!(matches!(error.problem, DecodeProblem::Syntax(_)), "{text}");
        }
    }
}
