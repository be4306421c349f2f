//! JSON samples on a page: where one ends, and its values with positions on the page.
//!
//! `serde_json` does not say where a value stood, and every fact needs its position, so the
//! samples are parsed by `jsonc-parser` (with every JSONC leniency switched off) into a small
//! tree that keeps member order and positions.

use jsonc_parser::ast;
use jsonc_parser::common::Ranged;

use crate::diagnostic::{Diagnostic, Problem};
use crate::model::Pos;
use crate::read::page::xml_sample::{MAX_SAMPLE_DEPTH, too_deep};
use crate::source::Source;

/// A JSON value and where it stands on the page.
#[derive(Clone, Debug, PartialEq)]
pub struct Json {
    /// The value.
    pub value: JsonValue,
    /// Where it starts.
    pub pos: Pos,
}

/// JSON values, with numbers kept as written.
#[derive(Clone, Debug, PartialEq)]
pub enum JsonValue {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, members in the order written, each with the position of its name.
    Object(Vec<(String, Pos, Json)>),
}

impl Json {
    /// Parses the sample that starts at byte `offset` of `source`, and returns it with the
    /// byte offset just after it.
    pub fn parse(source: &Source, offset: usize) -> Result<(Json, usize), Diagnostic> {
        Self::parse_within(source, offset, &|_| None)
    }

    /// [`Json::parse`], where a page's line may end before the document's (a line a copy
    /// glued, read as several): `line_end` gives the end of the page's line that an offset
    /// stands on, and only that line must end after the sample.
    pub fn parse_within(
        source: &Source,
        offset: usize,
        line_end: &dyn Fn(usize) -> Option<usize>,
    ) -> Result<(Json, usize), Diagnostic> {
        let text = source.sample_text();
        let end = extent(text, offset).map_err(|error| match error {
            JsonExtentError::Open(opened) => source.error(
                source.pos_at(text.trim_end().len()),
                Problem::TruncatedJson {
                    opened: source.pos_at(opened),
                },
            ),
            JsonExtentError::TooDeep(at) => source.error(source.pos_at(at), too_deep()),
        })?;
        source.expect_sample_end(end, line_end(end), "the JSON sample")?;
        let strict = jsonc_parser::ParseOptions {
            allow_comments: false,
            allow_loose_object_property_names: false,
            allow_trailing_commas: false,
            allow_missing_commas: false,
            allow_single_quoted_strings: false,
            allow_hexadecimal_numbers: false,
            allow_unary_plus_numbers: false,
            allow_bare_decimal_point_numbers: false,
            allow_non_finite_numbers: false,
            allow_extended_string_escapes: false,
        };
        let parsed = jsonc_parser::parse_to_ast(&text[offset..end], &Default::default(), &strict)
            .map_err(|error| {
            source.error(
                source.pos_at(offset + error.range().start),
                Problem::JsonSyntax {
                    message: error.kind().to_string(),
                },
            )
        })?;
        let Some(value) = parsed.value else {
            return Err(source.error(
                source.pos_at(offset),
                Problem::JsonSyntax {
                    message: "no value".into(),
                },
            ));
        };
        Ok((convert(source, offset, &value), end))
    }

    /// The members of an object, or `None` for other values.
    pub fn members(&self) -> Option<&[(String, Pos, Json)]> {
        match &self.value {
            JsonValue::Object(members) => Some(members),
            _ => None,
        }
    }
}

fn convert(source: &Source, offset: usize, value: &ast::Value<'_>) -> Json {
    let pos = source.pos_at(offset + value.start());
    let value = match value {
        ast::Value::NullKeyword(_) => JsonValue::Null,
        ast::Value::BooleanLit(b) => JsonValue::Bool(b.value),
        ast::Value::NumberLit(n) => JsonValue::Number(n.value.to_owned()),
        ast::Value::StringLit(s) => JsonValue::String(s.value.clone().into_owned()),
        ast::Value::Array(array) => JsonValue::Array(
            array
                .elements
                .iter()
                .map(|e| convert(source, offset, e))
                .collect(),
        ),
        ast::Value::Object(object) => JsonValue::Object(
            object
                .properties
                .iter()
                .map(|p| {
                    (
                        p.name.as_str().to_owned(),
                        source.pos_at(offset + p.range.start),
                        convert(source, offset, &p.value),
                    )
                })
                .collect(),
        ),
    };
    Json { value, pos }
}

/// Why a JSON sample has no end, with byte offsets into the text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum JsonExtentError {
    /// The text ends with the bracket or quote at this offset still open.
    Open(usize),
    /// The bracket at this offset nests deeper than [`MAX_SAMPLE_DEPTH`].
    TooDeep(usize),
}

/// Finds where the JSON value that starts at `start` ends. Objects, arrays and strings end
/// at their closing character, anything else at the end of its word. On a sample that runs
/// into the end of the text, says which bracket or quote is left open.
pub(crate) fn extent(text: &str, start: usize) -> Result<usize, JsonExtentError> {
    let bytes = text.as_bytes();
    match bytes.get(start) {
        Some(b'{' | b'[' | b'"') => {}
        _ => {
            let len = text[start..]
                .find(|c: char| c.is_whitespace())
                .unwrap_or(text.len() - start);
            return Ok(start + len);
        }
    }
    let mut open: Vec<usize> = Vec::new();
    let mut in_string: Option<usize> = None;
    let mut escaped = false;
    for (k, &b) in bytes[start..].iter().enumerate() {
        let at = start + k;
        if let Some(_opened) = in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => {
                    in_string = None;
                    if open.is_empty() {
                        return Ok(at + 1);
                    }
                }
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = Some(at),
            b'{' | b'[' => {
                open.push(at);
                if open.len() > MAX_SAMPLE_DEPTH {
                    return Err(JsonExtentError::TooDeep(at));
                }
            }
            b'}' | b']' => {
                open.pop();
                if open.is_empty() {
                    return Ok(at + 1);
                }
            }
            _ => {}
        }
    }
    Err(JsonExtentError::Open(
        in_string.or(open.last().copied()).unwrap_or(start),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extent_of_an_object_ignores_brackets_in_strings() {
        let text = "{ \"a\": \"}\\\"]\", \"b\": [1, {}] }\nCopy";
        assert_eq!(extent(text, 0), Ok(text.find('\n').unwrap()));
    }

    #[test]
    fn extent_of_a_scalar_is_its_word() {
        assert_eq!(extent("\"c7d2\"\n", 0), Ok(6));
        assert_eq!(extent("200 \n", 0), Ok(3));
    }

    #[test]
    fn an_unclosed_object_reports_its_bracket() {
        assert_eq!(extent("x {\n\"a\": [1,", 2), Err(JsonExtentError::Open(9)));
    }

    #[test]
    fn values_keep_their_page_positions() {
        let source = Source::new(
            "t",
            "DATA: JSON\n{\n\"WebLogout\": {\n\"token\": \"x\"\n}\n}\nCopy",
        );
        let offset = source.text().find('{').unwrap();
        let (json, end) = Json::parse(&source, offset).unwrap();
        assert_eq!(&source.text()[end..], "\nCopy");
        let (key, _, inner) = &json.members().unwrap()[0];
        assert_eq!(key, "WebLogout");
        assert_eq!(inner.pos, Pos::new(3, 14));
        let (name, pos, value) = &inner.members().unwrap()[0];
        assert_eq!((name.as_str(), *pos), ("token", Pos::new(4, 1)));
        assert_eq!(value.value, JsonValue::String("x".into()));
    }
}
