//! XML samples on a page: where one ends, and its parsed tree with positions on the page.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use roxmltree::{Node, NodeId};

use crate::diagnostic::{Diagnostic, Problem};
use crate::model::Pos;
use crate::source::Source;

/// A parsed XML sample, and where it stands in its document.
pub struct XmlSample<'s> {
    /// The parsed tree.
    pub doc: roxmltree::Document<'s>,
    /// Byte offset of the sample in the document.
    offset: usize,
    source: &'s Source,
    /// In a SOAP-encoded sample, the value each reference (`href="#id1"`) refers to, and the
    /// values referred to.
    references: OnceCell<(HashMap<NodeId, NodeId>, HashSet<NodeId>)>,
}

impl<'s> XmlSample<'s> {
    /// Parses the sample that starts at byte `offset` of `source` (at a `<`), and returns it
    /// with the byte offset just after it. The sample ends where its root element closes.
    pub fn parse(source: &'s Source, offset: usize) -> Result<(Self, usize), Diagnostic> {
        Self::parse_within(source, offset, &|_| None)
    }

    /// [`XmlSample::parse`], where a page's line may end before the document's does (a line
    /// a copy collapsed, read as several): `line_end` gives the end of the page's line that
    /// an offset stands on, and only that line must end after the sample.
    pub fn parse_within(
        source: &'s Source,
        offset: usize,
        line_end: &dyn Fn(usize) -> Option<usize>,
    ) -> Result<(Self, usize), Diagnostic> {
        let text = source.sample_text();
        let end = extent(text, offset).map_err(|error| {
            let (at, problem) = match error {
                ExtentError::Truncated { element, opened } => (
                    text.trim_end().len(),
                    Problem::TruncatedXml {
                        element: element.to_owned(),
                        opened: source.pos_at(opened),
                    },
                ),
                ExtentError::Mismatched {
                    element,
                    opened,
                    found,
                    at,
                } => (
                    at,
                    Problem::UnclosedElement {
                        element: element.to_owned(),
                        opened: source.pos_at(opened),
                        found: found.to_owned(),
                    },
                ),
                ExtentError::Stray { found, at } => (
                    at,
                    Problem::StrayEndTag {
                        found: found.to_owned(),
                    },
                ),
                ExtentError::TooDeep { at } => (at, too_deep()),
            };
            source.error(source.pos_at(at), problem)
        })?;
        source.expect_sample_end(end, line_end(end), "the XML sample")?;
        let options = roxmltree::ParsingOptions {
            allow_dtd: false,
            ..Default::default()
        };
        match roxmltree::Document::parse_with_options(&text[offset..end], options) {
            Ok(doc) => Ok((
                XmlSample {
                    doc,
                    offset,
                    source,
                    references: OnceCell::new(),
                },
                end,
            )),
            Err(error) => {
                let (pos, message) = parser_error(source, offset, &error);
                Err(source.error(pos, Problem::XmlSyntax { message }))
            }
        }
    }

    /// Says which value each reference refers to (a SOAP-encoded sample's, found once).
    pub fn set_references(&self, references: HashMap<NodeId, NodeId>) {
        let values = references.values().copied().collect();
        let _ = self.references.set((references, values));
    }

    /// Whether `node` is a value that a reference refers to (whose `id` is no data).
    pub fn is_referred_to(&self, node: Node<'_, '_>) -> bool {
        self.references
            .get()
            .is_some_and(|(_, values)| values.contains(&node.id()))
    }

    /// The element that holds the value of `node`: the value it refers to, if it is a
    /// reference, else itself.
    pub fn value_of<'a>(&'a self, node: Node<'a, 's>) -> Node<'a, 's> {
        self.references
            .get()
            .and_then(|(references, _)| references.get(&node.id()))
            .and_then(|id| self.doc.get_node(*id))
            .unwrap_or(node)
    }

    /// Where a node starts on the page.
    pub fn pos(&self, node: roxmltree::Node<'_, '_>) -> Pos {
        self.source.pos_at(self.offset + node.range().start)
    }

    /// Where an attribute starts on the page.
    pub fn attr_pos(&self, attr: &roxmltree::Attribute<'_, '_>) -> Pos {
        self.source.pos_at(self.offset + attr.range().start)
    }

    /// Where the byte at `offset` of the sample stands on the page.
    pub fn offset_pos(&self, offset: usize) -> Pos {
        self.source.pos_at(self.offset + offset)
    }

    /// Where the text content of an element starts on the page (its start tag when it has none).
    pub fn text_pos(&self, node: roxmltree::Node<'_, '_>) -> Pos {
        match node.first_child().filter(|c| c.is_text()) {
            Some(text) => {
                let raw = text.text().unwrap_or("");
                let lead = raw.len() - raw.trim_start().len();
                self.source.pos_at(self.offset + text.range().start + lead)
            }
            None => self.pos(node),
        }
    }

    /// The sample as it stands on the page.
    pub fn text(&self) -> &'s str {
        self.doc.input_text()
    }
}

/// Where in the document the parser's complaint about XML starting at byte `offset` stands
/// (roxmltree counts rows and columns from the start of what it parsed), and what it says,
/// without the position it appends.
pub(crate) fn parser_error(
    source: &Source,
    offset: usize,
    error: &roxmltree::Error,
) -> (Pos, String) {
    let at = error.pos();
    let start = source.pos_at(offset);
    let pos = if at.row <= 1 {
        start.right(at.col.saturating_sub(1))
    } else {
        Pos {
            line: start.line + at.row - 1,
            column: at.col,
            ..start
        }
    };
    let message = error.to_string();
    let message = match message.rsplit_once(" at ") {
        Some((head, tail)) if tail == at.to_string() => head.to_owned(),
        _ => message,
    };
    (pos, message)
}

/// Why a sample has no end, with byte offsets into the text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ExtentError<'t> {
    /// The text ends with `element`, opened at `opened`, still open.
    Truncated { element: &'t str, opened: usize },
    /// The end tag `found` at `at` closes another element than the open `element`.
    Mismatched {
        element: &'t str,
        opened: usize,
        found: &'t str,
        at: usize,
    },
    /// The end tag `found` at `at` closes nothing.
    Stray { found: &'t str, at: usize },
    /// The element whose start tag is at `at` nests deeper than [`MAX_SAMPLE_DEPTH`].
    TooDeep { at: usize },
}

/// The deepest a sample on a page may nest, in elements or JSON arrays and objects: real
/// messages nest a handful of levels, and the readers walk samples level by level.
pub const MAX_SAMPLE_DEPTH: usize = 64;

/// The problem of a sample nested past [`MAX_SAMPLE_DEPTH`].
pub(crate) fn too_deep() -> Problem {
    Problem::TooLarge {
        what: "the nesting of this sample".to_owned(),
        limit: format!("{MAX_SAMPLE_DEPTH} levels"),
    }
}

/// Finds where the XML that starts at `start` ends: just after the end tag of its root element.
///
/// This is a scan of tags, not a parse: it keeps the names of open elements so that a
/// truncated or mismatched sample is reported with the element at fault, and it leaves the
/// full check to the parser.
pub(crate) fn extent<'t>(text: &'t str, start: usize) -> Result<usize, ExtentError<'t>> {
    let bytes = text.as_bytes();
    let mut open: Vec<(&'t str, usize)> = Vec::new();
    let mut i = start;
    let truncated = |open: &[(&'t str, usize)]| {
        let (element, opened) = open.last().copied().unwrap_or(("?", start));
        ExtentError::Truncated { element, opened }
    };
    loop {
        let Some(lt) = text[i..].find('<').map(|p| i + p) else {
            return Err(truncated(&open));
        };
        let rest = &text[lt..];
        let skip_to = |close: &str| rest.find(close).map(|p| lt + p + close.len());
        let after = if rest.starts_with("<?") {
            skip_to("?>")
        } else if rest.starts_with("<!--") {
            skip_to("-->")
        } else if rest.starts_with("<![CDATA[") {
            skip_to("]]>")
        } else if rest.starts_with("<!") {
            skip_to(">")
        } else if let Some(tail) = rest.strip_prefix("</") {
            let name_len = tail
                .find(|c: char| c.is_whitespace() || c == '>')
                .unwrap_or(tail.len());
            let name = &tail[..name_len];
            let Some(gt) = skip_to(">") else {
                return Err(truncated(&open));
            };
            match open.pop() {
                None => {
                    return Err(ExtentError::Stray {
                        found: name,
                        at: lt,
                    });
                }
                Some((element, opened)) if element != name => {
                    return Err(ExtentError::Mismatched {
                        element,
                        opened,
                        found: name,
                        at: lt,
                    });
                }
                Some(_) if open.is_empty() => return Ok(gt),
                Some(_) => Some(gt),
            }
        } else {
            let tail = &rest[1..];
            let name_len = tail
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(tail.len());
            if name_len == 0 {
                // A lone `<` is not markup; the parser will say what is wrong with it.
                Some(lt + 1)
            } else {
                let name = &tail[..name_len];
                // Find the end of the start tag, stepping over quoted attribute values.
                let mut quote = None;
                let mut end = None;
                for (k, &b) in bytes[lt + 1 + name_len..].iter().enumerate() {
                    let at = lt + 1 + name_len + k;
                    match (quote, b) {
                        (Some(q), _) if b == q => quote = None,
                        (Some(_), _) => {}
                        (None, b'"' | b'\'') => quote = Some(b),
                        (None, b'>') => {
                            end = Some(at);
                            break;
                        }
                        _ => {}
                    }
                }
                let Some(gt) = end else {
                    open.push((name, lt));
                    return Err(truncated(&open));
                };
                if bytes[gt - 1] == b'/' {
                    if open.is_empty() {
                        return Ok(gt + 1);
                    }
                } else {
                    open.push((name, lt));
                    if open.len() > MAX_SAMPLE_DEPTH {
                        return Err(ExtentError::TooDeep { at: lt });
                    }
                }
                Some(gt + 1)
            }
        };
        match after {
            Some(next) => i = next,
            None => return Err(truncated(&open)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extent_ends_where_the_root_closes() {
        let text = "<a x='>'><b/><c>t</c></a>\nHTTP/1.1 200 OK";
        assert_eq!(extent(text, 0), Ok(text.find('\n').unwrap()));
    }

    #[test]
    fn extent_steps_over_the_declaration_and_comments() {
        let text = "<?xml version=\"1.0\"?>\n<!-- <x> -->\n<r/>tail";
        assert_eq!(extent(text, 0), Ok(text.find("tail").unwrap()));
    }

    #[test]
    fn a_truncated_sample_names_the_innermost_open_element() {
        let text = "<a>\n  <b>\n    <c>x</c>";
        assert_eq!(
            extent(text, 0),
            Err(ExtentError::Truncated {
                element: "b",
                opened: text.find("<b>").unwrap()
            })
        );
    }

    #[test]
    fn a_mismatched_end_tag_names_the_unclosed_element() {
        let text = "<a>\n<b>x</a>";
        assert_eq!(
            extent(text, 0),
            Err(ExtentError::Mismatched {
                element: "b",
                opened: text.find("<b>").unwrap(),
                found: "a",
                at: text.find("</a>").unwrap()
            })
        );
    }

    #[test]
    fn an_end_tag_with_nothing_open_is_stray() {
        assert_eq!(
            extent("</a>", 0),
            Err(ExtentError::Stray { found: "a", at: 0 })
        );
    }
}
