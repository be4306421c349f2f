//! A page as a list of its non-blank lines, so that no reader depends on blank lines or indentation.

pub(super) mod http_message;
pub(super) mod json_sample;
pub(super) mod placeholder;
pub(super) mod soap_sample;
pub(super) mod table;
pub(super) mod xml_sample;
pub(super) mod xml_shape;

use crate::diagnostic::{Diagnostic, Problem};
use crate::model::{Doc, Pos};
use crate::source::{Line, Source};

/// The non-blank lines of a document, trimmed.
pub struct Page<'s> {
    /// The document.
    pub source: &'s Source,
    /// Its non-blank lines, in order.
    pub lines: Vec<Line<'s>>,
}

impl<'s> Page<'s> {
    /// The page of a document.
    pub fn new(source: &'s Source) -> Self {
        let lines = source.each_line().filter(|l| !l.is_blank()).collect();
        Page { source, lines }
    }

    /// The page with lines split at the byte offsets `split` gives for each line's text,
    /// each part a line of its own at its place: for what a copy glued into one line
    /// (`booleanResponse Formats`, a sample's line ends collapsed to spaces).
    pub fn split_lines(self, split: impl Fn(&str) -> Vec<usize>) -> Self {
        let mut lines = Vec::with_capacity(self.lines.len());
        for line in self.lines {
            let at = split(line.text);
            if at.is_empty() {
                lines.push(line);
                continue;
            }
            for (from, to) in spans(at, line.text.len()) {
                lines.extend(line.part(from, to));
            }
        }
        Page {
            source: self.source,
            lines,
        }
    }

    /// The text of line `index`, or `""` past the end.
    pub fn text(&self, index: usize) -> &'s str {
        self.lines.get(index).map_or("", |line| line.text)
    }

    /// The first line at or after `from` whose text satisfies `pred`.
    pub fn find(&self, from: usize, pred: impl Fn(&str) -> bool) -> Option<usize> {
        (from..self.lines.len()).find(|&i| pred(self.lines[i].text))
    }

    /// The first line at or after `from` whose text is exactly `text`.
    pub fn find_text(&self, from: usize, text: &str) -> Option<usize> {
        self.find(from, |t| t == text)
    }

    /// The end (a byte offset of the document) of the page's line that text ending at byte
    /// `end` stands on, where that line is a part of the document's (see
    /// [`Page::split_lines`]): `None` where it ends with the document's line.
    pub fn part_end(&self, end: usize) -> Option<usize> {
        let index = self.lines.partition_point(|line| line.text_start < end);
        let line = self.lines.get(index.checked_sub(1)?)?;
        let next = self.lines.get(index)?;
        (next.number == line.number).then_some(line.text_start + line.text.len())
    }

    /// The index of the first line that starts at or after byte `offset` of the document.
    pub fn index_after(&self, offset: usize) -> usize {
        self.lines.partition_point(|line| line.text_start < offset)
    }

    /// Where line `index` starts, or the end of the page past the last line.
    pub fn pos(&self, index: usize) -> Pos {
        match self.lines.get(index) {
            Some(line) => line.pos(),
            None => self.end_pos(),
        }
    }

    /// The position just after the last character of the page.
    pub fn end_pos(&self) -> Pos {
        self.source.pos_at(self.source.text().len())
    }

    /// A diagnostic at `pos`.
    pub fn error(&self, pos: Pos, problem: Problem) -> Diagnostic {
        self.source.error(pos, problem)
    }

    /// "Expected X" at line `index`, naming what stands there; at the end of the page, that
    /// the page was cut short.
    pub fn expected(&self, index: usize, expected: impl Into<String>) -> Diagnostic {
        let expected = expected.into();
        match self.lines.get(index) {
            Some(line) => self.error(
                line.pos(),
                Problem::Expected {
                    expected,
                    found: line.text.to_owned(),
                },
            ),
            None => self.error(self.end_pos(), Problem::CutShort { expected }),
        }
    }

    /// One documentation paragraph per line in `from..to`.
    pub fn docs(&self, from: usize, to: usize) -> Vec<Doc> {
        (from..to.min(self.lines.len()))
            .map(|i| doc_of(&self.lines[i]))
            .collect()
    }
}

/// The spans of a text of `len` bytes between the offsets `at` (in any order, repeated or
/// at the ends): where [`Page::split_lines`] cuts a line.
fn spans(mut at: Vec<usize>, len: usize) -> impl Iterator<Item = (usize, usize)> {
    at.retain(|&offset| offset > 0 && offset < len);
    at.sort_unstable();
    at.dedup();
    let starts = std::iter::once(0).chain(at.clone());
    starts.zip(at.into_iter().chain([len]))
}

/// The parts, trimmed, that [`Page::split_lines`] would cut `text` into at `at`: for the
/// tests of the functions that say where.
#[cfg(test)]
pub fn parts_at(text: &str, at: Vec<usize>) -> Vec<&str> {
    spans(at, text.len())
        .map(|(from, to)| text[from..to].trim())
        .collect()
}

/// A documentation paragraph from one line, without a leading list bullet.
pub fn doc_of(line: &Line<'_>) -> Doc {
    let (text, offset) = strip_bullet(line.text);
    Doc {
        text: text.to_owned(),
        pos: line.pos_in(offset),
    }
}

/// The text without a leading list bullet (`•`, `-`, `*`), and the byte offset where it starts.
pub fn strip_bullet(text: &str) -> (&str, usize) {
    for bullet in ['•', '-', '*', '·', '◦', '▪'] {
        if let Some(rest) = text.strip_prefix(bullet)
            && rest.starts_with(char::is_whitespace)
        {
            let trimmed = rest.trim_start();
            return (trimmed, text.len() - trimmed.len());
        }
    }
    (text, 0)
}
