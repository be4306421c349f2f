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
    /// Every [`MARK_EVERY`] bytes or so, a character boundary and the characters before it,
    /// so that a column is counted from the nearest mark rather than from its line's start:
    /// a page of one long line costs each position a bounded walk.
    char_marks: Vec<(usize, usize)>,
    /// Whether the text is ASCII, where a byte is a character and no marks are needed.
    ascii: bool,
}

/// The largest help page read, in bytes. A real one is a few kilobytes; the readers take a
/// page in time and memory in proportion to its size, and refuse one past this.
pub const MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// The largest document of any kind read, in bytes: the largest real WSDLs are a few
/// megabytes.
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024 * 1024;

/// The refusal of a document past `limit` bytes, before anything is made of it: `what` it
/// is, and its first line as far as it can be shown.
fn too_large(name: String, first_line: &str, what: &str, limit: usize) -> Diagnostic {
    Diagnostic {
        file: name,
        pos: Pos::new(1, 1),
        problem: Problem::TooLarge {
            what: what.to_owned(),
            limit: format!("{} MiB", limit / (1024 * 1024)),
        },
        line_text: first_line.to_owned(),
        line_from: 1,
        related: Vec::new(),
    }
}

/// How far apart [`Source::char_marks`] stand, in bytes.
const MARK_EVERY: usize = 1024;

/// The bytes a diagnostic shows of a long line before and after its position.
const WINDOW_BEFORE: usize = 120;
const WINDOW_AFTER: usize = 240;

/// The part of `line` a diagnostic shows around byte `at` of it, and the column (from 1) of
/// that part's first character given `column_at`, the column of `at`: the whole line when it
/// is short, else a window with `…` where it was cut.
fn window(line: &str, at: usize, column_at: u32) -> (String, u32) {
    if line.len() <= WINDOW_BEFORE + WINDOW_AFTER {
        return (line.to_owned(), 1);
    }
    let at = at.min(line.len());
    let mut start = at.saturating_sub(WINDOW_BEFORE);
    while !line.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + WINDOW_AFTER).min(line.len());
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    let from = column_at.saturating_sub(line[start..at.max(start)].chars().count() as u32);
    let mut text = String::new();
    if start > 0 {
        text.push('…');
    }
    text.push_str(&line[start..end]);
    if end < line.len() {
        text.push('…');
    }
    (text, from.max(1))
}

impl Source {
    /// A document from its bytes, which must be UTF-8 (a leading byte order mark is skipped).
    /// Past [`MAX_PAGE_BYTES`] a document that is no XML is refused, and past
    /// [`MAX_DOCUMENT_BYTES`] any document, before anything is made of it.
    ///
    /// A document in another encoding is read in it, as an XML parser would: the one its
    /// byte order mark says (UTF-16, as Windows tools save), else the one its XML declaration
    /// names (`encoding="ISO-8859-1"`). Bytes that are no text in that encoding are refused
    /// where they stand, never replaced.
    pub fn from_bytes(name: impl Into<String>, bytes: &[u8]) -> Result<Source, Diagnostic> {
        let name = name.into();
        if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes)
            && encoding != encoding_rs::UTF_8
        {
            return Source::decoded(name, &bytes[bom..], encoding);
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let is_xml = bytes
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|&b| b == b'<');
        if is_xml && let Some(label) = codegen_runtime::xml_declared_encoding(bytes) {
            match encoding_rs::Encoding::for_label(label.as_bytes()) {
                // A declaration that names UTF-16 in a file without a byte order mark is the
                // declaration of a file another tool saved again as UTF-8: its bytes say so.
                Some(encoding)
                    if encoding != encoding_rs::UTF_8
                        && encoding != encoding_rs::UTF_16LE
                        && encoding != encoding_rs::UTF_16BE =>
                {
                    return Source::decoded(name, bytes, encoding);
                }
                Some(_) => {}
                None => {
                    return Err(Source::new(name, &String::from_utf8_lossy(bytes)).error(
                        Pos::new(1, 1),
                        Problem::UnknownEncoding {
                            label: label.to_owned(),
                        },
                    ));
                }
            }
        }
        let limit = match is_xml {
            true => (MAX_DOCUMENT_BYTES, "this document"),
            false => (MAX_PAGE_BYTES, "this help page"),
        };
        if bytes.len() > limit.0 {
            let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
            let first_line = String::from_utf8_lossy(&first_line[..first_line.len().min(120)]);
            return Err(too_large(name, first_line.trim_end(), limit.1, limit.0));
        }
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
                let line_text = String::from_utf8_lossy(&bytes[line_start..line_end]);
                let line_text = line_text.trim_end_matches('\r');
                let (line_text, line_from) = window(line_text, valid - line_start, pos.column);
                Err(Diagnostic {
                    file: name,
                    pos,
                    problem: Problem::NotUtf8 { byte: bytes[valid] },
                    line_text,
                    line_from,
                    related: Vec::new(),
                })
            }
        }
    }

    /// A document in `encoding`, whose bytes (after any byte order mark) are `bytes`.
    fn decoded(
        name: String,
        bytes: &[u8],
        encoding: &'static encoding_rs::Encoding,
    ) -> Result<Source, Diagnostic> {
        if bytes.len() > MAX_DOCUMENT_BYTES {
            // Its first line is no text until it is decoded.
            return Err(too_large(name, "", "this document", MAX_DOCUMENT_BYTES));
        }
        let mut decoder = encoding.new_decoder_without_bom_handling();
        let mut text = String::with_capacity(
            decoder
                .max_utf8_buffer_length_without_replacement(bytes.len())
                .unwrap_or(bytes.len()),
        );
        let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
        match result {
            encoding_rs::DecoderResult::InputEmpty => Ok(Source::new(name, &text)),
            // The text so far is where the bytes stop being text.
            _ => {
                let at = text.len();
                let source = Source::new(name, &text);
                Err(source.error(
                    source.pos_at(at),
                    Problem::NotInEncoding {
                        encoding: encoding.name(),
                        byte: bytes.get(read.saturating_sub(1)).copied().unwrap_or(0),
                    },
                ))
            }
        }
    }

    /// A document from its text.
    pub fn new(name: impl Into<String>, text: &str) -> Source {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let ascii = text.is_ascii();
        let mut char_marks = vec![(0, 0)];
        if !ascii {
            let mut next = MARK_EVERY;
            for (chars, (byte, _)) in text.char_indices().enumerate() {
                if byte >= next {
                    char_marks.push((byte, chars));
                    next = byte + MARK_EVERY;
                }
            }
        }
        Source {
            name: name.into(),
            id: SourceId(0),
            text: text.to_owned(),
            sample_text: text.replace('\u{a0}', "  "),
            line_starts,
            char_marks,
            ascii,
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
        self.each_line().collect()
    }

    /// Every line, one after another, without collecting them.
    pub fn each_line(&self) -> impl Iterator<Item = Line<'_>> {
        (0..self.line_starts.len()).map(|index| {
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
        let column = self.chars_before(offset) - self.chars_before(self.line_starts[index]) + 1;
        Pos::in_source(self.id, index as u32 + 1, column as u32)
    }

    /// The characters before byte `offset` (a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        if self.ascii {
            return offset;
        }
        let mark = self.char_marks.partition_point(|&(byte, _)| byte <= offset) - 1;
        let (byte, chars) = self.char_marks[mark];
        chars + self.text[byte..offset].chars().count()
    }

    /// The text `expected` where it stands in the document, `skip` characters after `pos`
    /// (a JSON member's name after its quote): the document's own slice of it, or `None`
    /// where the document says something else there (an escape).
    pub fn text_at(&self, pos: Pos, skip: u32, expected: &str) -> Option<&str> {
        let index = (pos.line as usize).checked_sub(1)?;
        let line_start = *self.line_starts.get(index)?;
        let line = self.raw_line(index);
        let start = self.byte_of_column(line_start, line, pos.column + skip);
        self.text
            .get(start..start + expected.len())
            .filter(|text| *text == expected)
    }

    /// The byte offset of column `column` (from 1) of the line that starts at `line_start`,
    /// or the line's end when the line is shorter.
    fn byte_of_column(&self, line_start: usize, line: &str, column: u32) -> usize {
        let line_end = line_start + line.len();
        if self.ascii {
            return (line_start + column.saturating_sub(1) as usize).min(line_end);
        }
        let wanted = self.chars_before(line_start) + column.saturating_sub(1) as usize;
        let mark = self
            .char_marks
            .partition_point(|&(_, chars)| chars <= wanted)
            - 1;
        let byte = self.char_marks[mark].0.max(line_start);
        let skip = wanted.saturating_sub(self.chars_before(byte));
        self.text[byte..line_end]
            .char_indices()
            .nth(skip)
            .map_or(line_end, |(i, _)| byte + i)
    }

    /// The line `pos` stands on, as a diagnostic shows it, and the column it starts at.
    fn shown_line(&self, pos: Pos) -> (String, u32) {
        let line = self.line_text(pos.line);
        let Some(&line_start) = (pos.line as usize)
            .checked_sub(1)
            .and_then(|index| self.line_starts.get(index))
        else {
            return (String::new(), 1);
        };
        if line.len() <= WINDOW_BEFORE + WINDOW_AFTER {
            return (line.to_owned(), 1);
        }
        let at = self.byte_of_column(line_start, line, pos.column) - line_start;
        window(line, at, pos.column)
    }

    /// That nothing but white space stands between byte `end` of the sample text and byte
    /// `to`, where a page's line ends before the document's (a line a copy collapsed).
    pub fn expect_blank(&self, end: usize, to: usize, what: &str) -> Result<(), Diagnostic> {
        let rest = self.sample_text().get(end..to).unwrap_or("");
        if rest.trim().is_empty() {
            return Ok(());
        }
        Err(self.error(
            self.pos_at(end),
            Problem::Expected {
                expected: format!("the end of the line after {what}"),
                found: rest.trim().to_owned(),
            },
        ))
    }

    /// [`Source::expect_line_end_after`], or where a page's line ends at `part_end` before
    /// the document's, that nothing but white space stands before it.
    pub fn expect_sample_end(
        &self,
        end: usize,
        part_end: Option<usize>,
        what: &str,
    ) -> Result<(), Diagnostic> {
        match part_end.filter(|&to| to >= end) {
            Some(to) => self.expect_blank(end, to, what),
            None => self.expect_line_end_after(end, what),
        }
    }

    /// Checks that a sample ending at byte `end` of the sample text ends its line too: text
    /// after it on the same line means the sample was cut or joined with something else.
    /// `what` names the sample (`the JSON sample`).
    pub fn expect_line_end_after(&self, end: usize, what: &str) -> Result<(), Diagnostic> {
        let rest_of_line = self.sample_text()[end..].split('\n').next().unwrap_or("");
        self.expect_blank(end, end + rest_of_line.len(), what)
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
        let (line_text, line_from) = self.shown_line(pos);
        Diagnostic {
            file: self.name.clone(),
            pos,
            problem,
            line_text,
            line_from,
            related: related.into_iter().collect(),
        }
    }

    /// The place `pos` of this document, for another document's diagnostic.
    pub fn related(&self, pos: Pos, note: &'static str) -> Related {
        let (line_text, line_from) = self.shown_line(pos);
        Related {
            file: self.name.clone(),
            pos,
            line_text,
            line_from,
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

    /// The part of the line's text from byte `from` to byte `to` (char boundaries), trimmed,
    /// as a line of its own at its place; `None` where that part is blank.
    pub fn part(&self, from: usize, to: usize) -> Option<Line<'a>> {
        let raw = self.text.get(from..to)?;
        let text = raw.trim();
        if text.is_empty() {
            return None;
        }
        let lead = from + (raw.len() - raw.trim_start().len());
        Some(Line {
            text_start: self.text_start + lead,
            indent: self.indent + self.text[..lead].chars().count() as u32,
            text,
            ..*self
        })
    }

    /// Whether the line has no text.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

#[cfg(test)]
mod long_line_tests {
    use super::*;

    #[test]
    fn positions_count_characters_on_long_lines_of_any_script() {
        let line: String = "a\u{e9}\u{65e5}x".repeat(3000);
        let text = format!("first\n{line}\nlast");
        let source = Source::new("t", &text);
        for chars in [0, 1, 2, 1023, 1024, 1025, 5000, 11_999] {
            let byte = 6 + line.char_indices().nth(chars).unwrap().0;
            assert_eq!(
                source.pos_at(byte),
                Pos::new(2, chars as u32 + 1),
                "{chars}"
            );
        }
        assert_eq!(source.pos_at(text.len()), Pos::new(3, 5));
    }

    #[test]
    fn a_long_line_is_shown_around_the_position_with_the_caret_under_it() {
        // Characters of two bytes, and ASCII alone, which takes a path of its own.
        for lead in ["\u{e9}", "a"] {
            let line = format!("{}<bad>{}", lead.repeat(5000), "z".repeat(5000));
            let source = Source::new("t", &format!("x\n{line}"));
            let at = 2 + line.find("<bad>").unwrap();
            let pos = source.pos_at(at);
            assert_eq!(pos, Pos::new(2, 5001), "{lead}");
            let diagnostic = source.error(pos, Problem::EmptyDocument);
            let text = &diagnostic.line_text;
            assert!(text.len() < 1000, "{}", text.len());
            assert!(text.starts_with('…') && text.ends_with('…'));
            let shown = diagnostic.to_string();
            let lines: Vec<&str> = shown.lines().collect();
            let caret = lines[3].chars().position(|c| c == '^').unwrap();
            assert_eq!(lines[2].chars().nth(caret), Some('<'), "{shown}");
        }
    }
}
