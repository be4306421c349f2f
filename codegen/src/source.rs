//! A document as the readers see it: its name, its text, its lines, and positions in it.

use crate::diagnostic::{Diagnostic, Problem, Related};
use crate::model::{Pos, SourceId};

/// A document: the name it is reported under, its place among the documents of its service,
/// and its text.
#[derive(Clone, Debug)]
pub struct Source {
    name: String,
    id: SourceId,
    text: String,
    /// The text with every non-breaking space as two spaces (the same bytes): browsers copy
    /// indentation as non-breaking spaces, which XML and JSON do not take for white space.
    sample_text: String,
    /// Byte offset of the start of every line.
    line_starts: Vec<usize>,
}

impl Source {
    /// A document from its bytes, which must be UTF-8 (a leading byte order mark is skipped).
    pub fn from_bytes(name: impl Into<String>, bytes: &[u8]) -> Result<Source, Diagnostic> {
        let name = name.into();
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Source::new(name, text)),
            Err(error) => {
                let valid = error.valid_up_to();
                // The valid prefix is text, so positions in it can be counted as usual.
                let prefix = Source::new(
                    name.clone(),
                    std::str::from_utf8(&bytes[..valid]).unwrap_or_default(),
                );
                let pos = prefix.pos_at(valid);
                let line_start = prefix.line_starts.last().copied().unwrap_or(0);
                let line_end = bytes[valid..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |i| valid + i);
                let line_text = String::from_utf8_lossy(&bytes[line_start..line_end]).into_owned();
                Err(Diagnostic {
                    file: name,
                    pos,
                    problem: Problem::NotUtf8 { byte: bytes[valid] },
                    line_text: line_text.trim_end_matches('\r').to_owned(),
                    related: Vec::new(),
                })
            }
        }
    }

    /// A document from its text.
    pub fn new(name: impl Into<String>, text: &str) -> Source {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Source {
            name: name.into(),
            id: SourceId(0),
            text: text.to_owned(),
            sample_text: text.replace('\u{a0}', "  "),
            line_starts,
        }
    }

    /// The same document as document `id` of its service, which its positions then name.
    pub fn with_id(mut self, id: SourceId) -> Source {
        self.id = id;
        self
    }

    /// The document's place among the documents of its service.
    pub fn id(&self) -> SourceId {
        self.id
    }

    /// The name the document is reported under.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text for sample parsers: non-breaking spaces are plain, byte offsets unchanged.
    pub fn sample_text(&self) -> &str {
        &self.sample_text
    }

    /// Every line, blank ones included, without its line end.
    pub fn lines(&self) -> Vec<Line<'_>> {
        (0..self.line_starts.len())
            .map(|index| {
                let start = self.line_starts[index];
                let raw = self.raw_line(index);
                let trimmed_start = raw.trim_start();
                let indent = raw[..raw.len() - trimmed_start.len()].chars().count();
                Line {
                    source: self.id,
                    number: index as u32 + 1,
                    start,
                    text_start: start + (raw.len() - trimmed_start.len()),
                    indent: indent as u32,
                    text: trimmed_start.trim_end(),
                }
            })
            .collect()
    }

    fn raw_line(&self, index: usize) -> &str {
        let start = self.line_starts[index];
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next - 1);
        self.text[start..end].trim_end_matches('\r')
    }

    /// The text of line `line` (1-based), without its line end; empty past the end.
    pub fn line_text(&self, line: u32) -> &str {
        match (line as usize).checked_sub(1) {
            Some(index) if index < self.line_starts.len() => self.raw_line(index),
            _ => "",
        }
    }

    /// The position of a byte offset (clamped to the text, and to a character boundary).
    pub fn pos_at(&self, offset: usize) -> Pos {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let index = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let column = self.text[self.line_starts[index]..offset].chars().count() + 1;
        Pos::in_source(self.id, index as u32 + 1, column as u32)
    }

    /// Checks that a sample ending at byte `end` of the sample text ends its line too: text
    /// after it on the same line means the sample was cut or joined with something else.
    /// `what` names the sample (`the JSON sample`).
    pub fn expect_line_end_after(&self, end: usize, what: &str) -> Result<(), Diagnostic> {
        let rest_of_line = self.sample_text()[end..].split('\n').next().unwrap_or("");
        if rest_of_line.trim().is_empty() {
            return Ok(());
        }
        Err(self.error(
            self.pos_at(end),
            Problem::Expected {
                expected: format!("the end of the line after {what}"),
                found: rest_of_line.trim().to_owned(),
            },
        ))
    }

    /// A diagnostic about the text at `pos`. What a contradiction contradicts, or where a
    /// duplicate first stood, is shown beside it when it stands in this document too.
    pub fn error(&self, pos: Pos, problem: Problem) -> Diagnostic {
        let other = match &problem {
            Problem::Inconsistent { other, .. } => Some((*other, "the other statement")),
            Problem::Duplicate { first, .. } => Some((*first, "where it stood first")),
            _ => None,
        };
        let related = other
            .filter(|(other, _)| other.source == self.id && other.line > 0)
            .map(|(other, note)| self.related(other, note));
        Diagnostic {
            file: self.name.clone(),
            pos,
            problem,
            line_text: self.line_text(pos.line).to_owned(),
            related: related.into_iter().collect(),
        }
    }

    /// The place `pos` of this document, for another document's diagnostic.
    pub fn related(&self, pos: Pos, note: &'static str) -> Related {
        Related {
            file: self.name.clone(),
            pos,
            line_text: self.line_text(pos.line).to_owned(),
            note,
        }
    }
}

/// One line of a document.
#[derive(Clone, Copy, Debug)]
pub struct Line<'a> {
    /// The document.
    pub source: SourceId,
    /// The line number, from 1.
    pub number: u32,
    /// Byte offset of the line's start in the document.
    pub start: usize,
    /// Byte offset of the first character of `text` in the document.
    pub text_start: usize,
    /// Characters of white space before the text (browsers copy non-breaking spaces too).
    pub indent: u32,
    /// The line with surrounding white space removed.
    pub text: &'a str,
}

impl<'a> Line<'a> {
    /// The position of the line's first character of text.
    pub fn pos(&self) -> Pos {
        Pos::in_source(self.source, self.number, self.indent + 1)
    }

    /// The position of the byte at `offset` within `text`.
    pub fn pos_in(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let mut boundary = offset;
        while !self.text.is_char_boundary(boundary) {
            boundary -= 1;
        }
        Pos::in_source(
            self.source,
            self.number,
            self.indent + 1 + self.text[..boundary].chars().count() as u32,
        )
    }

    /// Whether the line has no text.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}
