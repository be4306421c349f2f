//! An XML document of a folder (a WSDL, an XSD): parsed with positions in its file, with the
//! qualified names that its attribute values hold resolved where they stand.
//!
//! Real files carry a byte order mark, CRLF line ends, or white space before `<?xml`; the
//! first two `Source` takes care of, the last is skipped here, and positions stay those of
//! the file.

use roxmltree::{Document, Node};

use crate::diagnostic::{Diagnostic, Problem};
use crate::model::{Pos, QName};
use crate::read::page::xml_sample::{ExtentError, extent, parser_error};
use crate::source::Source;

/// The largest document read, in bytes: far beyond any real WSDL (xWeb's, with 980 types,
/// is 3.75 MB), and small enough to bound what a hostile one costs.
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024 * 1024;

/// A parsed XML document.
pub struct XmlDocument<'s> {
    /// The file.
    pub source: &'s Source,
    /// The tree.
    pub doc: Document<'s>,
    /// Bytes of the file before the parsed text (white space before the declaration).
    offset: usize,
}

/// The text of the file from its first non-blank character, and how many bytes precede it.
fn start_of(text: &str) -> (&str, usize) {
    let trimmed = text.trim_start();
    (trimmed, text.len() - trimmed.len())
}

/// The root element's namespace and local name, read off the first start tag without a
/// parse: enough to tell a WSDL or a schema from anything else.
pub fn root_name(source: &Source) -> Option<(String, String)> {
    let (text, _) = start_of(source.text());
    let mut rest = text;
    // Step over the declaration, comments, processing instructions and a doctype.
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<?") {
            rest = &after[after.find("?>")? + 2..];
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = &after[after.find("-->")? + 3..];
        } else if let Some(after) = rest.strip_prefix("<!") {
            // A doctype's internal subset holds declarations, each with a `>` of its own.
            let end = match (after.find('['), after.find('>')) {
                (Some(open), Some(close)) if open < close => {
                    let subset_end = open + after[open..].find(']')?;
                    subset_end + after[subset_end..].find('>')?
                }
                (_, close) => close?,
            };
            rest = &after[end + 1..];
        } else {
            break;
        }
    }
    let tag = rest.strip_prefix('<')?;
    let end = tag.find('>')?;
    let tag = &tag[..end];
    let name_end = tag
        .find(|c: char| c.is_whitespace() || c == '/')
        .unwrap_or(tag.len());
    let (prefix, local) = match tag[..name_end].split_once(':') {
        Some((prefix, local)) => (Some(prefix), local),
        None => (None, &tag[..name_end]),
    };
    let declaration = match prefix {
        Some(prefix) => format!("xmlns:{prefix}="),
        None => "xmlns=".to_owned(),
    };
    let at = tag.find(&declaration)? + declaration.len();
    let quoted = &tag[at..];
    let quote = quoted.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &quoted[1..];
    let namespace = &value[..value.find(quote)?];
    Some((namespace.to_owned(), local.to_owned()))
}

impl<'s> XmlDocument<'s> {
    /// Parses a file, refusing a DTD (and with it entity expansion) and anything larger
    /// than [`MAX_DOCUMENT_BYTES`].
    pub fn parse(source: &'s Source) -> Result<Self, Diagnostic> {
        let (text, offset) = start_of(source.text());
        if source.text().len() > MAX_DOCUMENT_BYTES {
            return Err(source.error(
                Pos::in_source(source.id(), 1, 1),
                Problem::TooLarge {
                    what: "the document".into(),
                    limit: format!("{MAX_DOCUMENT_BYTES} bytes"),
                },
            ));
        }
        let options = roxmltree::ParsingOptions {
            allow_dtd: false,
            ..roxmltree::ParsingOptions::default()
        };
        match Document::parse_with_options(text, options) {
            Ok(doc) => Ok(XmlDocument {
                source,
                doc,
                offset,
            }),
            Err(error) => Err(syntax_error(source, text, offset, &error)),
        }
    }

    /// Where a node starts in the file.
    pub fn pos(&self, node: Node<'_, '_>) -> Pos {
        self.source.pos_at(self.offset + node.range().start)
    }

    /// Where an attribute of a node stands in the file, or the node where it has none.
    pub fn attr_pos(&self, node: Node<'_, '_>, name: &str) -> Pos {
        match node.attribute_node(name) {
            Some(attr) => self.source.pos_at(self.offset + attr.range_value().start),
            None => self.pos(node),
        }
    }

    /// Where the text of a node starts in the file (its start tag when it has none).
    pub fn text_pos(&self, node: Node<'_, '_>) -> Pos {
        match node.first_child().filter(Node::is_text) {
            Some(text) => {
                let raw = text.text().unwrap_or("");
                let lead = raw.len() - raw.trim_start().len();
                self.source.pos_at(self.offset + text.range().start + lead)
            }
            None => self.pos(node),
        }
    }

    /// A diagnostic about `node`'s attribute `attr` (or the node, where it has none).
    pub fn error_at(&self, node: Node<'_, '_>, attr: &str, problem: Problem) -> Diagnostic {
        self.source.error(self.attr_pos(node, attr), problem)
    }

    /// The qualified name an attribute value holds (`tns:Address`), its prefix resolved
    /// where it stands; a name without prefix is in the default namespace, as XSD resolves
    /// QName values. `Ok(None)` when the node has no such attribute.
    pub fn qname(&self, node: Node<'_, '_>, attr: &str) -> Result<Option<QName>, Diagnostic> {
        let Some(value) = node.attribute(attr) else {
            return Ok(None);
        };
        self.resolve_qname(node, attr, value).map(Some)
    }

    /// A qualified name written in `value` (taken from `node`'s attribute `attr`, or part
    /// of it), its prefix resolved where `node` stands.
    pub fn resolve_qname(
        &self,
        node: Node<'_, '_>,
        attr: &str,
        value: &str,
    ) -> Result<QName, Diagnostic> {
        let value = value.trim();
        let (prefix, local) = match value.split_once(':') {
            Some((prefix, local)) => (Some(prefix), local),
            None => (None, value),
        };
        if local.is_empty() || local.contains(':') {
            return Err(self.error_at(
                node,
                attr,
                Problem::BadValue {
                    expected: "a qualified name such as `tns:Name`".into(),
                    found: value.to_owned(),
                },
            ));
        }
        let namespace = match prefix {
            Some("xml") => Some("http://www.w3.org/XML/1998/namespace"),
            _ => node.lookup_namespace_uri(prefix),
        };
        match (namespace, prefix) {
            (Some(namespace), _) => Ok(QName::new(namespace, local)),
            (None, None) => Ok(QName::new("", local)),
            (None, Some(prefix)) => Err(self.error_at(
                node,
                attr,
                Problem::UnboundPrefix {
                    prefix: prefix.to_owned(),
                    value: value.to_owned(),
                },
            )),
        }
    }
}

/// The diagnostic for a file the parser refuses: a truncated file names the element left
/// open, other errors say what the parser says, where it says it.
fn syntax_error(
    source: &Source,
    text: &str,
    offset: usize,
    error: &roxmltree::Error,
) -> Diagnostic {
    if matches!(
        error,
        roxmltree::Error::UnclosedRootNode | roxmltree::Error::UnexpectedEndOfStream
    ) && let Err(ExtentError::Truncated { element, opened }) = extent(text, 0)
    {
        return source.error(
            source.pos_at(source.text().trim_end().len()),
            Problem::TruncatedDocument {
                element: element.to_owned(),
                opened: source.pos_at(offset + opened),
            },
        );
    }
    if matches!(error, roxmltree::Error::DtdDetected) {
        let at = text.find("<!DOCTYPE").unwrap_or(0);
        return source.error(
            source.pos_at(offset + at),
            Problem::Unsupported {
                what: "a DTD (`<!DOCTYPE …>`)".into(),
                hint: "documents without one, since a DTD's entities can make a small file \
                       expand without bound: remove the declaration"
                    .into(),
            },
        );
    }
    let (pos, message) = parser_error(source, offset, error);
    source.error(pos, Problem::XmlDocumentSyntax { message })
}

/// The element children of a node.
pub fn children<'a, 'input>(node: Node<'a, 'input>) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children().filter(Node::is_element)
}

/// Whether a node is the element `local` in namespace `ns`.
pub fn is(node: Node<'_, '_>, ns: &str, local: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == local
        && node.tag_name().namespace().unwrap_or("") == ns
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_read_off_the_first_start_tag() {
        let wsdl = Source::new(
            "a.wsdl",
            "\n\u{20}<?xml version=\"1.0\"?>\n<!-- c -->\n<wsdl:definitions xmlns:wsdl='http://schemas.xmlsoap.org/wsdl/' name='x'>",
        );
        assert_eq!(
            root_name(&wsdl),
            Some((
                "http://schemas.xmlsoap.org/wsdl/".to_owned(),
                "definitions".to_owned()
            ))
        );
        let plain = Source::new(
            "b.xsd",
            "<schema xmlns=\"http://www.w3.org/2001/XMLSchema\">",
        );
        assert_eq!(
            root_name(&plain).map(|(_, local)| local),
            Some("schema".to_owned())
        );
        assert_eq!(root_name(&Source::new("c.txt", "Authentication\n")), None);
    }

    #[test]
    fn white_space_before_the_declaration_is_skipped_and_positions_kept() {
        let source = Source::new(
            "a.wsdl",
            "\r\n\r\n<?xml version=\"1.0\"?>\r\n<a>\r\n  <b/>\r\n</a>",
        );
        let doc = XmlDocument::parse(&source).expect("parses");
        let b = doc.doc.root_element().first_element_child().expect("b");
        assert_eq!(doc.pos(b), Pos::new(5, 3));
    }

    #[test]
    fn a_truncated_document_names_the_open_element() {
        let source = Source::new("a.wsdl", "<a>\n  <b>\n    <c/>\n");
        let error = XmlDocument::parse(&source).err().expect("refused");
        assert_eq!(
            error.problem,
            Problem::TruncatedDocument {
                element: "b".into(),
                opened: Pos::new(2, 3)
            }
        );
    }
}
